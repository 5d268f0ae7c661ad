// One section of the settings screen: a titled card with a short explanation.
import { Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function SettingsCard({ icon, title, description, children, testId }: { icon: ReactNode; title: ReactNode; description?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" p="lg" h="100%" data-testid={testId} component="section">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" size={40} radius="md">
            {icon}
          </ThemeIcon>
          <div>
            <Title order={2} size="h3">
              {title}
            </Title>
            {description ? (
              <Text c="dimmed" fz="sm" mt={2}>
                {description}
              </Text>
            ) : null}
          </div>
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

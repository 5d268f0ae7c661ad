// Loading, empty and error states: every screen and panel uses these, so they look alike.
import { Alert, Button, Center, EmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function LoadingState({ label, minHeight = 160 }: { label?: string; minHeight?: number }) {
  const { t } = useTranslation();
  return (
    <Center mih={minHeight} role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label ?? t('common.loading')}</Text>
      </Group>
    </Center>
  );
}

export function EmptyView({
  title,
  description,
  icon,
  action,
  size = 'md',
}: {
  title: ReactNode;
  description?: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
  size?: 'sm' | 'md' | 'lg';
}) {
  return (
    <EmptyState size={size} title={title} description={description} icon={icon ?? <IconInbox />} py="xl" data-testid="empty-state">
      {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
    </EmptyState>
  );
}

export function ErrorView({ title, message, onRetry }: { title?: ReactNode; message: ReactNode; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={title ?? t('common.errorTitle')} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text>{message}</Text>
        {onRetry ? (
          <Button variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

// What will happen to this order by itself, and when.
import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TimerCountdown } from '../ui/TimerCountdown';
import { formatDateTime, useLocale } from '../ui/time';
import type { OrderData } from './useOrderData';

export function PendingTimers({ data }: { data: OrderData }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const pending = data.timers.filter((tm) => tm.status === 'pending');
  return (
    <Card withBorder radius="md" p="md" data-testid="pending-timers">
      <Title order={2} size="h3" mb="sm">
        {t('order.timers.title')}
      </Title>
      {pending.length === 0 ? (
        <Text c="dimmed">{t('order.timers.none')}</Text>
      ) : (
        <Stack gap="xs">
          {pending.map((timer) => (
            <Group key={timer.id} justify="space-between" wrap="nowrap" data-testid="pending-timer">
              <TimerCountdown timer={timer} size="lg" />
              <Text fz="sm" c="dimmed" className="tabular">
                {formatDateTime(timer.dueAt, locale)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

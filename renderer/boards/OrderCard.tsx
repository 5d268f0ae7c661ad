// One order on a board: number, buyer, lines, age, next timer, refund badge. Clicking
// (or Enter on the focused card) opens the order.
import { Badge, Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { IconReceiptRefund } from '@tabler/icons-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { TimerCountdown } from '../ui/TimerCountdown';
import { formatDuration, useLocale, useNow } from '../ui/time';
import type { CardData } from './queries';

function Age({ createdAt }: { createdAt: number }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const now = useNow();
  return (
    <Text fz="sm" c="dimmed" className="tabular">
      {t('common.age', { time: formatDuration(Math.max(0, now - createdAt), locale, true) })}
    </Text>
  );
}

/** Every live-query refresh brings new row objects: re-render a card only when what it
 *  shows changed (keep in step with the fields read below). */
function sameCard({ data: a }: { data: CardData }, { data: b }: { data: CardData }): boolean {
  return (
    a.order.id === b.order.id &&
    a.order.number === b.order.number &&
    a.order.createdAt === b.order.createdAt &&
    a.order.buyerName === b.order.buyerName &&
    a.order.buyerId === b.order.buyerId &&
    a.order.lineCount === b.order.lineCount &&
    a.openRefunds === b.openRefunds &&
    a.nextTimer?.id === b.nextTimer?.id &&
    a.nextTimer?.dueAt === b.nextTimer?.dueAt
  );
}

export const OrderCard = memo(function OrderCard({ data }: { data: CardData }) {
  const { t } = useTranslation();
  const { order, nextTimer, openRefunds } = data;
  return (
    <UnstyledButton
      component={Link}
      to={`/orders/${order.id}`}
      display="block"
      w="100%"
      data-testid="order-card"
      data-order-number={order.number}
      aria-label={`${order.number} ${order.buyerName || order.buyerId}`}
    >
      <Paper withBorder radius="md" p="sm" shadow="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={800} ff="monospace" fz="md">
            {order.number}
          </Text>
          <Age createdAt={order.createdAt} />
        </Group>
        <Group justify="space-between" wrap="nowrap" gap="xs" mt={2}>
          <Text fw={600} truncate="end">
            {order.buyerName || order.buyerId}
          </Text>
          <Text fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t('common.lines', { count: order.lineCount })}
          </Text>
        </Group>
        {nextTimer || openRefunds ? (
          // One row, always: the slot height is fixed for the virtualiser; the countdown shrinks.
          <Group gap={6} mt={6} wrap="nowrap">
            {openRefunds ? (
              <Badge color="orange" variant="filled" size="sm" leftSection={<IconReceiptRefund size={14} />} data-testid="refund-badge" style={{ flex: 'none' }}>
                {t('boards.refunds', { count: openRefunds })}
              </Badge>
            ) : null}
            {nextTimer ? <TimerCountdown timer={nextTimer} size="sm" compact miw={0} style={{ flexShrink: 1 }} /> : null}
          </Group>
        ) : null}
      </Paper>
    </UnstyledButton>
  );
}, sameCard);

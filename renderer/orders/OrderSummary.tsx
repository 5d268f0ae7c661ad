// The order's identity at a glance: number, type, state, buyer, address, total, age.
import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RowStateBadge } from '../ui/StateBadge';
import { formatDateTime, formatMoney, useLocale } from '../ui/time';
import { useWorkflowWords } from '../workflow/labels';
import type { OrderData } from './useOrderData';

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

export function OrderSummary({ data }: { data: OrderData }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { locale } = useLocale();
  const { order } = data;
  return (
    <Card withBorder radius="md" p="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm">
          <Title order={1} size="h2" ff="monospace" data-testid="order-number">
            {order.number}
          </Title>
          <Badge variant="outline" size="lg">
            {words.orderType(order.type)}
          </Badge>
        </Group>
        <RowStateBadge family="order" row={order} size="xl" data-testid="order-state" />
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} mt="md" spacing="md">
        <Fact label={t('order.fields.buyer')} testId="order-buyer">
          {order.buyerName || order.buyerId}
          {order.buyerName && order.buyerName !== order.buyerId ? (
            <Text span c="dimmed" fz="sm">
              {' '}
              ({order.buyerId})
            </Text>
          ) : null}
        </Fact>
        <Fact label={t('order.fields.address')}>{order.address || '—'}</Fact>
        <Fact label={t('order.fields.total')}>
          <span className="tabular">{formatMoney(order.total, locale)}</span>
        </Fact>
        <Fact label={t('order.fields.created')}>
          <span className="tabular">{formatDateTime(order.createdAt, locale)}</span>
        </Fact>
      </SimpleGrid>
    </Card>
  );
}

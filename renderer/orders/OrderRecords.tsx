// The order's records in tabs: timeline (default), refund sheets, vouchers, stock reservations.
import { Badge, Card, Table, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StateBadge } from '../ui/StateBadge';
import { EmptyView } from '../ui/states';
import { formatDateTime, formatMoney, useLocale } from '../ui/time';
import { useWorkflowWords } from '../workflow/labels';
import { Timeline } from './Timeline';
import { usePayments } from '../money/PaymentPanel';
import { useMethodName } from '../money/useMoney';
import { standingRows } from '../../shared/payments/ledger';
import { lineNoOf, type OrderData } from './useOrderData';

function TabLabel({ label, count }: { label: string; count?: number }) {
  return (
    <>
      {label}
      {count !== undefined ? (
        <Badge ml={8} size="sm" variant="default" className="tabular">
          {count}
        </Badge>
      ) : null}
    </>
  );
}

export function OrderRecords({ data }: { data: OrderData }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { locale } = useLocale();
  // Each order opens on its timeline. The page stays mounted from one order to the next, so
  // the tab is reset when the order changes (during render: no frame shows the old tab).
  const [tab, setTab] = useState<string | null>('timeline');
  // Money given back against each refund sheet (rows still in force).
  const moneyRows = standingRows(usePayments(data.order.id)).filter((r) => r.kind === 'refund' && r.refundId);
  const methodName = useMethodName();
  const [tabOf, setTabOf] = useState(data.order.id);
  if (tabOf !== data.order.id) {
    setTabOf(data.order.id);
    setTab('timeline');
  }
  return (
    <Card withBorder radius="md" p="md">
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="timeline" fz="md" fw={600}>
            {t('order.timeline.title')}
          </Tabs.Tab>
          <Tabs.Tab value="refunds" fz="md" fw={600}>
            <TabLabel label={t('order.refunds.title')} count={data.refunds.length} />
          </Tabs.Tab>
          <Tabs.Tab value="vouchers" fz="md" fw={600}>
            <TabLabel label={t('order.vouchers.title')} count={data.vouchers.length} />
          </Tabs.Tab>
          <Tabs.Tab value="stock" fz="md" fw={600}>
            <TabLabel label={t('order.reservations.title')} count={data.reservations.length} />
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="timeline">
          <Timeline data={data} />
        </Tabs.Panel>

        <Tabs.Panel value="refunds">
          {data.refunds.length === 0 ? (
            <EmptyView size="sm" title={t('order.refunds.none')} />
          ) : (
            <Table striped verticalSpacing="xs" data-testid="refund-sheets">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('order.refunds.line')}</Table.Th>
                  <Table.Th>{t('order.refunds.kind')}</Table.Th>
                  <Table.Th>{t('order.refunds.state')}</Table.Th>
                  <Table.Th ta="right">{t('order.refunds.amount')}</Table.Th>
                  <Table.Th>{t('order.refunds.opened')}</Table.Th>
                  <Table.Th>{t('money.refund.moneyBack')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.refunds.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td className="tabular">{lineNoOf(data, r.itemId) ?? '—'}</Table.Td>
                    <Table.Td>{words.refundKind(r.kind)}</Table.Td>
                    <Table.Td>
                      <StateBadge family="refund" state={r.state} size="md" />
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {r.amount === null ? '—' : formatMoney(r.amount, locale)}
                    </Table.Td>
                    <Table.Td className="tabular">{formatDateTime(r.createdAt, locale)}</Table.Td>
                    <Table.Td className="tabular" data-testid="refund-sheet-money-back">
                      {moneyRows
                        .filter((m) => m.refundId === r.id)
                        .map((m) => `${formatMoney(m.amount, locale)} · ${methodName(m.method)}`)
                        .join(', ') || '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Tabs.Panel>

        <Tabs.Panel value="vouchers">
          {data.vouchers.length === 0 ? (
            <EmptyView size="sm" title={t('order.vouchers.none')} />
          ) : (
            <Table striped verticalSpacing="xs" data-testid="vouchers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('order.vouchers.code')}</Table.Th>
                  <Table.Th>{t('order.vouchers.state')}</Table.Th>
                  <Table.Th>{t('order.vouchers.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.vouchers.map((v) => (
                  <Table.Tr key={v.code}>
                    <Table.Td ff="monospace">{v.code}</Table.Td>
                    <Table.Td>
                      <StateBadge family="voucher" state={v.state} size="md" />
                    </Table.Td>
                    <Table.Td className="tabular">{formatDateTime(v.updatedAt, locale)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Tabs.Panel>

        <Tabs.Panel value="stock">
          {data.reservations.length === 0 ? (
            <EmptyView size="sm" title={t('order.reservations.none')} />
          ) : (
            <Table striped verticalSpacing="xs" data-testid="reservations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('order.reservations.line')}</Table.Th>
                  <Table.Th>{t('order.reservations.sku')}</Table.Th>
                  <Table.Th>{t('order.reservations.location')}</Table.Th>
                  <Table.Th ta="right">{t('order.reservations.qty')}</Table.Th>
                  <Table.Th ta="right">{t('order.reservations.shipped')}</Table.Th>
                  <Table.Th>{t('order.reservations.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.reservations.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td className="tabular">{lineNoOf(data, r.itemId) ?? '—'}</Table.Td>
                    <Table.Td ff="monospace">{r.sku}</Table.Td>
                    <Table.Td>{r.locationId}</Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {r.qty}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {r.shippedQty}
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm">{t(`order.reservations.statuses.${r.status}`, { defaultValue: r.status })}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Tabs.Panel>
      </Tabs>
    </Card>
  );
}

// The order's lines with their states, their refund sheet and vouchers.
import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { PathLink } from '../ui/PathLink';
import { waitingForInspection } from '../../shared/inventory/inspection';
import { useTranslation } from 'react-i18next';
import { RowStateBadge } from '../ui/StateBadge';
import { formatMoney, useLocale } from '../ui/time';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useWorkflowWords } from '../workflow/labels';
import type { OrderData } from './useOrderData';

export function LinesTable({ data }: { data: OrderData }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { locale } = useLocale();
  const catalog = useWorkflowCatalog();
  const { isOpenRefund } = catalog;
  // Used = the state a redemption moves a code to, in the order's own definition.
  const usedState = catalog.vouchers(data.order.workflowId, data.order.workflowVersion)?.redeem.to;
  return (
    <Card withBorder radius="md" p="md">
      <Title order={2} size="h3" mb="sm">
        {t('order.lines.title')}
      </Title>
      {/* A native scroll box: Mantine's ScrollArea measures its thumbs on every order shown. */}
      <Table.ScrollContainer minWidth={560} type="native">
        <Table verticalSpacing="xs" striped highlightOnHover data-testid="order-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>#</Table.Th>
              <Table.Th>{t('order.lines.product')}</Table.Th>
              <Table.Th ta="right">{t('order.lines.qty')}</Table.Th>
              <Table.Th ta="right">{t('order.lines.price')}</Table.Th>
              <Table.Th>{t('order.lines.state')}</Table.Th>
              <Table.Th>{t('order.lines.refund')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((item) => {
              const sheets = data.refunds.filter((r) => r.itemId === item.id);
              const sheet = sheets.find((r) => isOpenRefund(r.state)) ?? sheets[sheets.length - 1];
              const vouchers = data.vouchers.filter((v) => v.itemId === item.id);
              return (
                // Keyed by line number (stateless rows): another order's lines are updated in place.
                <Table.Tr key={item.lineNo} data-testid={`line-${item.lineNo}`}>
                  <Table.Td className="tabular">{item.lineNo}</Table.Td>
                  <Table.Td>
                    <Text fw={600} ff="monospace" fz="sm">
                      {item.sku}
                    </Text>
                    <Text fz="sm" c="dimmed">
                      {data.products.get(item.sku)?.name ?? ''}
                      {vouchers.length ? ` · ${t('order.lines.vouchers', { used: vouchers.filter((v) => v.state === usedState).length, total: vouchers.length })}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {item.qty}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {formatMoney(item.price, locale)}
                  </Table.Td>
                  <Table.Td>
                    <RowStateBadge family="item" row={item} size="md" empty={<Text c="dimmed">—</Text>} />
                  </Table.Td>
                  <Table.Td>
                    {sheet ? (
                      <Group gap={6} wrap="nowrap">
                        <RowStateBadge family="refund" row={sheet} size="md" />
                        <Text fz="sm" c="dimmed">
                          {words.refundKind(sheet.kind)}
                        </Text>
                      </Group>
                    ) : (
                      <Text c="dimmed">—</Text>
                    )}
                    {/* Goods sent back wait for inspection: the returns desk opens on this order. */}
                    {waitingForInspection(data.reservations, item.id).length ? (
                      <Button
                        component={PathLink}
                        to={`/returns?order=${encodeURIComponent(data.order.number)}`}
                        size="compact-sm"
                        variant="light"
                        color="orange"
                        mt={4}
                        leftSection={<IconArrowBackUp size={16} />}
                        data-testid="return-goods"
                      >
                        {t('order.lines.returnGoods')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

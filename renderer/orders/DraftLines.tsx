// The lines of the order being written, with live availability per sku.
import { ActionIcon, Badge, NumberInput, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { db } from '../db';
import { formatMoney, useLocale } from '../ui/time';
import { useDraftStore } from './createOrderStore';
import { availability } from './productLookup';

export function DraftLines() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { lines, type, updateLine, removeLine } = useDraftStore();
  const skus = [...new Set(lines.map((l) => l.sku))];
  const skuKey = skus.join('|');
  const available = useLiveQuery(() => availability(skus), [skuKey]);
  const products = useLiveQuery(async () => new Map((await db.products.bulkGet(skus)).flatMap((p) => (p ? [[p.sku, p] as const] : []))), [skuKey]);
  const service = type === 'service';

  if (!lines.length) {
    return (
      <Text c="dimmed" py="lg" ta="center" data-testid="no-lines">
        {t('order.create.noLines')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" data-testid="draft-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('order.lines.product')}</Table.Th>
            <Table.Th w={service ? 110 : 130}>{t('order.lines.qty')}</Table.Th>
            {service ? <Table.Th w={110}>{t('order.create.uses')}</Table.Th> : null}
            {service ? <Table.Th w={170}>{t('order.create.validUntil')}</Table.Th> : null}
            <Table.Th ta="right">{service ? t('order.create.pricePerUse') : t('order.create.unitPrice')}</Table.Th>
            <Table.Th ta="right">{t('order.create.lineTotal')}</Table.Th>
            {service ? null : <Table.Th ta="right">{t('order.create.available')}</Table.Th>}
            <Table.Th w={50} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, index) => {
            const avail = available?.get(line.sku);
            const short = !service && avail !== undefined && line.qty > avail;
            const total = line.unitPrice * (service ? line.serviceTimes : line.qty);
            return (
              <Table.Tr key={line.key} data-testid="draft-line" data-sku={line.sku}>
                <Table.Td>
                  <Text fw={700} ff="monospace" fz="sm">
                    {line.sku}
                  </Text>
                  <Text fz="sm" c="dimmed">
                    {products?.get(line.sku)?.name ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={t('order.create.qtyOfLine', { line: index + 1 })}
                    value={line.qty}
                    min={1}
                    allowDecimal={false}
                    disabled={service}
                    onChange={(v) => updateLine(line.key, { qty: typeof v === 'number' ? v : Number(v) || 1 })}
                    size="sm"
                    data-testid="line-qty"
                  />
                </Table.Td>
                {service ? (
                  <Table.Td>
                    <NumberInput
                      aria-label={t('order.create.uses')}
                      value={line.serviceTimes}
                      min={1}
                      allowDecimal={false}
                      onChange={(v) => updateLine(line.key, { serviceTimes: typeof v === 'number' ? v : Number(v) || 1 })}
                      size="sm"
                    />
                  </Table.Td>
                ) : null}
                {service ? (
                  <Table.Td>
                    <TextInput
                      type="date"
                      aria-label={t('order.create.validUntil')}
                      value={line.validUntil}
                      onChange={(e) => updateLine(line.key, { validUntil: e.currentTarget.value })}
                      size="sm"
                    />
                  </Table.Td>
                ) : null}
                <Table.Td ta="right" className="tabular">
                  {formatMoney(line.unitPrice, locale)}
                </Table.Td>
                <Table.Td ta="right" className="tabular" fw={700}>
                  {formatMoney(total, locale)}
                </Table.Td>
                {service ? null : (
                  <Table.Td ta="right">
                    <Badge color={short ? 'red' : avail === 0 ? 'orange' : 'green'} variant="light" className="tabular" data-testid="line-available">
                      {avail === undefined ? '…' : avail}
                    </Badge>
                  </Table.Td>
                )}
                <Table.Td>
                  <Tooltip label={t('order.create.removeLine')}>
                    <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('order.create.removeLine')} onClick={() => removeLine(line.key)}>
                      <IconTrash size={20} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

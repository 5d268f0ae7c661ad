// Find an order as you type: order number, tracking number or SSCC, buyer name, phone, SKU;
// narrowed by state and dates. Every keystroke is a few index lookups (shared/search).
import { Anchor, Badge, Group, MultiSelect, Stack, Table, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { searchOrders } from '../../shared/search/orderSearch';
import { db } from '../db';
import { findScannedProduct } from '../scanner/products';
import { useScanTarget } from '../scanner/targets';
import { PageHeader } from '../ui/PageHeader';
import { EmptyView, LoadingState } from '../ui/states';
import { formatDateTime, useLocale } from '../ui/time';
import { useWorkflowWords } from '../workflow/labels';

const ORDER_STATES = ['WP', 'FP', 'HS', 'FS', 'ST', 'WA', 'FA', 'CT'];
const DAY = 86_400_000;

function dayStart(value: string): number | undefined {
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

export default function SearchPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const words = useWorkflowWords();
  const [text, setText] = useState('');
  const [states, setStates] = useState<string[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = useDeferredValue({ text, states, from, to });
  // A product scanned here finds the orders that hold it (by its SKU); any other scan goes on
  // to the routing (an order's label, number or parcel opens that order).
  useScanTarget(
    async (scan) => {
      const lookup = await findScannedProduct(scan.parsed);
      if (!('found' in lookup)) return null;
      const { product } = lookup.found;
      setText(product.sku);
      return { ok: true, message: t('search.byProduct', { what: `${product.sku} · ${product.name}` }), title: t('search.title'), settle: 'local' };
    },
    { kinds: ['product', 'weight', 'price', 'gs1'] },
  );
  const hits = useLiveQuery(() => {
    const f = dayStart(query.from);
    const tt = dayStart(query.to);
    return searchOrders(db, { text: query.text, states: query.states, ...(f === undefined ? {} : { from: f }), ...(tt === undefined ? {} : { to: tt + DAY }), limit: 50 });
  }, [query.text, query.states.join(','), query.from, query.to]);
  return (
    <>
      <PageHeader title={t('search.title')} />
      <Stack gap="md">
        <Group align="end" grow>
          <TextInput autoFocus label={t('search.text')} placeholder={t('search.placeholder')} leftSection={<IconSearch size={18} />} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="search-text" />
          <MultiSelect label={t('search.states')} data={ORDER_STATES.map((s) => ({ value: s, label: `${words.state('order', s)} (${s})` }))} value={states} onChange={setStates} clearable data-testid="search-states" />
          <TextInput type="date" label={t('search.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="search-from" />
          <TextInput type="date" label={t('search.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="search-to" />
        </Group>
        {hits === undefined ? (
          <LoadingState />
        ) : hits.length === 0 ? (
          <EmptyView title={t('search.none')} description={t('search.noneHint')} />
        ) : (
          <Table striped data-testid="search-results">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('parcels.col.order')}</Table.Th>
                <Table.Th>{t('search.buyer')}</Table.Th>
                <Table.Th>{t('search.phone')}</Table.Th>
                <Table.Th>{t('search.state')}</Table.Th>
                <Table.Th>{t('search.created')}</Table.Th>
                <Table.Th>{t('search.matched')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {hits.map(({ order, field }) => (
                <Table.Tr key={order.id} data-testid="search-hit" data-order-number={order.number}>
                  <Table.Td>
                    <Anchor component={Link} to={`/orders/${order.id}`}>
                      {order.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{order.buyerName}</Table.Td>
                  <Table.Td>{order.phone ?? ''}</Table.Td>
                  <Table.Td>{order.state ? words.state('order', order.state) : ''}</Table.Td>
                  <Table.Td>{formatDateTime(order.createdAt, locale)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`search.field.${field}`)}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </>
  );
}

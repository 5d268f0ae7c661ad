// The returns desk: scan the original receipt or order label (or type the order number),
// then inspect each returned line: sellable goes back to a location for sale, damaged or
// quarantine to one that is not, with a reason, on the stock ledger (engine: inspectReturn).
import { Alert, Button, Card, Group, Select, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconArrowBackUp, IconSearch } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { waitingForInspection } from '../../shared/inventory/inspection';
import type { InspectionOutcome } from '../../shared/payments/api';
import type { ItemRow, LocationRow, OrderRow } from '../../shared/db/rows';
import { db } from '../db';
import { useCounter } from '../engine/client';
import { useScanTarget } from '../scanner/targets';
import { PageHeader } from '../ui/PageHeader';
import { toastOk, toastRefused } from '../ui/toast';
import { useMoneyRefusalText } from './useMoney';

const OUTCOMES: InspectionOutcome[] = ['sellable', 'damaged', 'quarantine'];

async function orderByNumber(number: string): Promise<OrderRow | undefined> {
  return db.orders.where('number').equals(number.trim().toUpperCase()).first();
}

export default function ReturnsPage() {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [orderId, setOrderId] = useState<string | null>(null);
  const [missing, setMissing] = useState<string | null>(null);

  const find = async (text: string) => {
    const order = await orderByNumber(text);
    setMissing(order ? null : text);
    setOrderId(order?.id ?? null);
    return order;
  };
  // A scanned receipt or order label starts the return here instead of opening the order.
  useScanTarget(
    async (scan) => {
      if (scan.parsed.kind !== 'order') return null;
      const order = await find(scan.parsed.number);
      setNumber(scan.parsed.number);
      return order
        ? { ok: true, message: t('money.returns.found', { number: order.number }), title: t('money.returns.title'), settle: 'local' }
        : { ok: false, message: t('money.returns.missing', { number: scan.parsed.number }), title: t('money.returns.title') };
    },
    { kinds: ['order'] },
  );
  // Opened from an order's "Return goods" (/returns?order=NUMBER): that order at once.
  const fromOrder = useSearchParams()[0].get('order');
  const opened = useLiveQuery(async () => (fromOrder ? ((await orderByNumber(fromOrder)) ?? null) : undefined), [fromOrder]);
  const [shownFrom, setShownFrom] = useState<string | null>(null);
  if (fromOrder && opened !== undefined && shownFrom !== fromOrder) {
    setShownFrom(fromOrder);
    setNumber(fromOrder);
    setMissing(opened ? null : fromOrder);
    setOrderId(opened?.id ?? null);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void find(number);
  };
  return (
    <Stack gap="md">
      <PageHeader title={t('money.returns.title')} />
      <Card withBorder radius="md" p="md">
        <form onSubmit={submit}>
          <Group align="flex-end">
            <TextInput label={t('money.returns.orderNumber')} description={t('money.returns.scanHint')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} data-testid="returns-order" style={{ flex: 1 }} />
            <Button type="submit" leftSection={<IconSearch size={18} />} data-testid="returns-find">
              {t('money.returns.find')}
            </Button>
          </Group>
        </form>
        {missing ? (
          <Alert color="red" mt="sm">
            {t('money.returns.missing', { number: missing })}
          </Alert>
        ) : null}
      </Card>
      {orderId ? <ReturnLines orderId={orderId} /> : null}
    </Stack>
  );
}

function ReturnLines({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const data = useLiveQuery(async () => {
    const [order, items, reservations, locations] = await Promise.all([db.orders.get(orderId), db.items.where('orderId').equals(orderId).toArray(), db.reservations.where('orderId').equals(orderId).toArray(), db.locations.toArray()]);
    const products = await db.products.bulkGet(items.map((i) => i.sku));
    return { order, items, reservations, locations: locations.filter((l) => l.active), names: new Map(items.map((i, n) => [i.sku, products[n]?.name ?? ''])) };
  }, [orderId]);
  if (!data?.order) return null;
  const waiting = data.items.map((item) => ({ item, qty: waitingForInspection(data.reservations, item.id).reduce((n, r) => n + (r.toInspect ?? 0), 0) })).filter((w) => w.qty > 0);
  return (
    <Card withBorder radius="md" p="md" data-testid="returns-lines">
      <Text fw={700} mb="sm">
        {t('money.returns.order', { number: data.order.number })}
      </Text>
      {waiting.length === 0 ? (
        <Text c="dimmed" data-testid="returns-nothing">
          {t('money.returns.nothing')}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {waiting.map(({ item, qty }) => (
              <InspectRow key={item.id} item={item} name={data.names.get(item.sku) ?? ''} qty={qty} locations={data.locations} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function InspectRow({ item, name, qty, locations }: { item: ItemRow; name: string; qty: number; locations: LocationRow[] }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const refusalText = useMoneyRefusalText();
  const [outcome, setOutcome] = useState<InspectionOutcome>('sellable');
  const [locationId, setLocationId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const fits = locations.filter((l) => (outcome === 'sellable' ? l.sellable !== false : l.sellable === false));
  const chosen = fits.some((l) => l.id === locationId) ? locationId : (fits[0]?.id ?? null);
  const book = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      const result = await counter.inspectReturn({ itemId: item.id, outcome, locationId: chosen, reason: reason.trim() });
      if (!result.ok) return toastRefused(t('money.returns.refused'), refusalText(result));
      toastOk(t('money.returns.booked', { qty, sku: item.sku, outcome: t(`money.returns.outcome.${outcome}`), location: locations.find((l) => l.id === chosen)?.name ?? chosen }));
      setReason('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Table.Tr data-testid="returns-line" data-sku={item.sku}>
      <Table.Td>
        <Text fw={700} ff="monospace">
          {item.sku}
        </Text>
        <Text fz="sm" c="dimmed">
          {name}
        </Text>
        <Text fz="sm">{t('money.returns.waiting', { qty })}</Text>
      </Table.Td>
      <Table.Td>
        <Stack gap="xs">
          <SegmentedControl value={outcome} onChange={(v) => setOutcome(v as InspectionOutcome)} data={OUTCOMES.map((o) => ({ value: o, label: t(`money.returns.outcome.${o}`) }))} data-testid="returns-outcome" />
          {fits.length ? (
            <Select label={t('money.returns.location')} data={fits.map((l) => ({ value: l.id, label: l.name }))} value={chosen} onChange={setLocationId} allowDeselect={false} data-testid="returns-location" />
          ) : (
            <Alert color="orange">{outcome === 'sellable' ? t('money.returns.noSellable') : t('money.returns.noQuarantine')}</Alert>
          )}
          <TextInput label={t('money.returns.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={200} data-testid="returns-reason" />
          <Button onClick={() => void book()} loading={busy} disabled={!chosen || !reason.trim()} leftSection={<IconArrowBackUp size={18} />} data-testid="returns-book">
            {t('money.returns.book')}
          </Button>
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

// Parcels: scan parcels in bulk — handed to a carrier, arrived at the depot, picked up by the
// customer. One scan, one checkpoint; the running list shows each with the scanner screens'
// sound and colour (the ScannerProvider plays them for the outcome returned here).
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPrinter, IconSearch, IconTrash } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { db } from '../db';
import { useCounter } from '../engine/client';
import { useScanTarget } from '../scanner/targets';
import type { ScanOutcome } from '../scanner/types';
import { PageHeader } from '../ui/PageHeader';
import { formatDateTime, useLocale } from '../ui/time';
import { parcelCode, useParcelsStore, type ParcelMode } from './parcelsStore';
import { stateWord } from './words';
import { useRefusalText } from '../workflow/labels';

const MODES: ParcelMode[] = ['handover', 'depot', 'pickup'];

export default function ParcelsPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const counter = useCounter();
  const navigate = useNavigate();
  const refusalText = useRefusalText();
  const store = useParcelsStore();
  const [typed, setTyped] = useState('');
  const [carrier, setCarrier] = useState<string | null>(null);
  const carriers = useLiveQuery(() => db.carriers.toArray(), []);
  const [openedAt] = useState(() => Date.now());

  async function record(raw: string): Promise<ScanOutcome> {
    const { mode, place, signedBy } = useParcelsStore.getState();
    const code = parcelCode(raw);
    const title = t(`parcels.mode.${mode}`);
    if (mode === 'pickup' && !signedBy.trim()) {
      const message = t('parcels.needSignedBy');
      useParcelsStore.getState().add({ code, ok: false, message, mode });
      return { ok: false, message, title };
    }
    const result = await counter.scanCheckpoint({
      code,
      kind: mode,
      ...(place.trim() ? { place: place.trim() } : {}),
      ...(mode === 'pickup' ? { signedBy: signedBy.trim() } : {}),
    });
    if (!result.ok) {
      const message = refusalText(result);
      useParcelsStore.getState().add({ code, ok: false, message, mode });
      return { ok: false, message, title };
    }
    const state = stateWord(t, 'shipment', result.to);
    const confirmed = result.order?.ok ? ` ${t('parcels.orderConfirmed')}` : '';
    const message = t('parcels.recorded', { order: result.orderNumber, parcel: result.parcelNo, parcels: result.parcels, state }) + confirmed;
    useParcelsStore.getState().add({ code, ok: true, message, mode, orderId: result.orderId, orderNumber: result.orderNumber, shipmentId: result.shipmentId, parcelNo: result.parcelNo, parcels: result.parcels, to: result.to });
    if (mode === 'pickup') useParcelsStore.getState().setSignedBy('');
    return { ok: true, message, title, settle: 'commit' };
  }

  // Tracking numbers read as many kinds (a 10-digit DHL number looks like an attendance
  // code, a UPS number like a product code): on this screen each of them is a parcel.
  useScanTarget((scan) => record(scan.code), { kinds: ['product', 'voucher', 'gs1', 'not-recognised', 'bad-check-digit'] });

  const handedOver = store.entries.filter((e) => e.ok && e.mode === 'handover');
  const since = handedOver.length ? Math.min(...handedOver.map((e) => e.at)) - 60_000 : openedAt;

  return (
    <>
      <PageHeader title={t('parcels.title')}>
        <Group gap="xs">
          <Button component={Link} to="/search" variant="default" leftSection={<IconSearch size={18} />}>
            {t('nav.search')}
          </Button>
          <Button component={Link} to="/parcels/exceptions" variant="default" leftSection={<IconAlertTriangle size={18} />} data-testid="parcels-exceptions">
            {t('parcels.exceptions.title')}
          </Button>
        </Group>
      </PageHeader>
      <Stack gap="md" data-testid="parcels-page">
        <Card withBorder padding="md">
          <Stack gap="sm">
            <SegmentedControl
              value={store.mode}
              onChange={(v) => store.setMode(v as ParcelMode)}
              data={MODES.map((m) => ({ value: m, label: t(`parcels.mode.${m}`) }))}
              size="md"
              data-testid="parcels-mode"
            />
            <Text c="dimmed">{t(`parcels.hint.${store.mode}`)}</Text>
            <Group align="end" grow>
              <TextInput label={t('parcels.place')} placeholder={t('parcels.placeHint')} value={store.place} onChange={(e) => store.setPlace(e.currentTarget.value)} data-testid="parcels-place" />
              {store.mode === 'pickup' ? (
                <TextInput label={t('parcels.signedBy')} value={store.signedBy} onChange={(e) => store.setSignedBy(e.currentTarget.value)} data-testid="parcels-signed-by" required />
              ) : null}
            </Group>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (typed.trim()) void record(typed).then(() => setTyped(''));
              }}
            >
              <Group align="end">
                <TextInput label={t('parcels.typeCode')} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} style={{ flex: 1 }} data-testid="parcels-code" />
                <Button type="submit" data-testid="parcels-record">
                  {t('parcels.record')}
                </Button>
              </Group>
            </form>
          </Stack>
        </Card>
        {store.mode === 'handover' ? (
          <Card withBorder padding="md">
            <Group align="end">
              <Select
                label={t('parcels.manifest.carrier')}
                data={(carriers ?? []).map((c) => ({ value: c.id, label: c.name }))}
                value={carrier}
                onChange={setCarrier}
                data-testid="parcels-manifest-carrier"
              />
              <Button
                leftSection={<IconPrinter size={18} />}
                disabled={!carrier}
                onClick={() => void navigate(`/parcels/print?manifest=${encodeURIComponent(carrier ?? '')}&since=${since}`)}
                data-testid="parcels-manifest"
              >
                {t('parcels.manifest.print')}
              </Button>
              <Text c="dimmed">{t('parcels.manifest.count', { count: handedOver.length })}</Text>
            </Group>
          </Card>
        ) : null}
        <Card withBorder padding="md">
          <Group justify="space-between" mb="sm">
            <Text fw={600}>{t('parcels.list', { count: store.entries.length })}</Text>
            <Button variant="subtle" color="gray" leftSection={<IconTrash size={16} />} onClick={store.clear} disabled={!store.entries.length}>
              {t('parcels.clear')}
            </Button>
          </Group>
          <Table striped data-testid="parcels-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('parcels.col.time')}</Table.Th>
                <Table.Th>{t('parcels.col.code')}</Table.Th>
                <Table.Th>{t('parcels.col.order')}</Table.Th>
                <Table.Th>{t('parcels.col.result')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {store.entries.map((e) => (
                <Table.Tr key={e.key} data-testid="parcel-row" data-ok={e.ok ? 'true' : 'false'}>
                  <Table.Td>{formatDateTime(e.at, locale)}</Table.Td>
                  <Table.Td ff="monospace">{e.code}</Table.Td>
                  <Table.Td>
                    {e.orderId ? (
                      <Anchor component={Link} to={`/orders/${e.orderId}`}>
                        {e.orderNumber}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Badge color={e.ok ? 'green' : 'red'} variant="filled">
                        {e.ok ? t('parcels.ok') : t('parcels.refused')}
                      </Badge>
                      <Text fz="sm">{e.message}</Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </Stack>
    </>
  );
}

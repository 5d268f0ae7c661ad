// Receive or count goods by scanning, for the stock screen to mount. Scan a location label
// (or pick the location), then scan products: in "receive" each scan books one unit in
// (a GS1 count books that many) and repeated scans of a product add up on one line; in
// "count" each scan adds one to the tally, and "Save count" books the tallies as
// stock-take counts for that location. A quantity key ("*" then a number, or the
// quantity field) multiplies the next scan.
import { ActionIcon, Alert, Anchor, Badge, Button, Card, Group, NumberInput, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconBarcode, IconClipboardCheck, IconMapPin, IconPackageImport, IconTrash } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { db } from '../db';
import { useCounter } from '../engine/client';
import { toastOk, toastRefused } from '../ui/toast';
import { useShortcuts } from '../ui/useShortcuts';
import { factsText, findScannedProduct } from './products';
import { useScannerStore } from './scannerStore';
import { MAX_SCAN_QTY, useScanStockStore, type ScanStockMode } from './scanStockStore';
import { useScanTarget } from './targets';
import type { ScanOutcome } from './types';
import { LIMITS } from '../../shared/limits';
import { useRefusalText } from '../workflow/labels';


/** `mode` fixes receive or count (no switch); `withTitle={false}` when the page has the title. */
export function ScanReceivePanel({ mode: fixedMode, withTitle = true }: { mode?: ScanStockMode; withTitle?: boolean }) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  const counter = useCounter();
  const location = useScannerStore((s) => s.location);
  const setLocation = useScannerStore((s) => s.setLocation);
  const store = useScanStockStore();
  const mode = fixedMode ?? store.mode;
  const locations = useLiveQuery(() => db.locations.orderBy('priority').limit(500).toArray(), []);
  const [saving, setSaving] = useState(false);
  const active = locations?.filter((l) => l.active !== false);
  const qtyRef = useRef<HTMLInputElement>(null);
  // "*" then a number: the next scan counts that many (a person's keys; the field shows it).
  useShortcuts([
    {
      combo: '*',
      run: () => {
        qtyRef.current?.focus();
        qtyRef.current?.select();
      },
    },
  ]);
  const tallies = store.tallies.filter((x) => x.locationId === location?.id);
  const booked = store.booked.filter((b) => b.locationId === location?.id).slice(0, 8);
  const shownSkus = [...new Set([...tallies.map((x) => x.sku), ...booked.map((b) => b.sku)])];
  // On hand at this location now, live: a receipt shows up as soon as it is booked.
  const onHand = useLiveQuery(
    async () => {
      if (!location || !shownSkus.length) return new Map<string, number>();
      const rows = await db.stockLevels.bulkGet(shownSkus.map((sku) => [sku, location.id] as [string, string]));
      return new Map(shownSkus.map((sku, i) => [sku, rows[i]?.onHand ?? 0]));
    },
    [location?.id, shownSkus.join('|')],
  );

  useScanTarget(
    async (scan): Promise<ScanOutcome> => {
      const title = t(mode === 'receive' ? 'scan.receive.titleReceive' : 'scan.receive.titleCount');
      const lookup = await findScannedProduct(scan.parsed);
      if ('notProduct' in lookup) return { ok: false, message: t('scan.msg.notAProduct'), title };
      if ('missing' in lookup) return { ok: false, message: t('scan.msg.productMissing', { code: lookup.missing }), title };
      const { product, facts } = lookup.found;
      // A counter with one location: it is the one, so a product scanned first books there
      // instead of asking for a label nobody has printed yet (read now, at the scan).
      let where = useScannerStore.getState().location;
      if (!where) {
        const open = (await db.locations.toArray()).filter((l) => l.active !== false);
        if (open.length === 1) {
          where = { id: open[0]!.id, name: open[0]!.name };
          useScannerStore.getState().setLocation(where);
        }
      }
      if (!where) return { ok: false, message: t('scan.receive.noLocation'), title };
      const stock = useScanStockStore.getState();
      const times = stock.nextQty;
      const qty = lookup.found.qty * times;
      if (qty > MAX_SCAN_QTY) return { ok: false, message: t('scan.receive.tooMany', { qty, max: MAX_SCAN_QTY }), title };
      stock.setNextQty(1); // the quantity key is for one scan
      const name = `${product.sku} · ${product.name}`;
      if (mode === 'count') {
        const counted = stock.tally(product.sku, product.name, where.id, qty);
        return { ok: true, message: t('scan.receive.counted', { name, counted, location: where.name }), title, settle: 'local' };
      }
      const about = factsText(facts, t);
      // The lot, dates and serial go on the ledger with the receipt: the ledger has no column for them.
      const reason = (about ? `${t('scan.receive.reason')} · ${about}` : t('scan.receive.reason')).slice(0, LIMITS.MAX_REASON_LENGTH);
      const result = await counter.receive({ sku: product.sku, locationId: where.id, qty, reason });
      if (!result.ok) return { ok: false, message: refusalText(result), title };
      const line = useScanStockStore.getState().book({ sku: product.sku, name: product.name, qty, locationId: where.id, ...(facts.batch ? { batch: facts.batch } : {}) });
      const message =
        line.scans > 1
          ? t('scan.receive.receivedMore', { name, qty, total: line.qty, location: where.name })
          : t('scan.receive.received', { name, qty, location: where.name });
      return { ok: true, message: about ? `${message} ${about}` : message, title, settle: 'commit' };
    },
    { kinds: ['product', 'weight', 'price', 'gs1'] },
  );

  const saveCount = async () => {
    if (!location || !tallies.length) return;
    setSaving(true);
    try {
      for (const tally of tallies) {
        const result = await counter.count({ sku: tally.sku, locationId: tally.locationId, qty: tally.counted, reason: t('scan.receive.countReason') });
        if (!result.ok) {
          toastRefused(t('scan.receive.countFailed', { sku: tally.sku }), refusalText(result));
          return;
        }
        useScanStockStore.getState().clearTallies((y) => !(y.sku === tally.sku && y.locationId === tally.locationId));
      }
      toastOk(t('scan.receive.countSaved', { location: location.name }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card withBorder radius="md" p="md" data-testid="scan-stock-panel">
      <Group justify={withTitle ? 'space-between' : 'flex-end'} mb="sm" wrap="nowrap">
        {withTitle ? (
          <Group gap="xs" wrap="nowrap">
            <IconBarcode size={26} />
            <Title order={2} size="h3">
              {t('scan.receive.title')}
            </Title>
          </Group>
        ) : null}
        {fixedMode ? null : (
          <SegmentedControl
            value={mode}
            onChange={(v) => store.setMode(v as ScanStockMode)}
            data={[
              { value: 'receive', label: t('scan.receive.modeReceive') },
              { value: 'count', label: t('scan.receive.modeCount') },
            ]}
            data-testid="scan-stock-mode"
          />
        )}
      </Group>
      <Stack gap="sm">
        <Select
          label={t('scan.receive.location')}
          description={t('scan.receive.locationHint')}
          leftSection={<IconMapPin size={20} />}
          placeholder={t('scan.receive.pickLocation')}
          value={location?.id ?? null}
          data={(locations ?? []).filter((l) => l.active !== false).map((l) => ({ value: l.id, label: `${l.name} (${l.id})` }))}
          onChange={(id) => {
            const l = locations?.find((x) => x.id === id);
            setLocation(l ? { id: l.id, name: l.name } : null);
          }}
          searchable
          data-testid="scan-stock-location"
        />
        {active?.length === 0 ? (
          <Alert color="yellow" variant="light" icon={<IconMapPin />} data-testid="scan-stock-no-locations">
            {t('scan.receive.noLocations')}{' '}
            <Anchor component={Link} to="/stock" fw={700}>
              {t('scan.receive.toStock')}
            </Anchor>
          </Alert>
        ) : !location ? (
          <Alert color="yellow" variant="light" icon={<IconMapPin />}>
            {t('scan.receive.noLocation')}
          </Alert>
        ) : (
          <Text fz="lg" fw={600}>
            {t(mode === 'receive' ? 'scan.receive.readyReceive' : 'scan.receive.readyCount', { location: location.name })}
          </Text>
        )}

        <NumberInput
          ref={qtyRef}
          maw={420}
          label={t('scan.receive.nextQty')}
          description={t('scan.receive.nextQtyHint')}
          value={store.nextQty}
          onChange={(v) => store.setNextQty(typeof v === 'number' ? v : Number(v))}
          onFocus={(e) => e.currentTarget.select()}
          min={1}
          max={MAX_SCAN_QTY}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          leftSection={<Text fw={700}>×</Text>}
          data-testid="scan-stock-qty"
        />

        {mode === 'count' ? (
          <>
            {tallies.length ? (
              <Table withTableBorder striped data-testid="scan-stock-tallies">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('scan.receive.product')}</Table.Th>
                    <Table.Th ta="right">{t('scan.receive.onHandCol')}</Table.Th>
                    <Table.Th ta="right">{t('scan.receive.countedCol')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tallies.map((x) => (
                    <Table.Tr key={x.sku} data-testid="scan-stock-tally" data-sku={x.sku}>
                      <Table.Td>
                        <Text fw={600}>{x.sku}</Text>
                        <Text fz="sm" c="dimmed">
                          {x.name}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" className="tabular" c="dimmed">
                        {onHand?.get(x.sku) ?? '…'}
                      </Table.Td>
                      <Table.Td ta="right" className="tabular" fz="lg" fw={700} data-testid="scan-stock-counted">
                        {x.counted}
                      </Table.Td>
                      <Table.Td w={48}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('scan.receive.drop', { sku: x.sku })}
                          onClick={() => store.clearTallies((y) => y !== x)}
                        >
                          <IconTrash size={18} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
            <Group justify="flex-end">
              <Button
                leftSection={<IconClipboardCheck size={20} />}
                disabled={!tallies.length}
                loading={saving}
                onClick={() => void saveCount()}
                data-testid="scan-stock-save-count"
              >
                {t('scan.receive.saveCount', { count: tallies.length })}
              </Button>
            </Group>
          </>
        ) : booked.length ? (
          <Table withTableBorder striped data-testid="scan-stock-booked">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('scan.receive.product')}</Table.Th>
                <Table.Th ta="right">{t('scan.receive.receivedCol')}</Table.Th>
                <Table.Th ta="right">{t('scan.receive.onHandCol')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {booked.map((b) => (
                <Table.Tr key={b.key} data-testid="scan-stock-receipt" data-sku={b.sku} data-batch={b.batch}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <IconPackageImport size={18} />
                      <Text fw={600}>{b.sku}</Text>
                      <Text c="dimmed" truncate>
                        {b.name}
                      </Text>
                      {b.batch ? (
                        <Badge variant="outline" color="gray" tt="none" data-testid="scan-stock-batch">
                          {t('scan.facts.batch', { batch: b.batch })}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      {b.scans > 1 ? (
                        <Text fz="sm" c="dimmed">
                          {t('scan.receive.scans', { count: b.scans })}
                        </Text>
                      ) : null}
                      <Badge variant="light" color="green" className="tabular" data-testid="scan-stock-received">
                        +{b.qty}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular" fw={700} data-testid="scan-stock-on-hand">
                    {onHand?.get(b.sku) ?? '…'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Card>
  );
}

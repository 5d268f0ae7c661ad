// One product's movements, newest first: what happened, how much, why, for which order,
// who did it and when. The ledger is append-only; levels are its running sum.
import { Anchor, Badge, Button, Drawer, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAdjustments, IconArrowsExchange, IconClipboardCheck, IconEdit, IconPackageImport } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { stockColor } from '../ui/stateColors';
import { EmptyView, LoadingState } from '../ui/states';
import { useLocale } from '../ui/time';
import { formatStamp } from './format';
import { movementColor } from './movementKinds';
import { useLedger, useLocations, useProduct, useSkuLevels } from './queries';
import { useStockStore, type MovementKind } from './stockStore';

const PAGE = 100;

export function LedgerDrawer() {
  const { t } = useTranslation();
  const sku = useStockStore((s) => s.ledgerSku);
  const openLedger = useStockStore((s) => s.openLedger);
  const product = useProduct(sku);
  return (
    <Drawer
      opened={sku !== null}
      onClose={() => openLedger(null)}
      position="right"
      size={960}
      title={
        <Group gap="sm" wrap="nowrap" component="span">
          <Text span fw={700} fz="h3">
            {t('stock.ledger.title')}
          </Text>
          <Badge variant="outline" size="xl" ff="monospace" tt="none" component="span">
            {sku}
          </Badge>
          {product ? (
            <Text span fw={600} fz="lg" truncate>
              {product.name}
            </Text>
          ) : null}
        </Group>
      }
      data-testid="ledger-drawer"
    >
      {sku ? (
        <ErrorBoundary resetKey={sku}>
          <LedgerBody key={sku} sku={sku} />
        </ErrorBoundary>
      ) : null}
    </Drawer>
  );
}

function LedgerBody({ sku }: { sku: string }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const open = useStockStore((s) => s.open);
  const product = useProduct(sku);
  const locations = useLocations();
  const levels = useSkuLevels(sku);
  const [locationId, setLocationId] = useState<string | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const ledger = useLedger(sku, locationId, limit);
  const nameOf = (id: string) => locations?.find((l) => l.id === id)?.name ?? id;
  const reorderPoint = product?.reorderPoint ?? 0;

  const quick = (kind: MovementKind, icon: ReactNode, locationIdForForm?: string) => (
    <Button variant="light" size="sm" leftSection={icon} onClick={() => open({ kind, sku, locationId: locationIdForForm })}>
      {t(`stock.actions.${kind}`)}
    </Button>
  );

  return (
    <Stack gap="lg">
      {product ? (
        <SimpleGrid cols={4} spacing="sm">
          <Fact label={t('stock.fields.unit')} value={product.unit} />
          <Fact label={t('stock.fields.reorderPoint')} value={String(product.reorderPoint)} />
          <Fact label={t('stock.fields.barcodes')} value={product.barcodes.join(', ') || '—'} />
          <Fact label={t('stock.ledger.status')} value={product.active ? t('stock.active') : t('stock.inactive')} />
        </SimpleGrid>
      ) : null}

      <Group gap="xs">
        {quick('receive', <IconPackageImport size={18} />)}
        {quick('adjust', <IconAdjustments size={18} />)}
        {quick('transfer', <IconArrowsExchange size={18} />)}
        {quick('count', <IconClipboardCheck size={18} />)}
        <Button variant="default" size="sm" leftSection={<IconEdit size={18} />} onClick={() => open({ kind: 'product', sku })} data-testid="ledger-edit-product">
          {t('stock.actions.editProduct')}
        </Button>
      </Group>

      <div>
        <Title order={3} size="h4" mb="xs">
          {t('stock.ledger.levels')}
        </Title>
        {levels === undefined ? (
          <LoadingState minHeight={60} />
        ) : levels.length === 0 ? (
          <Text c="dimmed">{t('stock.ledger.noLevels')}</Text>
        ) : (
          <Table withTableBorder data-testid="ledger-levels">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stock.columns.location')}</Table.Th>
                <Table.Th ta="right">{t('stock.columns.onHand')}</Table.Th>
                <Table.Th ta="right">{t('stock.columns.reserved')}</Table.Th>
                <Table.Th ta="right">{t('stock.columns.available')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {levels.map((l) => {
                const available = l.onHand - l.reserved;
                return (
                  <Table.Tr key={l.locationId}>
                    <Table.Td>
                      {nameOf(l.locationId)}{' '}
                      <Text span c="dimmed" fz="sm">
                        ({l.locationId})
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">{l.onHand}</Table.Td>
                    <Table.Td ta="right" className="tabular">{l.reserved}</Table.Td>
                    <Table.Td ta="right">
                      <Badge color={stockColor(available, reorderPoint)} variant="filled" className="tabular" miw={52}>
                        {available}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </div>

      <div>
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4">
            {t('stock.ledger.movements')}
          </Title>
          <Select
            aria-label={t('stock.filter.location')}
            placeholder={t('stock.filter.allLocations')}
            data={(locations ?? []).map((l) => ({ value: l.id, label: l.name }))}
            value={locationId}
            onChange={setLocationId}
            clearable
            size="sm"
            w={220}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        {ledger === undefined ? (
          <LoadingState minHeight={80} />
        ) : ledger.rows.length === 0 ? (
          <EmptyView size="sm" title={t('stock.ledger.empty')} description={t('stock.ledger.emptyHint')} />
        ) : (
          <>
            <Table striped highlightOnHover withTableBorder data-testid="ledger-table" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={180}>{t('stock.ledger.when')}</Table.Th>
                  <Table.Th w={130}>{t('stock.ledger.kind')}</Table.Th>
                  <Table.Th w={120}>{t('stock.columns.location')}</Table.Th>
                  <Table.Th w={80} ta="right">
                    {t('stock.ledger.delta')}
                  </Table.Th>
                  <Table.Th>{t('stock.ledger.reason')}</Table.Th>
                  <Table.Th w={120}>{t('stock.ledger.order')}</Table.Th>
                  <Table.Th w={100}>{t('stock.ledger.operator')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ledger.rows.map((r) => (
                  <Table.Tr key={r.id} data-testid="ledger-row" data-kind={r.kind}>
                    <Table.Td fz="sm" className="tabular" style={{ whiteSpace: 'nowrap' }}>
                      {formatStamp(r.at, locale)}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={movementColor(r.kind)} variant="light" size="md">
                        {t(`stock.kind.${r.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{nameOf(r.locationId)}</Table.Td>
                    <Table.Td ta="right" fw={700} className="tabular" c={r.delta > 0 ? 'green' : r.delta < 0 ? 'red' : 'dimmed'} data-testid="ledger-delta">
                      {r.delta > 0 ? `+${r.delta}` : r.delta}
                    </Table.Td>
                    <Table.Td fz="sm">{r.reason}</Table.Td>
                    <Table.Td>
                      {r.orderId ? (
                        <Anchor component={Link} to={`/orders/${r.orderId}`} ff="monospace" fz="sm">
                          {/* An id's head is its time (shared/ids.ts): its random tail tells orders apart. */}
                          {r.orderNumber ?? r.orderId.slice(-8)}
                        </Anchor>
                      ) : (
                        <Text c="dimmed">—</Text>
                      )}
                    </Table.Td>
                    <Table.Td fz="sm">{r.operator}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {ledger.more ? (
              <Group justify="center" mt="sm">
                <Button variant="default" onClick={() => setLimit((n) => n + PAGE)}>
                  {t('stock.ledger.more')}
                </Button>
              </Group>
            ) : null}
          </>
        )}
      </div>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="xs" radius="md">
      <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600} truncate>
        {value}
      </Text>
    </Paper>
  );
}

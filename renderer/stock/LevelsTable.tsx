// Stock levels per sku x location: on hand, reserved, available. Low rows are tinted in
// the shared stock tones; Enter (or the sku) opens the ledger, the menu prefills a form.
import { ActionIcon, Anchor, Badge, Group, Menu, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAdjustments, IconArrowsExchange, IconClipboardCheck, IconDotsVertical, IconHistory, IconPackageImport } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationRow } from '../../shared/db/rows';
import { stockColor } from '../ui/stateColors';
import type { LevelView } from './queries';
import { useStockStore, type MovementKind } from './stockStore';
import classes from './StockPage.module.css';
import { VirtualTable, type VirtualColumn } from './VirtualTable';

const MOVES: Array<[MovementKind, typeof IconPackageImport]> = [
  ['receive', IconPackageImport],
  ['adjust', IconAdjustments],
  ['transfer', IconArrowsExchange],
  ['count', IconClipboardCheck],
];

export function LevelsTable({ rows, locations, footer }: { rows: LevelView[]; locations: LocationRow[]; footer?: string }) {
  const { t } = useTranslation();
  const openLedger = useStockStore((s) => s.openLedger);
  const open = useStockStore((s) => s.open);
  const names = useMemo(() => new Map(locations.map((l) => [l.id, l.name])), [locations]);

  const columns = useMemo<Array<VirtualColumn<LevelView>>>(
    () => [
      {
        key: 'sku',
        header: t('stock.columns.sku'),
        width: 140,
        render: (r) => (
          <Anchor component="button" type="button" className={classes.skuButton} onClick={() => openLedger(r.sku)} tabIndex={-1} data-testid="level-sku">
            {r.sku}
          </Anchor>
        ),
      },
      { key: 'name', header: t('stock.columns.product'), render: (r) => <Text truncate>{r.name || '—'}</Text> },
      {
        key: 'location',
        header: t('stock.columns.location'),
        width: 160,
        render: (r) => (
          <Text truncate data-testid="level-location">
            {names.get(r.locationId) ?? r.locationId}
          </Text>
        ),
      },
      { key: 'onHand', header: t('stock.columns.onHand'), width: 100, align: 'right', render: (r) => <Text fw={600} className="tabular" data-testid="level-onhand">{r.onHand}</Text> },
      { key: 'reserved', header: t('stock.columns.reserved'), width: 100, align: 'right', render: (r) => <Text className="tabular" data-testid="level-reserved">{r.reserved}</Text> },
      {
        key: 'available',
        header: t('stock.columns.available'),
        width: 156,
        align: 'right',
        render: (r) => (
          <Group gap={6} justify="flex-end" wrap="nowrap">
            {r.tone !== 'ok' ? (
              <Text span fz="xs" fw={700} tt="uppercase" c={stockColor(r.available, r.reorderPoint)}>
                {t(`stock.tone.${r.tone}`)}
              </Text>
            ) : null}
            <Badge color={stockColor(r.available, r.reorderPoint)} variant="filled" className="tabular" miw={52} data-testid="level-available">
              {r.available}
            </Badge>
          </Group>
        ),
      },
      { key: 'reorder', header: t('stock.columns.reorderPoint'), width: 104, align: 'right', render: (r) => <Text c="dimmed" className="tabular">{r.reorderPoint}</Text> },
      {
        key: 'actions',
        header: <VisuallyHidden>{t('stock.columns.actions')}</VisuallyHidden>,
        width: 96,
        align: 'right',
        render: (r) => (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Tooltip label={t('stock.ledger.open')}>
              <ActionIcon variant="subtle" size="lg" aria-label={t('stock.ledger.openFor', { sku: r.sku })} onClick={() => openLedger(r.sku)}>
                <IconHistory size={20} />
              </ActionIcon>
            </Tooltip>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" size="lg" aria-label={t('stock.rowMenu', { sku: r.sku })} data-testid="level-menu">
                  <IconDotsVertical size={20} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {r.sku} · {names.get(r.locationId) ?? r.locationId}
                </Menu.Label>
                {MOVES.map(([kind, Icon]) => (
                  <Menu.Item key={kind} leftSection={<Icon size={18} />} onClick={() => open({ kind, sku: r.sku, locationId: r.locationId })}>
                    {t(`stock.actions.${kind}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
        ),
      },
    ],
    [t, names, openLedger, open],
  );

  return (
    <VirtualTable
      rows={rows}
      columns={columns}
      rowKey={(r) => `${r.sku}\u0000${r.locationId}`}
      rowProps={(r) => ({ className: classes.row, 'data-tone': r.tone, 'data-sku': r.sku, 'data-location': r.locationId })}
      onRowActivate={(r) => openLedger(r.sku)}
      ariaLabel={t('stock.tableLabel')}
      testId="levels-table"
      rowTestId="level-row"
      footer={footer}
    />
  );
}

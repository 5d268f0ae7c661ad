// Stock: levels per sku x location, low stock highlighted, a ledger per sku, the four
// movements (receive, adjust, transfer, count), catalogue, CSV in and out, and a check
// that the stored levels agree with the ledger. Keys: R A T C open the forms, / filters.
import { ActionIcon, Box, Button, Chip, Group, Kbd, Menu, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import {
  IconAdjustments,
  IconArrowsExchange,
  IconBarcode,
  IconBuildingWarehouse,
  IconDots,
  IconEdit,
  IconClipboardCheck,
  IconDatabaseExport,
  IconFileImport,
  IconListCheck,
  IconPackage,
  IconPackageImport,
  IconSearch,
  IconTags,
} from '@tabler/icons-react';
import { useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { PageHeader } from '../ui/PageHeader';
import { EmptyView, LoadingState } from '../ui/states';
import { CheckStockModal } from './CheckStockModal';
import { useMenuCommand } from '../shell/menuCommands';
import { CsvImportModal } from './CsvImportModal';
import { exportStockCsv } from './exportCsv';
import { LedgerDrawer } from './LedgerDrawer';
import { LevelsTable } from './LevelsTable';
import { LocationModal } from './LocationModal';
import { MovementModal } from './MovementModal';
import { ProductModal } from './ProductModal';
import { LEVEL_LIMIT, useCatalogCounts, useLevels, useLocations } from './queries';
import { useStockStore, type MovementKind } from './stockStore';

const MOVES: Array<{ kind: MovementKind; key: string; icon: typeof IconPackageImport }> = [
  { kind: 'receive', key: 'R', icon: IconPackageImport },
  { kind: 'adjust', key: 'A', icon: IconAdjustments },
  { kind: 'transfer', key: 'T', icon: IconArrowsExchange },
  { kind: 'count', key: 'C', icon: IconClipboardCheck },
];

export default function StockPage() {
  const { t } = useTranslation();
  const store = useStockStore();
  const { dialog, open } = store;
  const filterRef = useRef<HTMLInputElement>(null);

  useHotkeys([
    ...MOVES.map(({ kind, key }): [string, () => void] => [key.toLowerCase(), () => open({ kind })]),
    ['/', () => filterRef.current?.focus()],
  ]);

  const exportCsv = exportStockCsv;
  // The File menu's CSV items do here what the "more" menu's do.
  useMenuCommand('export-csv', () => void exportStockCsv('levels'));
  useMenuCommand('import-csv', () => open({ kind: 'import', what: 'products' }));

  return (
    <Box h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--app-shell-padding))" mih={520} style={{ display: 'flex', flexDirection: 'column' }}>
      <PageHeader title={t('stock.title')}>
        {MOVES.map(({ kind, key, icon: Icon }, i) => (
          <Button
            key={kind}
            variant={i === 0 ? 'filled' : 'default'}
            leftSection={<Icon size={20} />}
            rightSection={<Kbd size="xs">{key}</Kbd>}
            onClick={() => open({ kind })}
            data-testid={`stock-${kind}`}
          >
            {t(`stock.actions.${kind}`)}
          </Button>
        ))}
        <Button variant="default" leftSection={<IconListCheck size={20} />} onClick={() => open({ kind: 'check' })} data-testid="stock-check">
          {t('stock.actions.check')}
        </Button>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="default" size={42} aria-label={t('stock.actions.more')} title={t('stock.actions.more')} data-testid="stock-more">
              <IconDots size={22} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('stock.menu.scanner')}</Menu.Label>
            <Menu.Item component={Link} to="/stock/scan" leftSection={<IconBarcode size={18} />} data-testid="stock-scan-goods">
              {t('stock.actions.scanGoods')}
            </Menu.Item>
            <Menu.Item component={Link} to="/labels?tab=locations" leftSection={<IconTags size={18} />}>
              {t('stock.actions.locationLabels')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Label>{t('stock.menu.catalogue')}</Menu.Label>
            <Menu.Item leftSection={<IconPackage size={18} />} onClick={() => open({ kind: 'product' })} data-testid="stock-add-product">
              {t('stock.actions.addProduct')}
            </Menu.Item>
            <Menu.Item leftSection={<IconBuildingWarehouse size={18} />} onClick={() => open({ kind: 'location' })} data-testid="stock-add-location">
              {t('stock.actions.addLocation')}
            </Menu.Item>
            <Menu.Item leftSection={<IconEdit size={18} />} onClick={() => open({ kind: 'location', change: true })} data-testid="stock-change-location">
              {t('stock.actions.changeLocation')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Label>{t('stock.menu.files')}</Menu.Label>
            <Menu.Item leftSection={<IconFileImport size={18} />} onClick={() => open({ kind: 'import', what: 'products' })} data-testid="stock-import-products">
              {t('stock.actions.importProducts')}
            </Menu.Item>
            <Menu.Item leftSection={<IconFileImport size={18} />} onClick={() => open({ kind: 'import', what: 'levels' })} data-testid="stock-import-levels">
              {t('stock.actions.importLevels')}
            </Menu.Item>
            <Menu.Item leftSection={<IconDatabaseExport size={18} />} onClick={() => void exportCsv('products')} data-testid="stock-export-products">
              {t('stock.actions.exportProducts')}
            </Menu.Item>
            <Menu.Item leftSection={<IconDatabaseExport size={18} />} onClick={() => void exportCsv('levels')} data-testid="stock-export-levels">
              {t('stock.actions.exportLevels')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </PageHeader>

      <ErrorBoundary>
        <StockBody filterRef={filterRef} />
      </ErrorBoundary>

      <LedgerDrawer />
      {dialog === null ? null
      : dialog.kind === 'product' ? <ProductModal sku={dialog.sku} onClose={() => open(null)} />
      : dialog.kind === 'location' ? <LocationModal change={dialog.change} onClose={() => open(null)} />
      : dialog.kind === 'import' ? <CsvImportModal what={dialog.what} onClose={() => open(null)} />
      : dialog.kind === 'check' ? <CheckStockModal onClose={() => open(null)} />
      : <MovementModal key={`${dialog.kind}:${dialog.sku ?? ''}:${dialog.locationId ?? ''}`} kind={dialog.kind} sku={dialog.sku} locationId={dialog.locationId} onClose={() => open(null)} />}
    </Box>
  );
}

function StockBody({ filterRef }: { filterRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const store = useStockStore();
  const [query] = useDebouncedValue(store.query, 200);
  const levels = useLevels({ query, locationId: store.locationId });
  const locations = useLocations();
  const counts = useCatalogCounts();
  const filtered = store.query.trim() !== '' || store.locationId !== null || store.lowOnly;

  const rows = levels ? (store.lowOnly ? levels.rows.filter((r) => r.tone !== 'ok') : levels.rows) : undefined;
  const lowCount = levels ? levels.rows.filter((r) => r.tone !== 'ok').length : 0;

  let body;
  if (rows === undefined || locations === undefined || counts === undefined) {
    body = <LoadingState />;
  } else if (counts.products === 0 || counts.locations === 0) {
    body = (
      <EmptyView
        size="lg"
        icon={<IconPackage />}
        title={t(counts.products === 0 ? 'stock.empty.noProducts' : 'stock.empty.noLocations')}
        description={t('stock.empty.startHint')}
        action={
          <Group>
            {counts.products === 0 ? (
              <>
                <Button leftSection={<IconPackage size={20} />} onClick={() => store.open({ kind: 'product' })}>
                  {t('stock.actions.addProduct')}
                </Button>
                <Button variant="default" leftSection={<IconFileImport size={20} />} onClick={() => store.open({ kind: 'import', what: 'products' })}>
                  {t('stock.actions.importProducts')}
                </Button>
              </>
            ) : null}
            {counts.locations === 0 ? (
              <Button variant={counts.products === 0 ? 'default' : 'filled'} leftSection={<IconBuildingWarehouse size={20} />} onClick={() => store.open({ kind: 'location' })}>
                {t('stock.actions.addLocation')}
              </Button>
            ) : null}
          </Group>
        }
      />
    );
  } else if (rows.length === 0 && !filtered) {
    body = (
      <EmptyView
        size="lg"
        icon={<IconPackageImport />}
        title={t('stock.empty.noStock')}
        description={t('stock.empty.noStockHint')}
        action={
          <Button leftSection={<IconPackageImport size={20} />} onClick={() => store.open({ kind: 'receive' })}>
            {t('stock.actions.receive')}
          </Button>
        }
      />
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyView
        icon={<IconSearch />}
        title={t('stock.empty.noMatch')}
        action={
          <Button variant="default" onClick={() => store.set({ query: '', locationId: null, lowOnly: false })}>
            {t('stock.filter.clear')}
          </Button>
        }
      />
    );
  } else {
    body = <LevelsTable rows={rows} locations={locations} footer={levels?.truncated ? t('stock.truncated', { count: LEVEL_LIMIT }) : undefined} />;
  }

  return (
    <>
      <Group gap="sm" mb="md" wrap="nowrap" data-testid="stock-filters">
        <TextInput
          ref={filterRef}
          aria-label={t('stock.filter.query')}
          placeholder={t('stock.filter.queryPlaceholder')}
          leftSection={<IconSearch size={18} />}
          rightSection={<Kbd size="xs">/</Kbd>}
          value={store.query}
          onChange={(e) => store.set({ query: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') store.set({ query: '' });
          }}
          w={320}
          data-testid="stock-filter-query"
        />
        <Select
          aria-label={t('stock.filter.location')}
          placeholder={t('stock.filter.allLocations')}
          data={(locations ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={store.locationId}
          onChange={(locationId) => store.set({ locationId })}
          clearable
          w={240}
          leftSection={<IconBuildingWarehouse size={18} />}
          comboboxProps={{ withinPortal: true }}
          data-testid="stock-filter-location"
        />
        <Chip checked={store.lowOnly} onChange={(lowOnly) => store.set({ lowOnly })} color="yellow" size="md" variant="outline" data-testid="stock-filter-low">
          {t('stock.filter.lowOnly', { count: lowCount })}
        </Chip>
        <Text c="dimmed" fz="sm" ml="auto" className="tabular" style={{ whiteSpace: 'nowrap' }} data-testid="stock-summary">
          {counts ? t('stock.summary', { count: rows?.length ?? 0, products: counts.products, locations: counts.locations }) : null}
        </Text>
      </Group>
      <Box style={{ flex: 1, minHeight: 0 }}>{body}</Box>
    </>
  );
}

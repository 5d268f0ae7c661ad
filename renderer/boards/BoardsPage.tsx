// Order boards: one column per workflow state of the chosen order type.
import { Box, Button, Group, SegmentedControl } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { OrderType } from '../../shared/db/rows';
import { PageHeader } from '../ui/PageHeader';
import { EmptyView } from '../ui/states';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useWorkflowWords } from '../workflow/labels';
import { BoardColumn } from './BoardColumn';
import { CardWordsProvider } from './cardWords';
import { BoardFilters } from './BoardFilters';
import { useBoardStore } from './boardStore';
import { ordersWithSku, toQueryFilters } from './queries';
import { QuickFind } from './QuickFind';
import { db } from '../db';
import { OpenExceptionsProvider } from '../parcels/openExceptions';
import { holdFirstIdle } from '../app/windowIdle';

const TYPES: OrderType[] = ['product', 'service'];

export default function BoardsPage() {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const catalog = useWorkflowCatalog();
  const store = useBoardStore();
  // Typing in a filter should not re-run every column's query on each keystroke.
  const [debounced] = useDebouncedValue(store, 250);
  const sku = debounced.sku.trim();
  const skuOrders = useLiveQuery(() => (sku ? ordersWithSku(sku) : null), [sku]) ?? null;
  // One filters object per real change: every column re-queries when it changes.
  const filters = useMemo(
    () => toQueryFilters(debounced, skuOrders),
    [debounced.type, debounced.buyer, debounced.from, debounced.to, skuOrders], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const columns = catalog.columns(store.type);
  const visible = columns.filter((c) => !store.hiddenColumns.includes(c.key));
  const anyOrders = useLiveQuery(() => db.orders.limit(1).count(), []);
  const onFirstRows = useFirstRowsHold(anyOrders === 0 ? [] : visible.map((c) => c.states.join('|')));

  return (
    <Box h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--app-shell-padding))" style={{ display: 'flex', flexDirection: 'column' }}>
      <PageHeader title={t('boards.title')}>
        <SegmentedControl
          value={store.type}
          onChange={(v) => store.set({ type: v as OrderType, hiddenColumns: [] })}
          data={TYPES.map((type) => ({ value: type, label: words.orderType(type) }))}
          data-testid="board-type"
        />
        <QuickFind />
        <Button component={Link} to="/orders/new" leftSection={<IconPlus size={20} />}>
          {t('boards.newOrder')}
        </Button>
      </PageHeader>
      <BoardFilters columns={columns} />
      {anyOrders === 0 ? (
        <EmptyView
          size="lg"
          title={t('boards.emptyTitle')}
          description={t('boards.emptyHint')}
          action={
            <Button component={Link} to="/orders/new" size="lg" leftSection={<IconPlus />}>
              {t('boards.newOrder')}
            </Button>
          }
        />
      ) : (
        <Group
          gap="sm"
          wrap="nowrap"
          align="stretch"
          style={{ flex: 1, minHeight: 0, overflowX: 'auto', paddingBottom: 6 }}
          data-testid="board"
          data-type={store.type}
        >
          <CardWordsProvider>
            <OpenExceptionsProvider>
              {visible.map((column) => (
                <BoardColumn key={`${store.type}:${column.key}`} column={column} filters={filters} onFirstRows={onFirstRows} />
              ))}
            </OpenExceptionsProvider>
          </CardWordsProvider>
        </Group>
      )}
    </Box>
  );
}

// One hold for the window: React's StrictMode runs the state initialiser twice in development.
let boardHold: (() => void) | null = null;

/**
 * The window's first idle moment (the engine worker's start, renderer/app/windowIdle.ts) waits
 * until every column shows its first rows: the worker's start-up reads would otherwise queue
 * the columns' reads behind them in IndexedDB (at 2 000 orders, cards seconds late). Returns
 * what a column calls once its first rows are on screen.
 */
function useFirstRowsHold(columns: string[]): (states: string) => void {
  const [release] = useState(() => (boardHold ??= holdFirstIdle()));
  useEffect(() => release, [release]);
  const shown = useRef(new Set<string>());
  const wanted = useRef(columns);
  // Layout effects run before the columns' effects, which report their rows.
  useLayoutEffect(() => {
    wanted.current = columns;
  });
  const check = useCallback(() => {
    if (wanted.current.every((c) => shown.current.has(c))) release();
  }, [release]);
  // An empty board, or fewer columns shown, may be complete already.
  const key = columns.join(';');
  useEffect(check, [key, check]);
  return useCallback(
    (states: string) => {
      shown.current.add(states);
      check();
    },
    [check],
  );
}

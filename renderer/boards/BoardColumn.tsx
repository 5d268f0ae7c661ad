// One state column, virtualised: only the visible cards are in the DOM and only their
// window of rows is queried, so a column of 100 000 orders scrolls like one of ten.
import { Badge, Box, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { stateColor } from '../ui/stateColors';
import type { BoardColumnDef } from '../workflow/catalog';
import { useWorkflowWords } from '../workflow/labels';
import classes from './BoardColumn.module.css';
import { OrderCard } from './OrderCard';
import { columnCounts, columnHead, columnRange, type CardData, type QueryFilters } from './queries';

const CARD_HEIGHT = 118;
const GAP = 8;
/** Rows are fetched in pages so small scrolls reuse the query. */
const PAGE = 40;

/**
 * The column's size from its ResizeObserver only. The library's own observer also reads
 * `clientHeight` as it mounts, in a layout effect, which forced the window's first layout
 * before the first paint (~64 ms of a cold start); `initialRect` stands in until the
 * observer's first report, which comes after that layout at no extra cost.
 */
function observeColumnRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return;
  const observer = new ResizeObserver(() => cb({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

export function BoardColumn({ column, filters, onFirstRows }: { column: BoardColumnDef; filters: QueryFilters; onFirstRows?: (states: string) => void }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const scrollRef = useRef<HTMLDivElement>(null);
  const statesKey = column.states.join('|');

  const counts = useLiveQuery(() => columnCounts(column.states, filters), [statesKey, filters]);
  const head = useLiveQuery(() => columnHead(column.states, PAGE, filters), [statesKey, filters]);
  const hasRows = head !== undefined;
  useEffect(() => {
    if (hasRows) onFirstRows?.(statesKey);
  }, [hasRows, onFirstRows, statesKey]);
  // Until the counts arrive, the head alone sizes the list.
  const total = counts ? counts.reduce((a, b) => a + b, 0) : (head?.length ?? 0);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT + GAP,
    overscan: 3,
    // A first guess at the column's size, so the first render already has cards (the
    // real size arrives with the ResizeObserver a frame later).
    initialRect: { width: 256, height: 600 },
    observeElementRect: observeColumnRect,
  });
  const items = virtualizer.getVirtualItems();
  const wantFirst = items.length ? Math.floor(items[0]!.index / PAGE) * PAGE : 0;
  const wantLast = items.length ? (Math.floor(items[items.length - 1]!.index / PAGE) + 1) * PAGE : PAGE;
  // While the operator drags the scrollbar, don't start a query for every page flown past:
  // fetch the window where scrolling comes to rest.
  const [windowKey] = useDebouncedValue(`${wantFirst}:${wantLast}`, 60, { leading: true });
  const [first, last] = windowKey.split(':').map(Number) as [number, number];

  const countsKey = counts?.join(',') ?? '';
  const windowRows = useLiveQuery(
    async () => ({ first, rows: counts ? await columnRange(column.states, counts, first, last, filters) : [] }),
    [statesKey, countsKey, first, last, filters],
  );
  // Keep showing the previous window while the next one loads (no flashing skeletons).
  const lastWindow = useRef<{ first: number; rows: CardData[] }>({ first: 0, rows: [] });
  if (windowRows) lastWindow.current = windowRows;
  const shown = !windowRows?.rows.length && first === 0 && head ? { first: 0, rows: head } : lastWindow.current;
  const label = words.state('order', column.states[0]);

  return (
    <Paper
      withBorder
      radius="md"
      p={0}
      w={256}
      miw={256}
      h="100%"
      bg="var(--mantine-color-default-hover)"
      style={{ display: 'flex', flexDirection: 'column' }}
      data-testid="board-column"
      data-states={statesKey}
      aria-label={label}
      component="section"
    >
      <Group justify="space-between" px="sm" py={8} mih={58} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <Box w={12} h={12} style={{ borderRadius: 3, flex: 'none' }} bg={`${stateColor('order', column.states[0])}.6`} />
          <Text fw={700} lineClamp={2} lh={1.2} className="cap-first" title={label}>
            {label}
          </Text>
        </Group>
        <Badge variant="default" size="lg" className="tabular" data-testid="column-count" style={{ flex: 'none', overflow: 'visible' }} miw="fit-content">
          {counts ? total.toLocaleString() : '…'}
        </Badge>
      </Group>
      {/* A plain scrolling box: Mantine's ScrollArea measured its thumb on every frame, and
          seven of them cost the cold load ~30 ms of layout reads. */}
      <div ref={scrollRef} className={classes.scroll} data-testid="column-scroll">
        {counts === undefined && head === undefined ? (
          <Stack p="xs" gap={GAP}>
            <Skeleton h={CARD_HEIGHT} radius="md" />
            <Skeleton h={CARD_HEIGHT} radius="md" />
          </Stack>
        ) : total === 0 ? (
          <Text c="dimmed" ta="center" py="xl" fz="sm">
            {t('boards.emptyColumn')}
          </Text>
        ) : (
          <Box pos="relative" h={virtualizer.getTotalSize()} mx="xs" my="xs">
            {items.map((item) => {
              const data = shown.rows[item.index - shown.first];
              return (
                <div key={item.key} className={classes.slot} style={{ transform: `translateY(${item.start}px)`, height: CARD_HEIGHT }}>
                  {data ? <OrderCard data={data} /> : <Skeleton h={CARD_HEIGHT} radius="md" />}
                </div>
              );
            })}
          </Box>
        )}
      </div>
    </Paper>
  );
}

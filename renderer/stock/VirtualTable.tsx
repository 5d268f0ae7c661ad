// A table that only renders the rows in view, so a screen stays smooth with many thousand
// rows (stock levels, timers). Real <table> markup with a sticky header; the rows between
// the top and the bottom spacer are the visible window. Rows take focus: arrow keys move,
// Home / End jump, Enter runs the row's main action. Shared by the stock and task screens.
import { Table } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import classes from './VirtualTable.module.css';

export interface VirtualColumn<T> {
  key: string;
  header: ReactNode;
  /** CSS width (px number or any length); leave one column without a width to take the rest. */
  width?: number | string;
  align?: 'left' | 'right' | 'center';
  render(row: T, index: number): ReactNode;
}

export interface VirtualTableProps<T> {
  rows: readonly T[];
  columns: ReadonlyArray<VirtualColumn<T>>;
  rowKey(row: T): string;
  rowHeight?: number;
  /** Extra attributes and style per row (e.g. a low-stock highlight). */
  rowProps?(row: T): { className?: string; style?: CSSProperties; [data: `data-${string}`]: string | undefined };
  /** Enter on a focused row. */
  onRowActivate?(row: T): void;
  ariaLabel: string;
  testId?: string;
  rowTestId?: string;
  /** Shown under the last row, e.g. "showing the first 5 000". */
  footer?: ReactNode;
}

export function VirtualTable<T>({
  rows,
  columns,
  rowKey,
  rowHeight = 52,
  rowProps,
  onRowActivate,
  ariaLabel,
  testId,
  rowTestId,
  footer,
}: VirtualTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    getItemKey: (index) => rowKey(rows[index]!),
  });
  const items = virtualizer.getVirtualItems();
  const top = items.length ? items[0]!.start : 0;
  const bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  const focusRow = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(rows.length - 1, index));
      virtualizer.scrollToIndex(target, { align: 'auto' });
      // The row may only exist after the virtualizer has rendered it.
      requestAnimationFrame(() => {
        scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${target}"]`)?.focus();
      });
    },
    [rows.length, virtualizer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (event.target !== event.currentTarget) return; // keys inside a row's buttons are theirs
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(moves[event.key]!);
    } else if (event.key === 'Enter' && onRowActivate) {
      event.preventDefault();
      onRowActivate(rows[index]!);
    }
  };

  return (
    <div ref={scrollRef} className={classes.scroll} data-testid={testId}>
      <Table
        stickyHeader
        layout="fixed"
        highlightOnHover
        verticalSpacing={0}
        horizontalSpacing="sm"
        aria-label={ariaLabel}
        aria-rowcount={rows.length + 1}
        className={classes.table}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} style={{ width: c.width, textAlign: c.align ?? 'left' }}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {top > 0 ? (
            <tr aria-hidden style={{ height: top }}>
              <td colSpan={columns.length} className={classes.spacer} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index]!;
            const extra = rowProps?.(row) ?? {};
            return (
              <Table.Tr
                key={item.key}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                tabIndex={0}
                onKeyDown={(e) => onKeyDown(e, item.index)}
                data-testid={rowTestId}
                {...extra}
                className={[classes.row, extra.className].filter(Boolean).join(' ')}
                style={{ height: rowHeight, ...extra.style }}
              >
                {columns.map((c) => (
                  <Table.Td key={c.key} style={{ textAlign: c.align ?? 'left' }} className={classes.cell}>
                    {c.render(row, item.index)}
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
          {bottom > 0 ? (
            <tr aria-hidden style={{ height: bottom }}>
              <td colSpan={columns.length} className={classes.spacer} />
            </tr>
          ) : null}
        </Table.Tbody>
      </Table>
      {footer ? <div className={classes.footer}>{footer}</div> : null}
    </div>
  );
}

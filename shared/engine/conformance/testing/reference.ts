// The reference tables (shared/workflows/reference/*.csv) as rows a test can iterate, and
// the README's lists that are not in a table (system-only actions, periods).
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

export interface ReferenceRow {
  /** Which file: product-order or service-order. */
  workflow: 'product' | 'service';
  machine: string;
  role: string;
  action: string;
  /** One from-state of the row ('' = creation); a row listing `A|B` gives two of these. */
  from: string;
  to: string;
  post: string;
}

function csv<T>(name: string): T[] {
  const text = readFileSync(new URL(`../../../workflows/reference/${name}`, import.meta.url), 'utf8');
  return Papa.parse<T>(text, { header: true, skipEmptyLines: true }).data;
}

interface RawRow {
  machine: string;
  role: string;
  action: string;
  from: string;
  to: string;
  post_action: string;
}

function rowsOf(workflow: ReferenceRow['workflow'], file: string): ReferenceRow[] {
  return csv<RawRow>(file).flatMap((r) =>
    r.from.split('|').map((from) => ({ workflow, machine: r.machine, role: r.role, action: r.action, from, to: r.to, post: r.post_action })),
  );
}

/** Every (row, from-state) of both machine tables. */
export const REFERENCE_ROWS: readonly ReferenceRow[] = [...rowsOf('product', 'product-order.csv'), ...rowsOf('service', 'service-order.csv')];

/** How many lines each table has (to prove none was dropped while expanding). */
export const REFERENCE_LINE_COUNTS = { product: csv<RawRow>('product-order.csv').length, service: csv<RawRow>('service-order.csv').length };

/** product-order-item-guards.csv: item action -> the order states it is allowed in. */
export const ITEM_GUARDS: ReadonlyMap<string, readonly string[]> = new Map(
  csv<{ item_action: string; order_states_where_allowed: string }>('product-order-item-guards.csv').map((r) => [r.item_action, r.order_states_where_allowed.split('|')]),
);

/** README "Machines and how they connect": actions only the system performs. */
export const SYSTEM_ONLY = {
  product: [
    'order state changed to FS',
    'order state changed to FP',
    'all items refunded',
    'processing refund',
    'item finished refund',
    'item closed refund',
    'no more open refund',
    'all items done with refund',
  ],
  service: ['used service finished refund', 'unused service finished refund'],
} as const;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** README "Periods (production values)". */
export const REFERENCE_PERIODS = {
  payment: 24 * HOUR,
  sellerResponse: 3 * DAY,
  buyerResponse: 3 * DAY,
  autoAck: 15 * DAY,
  extensionWindow: 7 * DAY,
  extension: 3 * DAY,
  refundWindow: 7 * DAY,
} as const;

export const ROLES = ['B', 'S', 'P', 'A'] as const;

export const rowKey = (r: Pick<ReferenceRow, 'machine' | 'role' | 'action' | 'from'>) => `${r.machine}|${r.role}|${r.action}|${r.from}`;

// How each shared row type is stored: its table, the key columns taken from the row, and
// the conflict key an upsert replaces on. One place, so writes and pulls agree.
import type { Queryable } from '../db/sql';

/** A connection that batches writes (a transaction's BatchedSession, batch.ts). */
interface BatchingQueryable extends Queryable {
  write(table: string, sql: string, params: unknown[]): Promise<void>;
}

export interface TableSpec {
  table: string;
  /** Key column → SQL expression over the row `r` (jsonb). */
  columns: Record<string, string>;
  /** The columns an upsert replaces on; empty for append-only tables. */
  conflict: string[];
}

const text = (field: string) => `r->>'${field}'`;

export const TABLES = {
  orders: { table: 'orders', columns: { id: text('id'), number: text('number'), type: text('type'), state: text('state') }, conflict: ['id'] },
  items: { table: 'items', columns: { id: text('id'), order_id: text('orderId'), sku: text('sku') }, conflict: ['id'] },
  refunds: { table: 'refunds', columns: { id: text('id'), order_id: text('orderId') }, conflict: ['id'] },
  vouchers: { table: 'vouchers', columns: { code: text('code'), order_id: text('orderId') }, conflict: ['code'] },
  timers: { table: 'timers', columns: { id: text('id'), order_id: text('orderId'), status: text('status'), due_at: `(${text('dueAt')})::bigint` }, conflict: ['id'] },
  events: { table: 'events', columns: { order_id: text('orderId'), command_id: text('commandId') }, conflict: [] },
  commands: { table: 'commands', columns: { id: text('id'), kind: text('kind'), device_id: text('deviceId') }, conflict: ['id'] },
  settings: { table: 'settings', columns: { key: text('key') }, conflict: ['key'] },
  operators: { table: 'operators', columns: { id: text('id') }, conflict: ['id'] },
  workflows: { table: 'workflows', columns: { id: text('id'), version: `(${text('version')})::integer` }, conflict: ['id', 'version'] },
  sequences: { table: 'sequences', columns: { name: text('name') }, conflict: ['name'] },
  products: { table: 'products', columns: { sku: text('sku') }, conflict: ['sku'] },
  locations: { table: 'locations', columns: { id: text('id') }, conflict: ['id'] },
  stockLedger: { table: 'stock_ledger', columns: { id: text('id'), command_id: text('commandId'), sku: text('sku'), location_id: text('locationId') }, conflict: [] },
  stockLevels: { table: 'stock_levels', columns: { sku: text('sku'), location_id: text('locationId') }, conflict: ['sku', 'location_id'] },
  reservations: { table: 'reservations', columns: { id: text('id'), order_id: text('orderId'), status: text('status') }, conflict: ['id'] },
  payments: { table: 'payments', columns: { id: text('id'), order_id: text('orderId'), till_id: text('tillId') }, conflict: ['id'] },
  tills: { table: 'tills', columns: { id: text('id'), device_id: text('deviceId'), status: text('status') }, conflict: ['id'] },
} satisfies Record<string, TableSpec>;

/**
 * Writes rows in one statement, in their order (numbered columns follow it). `put`
 * replaces a stored row with the same key and gives it a new change position; `add`
 * fails on one (unique violation), as an insert must.
 */
export async function writeRows(q: Queryable, spec: TableSpec, rows: readonly object[], mode: 'put' | 'add'): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(spec.columns);
  const exprs = Object.values(spec.columns);
  let sql =
    `INSERT INTO ${spec.table} (${[...names, 'row'].join(', ')}) ` +
    `SELECT ${[...exprs, 'r'].join(', ')} FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(r, n) ORDER BY n`;
  if (mode === 'put') {
    const updates = [...names.filter((c) => !spec.conflict.includes(c)), 'row'].map((c) => `${c} = excluded.${c}`);
    sql += ` ON CONFLICT (${spec.conflict.join(', ')}) DO UPDATE SET ${[...updates, "change_seq = nextval('change_seq')"].join(', ')}`;
  }
  const params = [JSON.stringify(rows)];
  if ('write' in q) await (q as BatchingQueryable).write(spec.table, sql, params);
  else await q.query(sql, params);
}

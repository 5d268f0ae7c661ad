// Test helpers: one in-memory PGlite per test file (it takes seconds to start), migrated
// once and emptied before each test; and a dump of every row for "wrote nothing" checks.
import { PGlite } from '@electric-sql/pglite';
import { pgliteDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import type { Database, Queryable } from '../db/sql';

export const DATA_TABLES = [
  'orders', 'items', 'refunds', 'vouchers', 'timers', 'events', 'commands', 'settings', 'workflows',
  'sequences', 'products', 'locations', 'stock_ledger', 'stock_levels', 'reservations', 'state_counts', 'operators',
  'carriers', 'shipments', 'checkpoints', 'exceptions',
  'payments', 'tills',
] as const;

export async function memoryDatabase(): Promise<{ pglite: PGlite; database: Database }> {
  const pglite = new PGlite();
  const database = pgliteDatabase(pglite);
  await migrate(database);
  return { pglite, database };
}

export async function emptyTables(q: Queryable): Promise<void> {
  await q.query(`TRUNCATE ${DATA_TABLES.join(', ')} RESTART IDENTITY`);
}

/** Every stored row of every table, in a stable order. */
export async function dumpRows(q: Queryable): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of DATA_TABLES) out[t] = (await q.query<{ row: unknown }>(`SELECT row FROM ${t} ORDER BY row::text`)).rows.map((r) => r.row);
  return out;
}

/** The rows of one table as the shared types define them, oldest write first. */
export async function rowsOf<R>(q: Queryable, table: (typeof DATA_TABLES)[number]): Promise<R[]> {
  return (await q.query<{ row: R }>(`SELECT row FROM ${table} ORDER BY change_seq`)).rows.map((r) => r.row);
}

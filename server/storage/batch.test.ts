// A transaction's statements in few round trips (batch.ts): the reads of one turn in one
// statement, the writes with COMMIT in one, the transaction's opening with its first
// statement; in the order issued, a write's failure failing the transaction, and text that
// looks like SQL (quotes, dollar tags) stored exactly as given.
import type { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SettingRow } from '../../shared/db/rows';
import type { Database, Session } from '../db/sql';
import { emptyTables, memoryDatabase, rowsOf } from '../testing/pglite';
import { BatchedSession } from './batch';
import { pgStorage } from './pgStorage';
import { TABLES, writeRows } from './tables';

let pglite: PGlite;
let database: Database;

beforeAll(async () => {
  ({ pglite, database } = await memoryDatabase());
}, 120_000);
afterAll(() => pglite?.close());
beforeEach(() => emptyTables(pglite));

/** The database, counting the round trips its sessions make. */
function counted(inner: Database) {
  const trips: string[] = [];
  const db: Database = {
    close: () => inner.close(),
    async connect(): Promise<Session> {
      const s = await inner.connect();
      return {
        query: (text, params) => (trips.push(text), s.query(text, params)),
        exec: (script) => (trips.push(script), s.exec(script)),
        script: (script) => (trips.push(script), s.script!(script)),
        release: () => s.release(),
      };
    },
  };
  return { db, trips };
}

const setting = (key: string, value: unknown): SettingRow => ({ key, value });

describe('a transaction in few round trips', () => {
  it('sends the reads issued together as one statement, with the opening, each answering its own rows in order', async () => {
    const seed = await database.connect();
    await writeRows(seed, TABLES.settings, [setting('b', 2), setting('a', 1), setting('c', 3)], 'put');
    seed.release();
    const { db, trips } = counted(database);
    const session = await db.connect();
    const batch = new BatchedSession(session, 'BEGIN');
    const [all, one, none] = await Promise.all([
      batch.read<{ row: SettingRow }>('SELECT row FROM settings ORDER BY key COLLATE "C"'),
      batch.read<{ key: string }>('SELECT key FROM settings WHERE key = $1', ['b']),
      batch.read<{ key: string }>('SELECT key FROM settings WHERE key = ANY($1::text[])', [['x', 'y']]),
    ]);
    await batch.commit();
    session.release();
    expect(all.map((r) => r.row)).toEqual([setting('a', 1), setting('b', 2), setting('c', 3)]);
    expect(one).toEqual([{ key: 'b' }]);
    expect(none).toEqual([]);
    expect(trips).toHaveLength(2); // BEGIN + the reads, then COMMIT
    expect(trips[0]).toMatch(/^BEGIN; SELECT/);
    expect(trips[1]).toBe('COMMIT');
  });

  it('holds writes until COMMIT and sends them with it; a read after a write is sent after it and sees it', async () => {
    const { db, trips } = counted(database);
    const storage = pgStorage(db);
    const seen = await storage.transaction(async (tx) => {
      await tx.putSetting('first', 1);
      const read = await tx.settings(); // flushes the held write first
      await Promise.all([tx.putSetting('second', 2), tx.setSequence('order:product', 7)]);
      return read;
    });
    expect(seen).toBeDefined();
    const rows = await rowsOf<SettingRow>(pglite, 'settings');
    expect(rows).toEqual([setting('first', 1), setting('second', 2)]);
    // opening + first write, the read, then both writes and COMMIT in one script
    expect(trips).toHaveLength(3);
    expect(trips[2]).toMatch(/^WITH w0 AS \(INSERT INTO settings.*w1 AS \(INSERT INTO sequences.*; COMMIT$/s);
  });

  it('a held write that fails fails the transaction with its own error, and nothing is kept', async () => {
    const storage = pgStorage(database);
    const row = { id: 'w', version: 1, definition: {}, installedAt: 0 };
    await storage.transaction((tx) => tx.addWorkflow(row));
    const error = await storage
      .transaction(async (tx) => {
        await tx.putSetting('kept?', true);
        await tx.addWorkflow(row); // resolves at once: the clash comes at COMMIT
        return 'done';
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConstraintError' });
    expect(await rowsOf(pglite, 'settings')).toEqual([]);
  });

  it('a read after a failed held write fails with the write\'s error, not "transaction aborted"', async () => {
    const storage = pgStorage(database);
    const row = { id: 'w', version: 1, definition: {}, installedAt: 0 };
    await storage.transaction((tx) => tx.addWorkflow(row));
    const error = await storage
      .transaction(async (tx) => {
        await tx.addWorkflow(row);
        return tx.workflowKeys();
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConstraintError' });
  });

  it('stores text written into the statement exactly as given (quotes, backslashes, dollar tags)', async () => {
    const storage = pgStorage(database);
    const tricky = fc.constantFrom("'", '$cf$', '$cf0$', '$$', '\\', '"', "');DROP TABLE settings;--", 'a$', '$cf', '{', '}', ',');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string(), tricky), { minLength: 1, maxLength: 5 }), async (parts) => {
        const key = parts.join('');
        await storage.transaction((tx) => tx.putSetting(key, { key, parts }));
        const rows = await rowsOf<SettingRow>(pglite, 'settings');
        expect(rows.find((r) => r.key === key)?.value).toEqual({ key, parts });
        // The same text in an array parameter (skus) finds its row and no other (the catalogue
        // holds only this run's product: an earlier run's "$cf\\" would rightly be found too).
        await pglite.exec('DELETE FROM products');
        const seed = await database.connect();
        await writeRows(seed, TABLES.products, [{ sku: key, name: 'p', price: 1 }], 'put');
        seed.release();
        const found = await storage.transaction((tx) => tx.stockWork([key, `${key}"`, `${key}\\`], 'priority'));
        expect([...found.products.keys()]).toEqual([key]);
      }),
      { numRuns: 40 },
    );
  });
});

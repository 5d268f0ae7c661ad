// The proof that the server runs the counter's rules: the same order and stock commands,
// through the same factories and pipeline, on PGlite (PostgreSQL) and on the Dexie counter
// (fake-indexeddb), give the same results; and the PostgreSQL shell keeps the pipeline's
// promises (a refusal writes nothing, a command id has effect once, a failure rolls back).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { LedgerRow, OrderRow, ReservationRow, StateCountRow, StockLevelRow } from '../../shared/db/rows';
import { compareLevels, rebuildLevels } from '../../shared/inventory/levels';
import type { CommandStorage } from '../../shared/engine/storage';
import 'fake-indexeddb/auto';
import { openCounter, type EngineCounter } from '../../shared/engine/counter';
import { startEngine, type DeviceCommands, type ServerTx } from '../engine';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../db/sql';
import { migrate, readMigrations } from '../db/migrate';
import { dumpRows, emptyTables, memoryDatabase, rowsOf } from '../testing/pglite';
import { pgStorage } from './pgStorage';
import { pgTrackingStorage } from './pgTracking';

const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);
const order = (id: string) => ({ kind: 'order' as const, id });
type Commands = Pick<EngineCounter, 'createOrder' | 'act' | 'addLocation' | 'addProduct' | 'receive'>;

let pglite: PGlite;
let database: Database;

beforeAll(async () => {
  ({ pglite, database } = await memoryDatabase());
}, 120_000);
afterAll(() => pglite?.close());
beforeEach(() => emptyTables(pglite));

async function serverCommands(storage: CommandStorage<ServerTx> = pgTrackingStorage(database)): Promise<DeviceCommands> {
  const engine = await startEngine(storage, { now: () => NOW });
  return engine.commandsFor('dev-test', 'tester');
}

/** The story both sides run: a shop with three units, an order of two paid and shipped,
 *  then refusals (paying twice, selling more than is left), a repeat and a conflict. */
async function story(c: Commands): Promise<Array<{ step: string; ok: boolean; code?: string }>> {
  const steps: Array<[string, () => Promise<{ ok: boolean; code?: string }>]> = [];
  let orderId = '';
  const line = { buyerId: 'buyer-1', lines: [{ sku: 'SKU-1', qty: 2, price: 10 }] };
  steps.push(['location', () => c.addLocation({ id: 'main', name: 'Main store', priority: 1 })]);
  steps.push(['product', () => c.addProduct({ sku: 'SKU-1', name: 'Product 1', price: 10 })]);
  steps.push(['receive', () => c.receive({ sku: 'SKU-1', locationId: 'main', qty: 3 })]);
  steps.push(['create', async () => {
    const r = await c.createOrder('product', line, { commandId: 'create-1' });
    if (r.ok) orderId = r.orderId;
    return r;
  }]);
  steps.push(['pay', () => c.act(order(orderId), 'P', 'payment successful')]);
  steps.push(['ship', () => c.act(order(orderId), 'S', 'ship the order')]);
  steps.push(['pay again', () => c.act(order(orderId), 'P', 'payment successful')]);
  steps.push(['too many', () => c.createOrder('product', { buyerId: 'buyer-2', lines: [{ sku: 'SKU-1', qty: 2, price: 10 }] })]);
  steps.push(['repeat', () => c.createOrder('product', line, { commandId: 'create-1' })]);
  steps.push(['conflict', () => c.createOrder('product', { ...line, buyerId: 'someone else' }, { commandId: 'create-1' })]);
  const out = [];
  for (const [step, run] of steps) {
    const r = await run();
    out.push({ step, ok: r.ok, ...(r.ok ? {} : { code: r.code }) });
  }
  return out;
}

describe('the PostgreSQL storage runs the counter rules', () => {
  it('gives the same results as the Dexie counter for the same commands', async () => {
    const server = await story(await serverCommands());
    const counter = await openCounter({ dbName: `pg-compare-${Math.random().toString(36).slice(2)}`, now: () => NOW, deviceId: 'dev-test', operator: 'tester' });
    const dexie = await story(counter);
    expect(dexie).toEqual(server);
    // And the same rows: the order's state, the levels, the ledger, the board's counts.
    const outcome = (orders: OrderRow[], levels: StockLevelRow[], ledger: LedgerRow[], counts: StateCountRow[]) => ({
      orders: orders.map((o) => [o.number, o.state, o.total]),
      levels: levels.map((l) => [l.sku, l.locationId, l.onHand, l.reserved]),
      ledger: ledger.map((l) => [l.kind, l.sku, l.locationId, l.delta]),
      counts: counts.filter((c) => c.count !== 0).map((c) => [c.type, c.state, c.count]),
    });
    const db = counter.db;
    expect(outcome(await rowsOf(pglite, 'orders'), await rowsOf(pglite, 'stock_levels'), await rowsOf(pglite, 'stock_ledger'), await rowsOf(pglite, 'state_counts'))).toEqual(
      outcome(await db.orders.toArray(), await db.stockLevels.toArray(), await db.stockLedger.toArray(), await db.stateCounts.toArray()),
    );
    expect(server.map((s) => s.step)).toEqual(['location', 'product', 'receive', 'create', 'pay', 'ship', 'pay again', 'too many', 'repeat', 'conflict']);
    expect(server).toMatchObject([
      { ok: true }, { ok: true }, { ok: true }, { ok: true }, { ok: true }, { ok: true },
      { ok: false }, { ok: false, code: 'insufficient-stock' }, { ok: true }, { ok: false, code: 'command-id-conflict' },
    ]);
    await counter.close();
  }, 60_000);
});

/** A shop with one location and `qty` units of SKU-1; an order of two placed. */
async function shopWithOrder(c: DeviceCommands, qty = 3): Promise<string> {
  expect((await c.addLocation({ id: 'main', name: 'Main store', priority: 1 })).ok).toBe(true);
  expect((await c.addProduct({ sku: 'SKU-1', name: 'Product 1', price: 10 })).ok).toBe(true);
  expect((await c.receive({ sku: 'SKU-1', locationId: 'main', qty })).ok).toBe(true);
  const created = await c.createOrder('product', { buyerId: 'buyer-1', lines: [{ sku: 'SKU-1', qty: 2, price: 10 }] }, { commandId: 'create-1' });
  if (!created.ok) expect.fail(`${created.code}: ${created.message}`);
  return created.orderId;
}

async function stockCheck() {
  const [levels, ledger, reservations] = await Promise.all([
    rowsOf<StockLevelRow>(pglite, 'stock_levels'),
    rowsOf<LedgerRow>(pglite, 'stock_ledger'),
    rowsOf<ReservationRow>(pglite, 'reservations'),
  ]);
  const open = reservations.filter((r) => r.status === 'reserved' || r.status === 'partly-shipped');
  return { levels, ledger, report: compareLevels(levels, rebuildLevels(ledger, open)) };
}

describe('a product order on PostgreSQL', () => {
  it('create → pay → ship: the order moves, stock levels and the ledger agree', async () => {
    const c = await serverCommands();
    const orderId = await shopWithOrder(c);
    expect((await stockCheck()).levels).toMatchObject([{ sku: 'SKU-1', locationId: 'main', onHand: 3, reserved: 2 }]);
    expect(await c.act(order(orderId), 'P', 'payment successful')).toMatchObject({ ok: true });
    expect(await c.act(order(orderId), 'S', 'ship the order')).toMatchObject({ ok: true });
    const [stored] = await rowsOf<OrderRow>(pglite, 'orders');
    expect(stored).toMatchObject({ id: orderId, state: 'FS', deviceId: 'dev-test', operator: 'tester' });
    const { levels, ledger, report } = await stockCheck();
    expect(levels).toMatchObject([{ onHand: 1, reserved: 0 }]);
    expect(ledger.map((l) => [l.kind, l.delta])).toEqual([['receive', 3], ['ship', -2]]);
    expect(report.ok).toBe(true);
    // The board's counts moved with the order, by deltas.
    const counts = await rowsOf<StateCountRow>(pglite, 'state_counts');
    expect(counts.filter((r) => r.count !== 0)).toEqual([{ type: 'product', state: 'FS', count: 1 }]);
  }, 30_000);

  it('a refused command writes nothing', async () => {
    const c = await serverCommands();
    const orderId = await shopWithOrder(c);
    const before = await dumpRows(pglite);
    expect(await c.act(order(orderId), 'S', 'ship the order')).toMatchObject({ ok: false });
    expect(await c.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 5, price: 10 }] })).toMatchObject({ ok: false, code: 'insufficient-stock' });
    expect(await c.receive({ sku: 'NOPE', locationId: 'main', qty: 1 })).toMatchObject({ ok: false });
    expect(await dumpRows(pglite)).toEqual(before);
  }, 30_000);

  it('the same command id twice has effect once; with another payload it is a conflict', async () => {
    const c = await serverCommands();
    const orderId = await shopWithOrder(c);
    const pay = await c.act(order(orderId), 'P', 'payment successful', undefined, { commandId: 'pay-1' });
    expect(pay).toMatchObject({ ok: true });
    const before = await dumpRows(pglite);
    expect(await c.act(order(orderId), 'P', 'payment successful', undefined, { commandId: 'pay-1' })).toEqual(pay);
    expect(await c.receive({ sku: 'SKU-1', locationId: 'main', qty: 1 }, { commandId: 'pay-1' })).toMatchObject({ ok: false, code: 'command-id-conflict' });
    expect(await dumpRows(pglite)).toEqual(before);
  }, 30_000);

  it('a failure inside the transaction rolls every write back', async () => {
    const storage = pgTrackingStorage(database);
    const c = await serverCommands(storage);
    const orderId = await shopWithOrder(c);
    const before = await dumpRows(pglite);
    // The changeset is written, then the storage fails: nothing of it may stay.
    const failing: CommandStorage<ServerTx> = {
      read: storage.read,
      transaction: (body) =>
        storage.transaction((tx) =>
          body(
            Object.assign(Object.create(tx) as typeof tx, {
              writeChangeset: async (changes: Parameters<typeof tx.writeChangeset>[0]) => {
                await tx.writeChangeset(changes);
                throw new Error('disk full');
              },
            }),
          ),
        ),
    };
    const broken = await serverCommands(failing);
    expect(await broken.act(order(orderId), 'P', 'payment successful')).toMatchObject({ ok: false, code: 'storage-failed', message: expect.stringContaining('disk full') });
    expect(await dumpRows(pglite)).toEqual(before);
    // And the database is usable afterwards: the same command succeeds.
    expect(await c.act(order(orderId), 'P', 'payment successful')).toMatchObject({ ok: true });
  }, 30_000);

  it('two commands on one order at once take turns (the session queue, the row locks)', async () => {
    const c = await serverCommands();
    const orderId = await shopWithOrder(c);
    const results = await Promise.all([c.act(order(orderId), 'P', 'payment successful'), c.act(order(orderId), 'P', 'payment successful')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await stockCheck()).report.ok).toBe(true);
  }, 30_000);
});

describe('the reads of the storage interface', () => {
  it('answer from the rows, in a read-only transaction too (no locks taken there)', async () => {
    const c = await serverCommands();
    const orderId = await shopWithOrder(c);
    expect((await c.addProduct({ sku: 'SKU-2', name: 'Product 2', price: 5, barcodes: ['4006381333931'] })).ok).toBe(true);
    expect(await c.act(order(orderId), 'P', 'payment successful')).toMatchObject({ ok: true });
    expect(await c.act(order(orderId), 'S', 'ship the order')).toMatchObject({ ok: true }); // schedules the buyer's confirmation timer
    const storage = pgStorage(database);
    const read = await storage.read(async (tx) => ({
      skus: await tx.productSkus(),
      locations: await tx.locationIds(),
      byBarcode: (await tx.productsWithBarcodes(['4006381333931'])).map((p) => p.sku),
      noBarcode: await tx.productsWithBarcodes([]),
      due: await tx.dueTimers(Number.MAX_SAFE_INTEGER, 100),
      dueNow: await tx.dueTimers(NOW - 1, 100),
      orderOfItem: await tx.orderIdOf({ kind: 'item', id: (await rowsOf<{ id: string }>(pglite, 'items'))[0]!.id }),
      input: await tx.orderInput(orderId, () => true),
      settings: await tx.settings(),
      sequence: await tx.sequence('order:product'),
      workflows: await tx.workflowKeys(),
    }));
    expect(read.skus).toEqual(['SKU-1', 'SKU-2']);
    expect(read.locations).toEqual(['main']);
    expect(read.byBarcode).toEqual(['SKU-2']);
    expect(read.noBarcode).toEqual([]);
    const pending = (await rowsOf<{ status: string }>(pglite, 'timers')).filter((t) => t.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    expect(read.due).toHaveLength(pending.length);
    expect(read.dueNow).toEqual([]);
    expect(read.orderOfItem).toBe(orderId);
    expect(read.input?.snapshot.order.id).toBe(orderId);
    expect(read.input?.snapshot.stock.levels.size).toBe(1);
    expect(read.settings.strategy).toBe('priority');
    expect(read.sequence).toBe(1);
    expect(read.workflows.length).toBeGreaterThanOrEqual(2);
  }, 30_000);
});

describe('migrations', () => {
  it('are recorded once: a second start applies nothing; a failing file is rolled back whole', async () => {
    expect(await migrate(database)).toEqual([]);
    const recorded = await pglite.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(recorded.rows).toEqual([
      { version: 1, name: '001_init.sql' },
      { version: 2, name: '002_operators.sql' },
      { version: 3, name: '003_devices_and_pull.sql' },
      { version: 4, name: '004_refused_commands.sql' },
      { version: 5, name: '005_money.sql' },
      { version: 6, name: '006_tracking.sql' },
      { version: 7, name: '007_unread_indexes.sql' },
    ]);
    // 007 drops the indexes nothing reads and keeps those the commands and rules need.
    const indexes = (await pglite.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).rows.map((r) => r.indexname);
    for (const gone of ['events_order_id', 'stock_ledger_sku', 'shipments_order_id']) expect(indexes).not.toContain(gone);
    expect(indexes).toEqual(expect.arrayContaining(['stock_ledger_id_key', 'checkpoints_id_key', 'checkpoints_shipment_id', 'exceptions_shipment_id', 'payments_order_id', 'payments_till_id', 'events_change_seq', 'stock_ledger_change_seq', 'shipments_change_seq']));
    const broken = { version: 99, name: '099_broken.sql', sql: 'CREATE TABLE half_done (id text); SELECT no_such_column FROM orders;' };
    await expect(migrate(database, [broken])).rejects.toThrow(/099_broken.sql failed and was rolled back/);
    expect((await pglite.query("SELECT to_regclass('half_done') AS t")).rows).toEqual([{ t: null }]);
    expect((await pglite.query('SELECT version FROM schema_migrations')).rows).toHaveLength(7);
  });

  it('refuses files that are not numbered', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
    await writeFile(join(dir, 'init.sql'), 'SELECT 1');
    await expect(readMigrations(dir)).rejects.toThrow(/must be named NNN_name.sql/);
  });
});

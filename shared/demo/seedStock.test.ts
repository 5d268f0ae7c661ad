// The demo import keeps stock true: each batch reads the levels it drives its orders on and
// writes them with its orders, so another window's work between batches is kept and an
// interrupted import leaves whole batches with levels that agree with the ledger.
import type { Table } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { CounterDb } from '../db/database';
import { openCounter, randomVoucherCode, type EngineCounter } from '../engine/counter';
import { readCommandSettings } from '../engine/commandSettings';
import { BUILT_IN_HANDLERS } from '../engine/handlers';
import { newId } from '../ids';
import { injectFault, type BulkWrite } from '../testing/faults';
import { resumeDemoImport } from './importDemo';
import { DemoImportStopped, seedDemo, unfinishedDemoImport, type SeedOptions } from './seed';

const NOW = Date.UTC(2026, 10, 22, 12);
const open = (dbName = `seed-stock-${Math.random()}`, deviceId = 'dev-a') => openCounter({ dbName, now: () => NOW, deviceId, operator: 'tester' });

/** seedDemo as counter.seedDemo calls it, with the progress hook and batch size tests need. */
async function seedWith(counter: EngineCounter, options: SeedOptions, onProgress?: (done: number) => void | Promise<void>) {
  const settings = await readCommandSettings(counter.db);
  const env = { registry: counter.registry, periods: settings.periods, handlers: BUILT_IN_HANDLERS, newId, voucherCode: randomVoucherCode };
  return seedDemo({ db: counter.db, counter, env, deviceId: counter.deviceId, operator: 'tester', now: () => NOW, devicePrefix: settings.devicePrefix, onProgress }, options);
}

/** Every row that names an order names one that exists, and every order has all of its rows. */
async function expectOrdersWhole(db: CounterDb): Promise<void> {
  const [orders, items, refunds, vouchers, timers, events, reservations, ledger, counts] = await Promise.all([
    db.orders.toArray(),
    db.items.toArray(),
    db.refunds.toArray(),
    db.vouchers.toArray(),
    db.timers.toArray(),
    db.events.toArray(),
    db.reservations.toArray(),
    db.stockLedger.toArray(),
    db.stateCounts.toArray(),
  ]);
  const ids = new Set(orders.map((o) => o.id));
  for (const [table, rows] of Object.entries({ items, refunds, vouchers, timers, events, reservations })) {
    for (const row of rows) expect(ids.has(row.orderId), `${table} row of a missing order`).toBe(true);
  }
  for (const row of ledger) if (row.orderId !== null) expect(ids.has(row.orderId), 'ledger row of a missing order').toBe(true);
  for (const order of orders) {
    const lines = items.filter((i) => i.orderId === order.id);
    expect(lines, order.number).toHaveLength(order.lineCount);
    const timeline = events.filter((e) => e.orderId === order.id).sort((a, b) => a.seq! - b.seq!);
    expect(timeline[0]?.events[0], order.number).toMatchObject({ type: 'transition', action: 'create order' });
    if (order.type !== 'product') continue;
    for (const line of lines) {
      // Every product line reserved its quantity when the order was made, and what was
      // shipped from it is on the ledger.
      const own = reservations.filter((r) => r.itemId === line.id);
      expect(own.reduce((n, r) => n + r.qty, 0), `${order.number} line ${line.lineNo}`).toBe(line.qty);
      const shipped = own.reduce((n, r) => n + r.shippedQty, 0);
      const shipRows = ledger.filter((r) => r.itemId === line.id && r.kind === 'ship');
      expect(shipRows.reduce((n, r) => n - r.delta, 0), `${order.number} line ${line.lineNo}`).toBe(shipped);
    }
  }
  const byState = new Map<string, number>();
  for (const o of orders) byState.set(`${o.type}:${o.state}`, (byState.get(`${o.type}:${o.state}`) ?? 0) + 1);
  expect(new Map(counts.filter((c) => c.count !== 0).map((c) => [`${c.type}:${c.state}`, c.count]))).toEqual(byState);
  expect(new Set(orders.map((o) => o.number)).size).toBe(orders.length);
}

const onHandFromLedger = async (db: CounterDb, sku: string, locationId: string) =>
  (await db.stockLedger.where('[sku+seq]').between([sku, -Infinity], [sku, Infinity]).toArray()).filter((r) => r.locationId === locationId).reduce((n, r) => n + r.delta, 0);

describe('demo import and other windows', () => {
  it('keeps a receive and an order made by another window between two batches', async () => {
    const dbName = `seed-stock-${Math.random()}`;
    const importing = await open(dbName, 'dev-a');
    const other = await open(dbName, 'dev-b');
    let otherOrder = '';
    const result = await seedWith(importing, { orders: 12, ordersPerTransaction: 4 }, async (done) => {
      if (done === 4) expect(await other.receive({ sku: 'SKU-0001', locationId: 'MAIN', qty: 1000, reason: 'Delivery' })).toMatchObject({ ok: true });
      if (done === 8) {
        const created = await other.createOrder('product', { buyerId: 'B1', lines: [{ sku: 'SKU-0002', qty: 2, price: 1980 }] });
        otherOrder = created.ok ? created.orderId : '';
      }
    });
    expect(result.orders).toBe(12);
    expect(otherOrder).not.toBe('');
    expect(await importing.checkStock()).toMatchObject({ ok: true, mismatches: [] });
    const level = await importing.db.stockLevels.get(['SKU-0001', 'MAIN']);
    expect(level?.onHand).toBe(await onHandFromLedger(importing.db, 'SKU-0001', 'MAIN'));
    expect((await importing.ledger({ sku: 'SKU-0001', locationId: 'MAIN' })).some((r) => r.reason === 'Delivery' && r.delta === 1000)).toBe(true);
    // The other window's order kept its number and its reservation.
    expect(await importing.db.orders.count()).toBe(13);
    await expectOrdersWhole(importing.db);
    await importing.close();
    await other.close();
  });
});

// Every write a batch makes, by table: its bulk writes and its command row. Failing any of
// them in any batch must leave the batches before it whole and nothing of the failing one.
type BatchTable = 'orders' | 'stateCounts' | 'items' | 'refunds' | 'vouchers' | 'timers' | 'events' | 'reservations' | 'stockLedger' | 'stockLevels' | 'sequences' | 'commands';
const BATCH_WRITES: Array<[BatchTable, BulkWrite]> = [
  ['orders', 'bulkPut'],
  ['stateCounts', 'bulkPut'],
  ['items', 'bulkPut'],
  ['refunds', 'bulkPut'],
  ['vouchers', 'bulkAdd'],
  ['timers', 'bulkPut'],
  ['events', 'bulkAdd'],
  ['reservations', 'bulkPut'],
  ['stockLedger', 'bulkAdd'],
  ['stockLevels', 'bulkPut'],
  ['sequences', 'bulkPut'],
  ['commands', 'add'],
];
// The table object the import writes through (db.table(name) is another object in Dexie 4).
const tableOf = (db: CounterDb, name: BatchTable) => db[name] as unknown as Table<unknown, unknown>;
const PER_TRANSACTION = 4;
const ORDERS = 10; // batches of 4, 4 and 2

/** Receive movements on the ledger (the demo stock is received once per run). */
const receivesOf = async (db: CounterDb) => (await db.stockLedger.toArray()).filter((r) => r.kind === 'receive').length;
const batchCommandsOf = async (db: CounterDb, run: string) => db.commands.where(':id').startsWith(`demo:${run}:`).primaryKeys();

describe('an interrupted demo import', () => {
  it.each(BATCH_WRITES)('leaves whole batches and true stock when %s.%s fails in any batch, and resumes at the next batch', async (name, method) => {
    // Where the import's own calls start: the catalog before it writes through the same
    // tables (receive, addProduct), the same number of times on every fresh database.
    const probe = await open();
    const spy = injectFault(tableOf(probe.db, name), method);
    const before: number[] = [];
    await seedWith(probe, { orders: ORDERS, ordersPerTransaction: PER_TRANSACTION }, () => void before.push(spy.calls));
    const receivesOfWholeRun = await receivesOf(probe.db);
    await probe.close();
    expect(before).toHaveLength(3);
    const firstBatchCall = before[0]!;
    expect(before).toEqual([firstBatchCall, firstBatchCall + 1, firstBatchCall + 2]);

    for (let batch = 1; batch <= 3; batch++) {
      const counter = await open();
      const fault = injectFault(tableOf(counter.db, name), method, firstBatchCall + batch - 1);
      const progress: number[] = [];
      const stopped = await seedWith(counter, { orders: ORDERS, ordersPerTransaction: PER_TRANSACTION }, (done) => void progress.push(done)).then(
        () => expect.fail('the import should stop at the fault'),
        (error: unknown) => error,
      );
      expect(fault.fired).toBe(true);
      fault.restore();
      // A refusal of the pipeline, not the storage's throw: it names the failure and where the run stopped.
      expect(stopped).toBeInstanceOf(DemoImportStopped);
      const { refusal, run, written } = stopped as DemoImportStopped;
      expect(refusal).toMatchObject({ ok: false, code: 'storage-failed', message: expect.stringContaining('Injected fault') });
      const orders = await counter.db.orders.count();
      expect(orders, `failed in batch ${batch}`).toBe((batch - 1) * PER_TRANSACTION);
      expect(written).toBe(orders);
      expect(progress.at(-1) ?? 0).toBe(orders);
      expect(await batchCommandsOf(counter.db, run)).toHaveLength(batch - 1);
      expect(await counter.checkStock(), `failed in batch ${batch}`).toMatchObject({ ok: true, mismatches: [] });
      await expectOrdersWhole(counter.db);
      // Resumed, the run writes the batches it had left: the ones stored are not made
      // again, and its stock is not received twice.
      // (A run stopped in its first batch stored no batch: there is nothing to resume, and
      // importing it again by its id receives its stock once.)
      if (batch === 1) expect(await unfinishedDemoImport(counter.db)).toBeUndefined();
      else expect(await unfinishedDemoImport(counter.db)).toMatchObject({ run, written: orders, total: ORDERS, last: false });
      // Resumed, a run goes on with the size it started with (stored with its batches).
      const resumed = await seedWith(counter, { orders: batch === 1 ? ORDERS : 999, ordersPerTransaction: batch === 1 ? PER_TRANSACTION : 1, run });
      expect(resumed).toMatchObject({ orders: ORDERS - orders, run });
      expect(await counter.db.orders.count()).toBe(ORDERS);
      expect(await batchCommandsOf(counter.db, run)).toHaveLength(3);
      expect(await receivesOf(counter.db)).toBe(receivesOfWholeRun);
      expect(await unfinishedDemoImport(counter.db)).toBeUndefined();
      expect(await counter.checkStock()).toMatchObject({ ok: true, mismatches: [] });
      await expectOrdersWhole(counter.db);
      await counter.close();
    }
  }, 120_000);
});

describe('a demo import batch is one command', () => {
  it('applied once for its id: a finished run imported again adds nothing, and two windows resuming one run write each batch once', async () => {
    const dbName = `seed-stock-${Math.random()}`;
    const first = await open(dbName, 'dev-a');
    const fault = injectFault(first.db.orders, 'bulkPut', 3); // the run stops in its third batch
    const stopped = (await seedWith(first, { orders: 30, ordersPerTransaction: PER_TRANSACTION }).catch((e: unknown) => e)) as DemoImportStopped;
    fault.restore();
    expect(stopped).toBeInstanceOf(DemoImportStopped);
    expect(await first.db.orders.count()).toBe(8);
    const second = await open(dbName, 'dev-b');
    // Both windows resume the same run at once: every batch is decided by both, applied by one.
    const [a, b] = await Promise.all([seedWith(first, { orders: 30, run: stopped.run }), seedWith(second, { orders: 30, run: stopped.run })]);
    expect(a.orders).toBe(22);
    expect(b.orders).toBe(22);
    expect(await first.db.orders.count()).toBe(30);
    const ids = await batchCommandsOf(first.db, stopped.run);
    expect(ids).toHaveLength(Math.ceil(30 / PER_TRANSACTION));
    expect(new Set((await first.db.orders.toArray()).map((o) => o.number)).size).toBe(30);
    // The same run again: every batch is a repeat.
    expect(await seedWith(second, { orders: 30, run: stopped.run })).toMatchObject({ orders: 0 });
    expect(await first.db.orders.count()).toBe(30);
    expect(await first.checkStock()).toMatchObject({ ok: true, mismatches: [] });
    await expectOrdersWhole(first.db);
    await first.close();
    await second.close();
  }, 60_000);

  it("a batch's command id is the engine's own: a caller cannot take it", async () => {
    const counter = await open();
    const result = await counter.receive({ sku: 'X', locationId: 'MAIN', qty: 1 }, { commandId: 'demo:some-run:000001' });
    expect(result).toMatchObject({ ok: false, code: 'invalid-input', message: expect.stringMatching(/reserved/) });
    await counter.close();
  });

  it('closing the window mid-import leaves true stock; the counter opened again resumes the run', async () => {
    const dbName = `seed-stock-${Math.random()}`;
    const importing = await open(dbName, 'dev-a');
    const stopped = (await seedWith(importing, { orders: 20, ordersPerTransaction: PER_TRANSACTION }, async (done) => {
      if (done === 8) await importing.close(); // the window goes while the import runs
    }).catch((e: unknown) => e)) as DemoImportStopped;
    expect(stopped).toBeInstanceOf(DemoImportStopped);
    expect(stopped.refusal.code).toBe('storage-failed');
    const reopened = await open(dbName, 'dev-a');
    // Nothing for the start-up check to repair: the batches written are whole and true.
    expect((await reopened.db.stockLedger.toArray()).filter((r) => r.kind === 'repair')).toEqual([]);
    expect(await reopened.db.orders.count()).toBe(8);
    expect(await reopened.checkStock()).toMatchObject({ ok: true, mismatches: [] });
    await expectOrdersWhole(reopened.db);
    expect(await resumeDemoImport(reopened)).toMatchObject({ orders: 12, run: stopped.run });
    expect(await reopened.db.orders.count()).toBe(20);
    expect(await resumeDemoImport(reopened)).toBeNull();
    expect(await reopened.checkStock()).toMatchObject({ ok: true, mismatches: [] });
    await expectOrdersWhole(reopened.db);
    await reopened.close();
  }, 60_000);
});

describe('two counters on one database race the import', () => {
  it('receives made in the other window while the import runs are all kept', async () => {
    const dbName = `seed-stock-${Math.random()}`;
    const importing = await open(dbName, 'dev-a');
    const other = await open(dbName, 'dev-b');
    let importing_ = true;
    let firstBatch!: () => void;
    const catalogued = new Promise<void>((resolve) => (firstBatch = resolve));
    const receiving = (async () => {
      // From the first batch on (the sku exists then), receives as fast as the other window
      // makes them, until the import is done.
      await catalogued;
      const results: unknown[] = [];
      while (importing_ || results.length < 3) results.push(await other.receive({ sku: 'SKU-0001', locationId: 'MAIN', qty: 7, reason: 'Delivery' }));
      return results;
    })();
    const seeded = seedWith(importing, { orders: 60, ordersPerTransaction: PER_TRANSACTION }, () => firstBatch()).finally(() => (importing_ = false));
    const [result, received] = await Promise.all([seeded, receiving]);
    expect(result.orders).toBe(60);
    expect(received.every((r) => (r as { ok: boolean }).ok)).toBe(true);
    const ledger = await importing.db.stockLedger.toArray();
    const deliveries = ledger.filter((r) => r.reason === 'Delivery');
    expect(deliveries).toHaveLength(received.length);
    // They raced for real: some landed between two of the import's batches.
    const importSeqs = ledger.filter((r) => r.commandId.startsWith('demo:')).map((r) => r.seq!);
    expect(deliveries.some((d) => d.seq! > Math.min(...importSeqs) && d.seq! < Math.max(...importSeqs))).toBe(true);
    expect(await importing.checkStock()).toMatchObject({ ok: true, mismatches: [] });
    expect((await importing.db.stockLevels.get(['SKU-0001', 'MAIN']))?.onHand).toBe(await onHandFromLedger(importing.db, 'SKU-0001', 'MAIN'));
    await expectOrdersWhole(importing.db);
    await importing.close();
    await other.close();
  }, 60_000);

  it("the other window's timers firing on imported orders while the import runs lose no unit", async () => {
    const dbName = `seed-stock-${Math.random()}`;
    // Demo periods: the imported orders' timers (payment, acknowledgement...) are due at once.
    const importing = await openCounter({ dbName, now: () => NOW, deviceId: 'dev-a', operator: 'tester', demo: true });
    const timers = await openCounter({ dbName, now: () => NOW, deviceId: 'dev-b', operator: 'tester', demo: true });
    let running = true;
    const firing = (async () => {
      while (running) if ((await timers.runDueTimers()) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    })();
    // Timers the other window fired on imported orders before the import's last batch.
    let firedDuring = 0;
    const result = await seedWith(importing, { orders: 60, ordersPerTransaction: PER_TRANSACTION }, async (done) => {
      if (done < 60) firedDuring = (await importing.db.timers.toArray()).filter((t) => t.status !== 'pending').length;
    }).finally(() => (running = false));
    await firing;
    expect(result.orders).toBe(60);
    expect(firedDuring).toBeGreaterThan(0);
    // Released reservations (a cancelled unpaid order) and the import's own in one set of levels.
    expect(await importing.checkStock()).toMatchObject({ ok: true, mismatches: [] });
    const counts = await importing.db.stateCounts.toArray();
    const orders = await importing.db.orders.toArray();
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(orders.length);
    await importing.close();
    await timers.close();
  }, 60_000);
});

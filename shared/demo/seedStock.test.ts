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
import { injectFault, InjectedFault, type BulkWrite } from '../testing/faults';
import { seedDemo, type SeedOptions } from './seed';

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

// Every bulk write a batch makes, by table: failing any of them in any batch must leave
// the batches before it whole and nothing of the failing one.
type BatchTable = 'orders' | 'stateCounts' | 'items' | 'refunds' | 'vouchers' | 'timers' | 'events' | 'reservations' | 'stockLedger' | 'stockLevels' | 'sequences';
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
];
// The table object the import writes through (db.table(name) is another object in Dexie 4).
const tableOf = (db: CounterDb, name: BatchTable) => db[name] as unknown as Table<unknown, unknown>;
const PER_TRANSACTION = 4;
const ORDERS = 10; // batches of 4, 4 and 2

describe('an interrupted demo import', () => {
  it.each(BATCH_WRITES)('leaves whole batches and true stock when %s.%s fails in any batch', async (name, method) => {
    // Where the import's own calls start: the catalog before it writes through the same
    // tables (receive, addProduct), the same number of times on every fresh database.
    const probe = await open();
    const spy = injectFault(tableOf(probe.db, name), method);
    const before: number[] = [];
    await seedWith(probe, { orders: ORDERS, ordersPerTransaction: PER_TRANSACTION }, () => void before.push(spy.calls));
    await probe.close();
    expect(before).toHaveLength(3);
    const firstBatchCall = before[0]!;
    expect(before).toEqual([firstBatchCall, firstBatchCall + 1, firstBatchCall + 2]);

    for (let batch = 1; batch <= 3; batch++) {
      const counter = await open();
      const fault = injectFault(tableOf(counter.db, name), method, firstBatchCall + batch - 1);
      const progress: number[] = [];
      await expect(seedWith(counter, { orders: ORDERS, ordersPerTransaction: PER_TRANSACTION }, (done) => void progress.push(done))).rejects.toBeInstanceOf(InjectedFault);
      expect(fault.fired).toBe(true);
      fault.restore();
      const orders = await counter.db.orders.count();
      expect(orders, `failed in batch ${batch}`).toBe((batch - 1) * PER_TRANSACTION);
      expect(progress.at(-1) ?? 0).toBe(orders);
      expect(await counter.checkStock(), `failed in batch ${batch}`).toMatchObject({ ok: true, mismatches: [] });
      await expectOrdersWhole(counter.db);
      if (batch === 2) {
        // The counter keeps working after it: importing again adds whole, true batches.
        await seedWith(counter, { orders: 3, ordersPerTransaction: PER_TRANSACTION });
        expect(await counter.db.orders.count()).toBe(orders + 3);
        expect(await counter.checkStock()).toMatchObject({ ok: true });
        await expectOrdersWhole(counter.db);
      }
      await counter.close();
    }
  }, 60_000);
});

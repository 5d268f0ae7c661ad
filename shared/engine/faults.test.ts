// Storage faults at every write of every command kind: the n-th write call a command makes
// (add, put, bulkAdd, bulkPut, delete, bulkDelete, clear, update on any table) rejects, for
// n = 1, 2, ... until the command makes fewer writes than n and applies. Each faulted run
// must come back `storage-failed` (never a throw, never applied with a write lost), leave
// every table exactly as before and the stock levels agreeing with the ledger.
// (The demo import's faults are covered with the demo seeding, not here.)
import type { Table } from 'dexie';
import { describe, expect, it } from 'vitest';
import { allEvents } from '../db/events';
import productOrderJson from '../workflows/product-order.json';
import type { EngineCounter } from './counter';
import { testCounter } from './testing/counter';
import { createOk, item, ok, order, paidOrder, productOrder, shippedOrder } from './testing/flows';
import { tables } from './testing/hostile';

const WRITE_METHODS = ['add', 'put', 'bulkAdd', 'bulkPut', 'delete', 'bulkDelete', 'clear', 'update'] as const;
const DAY = 86_400_000;

type Faults = { arm(n: number): void; disarm(): { hit: boolean; calls: number } };
const installed = new WeakMap<EngineCounter, Faults>();

/** Counts the write calls on every table of the counter; when armed, the n-th one rejects. */
function injectFaults(counter: EngineCounter): Faults {
  const existing = installed.get(counter);
  if (existing) return existing;
  const state = { calls: 0, failAt: 0, hit: false };
  // The tables the engine calls are the database's own properties (db.orders), not the
  // objects db.tables lists.
  const db = counter.db as unknown as Record<string, Table<unknown, unknown>>;
  for (const table of counter.db.tables.map((t) => db[t.name]!)) {
    const methods = table as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const name of WRITE_METHODS) {
      const original = methods[name]!.bind(table);
      methods[name] = (...args: unknown[]) => {
        if (state.failAt === 0) return original(...args);
        state.calls += 1;
        if (state.calls !== state.failAt) return original(...args);
        state.hit = true;
        return Promise.reject(new Error(`disk full (injected at write ${state.failAt}, ${table.name}.${name})`));
      };
    }
  }
  const faults: Faults = {
    /** The next command's n-th write fails. */
    arm(n: number) {
      Object.assign(state, { calls: 0, failAt: n, hit: false });
    },
    disarm() {
      const { hit, calls } = state;
      Object.assign(state, { calls: 0, failAt: 0, hit: false });
      return { hit, calls };
    },
  };
  installed.set(counter, faults);
  return faults;
}

/**
 * Runs `command` with a fault at write 1, 2, ... Each faulted run must be refused as
 * storage-failed with every table unchanged; the first run that gets past all its writes
 * must apply. Returns how many writes the command makes.
 */
async function faultEveryWrite(counter: EngineCounter, command: () => Promise<unknown>, isApplied: (r: unknown) => boolean = (r) => (r as { ok?: boolean }).ok === true): Promise<number> {
  const faults = injectFaults(counter);
  const before = await tables(counter);
  for (let n = 1; n <= 200; n++) {
    faults.arm(n);
    let result: unknown;
    try {
      result = await command();
    } catch (error) {
      faults.disarm();
      return expect.fail(`threw with a fault at write ${n}: ${String(error)}`);
    }
    const { hit } = faults.disarm();
    if (!hit) {
      expect(isApplied(result), `no fault at write ${n}: the command should apply (${JSON.stringify(result)})`).toBe(true);
      expect(await counter.checkStock()).toMatchObject({ ok: true });
      // Every applied command writes at least its command row: else no fault was tried.
      expect(n - 1, 'writes the command made').toBeGreaterThan(0);
      return n - 1;
    }
    expect(result, `fault at write ${n}`).toMatchObject({ ok: false, code: 'storage-failed', message: expect.stringContaining('Nothing was saved') });
    expect(await tables(counter), `fault at write ${n} left rows behind`).toEqual(before);
    expect(await counter.checkStock()).toMatchObject({ ok: true });
  }
  return expect.fail('the command never got past its writes');
}

describe('a storage fault at any write leaves the database as it was', () => {
  it('createOrder, product (reserves stock)', async () => {
    const { counter } = await testCounter();
    const writes = await faultEveryWrite(counter, () => counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 2 }, { sku: 'SKU-2', qty: 1 }] }));
    expect(writes).toBeGreaterThan(3);
    expect((await counter.stockLevels({ sku: 'SKU-1', locationId: 'main' }))[0]).toMatchObject({ reserved: 2 });
  });

  it('createOrder, service', async () => {
    const { counter } = await testCounter();
    await faultEveryWrite(counter, () => counter.createOrder('service', { buyerId: 'b', lines: [{ sku: 'YOGA-10', qty: 1, price: 30, serviceTimes: 3 }] }));
  });

  it('act: pay, ship, and pay a service order (issues attendance codes)', async () => {
    const { counter } = await testCounter();
    const { orderId } = await productOrder(counter, 2);
    await faultEveryWrite(counter, () => counter.act(order(orderId), 'P', 'payment successful'));
    await faultEveryWrite(counter, () => counter.act(order(orderId), 'S', 'ship the order'));
    expect((await counter.stockLevels({ sku: 'SKU-1', locationId: 'main' }))[0]).toMatchObject({ onHand: 99, reserved: 0 });
    const service = await createOk(counter, 'service', { buyerId: 'b', lines: [{ sku: 'YOGA-10', qty: 1, price: 30, serviceTimes: 3 }] });
    await faultEveryWrite(counter, () => counter.act(order(service), 'P', 'payment successful'));
    expect((await counter.getOrder(service))!.items[0]!.vouchers).toHaveLength(3);
  });

  it('act: a refund with return finished (restocks)', async () => {
    const { counter } = await testCounter();
    const { itemIds } = await shippedOrder(counter);
    const line = item(itemIds[0]!);
    await ok(counter, line, 'B', 'request refund with return');
    await ok(counter, line, 'S', 'agree refund');
    await ok(counter, line, 'B', 'ship back');
    await ok(counter, line, 'S', 'agree refund');
    const onHand = (await counter.stockLevels({ sku: 'SKU-1', locationId: 'main' }))[0]!.onHand;
    await faultEveryWrite(counter, () => counter.act(line, 'P', 'finished refund'));
    expect((await counter.ledger({ sku: 'SKU-1' })).map((m) => m.kind)).toContain('return');
    expect((await counter.stockLevels({ sku: 'SKU-1', locationId: 'main' }))[0]!.onHand).toBe(onHand + 1);
  });

  it('actOnOrder and redeemVoucher', async () => {
    const { counter } = await testCounter();
    const { orderId } = await paidOrder(counter);
    await faultEveryWrite(counter, () => counter.actOnOrder(orderId, 'S', 'ship the order'));
    const service = await createOk(counter, 'service', { buyerId: 'b', lines: [{ sku: 'YOGA-10', qty: 1, price: 20, serviceTimes: 2 }] });
    await ok(counter, order(service), 'P', 'payment successful');
    const [first, last] = (await counter.getOrder(service))!.items[0]!.vouchers!.map((v) => v.code);
    await faultEveryWrite(counter, () => counter.redeemVoucher(first!));
    // The last use cascades (the line and the order finish): more writes, same promise.
    await faultEveryWrite(counter, () => counter.redeemVoucher(last!));
  });

  it('stock movements, product and location changes, both imports, installWorkflow, setSetting', async () => {
    const { counter } = await testCounter();
    await faultEveryWrite(counter, () => counter.receive({ sku: 'SKU-1', locationId: 'back', qty: 5 }));
    await faultEveryWrite(counter, () => counter.transfer({ sku: 'SKU-1', fromLocationId: 'main', toLocationId: 'back', qty: 3 }));
    await faultEveryWrite(counter, () => counter.count({ sku: 'SKU-2', locationId: 'main', qty: 40, reason: 'stock-take' }));
    await faultEveryWrite(counter, () => counter.adjust({ sku: 'SKU-3', locationId: 'main', qty: -2, reason: 'damaged' }));
    await faultEveryWrite(counter, () => counter.importProducts('sku,name,price\nNEW-1,New one,5\nSKU-1,Renamed,12\n'));
    await faultEveryWrite(counter, () => counter.importStockLevels('sku,locationId,onHand\nSKU-1,back,9\nNEW-1,main,4\n'));
    await faultEveryWrite(counter, () => counter.addProduct({ sku: 'NEW-2', name: 'Two', barcodes: ['4006381333931'] }));
    await faultEveryWrite(counter, () => counter.updateProduct({ sku: 'NEW-2', price: 3 }));
    await faultEveryWrite(counter, () => counter.addLocation({ id: 'shelf', name: 'Shelf', parentId: 'back' }));
    const v2 = { ...structuredClone(productOrderJson), version: productOrderJson.version + 1 };
    await faultEveryWrite(counter, () => counter.installWorkflow(v2));
    // The registry learns a version only once it is stored: orders still start on it.
    expect((await counter.getOrder(await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-3', qty: 1 }] })))!.workflowVersion).toBe(productOrderJson.version + 1);
    await faultEveryWrite(counter, () => counter.setSetting('allocationStrategy', 'most-stock', { role: 'A' }));
  });

  it('retryTimer', async () => {
    const { counter } = await testCounter();
    await productOrder(counter);
    const [timer] = await counter.timers();
    await counter.db.timers.update(timer!.id, { status: 'failed', attempts: 3 });
    await faultEveryWrite(counter, () => counter.retryTimer(timer!.id));
  });
});

describe('a storage fault while a timer fires', () => {
  it('records the failure on the timer (attempts, last error, one timer-failed event) and writes nothing of the firing', async () => {
    // An unpaid order: its payment timer closes it and releases the stock (several writes).
    for (let n = 1; ; n++) {
      const { counter, clock } = await testCounter();
      const { orderId } = await productOrder(counter, 2);
      clock.advance(2 * DAY);
      const [timer] = await counter.timers();
      const before = await tables(counter);
      const eventsBefore = await allEvents(counter.db);
      const faults = injectFaults(counter);
      faults.arm(n);
      const fired = await counter.runDueTimers();
      const { hit } = faults.disarm();
      expect(await counter.checkStock()).toMatchObject({ ok: true });
      if (!hit) {
        expect(fired).toBe(1);
        expect((await counter.getOrder(orderId))!.state).toBe('CT');
        expect(n).toBeGreaterThan(3);
        return;
      }
      expect(fired, `fault at write ${n}`).toBe(0);
      const after = await tables(counter);
      // Nothing of the firing: only the timer row and the failure event changed.
      for (const name of Object.keys(before)) if (name !== 'timers' && name !== 'events' && name !== 'stateCounts') expect(after[name], `${name} after a fault at write ${n}`).toEqual(before[name]);
      expect(after.stateCounts).toEqual(before.stateCounts);
      const stored = await counter.db.timers.get(timer!.id);
      expect(stored).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('disk full (injected') });
      expect(stored!.dueAt).toBeGreaterThan(clock.now);
      const added = (await allEvents(counter.db)).slice(eventsBefore.length);
      expect(added).toEqual([expect.objectContaining({ type: 'timer-failed', orderId, detail: expect.stringContaining('attempt 1 of 3') })]);
      expect((await counter.getOrder(orderId))!.state).toBe('WP');
      await counter.close();
    }
  });
});

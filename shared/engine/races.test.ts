// Two windows on one database (two counters on one dbName), racing: stock received in one
// while orders are taken, paid, shipped and cancelled in the other; and both firing the
// same due timers. No unit may be lost or counted twice, and each timer fires once.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { allEvents } from '../db/events';
import productOrderJson from '../workflows/product-order.json';
import { openCounter, type EngineCounter } from './counter';
import { stockShop } from './testing/counter';
import { order } from './testing/flows';

const DAY = 86_400_000;

async function twoWindows(now: () => number): Promise<[EngineCounter, EngineCounter]> {
  const dbName = `race-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const one = await openCounter({ dbName, now, deviceId: 'window-1', operator: 'one' });
  await stockShop(one);
  const two = await openCounter({ dbName, now, deviceId: 'window-2', operator: 'two' });
  return [one, two];
}

/** Units of a sku over all locations. */
async function totals(counter: EngineCounter, sku: string) {
  const levels = await counter.stockLevels({ sku });
  return { onHand: levels.reduce((s, l) => s + l.onHand, 0), reserved: levels.reduce((s, l) => s + l.reserved, 0) };
}

describe('two windows racing', () => {
  it('receiving in one window while the other takes, ships and cancels orders loses no unit', async () => {
    const now = Date.UTC(2026, 10, 22, 9);
    const [one, two] = await twoWindows(() => now);
    let received = 0;
    let shipped = 0;
    const open = new Map<string, number>();

    const receives = Array.from({ length: 24 }, (_, i) => async () => {
      const qty = 1 + (i % 4);
      const r = await one.receive({ sku: 'SKU-1', locationId: i % 2 ? 'main' : 'back', qty });
      expect(r).toMatchObject({ ok: true });
      received += qty;
      // Transfers move units between locations: totals stay (refused when too few are free).
      await one.transfer({ sku: 'SKU-1', fromLocationId: 'main', toLocationId: 'back', qty: 1 });
    });
    const orders = Array.from({ length: 16 }, (_, i) => async () => {
      const qty = 1 + (i % 3);
      const created = await two.createOrder('product', { buyerId: `b-${i}`, lines: [{ sku: 'SKU-1', qty }] });
      if (!created.ok) return expect.fail(`order ${i}: ${created.message}`);
      open.set(created.orderId, qty);
      if (i % 4 === 3) {
        expect(await two.act(order(created.orderId), 'B', 'cancel order')).toMatchObject({ ok: true });
        open.delete(created.orderId);
        return;
      }
      expect(await two.act(order(created.orderId), 'P', 'payment successful')).toMatchObject({ ok: true });
      if (i % 2 === 0) {
        expect(await two.act(order(created.orderId), 'S', 'ship the order')).toMatchObject({ ok: true });
        open.delete(created.orderId);
        shipped += qty;
      }
    });
    // Interleaved: A's and B's steps alternate in one Promise.all.
    const tasks = receives.flatMap((r, i) => (orders[i] ? [r, orders[i]!] : [r]));
    await Promise.all(tasks.map((t) => t()));

    const stillReserved = [...open.values()].reduce((s, q) => s + q, 0);
    for (const window of [one, two]) {
      expect(await totals(window, 'SKU-1')).toEqual({ onHand: 100 + received - shipped, reserved: stillReserved });
      expect(await window.checkStock()).toMatchObject({ ok: true });
    }
    const openReservations = await one.db.reservations.where('status').anyOf(['reserved', 'partly-shipped']).toArray();
    expect(openReservations.reduce((s, r) => s + r.qty, 0)).toBe(stillReserved);
  });

  it('one command id sent from both windows at once applies once; with two payloads one applies and the other conflicts', async () => {
    const now = Date.UTC(2026, 10, 22, 9);
    const [one, two] = await twoWindows(() => now);
    const same = { sku: 'SKU-3', locationId: 'back', qty: 4 };
    const results = await Promise.all([one.receive(same, { commandId: 'r-1' }), two.receive(same, { commandId: 'r-1' }), one.receive(same, { commandId: 'r-1' })]);
    expect(results).toEqual([{ ok: true, movements: 1 }, { ok: true, movements: 1 }, { ok: true, movements: 1 }]);
    expect((await one.ledger({ sku: 'SKU-3', locationId: 'back' })).map((m) => m.delta)).toEqual([4]);

    const [a, b] = await Promise.all([
      one.createOrder('product', { buyerId: 'a', lines: [{ sku: 'SKU-3', qty: 1 }] }, { commandId: 'c-1' }),
      two.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-3', qty: 2 }] }, { commandId: 'c-1' }),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: 'command-id-conflict' })]);
    expect(await one.db.orders.count()).toBe(1);
    expect((await totals(two, 'SKU-3')).reserved).toBe(a.ok ? 1 : 2);
    expect(await two.checkStock()).toMatchObject({ ok: true });
  });

  it('a workflow installed in one window is used by orders created next in the other', async () => {
    const now = Date.UTC(2026, 10, 22, 9);
    const [one, two] = await twoWindows(() => now);
    const v2 = { ...structuredClone(productOrderJson), version: productOrderJson.version + 1 };
    const [installed, ...created] = await Promise.all([
      one.installWorkflow(v2),
      ...Array.from({ length: 6 }, (_, i) => two.createOrder('product', { buyerId: `b-${i}`, lines: [{ sku: 'SKU-1', qty: 1 }] })),
    ]);
    expect(installed).toEqual({ ok: true, id: 'product-order', version: productOrderJson.version + 1 });
    for (const r of created) expect(r).toMatchObject({ ok: true });
    const after = await two.createOrder('product', { buyerId: 'late', lines: [{ sku: 'SKU-1', qty: 1 }] });
    if (!after.ok) return expect.fail(after.message);
    expect((await two.getOrder(after.orderId))!.workflowVersion).toBe(productOrderJson.version + 1);
    // Every order, on either version, can be paid from the window that did not install v2.
    for (const r of [...created, after]) if (r.ok) expect(await two.act(order(r.orderId), 'P', 'payment successful')).toMatchObject({ ok: true });
    expect(await totals(one, 'SKU-1')).toEqual({ onHand: 100, reserved: 7 });
    expect(await one.checkStock()).toMatchObject({ ok: true });
  });

  it('both windows running the same due timers fire each one exactly once', async () => {
    let now = Date.UTC(2026, 10, 22, 9);
    const [one, two] = await twoWindows(() => now);
    // Unpaid orders from both windows: each has a payment timer (24 h) that closes it and releases its stock.
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await (i % 2 ? one : two).createOrder('product', { buyerId: `b-${i}`, lines: [{ sku: 'SKU-2', qty: 2 }] });
      if (!r.ok) return expect.fail(r.message);
      ids.push(r.orderId);
    }
    const due = await one.timers();
    expect(due).toHaveLength(10);
    now += 2 * DAY;

    const fired = await Promise.all([one.runDueTimers(), two.runDueTimers(), one.runDueTimers(), two.runDueTimers()]);
    expect(fired.reduce((a, b) => a + b, 0)).toBe(10);

    const firings = (await allEvents(one.db)).filter((e) => e.type === 'timer-fired');
    expect(firings.map((e) => e.commandId).sort()).toEqual(due.map((t) => `timer:${t.id}`).sort());
    expect((await allEvents(one.db)).filter((e) => e.type === 'timer-failed')).toEqual([]);
    for (const id of ids) expect((await two.getOrder(id))!.state).toBe('CT');
    expect(await totals(one, 'SKU-2')).toEqual({ onHand: 100, reserved: 0 });
    expect(await one.checkStock()).toMatchObject({ ok: true });
    expect(await one.db.timers.where('[status+dueAt]').between(['pending', -Infinity], ['pending', Infinity]).count()).toBe(0);
  });
});

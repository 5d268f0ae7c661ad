// Command guarantees: every refusal code writes nothing, a failing effect leaves the
// database exactly as it was, a command id applied twice has effect once, timers survive
// a restart, and orders keep the workflow version they were created under.
import { describe, expect, it } from 'vitest';
import { allEvents, orderEvents } from '../db/events';
import productOrderJson from '../workflows/product-order.json';
import { openCounter } from './counter';
import { dumpDb, testCounter } from './testing/counter';
import { item, ok, order, paidOrder, productOrder, refund, shippedOrder, createOk } from './testing/flows';

const DAY = 86_400_000;

describe('refusals write nothing', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['unknown-role', 'U', 'finished accounting', /"U" is not a role here/],
    ['unknown-action', 'B', 'make payement', /"make payement" is not an action of the order workflow/],
    ['wrong-role', 'B', 'ship the order', /Only the Seller may "ship the order"; you are acting as Buyer/],
    ['not-allowed-in-state', 'P', 'finished accounting', /not allowed in waiting for payment \(WP\); it is allowed in WA/],
    ['system-only', 'P', 'processing refund', /done by the system only/],
  ];
  for (const [code, role, action, message] of cases) {
    it(`${code}: ${role} "${action}"`, async () => {
      const { counter } = await testCounter();
      const { orderId } = await productOrder(counter);
      const before = await dumpDb(counter);
      const r = await counter.act(order(orderId), role, action);
      expect(r).toMatchObject({ ok: false, code });
      expect(r.ok ? '' : r.message).toMatch(message);
      expect(await dumpDb(counter)).toEqual(before);
    });
  }

  it('guard-failed', async () => {
    const { counter } = await testCounter();
    const { orderId } = await shippedOrder(counter);
    const before = await dumpDb(counter);
    const r = await counter.act(order(orderId), 'S', 'extend auto acking reception of order');
    expect(r).toMatchObject({ ok: false, code: 'guard-failed', message: expect.stringContaining('the extension window to be open') });
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('not-found for an unknown entity', async () => {
    const { counter } = await testCounter();
    const before = await dumpDb(counter);
    expect(await counter.act(item('nope'), 'B', 'request refund')).toMatchObject({ ok: false, code: 'not-found' });
    expect(await counter.act({ kind: 'order', id: 'nope' }, 'P', 'payment successful')).toMatchObject({ ok: false, code: 'not-found', message: 'No order with id nope.' });
    expect(await counter.roleActions({ kind: 'order', id: 'nope' })).toEqual({});
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('invalid-input when creating an order, naming the line and the problem', async () => {
    const { counter } = await testCounter();
    const before = await dumpDb(counter);
    expect(await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }, { sku: 'SKU-2', qty: 1.5 }] })).toMatchObject({
      ok: false,
      code: 'invalid-input',
      message: 'Line 2: quantity must be a whole number.',
    });
    expect(await counter.createOrder('product', { buyerId: ' ', lines: [] })).toMatchObject({
      ok: false,
      code: 'invalid-input',
      message: 'The buyer is missing; the order has no lines.',
    });
    expect(await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: -2 }] })).toMatchObject({
      message: 'Line 1: quantity must be above zero.',
    });
    expect(await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'NOPE', qty: 1, unitPrice: 100 }] })).toMatchObject({ ok: false, code: 'not-found', message: "Unknown SKU 'NOPE'" });
    // With no price either, it is the same refusal: the product is not in the catalogue.
    expect(await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'NOPE', qty: 1 }] })).toMatchObject({ ok: false, code: 'not-found', params: { reason: 'unknown-sku', sku: 'NOPE' } });
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('insufficient-stock refuses the whole order, including lines that could be covered', async () => {
    const { counter } = await testCounter();
    const before = await dumpDb(counter);
    const r = await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 2 }, { sku: 'SKU-2', qty: 101 }] });
    expect(r).toMatchObject({ ok: false, code: 'insufficient-stock', message: expect.stringContaining('SKU-2') });
    expect(await dumpDb(counter)).toEqual(before);
  });
});

describe('all or nothing', () => {
  it('an effect that throws mid-command leaves the database exactly as it was', async () => {
    const { counter } = await testCounter({
      handlers: {
        explode: () => {
          throw new Error('printer on fire');
        },
      },
    });
    // Version 2 of the product workflow: payment cascades to the lines, *then* a handler throws.
    const v2 = structuredClone(productOrderJson);
    v2.version = productOrderJson.version + 1;
    (v2.postActions.order_paid as unknown[]).push({ kind: 'handler', name: 'explode' });
    expect(await counter.installWorkflow(v2)).toEqual({ ok: true, id: 'product-order', version: productOrderJson.version + 1 });
    const { orderId } = await productOrder(counter, 2);
    expect((await counter.getOrder(orderId))!.workflowVersion).toBe(productOrderJson.version + 1);
    const before = await dumpDb(counter);
    const r = await counter.act(order(orderId), 'P', 'payment successful');
    expect(r).toMatchObject({ ok: false, code: 'effect-failed', message: 'Nothing was changed: printer on fire' });
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('a storage failure while writing the changeset rolls back the rows already written', async () => {
    const { counter } = await testCounter();
    const { orderId } = await productOrder(counter, 2);
    const before = await dumpDb(counter);
    const events = counter.db.events;
    const original = events.bulkAdd.bind(events);
    // Orders, items and timers are written before events: fail there.
    events.bulkAdd = (() => Promise.reject(new Error('disk full'))) as unknown as typeof events.bulkAdd;
    expect(await counter.act(order(orderId), 'P', 'payment successful')).toMatchObject({ ok: false, code: 'storage-failed', params: { reason: 'disk full' } });
    events.bulkAdd = original;
    expect(await dumpDb(counter)).toEqual(before);
  });
});

describe('idempotency', () => {
  it('the same command id applied twice changes nothing the second time', async () => {
    const { counter } = await testCounter();
    const { orderId } = await productOrder(counter);
    const first = await counter.act(order(orderId), 'P', 'payment successful', undefined, { commandId: 'cmd-pay-1' });
    const after = await dumpDb(counter);
    const second = await counter.act(order(orderId), 'P', 'payment successful', undefined, { commandId: 'cmd-pay-1' });
    expect(second).toEqual(first);
    expect(await dumpDb(counter)).toEqual(after);
  });

  it('creating an order twice with one command id creates one order', async () => {
    const { counter } = await testCounter();
    const input = { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 3 }] };
    const a = await createOk(counter, 'product', input, { commandId: 'create-1' });
    const b = await createOk(counter, 'product', input, { commandId: 'create-1' });
    expect(b).toBe(a);
    expect(await counter.db.orders.count()).toBe(1);
    expect((await counter.stockLevels({ sku: 'SKU-1' }))[0]!.reserved).toBe(3);
  });

  it('concurrent copies of one command apply once', async () => {
    const { counter } = await testCounter();
    const { orderId } = await paidOrder(counter);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => counter.act(order(orderId), 'S', 'ship the order', undefined, { commandId: 'ship-1' })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const ships = (await allEvents(counter.db)).filter((e) => e.commandId === 'ship-1' && e.type === 'transition' && e.entity.kind === 'order').length;
    expect(ships).toBe(1);
    expect(await counter.db.stockLedger.filter((m) => m.kind === 'ship').count()).toBe(1);
  });
});

describe('durable timers', () => {
  it('fires overdue timers after a restart, once each, in due order', async () => {
    const name = `restart-${Math.random()}`;
    let now = Date.UTC(2026, 0, 1);
    const first = await testCounter({ dbName: name, now: () => now });
    const a = await productOrder(first.counter); // no payment due at +24 h
    now += 3_600_000;
    const b = await shippedOrder(first.counter); // auto-ack at +15 d, extension window at +7 d
    now += 3_600_000;
    const c = await productOrder(first.counter); // no payment at +26 h
    await first.counter.close();

    now += 30 * DAY;
    const reopened = await openCounter({ dbName: name, now: () => now });
    expect(await reopened.runDueTimers()).toBe(4);
    const fired = (await allEvents(reopened.db)).filter((e) => e.type === 'timer-fired').map((e) => [e.orderId, e.action]);
    expect(fired).toEqual([
      [a.orderId, 'no payment'],
      [c.orderId, 'no payment'],
      [b.orderId, 'set extensionOpen'],
      [b.orderId, 'auto ack reception of order'],
    ]);
    expect(await reopened.runDueTimers()).toBe(0);
    // auto-ack moved b to ST, which scheduled the refund window 7 days from now
    expect(await reopened.timers()).toEqual([expect.objectContaining({ orderId: b.orderId, action: 'no refund request', dueAt: now + 7 * DAY })]);
    await reopened.close();
  });

  it('two engines racing for the same due timer fire it once', async () => {
    const name = `race-${Math.random()}`;
    let now = Date.UTC(2026, 0, 1);
    const one = await testCounter({ dbName: name, now: () => now });
    const { orderId } = await productOrder(one.counter);
    const two = await openCounter({ dbName: name, now: () => now });
    now += 2 * DAY;
    const [x, y] = await Promise.all([one.counter.runDueTimers(), two.runDueTimers()]);
    expect(x + y).toBe(1);
    expect((await orderEvents(one.counter.db, orderId)).filter((e) => e.type === 'timer-fired')).toHaveLength(1);
  });

  it('refund sheet timers are listed per sheet', async () => {
    const { counter, clock } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    const sheetId = (await counter.getOrder(orderId))!.items[0]!.refund!.id;
    expect(await counter.timers(refund(sheetId))).toEqual([
      expect.objectContaining({ action: 'seller no response', role: 'P', dueAt: clock.now + 3 * DAY }),
    ]);
  });
});

describe('workflow versions', () => {
  it('running orders keep the version they were created under', async () => {
    const { counter } = await testCounter();
    const { orderId: old } = await productOrder(counter);
    const v2 = structuredClone(productOrderJson);
    v2.version = productOrderJson.version + 1;
    // v2 lets the seller ship while waiting for payment.
    v2.machines.order.transitions.find((t) => t.action === 'ship the order')!.from = ['FP', 'WP'];
    expect(await counter.installWorkflow(v2)).toMatchObject({ ok: true });
    const { orderId: fresh } = await productOrder(counter);
    expect(await counter.act(order(old), 'S', 'ship the order')).toMatchObject({ ok: false, code: 'not-allowed-in-state' });
    expect(await counter.act(order(fresh), 'S', 'ship the order')).toMatchObject({ ok: true, to: 'FS' });
  });

  it('refuses an invalid definition with every problem and its path, and a version installed already', async () => {
    const { counter } = await testCounter();
    const bad = structuredClone(productOrderJson);
    bad.version = 3;
    bad.machines.order.transitions[0]!.to = 'NOPE';
    const r = await counter.installWorkflow(bad);
    expect(r).toMatchObject({ ok: false, problems: expect.arrayContaining([{ path: '$.machines.order.transitions[0].to', message: 'Unknown state "NOPE" in machine order.' }]) });
    expect(await counter.installWorkflow(productOrderJson)).toMatchObject({ ok: false, problems: [{ path: '$.version' }] });
  });
});

describe('settings survive a restart', () => {
  it('keeps the chosen period preset when the counter is opened again without demo: true', async () => {
    const name = `preset-${Math.random()}`;
    const first = await openCounter({ dbName: name });
    expect(await first.setSetting('periodPreset', 'demo', { role: 'A' })).toEqual({ ok: true });
    await first.close();
    const again = await openCounter({ dbName: name, demo: false });
    expect((await again.db.settings.get('periodPreset'))?.value).toBe('demo');
    await again.close();
  });
});

// Stock through the order workflows: reservations follow the order, every movement is
// on the ledger and on the order's timeline, and concurrent orders never oversell.
import { describe, expect, it } from 'vitest';
import { orderEvents } from '../db/events';
import productOrderJson from '../workflows/product-order.json';
import type { EngineCounter } from './counter';
import { testCounter } from './testing/counter';
import { item, ok, order, paidOrder, shippedOrder, createOk } from './testing/flows';

async function reservationsOf(counter: EngineCounter, orderId: string) {
  return (await counter.db.reservations.where('orderId').equals(orderId).toArray()).map((r) => ({ sku: r.sku, qty: r.qty, status: r.status, at: r.locationId }));
}

async function level(counter: EngineCounter, sku: string, locationId = 'main') {
  const row = (await counter.stockLevels({ sku, locationId }))[0]!;
  return { onHand: row.onHand, reserved: row.reserved, available: row.available };
}

describe('reservations follow the product workflow', () => {
  it('create reserves, pay keeps, ship commits (ledger "ship"), levels agree with the ledger', async () => {
    const { counter } = await testCounter();
    const orderId = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 3 }] });
    expect(await reservationsOf(counter, orderId)).toEqual([{ sku: 'SKU-1', qty: 3, status: 'reserved', at: 'main' }]);
    expect(await level(counter, 'SKU-1')).toEqual({ onHand: 100, reserved: 3, available: 97 });
    await ok(counter, order(orderId), 'P', 'payment successful');
    expect(await reservationsOf(counter, orderId)).toMatchObject([{ status: 'reserved' }]);
    await ok(counter, order(orderId), 'S', 'ship the order');
    expect(await reservationsOf(counter, orderId)).toMatchObject([{ status: 'shipped' }]);
    expect(await level(counter, 'SKU-1')).toEqual({ onHand: 97, reserved: 0, available: 97 });
    const ship = (await counter.ledger({ sku: 'SKU-1' })).filter((m) => m.kind === 'ship');
    expect(ship).toEqual([expect.objectContaining({ delta: -3, orderId, operator: 'tester', deviceId: 'dev-test' })]);
    expect(await counter.checkStock()).toMatchObject({ ok: true });
  });

  it('cancelling, and the payment timer closing an unpaid order, release the stock', async () => {
    const { counter, clock } = await testCounter();
    const a = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 2 }] });
    const b = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 5 }] });
    await ok(counter, order(a), 'B', 'cancel order');
    expect(await reservationsOf(counter, a)).toMatchObject([{ status: 'released' }]);
    clock.advance(24 * 3_600_000);
    await counter.runDueTimers();
    expect(await reservationsOf(counter, b)).toMatchObject([{ status: 'released' }]);
    expect(await level(counter, 'SKU-1')).toEqual({ onHand: 100, reserved: 0, available: 100 });
    expect(await counter.checkStock()).toMatchObject({ ok: true });
  });

  it('a refund before shipping releases that line; the rest ships', async () => {
    const { counter } = await testCounter();
    const { orderId, itemIds } = await paidOrder(counter, 2);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    await ok(counter, item(itemIds[0]!), 'P', 'finished refund');
    expect(await reservationsOf(counter, orderId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ sku: 'SKU-1', status: 'released' }), expect.objectContaining({ sku: 'SKU-2', status: 'reserved' })]),
    );
    await ok(counter, order(orderId), 'S', 'ship the order');
    expect(await level(counter, 'SKU-1')).toEqual({ onHand: 100, reserved: 0, available: 100 });
    expect(await level(counter, 'SKU-2')).toEqual({ onHand: 99, reserved: 0, available: 99 });
  });

  it('a refund after shipping keeps the goods with the buyer; a return with goods restocks them', async () => {
    const { counter } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter, 2);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    await ok(counter, item(itemIds[0]!), 'P', 'finished refund');
    expect(await level(counter, 'SKU-1')).toMatchObject({ onHand: 99 });
    await ok(counter, item(itemIds[1]!), 'B', 'request refund with return');
    await ok(counter, item(itemIds[1]!), 'S', 'agree refund');
    await ok(counter, item(itemIds[1]!), 'B', 'ship back');
    await ok(counter, item(itemIds[1]!), 'S', 'agree refund');
    await ok(counter, item(itemIds[1]!), 'P', 'finished refund');
    expect(await level(counter, 'SKU-2')).toMatchObject({ onHand: 100 });
    expect(await reservationsOf(counter, orderId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ sku: 'SKU-1', status: 'shipped' }), expect.objectContaining({ sku: 'SKU-2', status: 'returned' })]),
    );
    expect((await counter.ledger({ sku: 'SKU-2' })).map((m) => m.kind)).toEqual(['receive', 'ship', 'return']);
    expect(await counter.checkStock()).toMatchObject({ ok: true });
  });

  it('service orders take no stock', async () => {
    const { counter } = await testCounter();
    const orderId = await createOk(counter, 'service', { buyerId: 'b', lines: [{ sku: 'YOGA-10', qty: 1, price: 100, serviceTimes: 10 }] });
    await ok(counter, order(orderId), 'P', 'payment successful');
    expect(await reservationsOf(counter, orderId)).toEqual([]);
  });
});

describe('stock effects on the order timeline', () => {
  it('shows reserve, ship and return with what moved where', async () => {
    const { counter } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter, 1);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund with return');
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    await ok(counter, item(itemIds[0]!), 'B', 'ship back');
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    await ok(counter, item(itemIds[0]!), 'P', 'finished refund');
    const stockEvents = (await orderEvents(counter.db, orderId)).filter((e) => e.type === 'stock');
    expect(stockEvents.map((e) => [e.action, e.detail])).toEqual([
      ['reserve', 'Reserved 1 x SKU-1 at Main store'],
      ['commit', expect.stringMatching(/^Shipped 1 x SKU-1/)],
      ['restock', expect.stringMatching(/^Returned 1 x SKU-1/)],
    ]);
  });
});

describe('allocation through orders', () => {
  it('splits a line across locations by priority and refuses what no location together has, saying where stock is', async () => {
    const { counter } = await testCounter();
    await counter.receive({ sku: 'SKU-3', locationId: 'back', qty: 20 });
    const orderId = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-3', qty: 110 }] });
    expect((await reservationsOf(counter, orderId)).map((r) => [r.at, r.qty])).toEqual(expect.arrayContaining([['main', 100], ['back', 10]]));
    const refused = await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-3', qty: 11 }] });
    expect(refused).toMatchObject({ ok: false, code: 'insufficient-stock', message: expect.stringContaining('Back room 10') });
  });

  it('uses the most-stock strategy when the setting says so', async () => {
    const { counter } = await testCounter();
    await counter.receive({ sku: 'SKU-2', locationId: 'back', qty: 300 });
    expect(await counter.setSetting('allocationStrategy', 'most-stock', { role: 'A' })).toEqual({ ok: true });
    const orderId = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-2', qty: 1 }] });
    expect(await reservationsOf(counter, orderId)).toMatchObject([{ at: 'back' }]);
  });

  it('an action that reserves again allocates by the saved strategy too, not only creation', async () => {
    const { counter } = await testCounter();
    // Version 2 of the product workflow: the seller can move a waiting order's stock.
    const v2 = structuredClone(productOrderJson);
    v2.version = productOrderJson.version + 1;
    v2.machines.order.transitions.push({
      role: 'S',
      action: 'reserve again',
      from: ['WP'],
      to: 'WP',
      effects: [
        { kind: 'stock', op: 'release' },
        { kind: 'stock', op: 'reserve' },
      ],
    } as (typeof v2.machines.order.transitions)[number]);
    expect(await counter.installWorkflow(v2)).toMatchObject({ ok: true, version: productOrderJson.version + 1 });
    await counter.receive({ sku: 'SKU-2', locationId: 'back', qty: 300 });
    const orderId = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-2', qty: 1 }] });
    expect(await reservationsOf(counter, orderId)).toEqual([{ sku: 'SKU-2', qty: 1, status: 'reserved', at: 'main' }]);

    expect(await counter.setSetting('allocationStrategy', 'most-stock', { role: 'A' })).toEqual({ ok: true });
    await ok(counter, order(orderId), 'S', 'reserve again');
    expect(await reservationsOf(counter, orderId)).toEqual(
      expect.arrayContaining([
        { sku: 'SKU-2', qty: 1, status: 'released', at: 'main' },
        { sku: 'SKU-2', qty: 1, status: 'reserved', at: 'back' },
      ]),
    );
    expect(await level(counter, 'SKU-2', 'back')).toMatchObject({ reserved: 1 });
    expect(await counter.checkStock()).toMatchObject({ ok: true });
  });
});

describe('the saved allocation strategy holds for every order command', () => {
  // Main store is first by priority with 100 x SKU-1; the back room holds more (300), so
  // most-stock picks it. Shipping and the return must follow that choice, whichever path
  // (action panel or scanned action card) ships the order.
  it.each(['act', 'actOnOrder'] as const)('most-stock: create, pay and ship (%s) take from the back room; a return restocks it there', async (via) => {
    const { counter } = await testCounter();
    await counter.receive({ sku: 'SKU-1', locationId: 'back', qty: 300 });
    expect(await counter.setSetting('allocationStrategy', 'most-stock', { role: 'A' })).toEqual({ ok: true });
    const { orderId, itemIds } = await paidOrder(counter);
    if (via === 'act') await ok(counter, order(orderId), 'S', 'ship the order');
    else expect(await counter.actOnOrder(orderId, 'S', 'ship the order')).toMatchObject({ ok: true, to: 'FS' });

    const moves = async (kind: string) => (await counter.ledger({ sku: 'SKU-1' })).filter((m) => m.kind === kind).map((m) => [m.locationId, m.delta]);
    expect(await moves('ship')).toEqual([['back', -1]]);
    expect(await level(counter, 'SKU-1', 'back')).toEqual({ onHand: 299, reserved: 0, available: 299 });
    expect(await level(counter, 'SKU-1', 'main')).toEqual({ onHand: 100, reserved: 0, available: 100 });

    await ok(counter, item(itemIds[0]!), 'B', 'request refund with return');
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    await ok(counter, item(itemIds[0]!), 'B', 'ship back');
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    await ok(counter, item(itemIds[0]!), 'P', 'finished refund');
    expect(await moves('return')).toEqual([['back', 1]]);
    expect(await level(counter, 'SKU-1', 'back')).toMatchObject({ onHand: 300 });
    expect(await level(counter, 'SKU-1', 'main')).toMatchObject({ onHand: 100 });
    expect(await counter.checkStock()).toMatchObject({ ok: true });
  });
});

describe('concurrency', () => {
  it('200 concurrent single-unit orders against 50 units: exactly 50 succeed, the ledger and levels agree', async () => {
    const { counter } = await testCounter();
    await counter.addProduct({ sku: 'HOT-1', name: 'Limited edition', price: 1500 });
    await counter.receive({ sku: 'HOT-1', locationId: 'main', qty: 30 });
    await counter.receive({ sku: 'HOT-1', locationId: 'back', qty: 20 });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => counter.createOrder('product', { buyerId: `b${i}`, lines: [{ sku: 'HOT-1', qty: 1 }] })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(50);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(150);
    expect(refused.every((r) => !r.ok && r.code === 'insufficient-stock')).toBe(true);
    const levels = await counter.stockLevels({ sku: 'HOT-1' });
    expect(levels.reduce((n, l) => n + l.reserved, 0)).toBe(50);
    expect(levels.reduce((n, l) => n + l.available, 0)).toBe(0);
    expect(await counter.db.orders.count()).toBe(50);
    expect(await counter.checkStock()).toMatchObject({ ok: true });
  });
});

describe('human order numbers', () => {
  it('numbers orders per type on the device, with the device prefix when set', async () => {
    const { counter } = await testCounter();
    const a = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] });
    const s = await createOk(counter, 'service', { buyerId: 'b', lines: [{ sku: 'YOGA-10', qty: 1 }] });
    expect(await counter.setSetting('devicePrefix', 'K2', { role: 'A' })).toEqual({ ok: true });
    const b = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] });
    expect([(await counter.getOrder(a))!.number, (await counter.getOrder(s))!.number, (await counter.getOrder(b))!.number]).toEqual([
      'PO-000001',
      'SO-000001',
      'PO-K2-000002',
    ]);
    expect(await counter.setSetting('devicePrefix', 'k-2!')).toMatchObject({ ok: false, code: 'invalid-input' });
  });
});

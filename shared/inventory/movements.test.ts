import { describe, expect, it } from 'vitest';
import { reserveLine } from './reservations';
import { adjust, count, receive, restock, shipReservation, transfer } from './movements';
import { location, meta, onHand, product, refusalOf, reserved, shop, workWith } from './test-fixtures';
import { levelKey } from './work';

describe('movements', () => {
  it('receive appends a ledger row with who, where, when and why, and raises on hand', () => {
    const work = shop();
    const m = meta({ commandId: 'c-1', operator: 'bob', deviceId: 'k2', at: 42 });
    const rows = receive(work, { sku: 'SKU-1', locationId: 'main', qty: 5, reason: 'Delivery 17' }, m);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'receive', sku: 'SKU-1', locationId: 'main', delta: 5, reason: 'Delivery 17',
      commandId: 'c-1', operator: 'bob', deviceId: 'k2', at: 42, orderId: null, itemId: null,
    });
    expect(work.ledger).toEqual(rows);
    expect(work.levels.get(levelKey('SKU-1', 'main'))).toEqual({ sku: 'SKU-1', locationId: 'main', onHand: 5, reserved: 0, updatedAt: 42 });
    expect([...work.changedLevels]).toEqual([levelKey('SKU-1', 'main')]);
  });

  it('refuses unknown skus and locations, and receiving into an inactive location', () => {
    const work = shop([], { locations: [location('main', 1), location('shut', 2, { name: 'Old shed', active: false })] });
    expect(refusalOf(() => receive(work, { sku: 'NOPE', locationId: 'main', qty: 1 }, meta()))).toMatchObject({
      code: 'not-found', message: "Unknown SKU 'NOPE'",
    });
    expect(refusalOf(() => receive(work, { sku: 'SKU-1', locationId: 'X', qty: 1 }, meta()))).toMatchObject({
      code: 'not-found', message: "Unknown location 'X'",
    });
    expect(refusalOf(() => receive(work, { sku: 'SKU-1', locationId: 'shut', qty: 1 }, meta())).message).toBe('Location Old shed is not active');
    expect(refusalOf(() => receive(work, { sku: 'SKU-1', locationId: 'main', qty: -3 }, meta())).code).toBe('invalid-input');
    expect(work.ledger).toEqual([]);
    expect(work.changedLevels.size).toBe(0);
  });

  it('adjust moves on hand either way with a reason, never below zero without backorder', () => {
    const work = shop([['SKU-1', 'main', 3], ['SKU-B', 'main', 1]]);
    adjust(work, { sku: 'SKU-1', locationId: 'main', qty: -2, reason: 'Damaged' }, meta());
    expect(onHand(work, 'SKU-1', 'main')).toBe(1);
    adjust(work, { sku: 'SKU-1', locationId: 'main', qty: 4, reason: 'Found' }, meta());
    expect(onHand(work, 'SKU-1', 'main')).toBe(5);
    expect(work.ledger.map((r) => [r.kind, r.delta, r.reason])).toEqual([['adjust', -2, 'Damaged'], ['adjust', 4, 'Found']]);

    const refusal = refusalOf(() => adjust(work, { sku: 'SKU-1', locationId: 'main', qty: -6, reason: 'Theft' }, meta()));
    expect(refusal).toMatchObject({ code: 'insufficient-stock', message: 'Only 5 x SKU-1 on hand at Main store; cannot remove 6' });
    expect(onHand(work, 'SKU-1', 'main')).toBe(5);

    adjust(work, { sku: 'SKU-B', locationId: 'main', qty: -3, reason: 'Sold at fair' }, meta());
    expect(onHand(work, 'SKU-B', 'main')).toBe(-2);
  });

  it('transfer is two legs in one step and keeps the total', () => {
    const work = shop([['SKU-1', 'main', 5]]);
    const rows = transfer(work, { sku: 'SKU-1', fromLocationId: 'main', toLocationId: 'back', qty: 3 }, meta({ commandId: 't-1' }));
    expect(rows.map((r) => [r.kind, r.locationId, r.delta, r.commandId])).toEqual([
      ['transfer-out', 'main', -3, 't-1'],
      ['transfer-in', 'back', 3, 't-1'],
    ]);
    expect(rows[0].reason).toBe('Transfer Main store -> Back room');
    expect(onHand(work, 'SKU-1', 'main')).toBe(2);
    expect(onHand(work, 'SKU-1', 'back')).toBe(3);
  });

  it('transfer refuses the same location and more than is available (reserved stock stays)', () => {
    const work = shop([['SKU-1', 'main', 5, 4]]);
    expect(refusalOf(() => transfer(work, { sku: 'SKU-1', fromLocationId: 'main', toLocationId: 'main', qty: 1 }, meta())).code).toBe(
      'invalid-input',
    );
    const refusal = refusalOf(() => transfer(work, { sku: 'SKU-1', fromLocationId: 'main', toLocationId: 'back', qty: 2 }, meta()));
    expect(refusal.code).toBe('insufficient-stock');
    expect(refusal.message).toBe('Only 1 x SKU-1 available (Main store 1); 2 to transfer from Main store');
    expect(work.ledger).toEqual([]);
  });

  it('count sets an absolute figure and records the difference with both figures', () => {
    const work = shop([['SKU-1', 'main', 9]]);
    const [row] = count(work, { sku: 'SKU-1', locationId: 'main', qty: 7 }, meta());
    expect(row).toMatchObject({ kind: 'count', delta: -2, reason: 'Stock-take: counted 7, previous 9 (-2)' });
    expect(onHand(work, 'SKU-1', 'main')).toBe(7);

    const [up] = count(work, { sku: 'SKU-1', locationId: 'back', qty: 4, reason: 'Year end' }, meta());
    expect(up).toMatchObject({ delta: 4, reason: 'Year end: counted 4, previous 0 (+4)' });

    // A count that confirms the figure is still recorded: the ledger proves it was checked.
    const [same] = count(work, { sku: 'SKU-1', locationId: 'main', qty: 7 }, meta());
    expect(same.delta).toBe(0);
    expect(work.ledger).toHaveLength(3);
  });

  it('restock records a return, linked to the order line when given', () => {
    const work = shop();
    const [row] = restock(work, { sku: 'SKU-1', locationId: 'main', qty: 2 }, meta(), { orderId: 'o-1', itemId: 'i-1' });
    expect(row).toMatchObject({ kind: 'return', delta: 2, orderId: 'o-1', itemId: 'i-1', reason: 'Returned' });
    expect(onHand(work, 'SKU-1', 'main')).toBe(2);
  });

  it('shipReservation commits reserved stock: on hand and reserved fall together', () => {
    const work = shop([['SKU-1', 'main', 5]]);
    reserveLine(work, { orderId: 'o-1', itemId: 'i-1', sku: 'SKU-1', qty: 3 }, meta());
    const [r] = work.reservations.values();
    const row = shipReservation(work, r.id, meta(), 1);
    expect(row).toMatchObject({ kind: 'ship', delta: -1, orderId: 'o-1', itemId: 'i-1' });
    expect(work.reservations.get(r.id)).toMatchObject({ shippedQty: 1, status: 'partly-shipped' });
    expect([onHand(work, 'SKU-1', 'main'), reserved(work, 'SKU-1', 'main')]).toEqual([4, 2]);
    shipReservation(work, r.id, meta());
    expect(work.reservations.get(r.id)).toMatchObject({ shippedQty: 3, status: 'shipped' });
    expect([onHand(work, 'SKU-1', 'main'), reserved(work, 'SKU-1', 'main')]).toEqual([2, 0]);
    expect(refusalOf(() => shipReservation(work, r.id, meta())).message).toMatch(/nothing left to ship/);
  });

  it('works on products that are inactive (stock of a discontinued item can still be counted)', () => {
    const work = workWith({ products: [product('OLD', { active: false })], locations: [location('main', 1)] });
    count(work, { sku: 'OLD', locationId: 'main', qty: 0 }, meta());
    expect(work.ledger).toHaveLength(1);
  });
});

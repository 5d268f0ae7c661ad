import { describe, expect, it } from 'vitest';
import type { ReservationRow } from '../db/rows';
import { compareLevels, rebuildLevels } from './levels';
import { commitLine, lineReservations, releaseLine, reserveLine, restockLine } from './reservations';
import { meta, onHand, refusalOf, reserved, shop } from './test-fixtures';
import type { StockWork } from './work';

const line = { orderId: 'o-1', itemId: 'i-1' };
const statuses = (work: StockWork) => lineReservations(work, line).map((r) => [r.locationId, r.qty, r.shippedQty, r.status]);

/** Levels in the work must always equal what its own ledger and reservations say. */
function expectConsistent(work: StockWork, start: Array<[string, string, number]>) {
  const opening = start.map(([sku, locationId, delta], i) => ({
    id: `open-${i}`, commandId: 'open', deviceId: 'd', operator: 'o', kind: 'receive' as const,
    sku, locationId, delta, reason: '', orderId: null, itemId: null, at: 0,
  }));
  const rebuilt = rebuildLevels([...opening, ...work.ledger], work.reservations.values());
  expect(compareLevels(work.levels.values(), rebuilt)).toEqual({ ok: true, mismatches: [] });
}

describe('order-line stock effects', () => {
  it('reserveLine validates the line, reserves and says so for the timeline', () => {
    const start: Array<[string, string, number]> = [['SKU-1', 'main', 5]];
    const work = shop(start);
    const summary = reserveLine(work, { ...line, sku: 'SKU-1', qty: 2 }, meta({ at: 7 }))?.text;
    expect(summary).toBe('Reserved 2 x SKU-1 at Main store');
    expect(statuses(work)).toEqual([['main', 2, 0, 'reserved']]);
    expect([onHand(work, 'SKU-1', 'main'), reserved(work, 'SKU-1', 'main')]).toEqual([5, 2]);
    expect(work.ledger).toEqual([]); // reserving moves no goods
    expectConsistent(work, start);
  });

  it('reserveLine splits across locations and reports backorder', () => {
    const work = shop([['SKU-1', 'main', 2], ['SKU-1', 'back', 3], ['SKU-B', 'back', 1]]);
    const split = reserveLine(work, { ...line, sku: 'SKU-1', qty: 4 }, meta());
    expect(split?.text).toBe('Reserved 4 x SKU-1: 2 at Main store, 2 at Back room');
    // The same facts as data, for a screen to word in its own language.
    expect(split?.data).toEqual({ verb: 'reserved', sku: 'SKU-1', qty: 4, places: JSON.stringify([['Main store', 2], ['Back room', 2]]), backordered: 0 });
    const summary = reserveLine(work, { orderId: 'o-1', itemId: 'i-2', sku: 'SKU-B', qty: 3 }, meta())?.text;
    expect(summary).toBe('Reserved 3 x SKU-B: 2 at Main store, 1 at Back room (2 on backorder)');
    expect(onHand(work, 'SKU-B', 'main') - reserved(work, 'SKU-B', 'main')).toBe(-2);
  });

  it('reserveLine refuses unknown, inactive, bad quantities, a line already reserved, and too little stock', () => {
    const work = shop([['SKU-1', 'main', 1]]);
    expect(refusalOf(() => reserveLine(work, { ...line, sku: 'NOPE', qty: 1 }, meta())).code).toBe('not-found');
    expect(refusalOf(() => reserveLine(work, { ...line, sku: 'OLD', qty: 1 }, meta())).message).toBe(
      'Product OLD is not active and cannot be sold',
    );
    expect(refusalOf(() => reserveLine(work, { ...line, sku: 'SKU-1', qty: 0.5 }, meta())).message).toBe(
      'Quantity must be a whole number above zero',
    );
    expect(refusalOf(() => reserveLine(work, { ...line, sku: 'SKU-1', qty: 2 }, meta())).code).toBe('insufficient-stock');
    expect(work.reservations.size).toBe(0);
    expect(work.changedLevels.size).toBe(0);
    reserveLine(work, { ...line, sku: 'SKU-1', qty: 1 }, meta());
    expect(refusalOf(() => reserveLine(work, { ...line, sku: 'SKU-1', qty: 1 }, meta())).message).toMatch(/already has SKU-1 reserved/);
  });

  it('create -> pay -> ship: commitLine writes ship movements and marks the line shipped', () => {
    const start: Array<[string, string, number]> = [['SKU-1', 'main', 2], ['SKU-1', 'back', 5]];
    const work = shop(start);
    reserveLine(work, { ...line, sku: 'SKU-1', qty: 3 }, meta());
    // Paying keeps the reservation: no stock effect at all.
    const summary = commitLine(work, line, meta({ commandId: 'ship-1' }))?.text;
    expect(summary).toBe('Shipped 3 x SKU-1: 2 from Main store, 1 from Back room');
    expect(work.ledger.map((r) => [r.kind, r.locationId, r.delta, r.orderId, r.itemId, r.commandId])).toEqual([
      ['ship', 'main', -2, 'o-1', 'i-1', 'ship-1'],
      ['ship', 'back', -1, 'o-1', 'i-1', 'ship-1'],
    ]);
    expect(statuses(work)).toEqual([['main', 2, 2, 'shipped'], ['back', 1, 1, 'shipped']]);
    expect([onHand(work, 'SKU-1', 'main'), reserved(work, 'SKU-1', 'main'), onHand(work, 'SKU-1', 'back'), reserved(work, 'SKU-1', 'back')]).toEqual([0, 0, 4, 0]);
    expectConsistent(work, start);
    // Shipping the order again reaches this line with nothing open: no effect, no timeline entry.
    expect(commitLine(work, line, meta())).toBeNull();
    expect(work.ledger).toHaveLength(2);
  });

  it('commitLine can ship part of a line (partly shipped), then the rest', () => {
    const start: Array<[string, string, number]> = [['SKU-1', 'main', 5]];
    const work = shop(start);
    reserveLine(work, { ...line, sku: 'SKU-1', qty: 3 }, meta());
    expect(commitLine(work, { ...line, shipQty: 1 }, meta())?.text).toBe('Shipped 1 x SKU-1 from Main store');
    expect(statuses(work)).toEqual([['main', 3, 1, 'partly-shipped']]);
    expect(refusalOf(() => commitLine(work, { ...line, shipQty: 5 }, meta())).message).toBe('Only 2 x SKU-1 reserved for this line; cannot ship 5');
    // The engine passes the whole line (with its qty): that ships what is left.
    commitLine(work, { ...line, sku: 'SKU-1', qty: 3 } as typeof line, meta());
    expect(statuses(work)).toEqual([['main', 3, 3, 'shipped']]);
    expectConsistent(work, start);
  });

  it('cancel / refund before shipping: releaseLine gives the reservation back', () => {
    const start: Array<[string, string, number]> = [['SKU-1', 'main', 1], ['SKU-1', 'back', 5]];
    const work = shop(start);
    reserveLine(work, { ...line, sku: 'SKU-1', qty: 3 }, meta());
    expect(releaseLine(work, line, meta())?.text).toBe('Released 3 x SKU-1: 1 at Main store, 2 at Back room');
    expect(statuses(work)).toEqual([['main', 1, 0, 'released'], ['back', 2, 0, 'released']]);
    expect(reserved(work, 'SKU-1', 'main') + reserved(work, 'SKU-1', 'back')).toBe(0);
    expect(work.ledger).toEqual([]);
    // Releasing again (a cascade reaching the line twice) is harmless.
    expect(releaseLine(work, line, meta())).toBeNull();
    // A released line can be reserved again.
    reserveLine(work, { ...line, sku: 'SKU-1', qty: 1 }, meta());
    expectConsistent(work, start);
  });

  it('release after a partial shipment keeps what shipped', () => {
    const start: Array<[string, string, number]> = [['SKU-1', 'main', 5]];
    const work = shop(start);
    reserveLine(work, { ...line, sku: 'SKU-1', qty: 3 }, meta());
    commitLine(work, { ...line, shipQty: 1 }, meta());
    expect(releaseLine(work, line, meta())?.text).toBe('Released 2 x SKU-1 at Main store');
    expect(statuses(work)).toEqual([['main', 1, 1, 'shipped']]);
    expectConsistent(work, start);
  });

  it('refund after shipping with a return: restockLine brings goods back where they shipped from', () => {
    const start: Array<[string, string, number]> = [['SKU-1', 'main', 1], ['SKU-1', 'back', 5]];
    const work = shop(start);
    reserveLine(work, { ...line, sku: 'SKU-1', qty: 3 }, meta());
    commitLine(work, line, meta());
    // A refund without return after shipping has no stock effect; with return:
    expect(restockLine(work, line, meta({ commandId: 'ret-1' }))?.text).toBe('Returned 3 x SKU-1: 1 to Main store, 2 to Back room');
    expect(work.ledger.slice(-2).map((r) => [r.kind, r.locationId, r.delta, r.orderId, r.itemId, r.commandId])).toEqual([
      ['return', 'main', 1, 'o-1', 'i-1', 'ret-1'],
      ['return', 'back', 2, 'o-1', 'i-1', 'ret-1'],
    ]);
    expect(statuses(work)).toEqual([['main', 1, 1, 'returned'], ['back', 2, 2, 'returned']]);
    expect([onHand(work, 'SKU-1', 'main'), onHand(work, 'SKU-1', 'back')]).toEqual([1, 5]);
    expect(restockLine(work, line, meta())).toBeNull();
    expectConsistent(work, start);
  });

  it('restock of a partly shipped line releases the rest', () => {
    const start: Array<[string, string, number]> = [['SKU-1', 'main', 5]];
    const work = shop(start);
    reserveLine(work, { ...line, sku: 'SKU-1', qty: 3 }, meta());
    commitLine(work, { ...line, shipQty: 2 }, meta());
    restockLine(work, line, meta());
    const rows: ReservationRow[] = lineReservations(work, line);
    expect(rows.map((r) => [r.qty, r.shippedQty, r.status, r.toInspect])).toEqual([[2, 2, 'returned', 2]]);
    // The 2 returned units are back on hand but held for inspection at the returns desk.
    expect([onHand(work, 'SKU-1', 'main'), reserved(work, 'SKU-1', 'main')]).toEqual([5, 2]);
    expectConsistent(work, start);
  });

  it('shipping an order skips a line refunded before shipping', () => {
    const start: Array<[string, string, number]> = [['SKU-1', 'main', 5]];
    const work = shop(start);
    const other = { orderId: 'o-1', itemId: 'i-2' };
    reserveLine(work, { ...line, sku: 'SKU-1', qty: 1 }, meta());
    reserveLine(work, { ...other, sku: 'SKU-1', qty: 2 }, meta());
    releaseLine(work, line, meta());
    expect(commitLine(work, line, meta())).toBeNull();
    expect(commitLine(work, other, meta())?.text).toBe('Shipped 2 x SKU-1 from Main store');
    expect(work.ledger.map((r) => [r.itemId, r.delta])).toEqual([['i-2', -2]]);
    expectConsistent(work, start);
  });

  it('touches only the lines it is given', () => {
    const work = shop([['SKU-1', 'main', 5]]);
    reserveLine(work, { ...line, sku: 'SKU-1', qty: 1 }, meta());
    reserveLine(work, { orderId: 'o-1', itemId: 'i-2', sku: 'SKU-1', qty: 2 }, meta());
    releaseLine(work, line, meta());
    expect(lineReservations(work, { orderId: 'o-1', itemId: 'i-2' })[0].status).toBe('reserved');
    expect(reserved(work, 'SKU-1', 'main')).toBe(2);
  });
});

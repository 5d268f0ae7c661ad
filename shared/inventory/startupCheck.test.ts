import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '../db/rows';
import { testCounter } from '../engine/testing/counter';
import { rebuildLevels } from './levels';
import { checkAndRepairStockOnStart } from './startupCheck';
import type { MovementMeta } from './work';

const meta = (commandId: string, at = Date.UTC(2026, 10, 23, 8)): MovementMeta => ({ commandId, deviceId: 'dev-start', operator: 'system', at });
/** On hand per level from the ledger (a level a repair row names without moving stock is zero either way). */
const onHandFrom = (ledger: LedgerRow[]) => [...rebuildLevels(ledger, []).values()].filter((l) => l.onHand !== 0).map((l) => [l.sku, l.locationId, l.onHand]);

/** A counter with stock at two locations and an order holding a reservation. */
async function shopWithOrder() {
  const { counter } = await testCounter();
  expect(await counter.receive({ sku: 'SKU-2', locationId: 'back', qty: 5 })).toMatchObject({ ok: true });
  await counter.createOrder('product', { buyerId: 'B1', lines: [{ sku: 'SKU-1', qty: 3, price: 30 }] });
  expect(await counter.checkStock()).toMatchObject({ ok: true });
  return counter;
}

describe('the start-up stock check', () => {
  it('does nothing when levels agree with the ledger', async () => {
    const counter = await shopWithOrder();
    const ledger = await counter.db.stockLedger.toArray();
    const levels = await counter.db.stockLevels.toArray();
    expect(await checkAndRepairStockOnStart(counter.db, meta('start-1'))).toEqual({ ok: true, mismatches: [] });
    expect(await counter.db.stockLedger.toArray()).toEqual(ledger);
    expect(await counter.db.stockLevels.toArray()).toEqual(levels);
    await counter.close();
  });

  it('rewrites wrong levels from the ledger and records each repair on the ledger with the figures', async () => {
    const counter = await shopWithOrder();
    const db = counter.db;
    const main1 = (await db.stockLevels.get(['SKU-1', 'main']))!;
    expect(main1).toMatchObject({ onHand: 100, reserved: 3 });
    const ledgerBefore = await db.stockLedger.toArray();
    // On hand and reserved both wrong (a lost receive, a lost reservation), reserved alone
    // wrong, a level missing, and a level the ledger knows nothing of.
    await db.stockLevels.bulkPut([
      { ...main1, onHand: 93, reserved: 0 },
      { sku: 'SKU-3', locationId: 'main', onHand: 100, reserved: 4, updatedAt: 0 },
      { sku: 'SKU-1', locationId: 'back', onHand: 6, reserved: 0, updatedAt: 0 },
    ]);
    await db.stockLevels.delete(['SKU-2', 'back']);

    const report = await checkAndRepairStockOnStart(db, meta('start-2'));
    expect(report.ok).toBe(false);
    expect(report.mismatches).toEqual([
      { sku: 'SKU-1', locationId: 'back', field: 'onHand', stored: 6, fromLedger: 0 },
      { sku: 'SKU-1', locationId: 'main', field: 'onHand', stored: 93, fromLedger: 100 },
      { sku: 'SKU-1', locationId: 'main', field: 'reserved', stored: 0, fromLedger: 3 },
      { sku: 'SKU-2', locationId: 'back', field: 'onHand', stored: 0, fromLedger: 5 },
      { sku: 'SKU-3', locationId: 'main', field: 'reserved', stored: 4, fromLedger: 0 },
    ]);
    expect(await counter.checkStock()).toEqual({ ok: true, mismatches: [] });
    expect(await db.stockLevels.get(['SKU-1', 'main'])).toMatchObject({ onHand: 100, reserved: 3, updatedAt: meta('x').at });
    expect(await db.stockLevels.get(['SKU-2', 'back'])).toMatchObject({ onHand: 5, reserved: 0 });
    expect(await db.stockLevels.get(['SKU-1', 'back'])).toMatchObject({ onHand: 0, reserved: 0 });

    // One repair row per wrong level, after the movements, moving nothing.
    const ledgerAfter = await db.stockLedger.orderBy('seq').toArray();
    expect(ledgerAfter.slice(0, ledgerBefore.length)).toEqual(ledgerBefore);
    const repairs = ledgerAfter.slice(ledgerBefore.length);
    expect(repairs.map((r) => [r.kind, r.sku, r.locationId, r.delta, r.reason])).toEqual([
      ['repair', 'SKU-1', 'back', 0, 'Level repaired on start: on hand was 6, the ledger says 0'],
      ['repair', 'SKU-1', 'main', 0, 'Level repaired on start: on hand was 93, the ledger says 100; reserved was 0, open reservations say 3'],
      ['repair', 'SKU-2', 'back', 0, 'Level repaired on start: on hand was 0, the ledger says 5'],
      ['repair', 'SKU-3', 'main', 0, 'Level repaired on start: reserved was 4, open reservations say 0'],
    ]);
    for (const r of repairs) expect(r).toMatchObject({ commandId: 'start-2', deviceId: 'dev-start', operator: 'system', orderId: null, itemId: null });
    expect(onHandFrom(ledgerAfter)).toEqual(onHandFrom(ledgerBefore));
    // The stock screen's ledger view shows it with the sku's movements.
    expect((await counter.ledger({ sku: 'SKU-1', locationId: 'main' })).at(-1)).toMatchObject({ kind: 'repair', commandId: 'start-2' });

    // Started again: nothing to do, nothing written.
    expect(await checkAndRepairStockOnStart(db, meta('start-3'))).toEqual({ ok: true, mismatches: [] });
    expect(await db.stockLedger.count()).toBe(ledgerAfter.length);
    // The counter sells from the repaired figures.
    expect(await counter.createOrder('product', { buyerId: 'B2', lines: [{ sku: 'SKU-1', qty: 97, price: 1 }] })).toMatchObject({ ok: true });
    expect(await counter.createOrder('product', { buyerId: 'B3', lines: [{ sku: 'SKU-1', qty: 1, price: 1 }] })).toMatchObject({ ok: false, code: 'insufficient-stock' });
    expect(await counter.checkStock()).toMatchObject({ ok: true });
    await counter.close();
  });

  it('any corruption of the levels is repaired, on hand per level unchanged by the repair rows', async () => {
    const counter = await shopWithOrder();
    const db = counter.db;
    const truth = await db.stockLevels.toArray();
    const keys = truth.map((l) => [l.sku, l.locationId] as const);
    const corruption = fc.array(
      fc.record({ at: fc.nat({ max: keys.length - 1 }), onHand: fc.integer({ min: -50, max: 50 }), reserved: fc.integer({ min: -5, max: 5 }) }),
      { minLength: 1, maxLength: 5 },
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(corruption, async (changes) => {
        const ledgerBefore = await db.stockLedger.toArray();
        for (const c of changes) {
          const [sku, locationId] = keys[c.at]!;
          const level = (await db.stockLevels.get([sku, locationId]))!;
          await db.stockLevels.put({ ...level, onHand: level.onHand + c.onHand, reserved: level.reserved + c.reserved });
        }
        const wrong = (await counter.checkStock()).mismatches;
        const report = await checkAndRepairStockOnStart(db, meta(`prop-${++run}`));
        expect(report.mismatches).toEqual(wrong);
        expect(await counter.checkStock()).toEqual({ ok: true, mismatches: [] });
        const ledgerAfter = await db.stockLedger.toArray();
        expect(ledgerAfter.length - ledgerBefore.length).toBe(new Set(wrong.map((m) => `${m.sku}/${m.locationId}`)).size);
        expect(onHandFrom(ledgerAfter)).toEqual(onHandFrom(ledgerBefore));
        expect((await db.stockLevels.toArray()).map(({ updatedAt: _u, ...l }) => l)).toEqual(truth.map(({ updatedAt: _u, ...l }) => l));
      }),
      { numRuns: 30 },
    );
    await counter.close();
  });
});

describe('opening a counter', () => {
  it('repairs levels that disagree with the ledger before the first command, on the ledger', async () => {
    const counter = await shopWithOrder();
    const dbName = counter.db.name;
    // An interrupted write of an older build: main shows 93 on hand, the ledger says 100.
    await counter.db.stockLevels.update(['SKU-1', 'main'], { onHand: 93 });
    expect(await counter.checkStock()).toMatchObject({ ok: false });
    await counter.close();
    const { openCounter } = await import('../engine/counter');
    const reopened = await openCounter({ dbName, deviceId: 'dev-test', operator: 'tester' });
    expect(await reopened.checkStock()).toEqual({ ok: true, mismatches: [] });
    expect((await reopened.stockLevels({ sku: 'SKU-1', locationId: 'main' }))[0]).toMatchObject({ onHand: 100, reserved: 3 });
    const repairs = (await reopened.ledger({ sku: 'SKU-1' })).filter((r) => r.kind === 'repair');
    expect(repairs).toEqual([expect.objectContaining({ delta: 0, locationId: 'main', reason: expect.stringContaining('93') })]);
    await reopened.close();
  });
});

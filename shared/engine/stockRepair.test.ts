import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Refused } from '../api';
import { CounterDb } from '../db/database';
import type { LedgerRow } from '../db/rows';
import { testCounter } from './testing/counter';
import type { CommandStorage } from './storage';
import { rebuildLevels, type StockCheckReport } from '../inventory/levels';
import { checkAndRepairStockOnStart, repairStorage, type RepairTx } from './stockRepair';

const AT = Date.UTC(2026, 10, 23, 8);
const start = { deviceId: 'dev-start', now: () => AT };
/** The report of a repair that was written (a refusal fails the test). */
function report(r: StockCheckReport | Refused): StockCheckReport {
  if ('code' in r) throw new Error(`refused: ${r.message}`);
  return r;
}
const REPAIR_ID = /^repair:\d+:[0-9a-f]{16}$/;
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
    expect(await checkAndRepairStockOnStart(counter.db, start)).toEqual({ ok: true, mismatches: [] });
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

    const repaired = report(await checkAndRepairStockOnStart(db, start));
    expect(repaired.ok).toBe(false);
    expect(repaired.mismatches).toEqual([
      { sku: 'SKU-1', locationId: 'back', field: 'onHand', stored: 6, fromLedger: 0 },
      { sku: 'SKU-1', locationId: 'main', field: 'onHand', stored: 93, fromLedger: 100 },
      { sku: 'SKU-1', locationId: 'main', field: 'reserved', stored: 0, fromLedger: 3 },
      { sku: 'SKU-2', locationId: 'back', field: 'onHand', stored: 0, fromLedger: 5 },
      { sku: 'SKU-3', locationId: 'main', field: 'reserved', stored: 4, fromLedger: 0 },
    ]);
    expect(await counter.checkStock()).toEqual({ ok: true, mismatches: [] });
    expect(await db.stockLevels.get(['SKU-1', 'main'])).toMatchObject({ onHand: 100, reserved: 3, updatedAt: AT });
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
    for (const r of repairs) expect(r).toMatchObject({ commandId: expect.stringMatching(REPAIR_ID), deviceId: 'dev-start', operator: 'system', orderId: null, itemId: null });
    // One command, stored with what it found, like every write of the counter.
    const commandId = repairs[0]!.commandId;
    expect(new Set(repairs.map((r) => r.commandId))).toEqual(new Set([commandId]));
    expect(await db.commands.get(commandId)).toMatchObject({ kind: 'repair-stock', operator: 'system', result: { ok: true, mismatches: repaired.mismatches } });
    expect(onHandFrom(ledgerAfter)).toEqual(onHandFrom(ledgerBefore));
    // The stock screen's ledger view shows it with the sku's movements.
    expect((await counter.ledger({ sku: 'SKU-1', locationId: 'main' })).at(-1)).toMatchObject({ kind: 'repair', commandId });

    // Started again: nothing to do, nothing written.
    expect(await checkAndRepairStockOnStart(db, start)).toEqual({ ok: true, mismatches: [] });
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
    await fc.assert(
      fc.asyncProperty(corruption, async (changes) => {
        const ledgerBefore = await db.stockLedger.toArray();
        for (const c of changes) {
          const [sku, locationId] = keys[c.at]!;
          const level = (await db.stockLevels.get([sku, locationId]))!;
          await db.stockLevels.put({ ...level, onHand: level.onHand + c.onHand, reserved: level.reserved + c.reserved });
        }
        const wrong = (await counter.checkStock()).mismatches;
        const repaired = report(await checkAndRepairStockOnStart(db, start));
        expect(repaired.mismatches).toEqual(wrong);
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

/** Levels made wrong behind the engine's back: SKU-1 at main lost 7, SKU-2 at main gained a reservation. */
async function corrupt(db: CounterDb) {
  await db.stockLevels.update(['SKU-1', 'main'], { onHand: 93 });
  await db.stockLevels.update(['SKU-2', 'main'], { reserved: 4 });
}

/** The stock rows and the repair commands, to compare before and after. */
async function stockRows(db: CounterDb) {
  const [levels, ledger, commands] = await Promise.all([
    db.stockLevels.toArray(),
    db.stockLedger.orderBy('seq').toArray(),
    db.commands.where(':id').startsWith('repair:').toArray(),
  ]);
  return { levels, ledger, commands };
}

/** The repair's storage with one step that fails after doing its work (so the transaction
 *  has written something of the command when it fails). */
function failing(db: CounterDb, step: 'writeRepair' | 'saveCommand' | 'compareStock'): CommandStorage<RepairTx> {
  const base = repairStorage(db);
  const faulty = (tx: RepairTx): RepairTx =>
    new Proxy(tx, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop !== step) return (value as (...a: unknown[]) => unknown).bind(target);
        return async (...args: unknown[]) => {
          await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          throw new Error('disk full');
        };
      },
    });
  return { transaction: (body) => base.transaction((tx) => body(faulty(tx))), read: (body) => base.read((tx) => body(faulty(tx))) };
}

describe('the repair is one command', () => {
  for (const step of ['compareStock', 'writeRepair', 'saveCommand'] as const) {
    it(`a write failing at ${step} leaves nothing of the repair, and the next start repairs`, async () => {
      const counter = await shopWithOrder();
      const db = counter.db;
      await corrupt(db);
      const before = await stockRows(db);
      const wrong = (await counter.checkStock()).mismatches;
      expect(wrong).toHaveLength(2);

      const result = await checkAndRepairStockOnStart(db, { ...start, storage: failing(db, step) });
      expect(result).toMatchObject({ ok: false, code: 'storage-failed', params: { reason: 'disk full' } });
      // Nothing partial: no level rewritten, no repair row, no command stored.
      expect(await stockRows(db)).toEqual(before);
      expect((await counter.checkStock()).mismatches).toEqual(wrong);

      const again = report(await checkAndRepairStockOnStart(db, start));
      expect(again.mismatches).toEqual(wrong);
      expect(await counter.checkStock()).toEqual({ ok: true, mismatches: [] });
      expect((await db.stockLedger.toArray()).filter((r) => r.kind === 'repair')).toHaveLength(2);
      await counter.close();
    });
  }

  it('two windows starting together repair once: one command, one repair row per wrong level', async () => {
    const counter = await shopWithOrder();
    await corrupt(counter.db);
    const wrong = (await counter.checkStock()).mismatches;
    // Two windows: two connections to one database, starting at the same moment.
    const windows = [new CounterDb(counter.db.name), new CounterDb(counter.db.name)];
    await Promise.all(windows.map((w) => w.open()));
    const results = (await Promise.all(windows.map((w) => checkAndRepairStockOnStart(w, start)))).map(report);
    // Both found the same disagreement; one wrote the repair, the other was answered with it.
    expect(results[0]!.mismatches).toEqual(wrong);
    expect(results[1]!.mismatches).toEqual(wrong);
    const { ledger, commands } = await stockRows(counter.db);
    expect(commands).toHaveLength(1);
    expect(ledger.filter((r) => r.kind === 'repair').map((r) => [r.sku, r.locationId, r.commandId])).toEqual([
      ['SKU-1', 'main', commands[0]!.id],
      ['SKU-2', 'main', commands[0]!.id],
    ]);
    expect(await counter.checkStock()).toEqual({ ok: true, mismatches: [] });
    for (const w of windows) w.close();
    await counter.close();
  });

  it('two counters opened together on one database repair once', async () => {
    const counter = await shopWithOrder();
    const dbName = counter.db.name;
    await corrupt(counter.db);
    await counter.close();
    const { openCounter } = await import('./counter');
    const opened = await Promise.all([1, 2].map((n) => openCounter({ dbName, deviceId: `dev-${n}`, operator: 'tester' })));
    const repairs = (await opened[0]!.ledger()).filter((r) => r.kind === 'repair');
    expect(repairs.map((r) => [r.sku, r.locationId])).toEqual([
      ['SKU-1', 'main'],
      ['SKU-2', 'main'],
    ]);
    expect(new Set(repairs.map((r) => r.commandId)).size).toBe(1);
    for (const c of opened) expect(await c.checkStock()).toEqual({ ok: true, mismatches: [] });
    await Promise.all(opened.map((c) => c.close()));
  });

  it('the id is one no caller can take, and a later disagreement gets another id', async () => {
    const counter = await shopWithOrder();
    await corrupt(counter.db);
    report(await checkAndRepairStockOnStart(counter.db, start));
    const [first] = (await stockRows(counter.db)).commands;
    // A caller sending a command with a repair's id is refused at the boundary.
    expect(await counter.receive({ sku: 'SKU-1', locationId: 'main', qty: 1 }, { commandId: first!.id })).toMatchObject({ ok: false, code: 'invalid-input' });
    // The same figures wrong again, later: repaired again, under a new id.
    await corrupt(counter.db);
    const again = report(await checkAndRepairStockOnStart(counter.db, start));
    expect(again.ok).toBe(false);
    const commands = (await stockRows(counter.db)).commands;
    expect(commands).toHaveLength(2);
    expect(await counter.checkStock()).toEqual({ ok: true, mismatches: [] });
    await counter.close();
  });

  it('runs with operators set up: the engine makes it, no one signs in for it', async () => {
    const counter = await shopWithOrder();
    expect(await counter.setUpOperators({ name: 'Ada', pin: '4821', badge: 'ADA-1', roles: ['A'] })).toMatchObject({ ok: true });
    await corrupt(counter.db);
    expect(report(await checkAndRepairStockOnStart(counter.db, start)).mismatches).toHaveLength(2);
    expect(await counter.checkStock()).toEqual({ ok: true, mismatches: [] });
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
    const { openCounter } = await import('./counter');
    const reopened = await openCounter({ dbName, deviceId: 'dev-test', operator: 'tester' });
    expect(await reopened.checkStock()).toEqual({ ok: true, mismatches: [] });
    expect((await reopened.stockLevels({ sku: 'SKU-1', locationId: 'main' }))[0]).toMatchObject({ onHand: 100, reserved: 3 });
    const repairs = (await reopened.ledger({ sku: 'SKU-1' })).filter((r) => r.kind === 'repair');
    expect(repairs).toEqual([expect.objectContaining({ delta: 0, locationId: 'main', reason: expect.stringContaining('93') })]);
    await reopened.close();
  });
});

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Refused } from '../api';
import { CounterDb } from '../db/database';
import { isStockRefusal } from './refusals';
import { commitLine, releaseLine, reserveLine, type ReserveLineInput } from './reservations';
import { createStockReads, loadStockWork, reservationsOf, stockTables, writeStockWork } from './store';
import { createStockCommands } from '../engine/stockCommands';
import { dexieStorage } from '../engine/dexieStorage';
import { levelKey, type MovementMeta } from './work';

const opened: CounterDb[] = [];
let dbCount = 0;

function setup() {
  const db = new CounterDb(`inventory-store-${process.pid}-${++dbCount}`);
  opened.push(db);
  let clock = 1_000;
  const now = () => ++clock;
  const stock = { ...createStockCommands({ storage: dexieStorage(db), now, deviceId: 'dev-1', operator: () => 'ann' }), ...createStockReads(db, now) };
  return { db, stock };
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** Everything a stock command could write. */
async function snapshot(db: CounterDb) {
  return {
    products: await db.products.toArray(),
    locations: await db.locations.toArray(),
    ledger: await db.stockLedger.toArray(),
    levels: await db.stockLevels.toArray(),
    reservations: await db.reservations.toArray(),
    commands: await db.commands.toArray(),
  };
}

async function shop() {
  const s = setup();
  await s.stock.addLocation({ id: 'main', name: 'Main store', priority: 1 });
  await s.stock.addLocation({ id: 'back', name: 'Back room', priority: 2 });
  await s.stock.addProduct({ sku: 'SKU-1', name: 'Tea', barcodes: ['4006381333931'], reorderPoint: 3 });
  await s.stock.addProduct({ sku: 'SKU-2', name: 'Mug' });
  return s;
}

/** The small adapter the order engine uses: one rw transaction per order-line reservation. */
async function reserveInTransaction(db: CounterDb, line: ReserveLineInput, meta: MovementMeta): Promise<{ ok: true; summary: string } | Refused> {
  return db.transaction('rw', stockTables(db), async () => {
    const work = await loadStockWork(db, [line.sku], 'priority', await reservationsOf(db, line.orderId));
    try {
      const summary = reserveLine(work, line, meta).text;
      await writeStockWork(db, work);
      return { ok: true as const, summary };
    } catch (error) {
      if (isStockRefusal(error)) return error.toRefused();
      throw error;
    }
  });
}

const metaFor = (commandId: string): MovementMeta => ({ commandId, deviceId: 'dev-1', operator: 'ann', at: 5 });

describe('stock commands over Dexie', () => {
  it('receive, adjust, transfer and count write ledger rows and levels together', async () => {
    const { db, stock } = await shop();
    expect(await stock.receive({ sku: 'SKU-1', locationId: 'main', qty: 10, reason: 'Delivery' }, { commandId: 'rcv-1' })).toEqual({
      ok: true,
      movements: 1,
    });
    expect(await stock.adjust({ sku: 'SKU-1', locationId: 'main', qty: -1, reason: 'Broken' })).toEqual({ ok: true, movements: 1 });
    expect(await stock.transfer({ sku: 'SKU-1', fromLocationId: 'main', toLocationId: 'back', qty: 4 })).toEqual({ ok: true, movements: 2 });
    expect(await stock.count({ sku: 'SKU-1', locationId: 'back', qty: 3 })).toEqual({ ok: true, movements: 1 });

    expect(await stock.stockLevels({ sku: 'SKU-1' })).toEqual([
      { sku: 'SKU-1', locationId: 'back', onHand: 3, reserved: 0, available: 3, updatedAt: expect.any(Number) },
      { sku: 'SKU-1', locationId: 'main', onHand: 5, reserved: 0, available: 5, updatedAt: expect.any(Number) },
    ]);
    const ledger = await stock.ledger({ sku: 'SKU-1' });
    expect(ledger.map((r) => [r.kind, r.locationId, r.delta])).toEqual([
      ['receive', 'main', 10],
      ['adjust', 'main', -1],
      ['transfer-out', 'main', -4],
      ['transfer-in', 'back', 4],
      ['count', 'back', -1],
    ]);
    expect(ledger[0]).toMatchObject({ commandId: 'rcv-1', deviceId: 'dev-1', operator: 'ann', reason: 'Delivery', at: expect.any(Number) });
    expect(ledger[2].commandId).toBe(ledger[3].commandId);
    expect(ledger.map((r) => r.seq)).toEqual([...ledger.map((r) => r.seq)].sort((a, b) => a! - b!));
    expect((await stock.ledger({ locationId: 'back' })).map((r) => r.kind)).toEqual(['transfer-in', 'count']);
    expect((await stock.ledger({ sku: 'SKU-1', locationId: 'main' })).length).toBe(3);
    expect(await stock.checkStock()).toEqual({ ok: true, mismatches: [] });
    expect(await db.commands.get('rcv-1')).toMatchObject({ kind: 'stock:receive', result: { ok: true, movements: 1 } });
  });

  describe('refusals write nothing', () => {
    const cases: Array<[string, (s: Awaited<ReturnType<typeof shop>>['stock']) => Promise<{ ok: boolean }>, string, RegExp]> = [
      ['negative quantity', (s) => s.receive({ sku: 'SKU-1', locationId: 'main', qty: -2 }), 'invalid-input', /whole number above zero/],
      ['fractional quantity', (s) => s.receive({ sku: 'SKU-1', locationId: 'main', qty: 1.5 }), 'invalid-input', /whole number above zero/],
      ['unknown sku', (s) => s.receive({ sku: 'NOPE', locationId: 'main', qty: 1 }), 'not-found', /Unknown SKU 'NOPE'/],
      ['unknown location', (s) => s.adjust({ sku: 'SKU-1', locationId: 'attic', qty: 1, reason: 'x' }), 'not-found', /Unknown location 'attic'/],
      ['transfer to the same location', (s) => s.transfer({ sku: 'SKU-1', fromLocationId: 'main', toLocationId: 'main', qty: 1 }), 'invalid-input', /different locations/],
      ['transfer of more than available', (s) => s.transfer({ sku: 'SKU-1', fromLocationId: 'main', toLocationId: 'back', qty: 6 }), 'insufficient-stock', /Only 5 x SKU-1/],
      ['adjust below zero', (s) => s.adjust({ sku: 'SKU-1', locationId: 'main', qty: -6, reason: 'Lost' }), 'insufficient-stock', /cannot remove 6/],
      ['adjust without a reason', (s) => s.adjust({ sku: 'SKU-1', locationId: 'main', qty: -1 }), 'invalid-input', /reason/],
      ['negative count', (s) => s.count({ sku: 'SKU-1', locationId: 'main', qty: -1 }), 'invalid-input', /zero or more/],
      ['duplicate barcode', (s) => s.addProduct({ sku: 'SKU-3', name: 'Copy', barcodes: ['4006381333931'] }), 'invalid-input', /already belongs to SKU-1/],
      ['bad barcode', (s) => s.addProduct({ sku: 'SKU-3', name: 'Copy', barcodes: ['4006381333932'] }), 'invalid-input', /check digit/],
      ['existing sku', (s) => s.addProduct({ sku: 'SKU-2', name: 'Again' }), 'invalid-input', /already exists/],
      ['existing location', (s) => s.addLocation({ id: 'main', name: 'Again' }), 'invalid-input', /already exists/],
      ['update of an unknown sku', (s) => s.updateProduct({ sku: 'SKU-9', name: 'New' }), 'not-found', /Unknown SKU 'SKU-9'/],
      ["update taking another product's barcode", (s) => s.updateProduct({ sku: 'SKU-2', barcodes: ['4006381333931'] }), 'invalid-input', /already belongs to SKU-1/],
      ['the same barcode as a GTIN-14', (s) => s.addProduct({ sku: 'SKU-3', name: 'Copy', barcodes: ['04006381333931'] }), 'invalid-input', /04006381333931 already belongs to SKU-1/],
      ['update emptying the name', (s) => s.updateProduct({ sku: 'SKU-1', name: '' }), 'invalid-input', /Product name is required/],
      ['update of an unknown location', (s) => s.updateLocation({ id: 'attic', name: 'Attic' }), 'not-found', /Unknown location 'attic'/],
      ['a location made part of itself', (s) => s.updateLocation({ id: 'main', parentId: 'main' }), 'invalid-input', /cannot be part of/],
    ];
    for (const [name, act, code, message] of cases) {
      it(name, async () => {
        const { db, stock } = await shop();
        await stock.receive({ sku: 'SKU-1', locationId: 'main', qty: 5 });
        const before = await snapshot(db);
        const result = await act(stock);
        expect(result).toMatchObject({ ok: false, code, message: expect.stringMatching(message) });
        expect(await snapshot(db)).toEqual(before);
      });
    }
  });

  it('updates a product: the fields given change, the others and the stock stay, the same command id once', async () => {
    const { db, stock } = await shop();
    await stock.receive({ sku: 'SKU-1', locationId: 'main', qty: 5 });
    const ledgerBefore = await db.stockLedger.toArray();
    const result = await stock.updateProduct({ sku: 'SKU-1', name: 'Green tea', price: 720, barcodes: ['4006381333931', '96385074'] }, { commandId: 'edit-1' });
    expect(result).toEqual({ ok: true, movements: 0 });
    expect(await db.products.get('SKU-1')).toEqual({
      sku: 'SKU-1', name: 'Green tea', unit: 'pcs', price: 720, barcodes: ['4006381333931', '96385074'],
      reorderPoint: 3, allowBackorder: false, active: true, updatedAt: expect.any(Number),
    });
    expect(await db.stockLedger.toArray()).toEqual(ledgerBefore);
    // The new barcode finds the product by its index.
    expect((await db.products.where('barcodes').equals('96385074').first())?.sku).toBe('SKU-1');
    const before = await snapshot(db);
    // The same id with another payload is a conflict, never the first command's result.
    expect(await stock.updateProduct({ sku: 'SKU-1', name: 'Other' }, { commandId: 'edit-1' })).toMatchObject({ ok: false, code: 'command-id-conflict' });
    expect(await snapshot(db)).toEqual(before);
    // A product may drop a barcode, which another one may then take.
    expect((await stock.updateProduct({ sku: 'SKU-1', barcodes: ['96385074'] })).ok).toBe(true);
    expect((await stock.updateProduct({ sku: 'SKU-2', barcodes: ['4006381333931'] })).ok).toBe(true);
  });

  it('changes a location: name, priority and parent; its stock stays where it is', async () => {
    const { db, stock } = await shop();
    await stock.receive({ sku: 'SKU-1', locationId: 'back', qty: 2 });
    expect(await stock.updateLocation({ id: 'back', name: 'Back store', priority: 0, parentId: 'main' }, { commandId: 'loc-1' })).toEqual({ ok: true, movements: 0 });
    expect(await db.locations.get('back')).toEqual({ id: 'back', name: 'Back store', priority: 0, parentId: 'main', active: true });
    expect((await stock.stockLevels({ sku: 'SKU-1', locationId: 'back' }))[0]?.onHand).toBe(2);
    // Lower priority is used first: order lines now take from the back store.
    expect((await db.locations.orderBy('priority').first())?.id).toBe('back');
  });

  it('the same command id moves stock once', async () => {
    const { db, stock } = await shop();
    const first = await stock.receive({ sku: 'SKU-1', locationId: 'main', qty: 5 }, { commandId: 'c-1' });
    const before = await snapshot(db);
    const again = await stock.receive({ sku: 'SKU-1', locationId: 'main', qty: 5 }, { commandId: 'c-1' });
    expect(again).toEqual(first);
    expect(await snapshot(db)).toEqual(before);
    expect((await stock.stockLevels({ sku: 'SKU-1', locationId: 'main' }))[0].onHand).toBe(5);

    const misuse = await stock.adjust({ sku: 'SKU-1', locationId: 'main', qty: 1, reason: 'x' }, { commandId: 'c-1' });
    expect(misuse).toMatchObject({ ok: false, code: 'command-id-conflict', params: { commandId: 'c-1', kind: 'stock:receive' } });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a refused command id can be retried once the cause is fixed', async () => {
    const { stock } = await shop();
    expect((await stock.receive({ sku: 'SKU-9', locationId: 'main', qty: 1 }, { commandId: 'c-9' })).ok).toBe(false);
    await stock.addProduct({ sku: 'SKU-9', name: 'New' });
    expect(await stock.receive({ sku: 'SKU-9', locationId: 'main', qty: 1 }, { commandId: 'c-9' })).toEqual({ ok: true, movements: 1 });
  });

  it('lists low stock from stored levels', async () => {
    const { stock } = await shop();
    await stock.receive({ sku: 'SKU-1', locationId: 'main', qty: 2 });
    await stock.receive({ sku: 'SKU-1', locationId: 'back', qty: 1 });
    await stock.receive({ sku: 'SKU-2', locationId: 'main', qty: 1 });
    expect(await stock.lowStock()).toEqual([{ sku: 'SKU-1', name: 'Tea', available: 3, reorderPoint: 3 }]);
    await stock.receive({ sku: 'SKU-1', locationId: 'back', qty: 1 });
    expect(await stock.lowStock()).toEqual([]);
  });

  it('checkStock finds a tampered level and repairLevels rebuilds it from the ledger', async () => {
    const { db, stock } = await shop();
    await stock.receive({ sku: 'SKU-1', locationId: 'main', qty: 7 });
    await db.stockLevels.put({ sku: 'SKU-1', locationId: 'main', onHand: 9, reserved: 1, updatedAt: 0 });
    const report = await stock.checkStock();
    expect(report.ok).toBe(false);
    expect(report.mismatches).toEqual([
      { sku: 'SKU-1', locationId: 'main', field: 'onHand', stored: 9, fromLedger: 7 },
      { sku: 'SKU-1', locationId: 'main', field: 'reserved', stored: 1, fromLedger: 0 },
    ]);
    expect((await stock.repairLevels()).ok).toBe(false);
    expect(await stock.checkStock()).toEqual({ ok: true, mismatches: [] });
    expect((await stock.stockLevels({ sku: 'SKU-1' }))[0]).toMatchObject({ onHand: 7, reserved: 0 });
  });

  it('imports a products file all or nothing', async () => {
    const { db, stock } = await shop();
    const before = await snapshot(db);
    const bad = 'sku,name,price,barcodes\nSKU-3,Plate,2,\nSKU-4,Bowl,-1,\nSKU-5,Cup,1,4006381333931\n';
    const refused = await stock.importProducts(bad);
    expect(refused).toMatchObject({ ok: false, code: 'invalid-input', message: '2 problems in the file; nothing was imported' });
    expect(refused.ok === false && refused.details).toEqual({
      errors: [
        { row: 3, column: 'price', message: 'Price cannot be negative' },
        { row: 4, column: 'barcodes', message: 'Barcode 4006381333931 already belongs to SKU-1' },
      ],
    });
    expect(await snapshot(db)).toEqual(before);

    const good = 'sku,name,price,barcodes\nSKU-3,Plate,2,\nSKU-2,Big mug,4,96385074\n';
    expect(await stock.importProducts(good, { commandId: 'imp-1' })).toEqual({ ok: true, created: 1, updated: 1 });
    expect(await db.products.get('SKU-2')).toMatchObject({ name: 'Big mug', price: 400, barcodes: ['96385074'] });
    expect(await stock.importProducts(good, { commandId: 'imp-1' })).toEqual({ ok: true, created: 1, updated: 1 });

    const exported = await stock.exportProducts();
    expect(exported.split('\r\n')).toHaveLength(4);
    expect(exported).toContain('SKU-2,Big mug,pcs,4.00,96385074,0,false,true');
  });

  it('imports stock levels as counts, all or nothing, and exports them', async () => {
    const { db, stock } = await shop();
    await stock.receive({ sku: 'SKU-1', locationId: 'main', qty: 9 });
    const before = await snapshot(db);
    expect(await stock.importStockLevels('sku,locationId,onHand\nSKU-1,main,7\nSKU-X,main,1\n')).toMatchObject({
      ok: false,
      details: { errors: [{ row: 3, column: 'sku', message: "Unknown SKU 'SKU-X'" }] },
    });
    expect(await snapshot(db)).toEqual(before);

    expect(await stock.importStockLevels('sku,locationId,onHand\nSKU-1,main,7\nSKU-2,back,4\n')).toEqual({ ok: true, movements: 2 });
    expect((await stock.ledger({ sku: 'SKU-1' })).at(-1)).toMatchObject({ kind: 'count', delta: -2, reason: 'CSV import: counted 7, previous 9 (-2)' });
    expect(await stock.exportStockLevels()).toBe('sku,locationId,onHand,reserved,available\r\nSKU-1,main,7,0,7\r\nSKU-2,back,4,0,4');
    expect(await stock.checkStock()).toEqual({ ok: true, mismatches: [] });
  });

  it('loadStockWork loads the levels of every sku the order has reserved', async () => {
    const { db, stock } = await shop();
    await stock.receive({ sku: 'SKU-2', locationId: 'main', qty: 4 });
    expect(await reserveInTransaction(db, { orderId: 'o-1', itemId: 'i-1', sku: 'SKU-2', qty: 3 }, metaFor('r-1'))).toMatchObject({ ok: true });
    await db.transaction('rw', stockTables(db), async () => {
      const work = await loadStockWork(db, [], 'priority', await reservationsOf(db, 'o-1'));
      expect(releaseLine(work, { orderId: 'o-1', itemId: 'i-1' }, metaFor('rel-1'))?.text).toBe('Released 3 x SKU-2 at Main store');
      await writeStockWork(db, work);
    });
    expect((await stock.stockLevels({ sku: 'SKU-2' }))[0]).toMatchObject({ onHand: 4, reserved: 0 });
    expect(await stock.checkStock()).toEqual({ ok: true, mismatches: [] });
  });

  it('loadStockWork loads every location of the skus asked for, and no other sku', async () => {
    const { db, stock } = await shop();
    await stock.addProduct({ sku: 'SKU-10', name: 'Pot' });
    for (const sku of ['SKU-1', 'SKU-10', 'SKU-2']) {
      await stock.receive({ sku, locationId: 'main', qty: 2 });
      await stock.receive({ sku, locationId: 'back', qty: 1 });
    }
    const work = await db.transaction('r', stockTables(db), () => loadStockWork(db, ['SKU-1', 'SKU-2']));
    // SKU-10 sorts between SKU-1 and SKU-2: a key range from the first sku to the last would take it.
    expect([...work.levels.keys()].sort()).toEqual([levelKey('SKU-1', 'back'), levelKey('SKU-1', 'main'), levelKey('SKU-2', 'back'), levelKey('SKU-2', 'main')].sort());
    expect([...work.products.keys()].sort()).toEqual(['SKU-1', 'SKU-2']);
  });

  it('200 concurrent single-unit reservations against 50 units: exactly 50 succeed', async () => {
    const { db, stock } = await shop();
    // Split over two locations so concurrent allocation also has to split correctly.
    await stock.receive({ sku: 'SKU-1', locationId: 'main', qty: 30 });
    await stock.receive({ sku: 'SKU-1', locationId: 'back', qty: 20 });

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        reserveInTransaction(db, { orderId: `o-${i}`, itemId: `i-${i}`, sku: 'SKU-1', qty: 1 }, metaFor(`c-${i}`)),
      ),
    );
    const ok = results.filter((r) => r.ok);
    const refused = results.filter((r): r is Refused => !r.ok);
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(new Set(refused.map((r) => r.code))).toEqual(new Set(['insufficient-stock']));
    expect(refused[0].message).toBe('No SKU-1 available; 1 requested');

    const levels = await stock.stockLevels({ sku: 'SKU-1' });
    expect(levels.map((l) => [l.locationId, l.onHand, l.reserved, l.available])).toEqual([
      ['back', 20, 20, 0],
      ['main', 30, 30, 0],
    ]);
    expect(await db.reservations.count()).toBe(50);
    expect(await stock.checkStock()).toEqual({ ok: true, mismatches: [] });

    // Ship ten of them concurrently too: ledger and levels still agree.
    const winners = results.flatMap((r, i) => (r.ok ? [i] : [])).slice(0, 10);
    await Promise.all(
      winners.map((i) =>
        db.transaction('rw', stockTables(db), async () => {
          const work = await loadStockWork(db, ['SKU-1'], 'priority', await reservationsOf(db, `o-${i}`));
          commitLine(work, { orderId: `o-${i}`, itemId: `i-${i}` }, metaFor(`ship-${i}`));
          await writeStockWork(db, work);
        }),
      ),
    );
    const total = (await stock.stockLevels({ sku: 'SKU-1' })).reduce((n, l) => n + l.onHand, 0);
    expect(total).toBe(40);
    expect(await stock.checkStock()).toEqual({ ok: true, mismatches: [] });
  });

  it('concurrent adjustments through the commands never take on hand below zero', async () => {
    const { stock } = await shop();
    await stock.receive({ sku: 'SKU-2', locationId: 'main', qty: 25 });
    const results = await Promise.all(
      Array.from({ length: 60 }, () => stock.adjust({ sku: 'SKU-2', locationId: 'main', qty: -1, reason: 'Sold at the door' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    expect(results.filter((r) => !r.ok && r.code === 'insufficient-stock')).toHaveLength(35);
    expect((await stock.stockLevels({ sku: 'SKU-2' }))[0].onHand).toBe(0);
    expect(await stock.checkStock()).toEqual({ ok: true, mismatches: [] });
  });
});

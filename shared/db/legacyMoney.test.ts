import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CounterDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5 } from './database';
import { MINOR_UNITS_SCHEMA_VERSION } from './legacyMoney';

/** A database as a build before money in minor units left it (schema v5, decimals). */
async function v5Database(name: string, settings: Array<{ key: string; value: unknown }> = []) {
  const old = new Dexie(name);
  old.version(1).stores(SCHEMA_V1);
  old.version(2).stores(SCHEMA_V2);
  old.version(3).stores(SCHEMA_V3);
  old.version(4).stores(SCHEMA_V4);
  old.version(5).stores(SCHEMA_V5);
  await old.open();
  await old.table('products').bulkAdd([{ sku: 'TEA', name: 'Tea', price: 6.5, barcodes: [], active: true }, { sku: 'CUP', name: 'Cup', price: 0.285, barcodes: [], active: true }]);
  await old.table('orders').add({ id: 'o1', number: 'PO-1', type: 'product', state: 'WP', createdAt: 1, buyerName: 'Ann', total: 19.99 });
  await old.table('items').add({ id: 'i1', orderId: 'o1', sku: 'TEA', qty: 3, price: 19.99, unitPrice: 6.663333 });
  await old.table('refunds').bulkAdd([{ id: 'r1', orderId: 'o1', amount: 3.3 }, { id: 'r2', orderId: 'o1', amount: null }]);
  if (settings.length) await old.table('settings').bulkAdd(settings);
  old.close();
}

describe('schema v7: money in minor units', () => {
  it('converts the stored decimals of an older database on open, and adds the payment and till tables', async () => {
    const name = `legacy-${Math.random()}`;
    await v5Database(name);
    const db = new CounterDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(MINOR_UNITS_SCHEMA_VERSION);
    expect((await db.products.toArray()).map((p) => [p.sku, p.price])).toEqual([['CUP', 29], ['TEA', 650]]);
    expect(await db.orders.get('o1')).toMatchObject({ total: 1999 });
    expect(await db.items.get('i1')).toMatchObject({ price: 1999, unitPrice: 666 });
    expect((await db.refunds.toArray()).map((r) => r.amount)).toEqual([330, null]);
    expect(await db.payments.count()).toBe(0);
    expect(await db.tills.count()).toBe(0);
    db.close();
  });

  it('uses the saved currency digits (a currency without decimals keeps whole amounts)', async () => {
    const name = `legacy-${Math.random()}`;
    await v5Database(name, [{ key: 'currency', value: { code: 'JPY', digits: 0 } }]);
    const db = new CounterDb(name);
    await db.open();
    expect((await db.products.get('TEA'))!.price).toBe(7);
    expect((await db.orders.get('o1'))!.total).toBe(20);
    db.close();
  });
});

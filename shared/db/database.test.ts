import { createOk } from '../engine/testing/flows';
// Migrations: a counter's database written by an older build opens in this one, data intact.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openCounter } from '../engine/counter';
import { CounterDb, SCHEMA_V1 } from './database';
import { flattenBatches, orderEvents } from './events';
import type { EventBatchRow, EventRow } from './rows';

const withoutSeq = ({ seq: _seq, ...event }: EventRow): EventRow => event;

describe('database migrations', () => {
  it('opens a version 1 database with its orders and timeline, and the engine keeps working on them', async () => {
    const name = `migrate-${Math.random()}`;
    // Write with the engine, then step the database back to a plain version-1 file.
    const before = await openCounter({ dbName: name });
    await before.addLocation({ id: 'main', name: 'Main', priority: 1 });
    await before.addProduct({ sku: 'A', name: 'A', price: 100 });
    await before.receive({ sku: 'A', locationId: 'main', qty: 5 });
    const orderId = await createOk(before, 'product', { buyerId: 'b', lines: [{ sku: 'A', qty: 2 }] });
    const rows: Record<string, unknown[]> = Object.fromEntries(await Promise.all(before.db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
    // Version 1 stored one event per row.
    const timeline = (await orderEvents(before.db, orderId)).map(withoutSeq);
    rows.events = flattenBatches(rows.events as EventBatchRow[]).map(withoutSeq);
    await before.close();
    await Dexie.delete(name);
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.transaction('rw', v1.tables, async () => {
      for (const table of v1.tables) await table.bulkAdd(rows[table.name] ?? []);
    });
    expect(v1.verno).toBe(1);
    v1.close();

    const after = await openCounter({ dbName: name });
    expect(after.db.verno).toBe(new CounterDb('x').verno);
    expect((await after.getOrder(orderId))!.state).toBe('WP');
    // The timeline reads the same, now from one row per command.
    expect(timeline.length).toBeGreaterThan(2);
    expect((await orderEvents(after.db, orderId)).map(withoutSeq)).toEqual(timeline);
    expect(await after.db.events.count()).toBe(new Set(timeline.map((e) => e.commandId)).size);
    expect(await after.act({ kind: 'order', id: orderId }, 'P', 'payment successful')).toMatchObject({ ok: true, to: 'FP' });
    expect(await after.checkStock()).toMatchObject({ ok: true });
    // Version 4 dropped the indexes no query reads, in the stored database itself.
    const indexes = (store: string) => [...after.db.backendDB().transaction(store).objectStore(store).indexNames].sort();
    expect(indexes('refunds')).toEqual(['orderId']);
    expect(indexes('vouchers')).toEqual(['orderId']);
    expect(indexes('reservations')).toEqual(['orderId', 'status']);
    expect(await after.db.reservations.where('orderId').equals(orderId).count()).toBe(1);
    // Version 5 adds operators and the sign-in log, empty: the counter stays single-operator.
    expect(await after.db.operators.count()).toBe(0);
    expect(indexes('signIns')).toEqual(['[operatorId+seq]', 'at']);
    expect(await after.signedIn()).toBeNull();
    await after.close();
  });
});

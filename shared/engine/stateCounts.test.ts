import { importDemo } from '../demo/importDemo';
// The per-state order counts stay equal to what counting the orders gives, through
// creation, transitions, timers, refusals, a repeated command id and the demo import.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CounterDb, SCHEMA_V1, SCHEMA_V2 } from '../db/database';
import { flattenBatches } from '../db/events';
import type { EventBatchRow } from '../db/rows';
import type { EngineCounter } from './counter';
import { openCounter } from './counter';
import { stateCountDeltas } from './stateCounts';
import { testCounter } from './testing/counter';
import { order, paidOrder, productOrder, shippedOrder, createOk } from './testing/flows';

const DAY = 86_400_000;

/** Counts taken the slow way, from the orders themselves. */
async function countedFromOrders(counter: EngineCounter): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await counter.db.orders.each((o) => {
    const key = `${o.type}:${o.state}`;
    out[key] = (out[key] ?? 0) + 1;
  });
  return out;
}

async function stored(counter: EngineCounter): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const r of await counter.db.stateCounts.toArray()) if (r.count !== 0) out[`${r.type}:${r.state}`] = r.count;
  return out;
}

describe('stateCountDeltas', () => {
  it('nets moves per type and state and drops the ones that cancel out', () => {
    expect(
      stateCountDeltas([
        { type: 'product', from: null, to: 'WP' },
        { type: 'product', from: 'WP', to: 'FP' },
        { type: 'service', from: 'WP', to: 'WP' },
        { type: 'service', from: null, to: 'WP' },
        { type: 'product', from: 'FP', to: null },
      ]),
    ).toEqual([{ type: 'service', state: 'WP', count: 1 }]);
    expect(stateCountDeltas([{ type: 'product', from: 'WP', to: 'FP' }])).toEqual([
      { type: 'product', state: 'WP', count: -1 },
      { type: 'product', state: 'FP', count: 1 },
    ]);
  });
});

describe('per-state order counts', () => {
  it('follow creation, transitions and timers, and nothing else', async () => {
    const { counter, clock } = await testCounter();
    await productOrder(counter);
    await paidOrder(counter, 2);
    const { orderId } = await shippedOrder(counter);
    await createOk(counter, 'service', { buyerId: 'b', lines: [{ sku: 'YOGA-10', qty: 1 }] });
    expect(await stored(counter)).toEqual(await countedFromOrders(counter));
    expect(await stored(counter)).toEqual({ 'product:WP': 1, 'product:FP': 1, 'product:FS': 1, 'service:WP': 1 });

    // A refusal and a repeated command id change no count.
    expect(await counter.act(order(orderId), 'P', 'finished accounting')).toMatchObject({ ok: false });
    const commandId = 'same-command';
    expect(await counter.act(order(orderId), 'B', 'confirm reception of order', undefined, { commandId })).toMatchObject({ ok: true });
    const afterOnce = await stored(counter);
    expect(await counter.act(order(orderId), 'B', 'confirm reception of order', undefined, { commandId })).toMatchObject({ ok: true });
    expect(await stored(counter)).toEqual(afterOnce);

    // Timers move orders too (the unpaid one is cancelled after its period).
    clock.advance(30 * DAY);
    expect(await counter.runDueTimers()).toBeGreaterThan(0);
    expect(await stored(counter)).toEqual(await countedFromOrders(counter));
    expect((await stored(counter))['product:WP']).toBeUndefined();
  });

  it('follow the demo import', async () => {
    const { counter } = await testCounter();
    const seeded = await importDemo(counter, { orders: 300 });
    expect(seeded.orders).toBeGreaterThan(200);
    await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] });
    const counted = await countedFromOrders(counter);
    expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBe(seeded.orders + 1);
    expect(await stored(counter)).toEqual(counted);
  });

  it('are filled once from the orders when a version 2 database is opened', async () => {
    const name = `counts-${Math.random()}`;
    const before = await openCounter({ dbName: name });
    await importDemo(before, { orders: 120 });
    const rows: Record<string, unknown[]> = Object.fromEntries(await Promise.all(before.db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
    // Version 2 stored one event per row.
    rows.events = flattenBatches(rows.events as EventBatchRow[]).map(({ seq: _seq, ...e }) => e);
    const expected = await countedFromOrders(before);
    await before.close();
    await Dexie.delete(name);
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    await v2.transaction('rw', v2.tables, async () => {
      for (const table of v2.tables) await table.bulkAdd(rows[table.name] ?? []);
    });
    v2.close();

    const after = await openCounter({ dbName: name });
    expect(after.db.verno).toBe(new CounterDb('x').verno);
    expect(await stored(after)).toEqual(expected);
    await after.close();
  });
});

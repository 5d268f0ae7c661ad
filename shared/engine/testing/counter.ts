// Test helpers: a counter on a fresh in-memory IndexedDB with a controllable clock and a
// small stocked shop, so workflow tests read like the flows they check.
import 'fake-indexeddb/auto';
import { openCounter, type CounterOptions, type EngineCounter } from '../counter';

export interface TestCounter {
  counter: EngineCounter;
  clock: { now: number; advance(ms: number): void };
}

let dbSeq = 0;

export async function testCounter(options: CounterOptions = {}): Promise<TestCounter> {
  const clock = {
    now: Date.UTC(2026, 10, 22, 9, 0, 0),
    advance(ms: number) {
      this.now += ms;
    },
  };
  dbSeq += 1;
  const counter = await openCounter({
    dbName: `test-${process.pid}-${dbSeq}-${Math.random().toString(36).slice(2)}`,
    now: () => clock.now,
    deviceId: 'dev-test',
    operator: 'tester',
    ...options,
  });
  await stockShop(counter);
  return { counter, clock };
}

/** Two locations and three products with plenty of stock. */
export async function stockShop(counter: EngineCounter): Promise<void> {
  await must(counter.addLocation({ id: 'main', name: 'Main store', priority: 1 }));
  await must(counter.addLocation({ id: 'back', name: 'Back room', priority: 2 }));
  for (const sku of ['SKU-1', 'SKU-2', 'SKU-3']) {
    await must(counter.addProduct({ sku, name: `Product ${sku}`, price: 10 }));
    await must(counter.receive({ sku, locationId: 'main', qty: 100 }));
  }
  await must(counter.addProduct({ sku: 'YOGA-10', name: 'Yoga, 10 classes', price: 100, unit: 'service' }));
}

async function must<T extends { ok: boolean }>(p: Promise<T>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`setup failed: ${JSON.stringify(r)}`);
  return r;
}

/** Every row of every table, for proving a refused command wrote nothing. */
export async function dumpDb(counter: EngineCounter): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of counter.db.tables) out[table.name] = await table.toArray();
  return out;
}

// A pull's memory of the keys it wrote (apply.ts) only spares reads: pages applied with it
// leave exactly the rows the same pages leave without it, whatever the pages repeat and
// whatever else writes between them (a command's outbox row, an import's events).
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CounterDb } from '../db/database';
import { applyPulledPage, newPullMemory, type PullMemory } from './apply';
import type { PulledChange, PullPage } from './tables';

const ORDERS = ['o1', 'o2', 'o3', 'o4'];
const COMMANDS = ['c1', 'c2', 'c3'];
const MOVES = ['m1', 'm2', 'm3', 'm4', 'm5'];
const NUMBERS = ['N-1', 'N-2', 'N-3', 'N-4', 'N-5'];

const uniqueBy = <T>(key: (t: T) => string) => (items: T[]) => [...new Map(items.map((t) => [key(t), t])).values()];

/** A page as the server could send it: each row at most once, numbers unique in it. */
const pageArb = fc
  .record({
    events: fc.array(fc.record({ orderId: fc.constantFrom(...ORDERS), commandId: fc.constantFrom(...COMMANDS), note: fc.nat(9), seq: fc.nat(50) }), { maxLength: 6 }).map(uniqueBy((e) => `${e.orderId}/${e.commandId}`)),
    ledger: fc.array(fc.record({ id: fc.constantFrom(...MOVES), delta: fc.integer({ min: -3, max: 3 }), seq: fc.nat(50) }), { maxLength: 4 }).map(uniqueBy((m) => m.id)),
    orders: fc.array(fc.record({ id: fc.constantFrom(...ORDERS), number: fc.constantFrom(...NUMBERS), state: fc.constantFrom('A', 'B') }), { maxLength: 3 }).map(uniqueBy((o) => o.id)).map(uniqueBy((o) => o.number)),
  })
  .map(({ events, ledger, orders }): PulledChange[] => [
    ...orders.map((row) => ({ table: 'orders' as const, row: { ...row, type: 'product' } })),
    ...events.map((row) => ({ table: 'events' as const, row: { ...row, events: [] } })),
    ...ledger.map((row) => ({ table: 'stock_ledger' as const, row: { ...row, sku: 'S' } })),
  ]);

/** What may be written between two pages: nothing, a command (its outbox row and event), an import's event or order. */
const betweenArb = fc.constantFrom('nothing', 'command', 'event', 'order', 'movement');

async function writeBetween(db: CounterDb, what: string, n: number): Promise<void> {
  if (what === 'command') {
    await db.outbox.add({ commandId: `cmd-${n}`, kind: 'act', args: [], operator: 'x', status: 'sent' } as never);
    await db.events.add({ orderId: 'o1', commandId: 'c1', events: [] } as never);
  } else if (what === 'event') await db.events.add({ orderId: ORDERS[n % 4]!, commandId: COMMANDS[n % 3]!, events: [] } as never);
  // Numbers and movement ids are unique here: a row is added only where none holds its key.
  else if (what === 'order' && !(await db.orders.get({ number: NUMBERS[n % 5]! }))) await db.orders.put({ id: `local-${n}`, number: NUMBERS[n % 5]!, type: 'product', state: 'A' } as never);
  else if (what === 'movement' && !(await db.stockLedger.get({ id: MOVES[n % 5]! }))) await db.stockLedger.add({ id: MOVES[n % 5]!, delta: 1, sku: 'S' } as never);
}

const content = async (db: CounterDb) => ({
  events: await db.events.toArray(),
  ledger: await db.stockLedger.toArray(),
  orders: await db.orders.toArray(),
});

let dbs = 0;

async function run(pages: PulledChange[][], between: string[], memory: PullMemory | undefined) {
  const db = new CounterDb(`apply-memory-${++dbs}`);
  await db.open();
  try {
    let cursor = 0;
    for (let i = 0; i < pages.length; i++) {
      const page: PullPage = { changes: pages[i]!, cursor: ++cursor, more: i < pages.length - 1 };
      expect(await applyPulledPage(db, page, async () => undefined, memory)).toBe(true);
      await writeBetween(db, between[i] ?? 'nothing', i);
    }
    return await content(db);
  } finally {
    db.close();
    await Dexie.delete(db.name);
  }
}

describe('a pull remembering the keys it wrote', () => {
  it('leaves the same rows as reading every key, whatever the pages repeat or others write between them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pageArb, { minLength: 1, maxLength: 5 }), fc.array(betweenArb, { maxLength: 5 }), async (pages, between) => {
        const memory = newPullMemory();
        const remembered = await run(pages, between, memory);
        expect(remembered).toEqual(await run(pages, between, undefined));
      }),
      { numRuns: 60 },
    );
  });

  it('an event batch sent again later in the same pull keeps its local number instead of doubling', async () => {
    const page = (note: number): PulledChange[] => [{ table: 'events', row: { orderId: 'o1', commandId: 'c1', events: [], note } }];
    const after = await run([page(1), page(2)], [], newPullMemory());
    expect(after.events).toEqual([{ seq: 1, orderId: 'o1', commandId: 'c1', events: [], note: 2 }]);
  });

  it('a counter holding rows before the pull reads every key (its own number kept)', async () => {
    const db = new CounterDb(`apply-memory-${++dbs}`);
    await db.open();
    try {
      await db.stockLedger.add({ id: 'm1', delta: 5, sku: 'S' } as never);
      const memory = newPullMemory();
      await applyPulledPage(db, { changes: [{ table: 'stock_ledger', row: { id: 'm1', delta: 5, sku: 'S', seq: 40 } }], cursor: 1, more: false }, async () => undefined, memory);
      expect(memory.seen?.stockLedger).toBeNull();
      expect(await db.stockLedger.toArray()).toEqual([{ seq: 1, id: 'm1', delta: 5, sku: 'S' }]);
    } finally {
      db.close();
      await Dexie.delete(db.name);
    }
  });
});

// The pure core never changes the snapshot it decides on. The demo import and any caller
// that keeps rows between commands rely on it, and OrderWork copies only what it changes
// in place, so these flows decide on deep-frozen snapshots: a write into one throws.
import { describe, expect, it } from 'vitest';
import type { EntityRef, OrderType } from '../db/rows';
import type { OrderLineInput } from '../api';
import { newId } from '../ids';
import { loadStockWork } from '../inventory/store';
import type { StockWork } from '../inventory/work';
import { PERIOD_PRESETS } from '../settings/periods';
import { WorkflowRegistry } from '../workflows';
import { decideAct, decideCreate, decideRedeem, decideTimer, type Decision, type EngineEnv } from './decide';
import { BUILT_IN_HANDLERS } from './handlers';
import { testCounter } from './testing/counter';
import type { OrderSnapshot, OrderWork } from './work';
import type { EventMeta as CommandMeta } from './command';

let codeSeq = 0;
const env: EngineEnv = {
  registry: new WorkflowRegistry(),
  periods: PERIOD_PRESETS.production,
  handlers: BUILT_IN_HANDLERS,
  newId,
  voucherCode: () => String(1_000_000_000 + ++codeSeq),
};
let at = Date.UTC(2026, 11, 1, 9);
const meta = (): CommandMeta => ({ commandId: newId(), deviceId: 'dev-test', operator: 'tester', at: (at += 60_000) });

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The rows a work ends with, frozen, as the next command's snapshot (stock is shared work). */
function snapshotOf(work: OrderWork, stock: StockWork): OrderSnapshot {
  const { stock: _stock, ...rows } = work.nextSnapshot(stock);
  deepFreeze(rows);
  return { ...rows, stock };
}

/** Decides on a frozen snapshot; the decision must succeed and leave the snapshot as it was. */
function step<R extends { ok: boolean }>(snapshot: OrderSnapshot, decide: (s: OrderSnapshot) => Decision<R>): OrderWork {
  const { stock, ...rows } = snapshot;
  const before = structuredClone(rows);
  const decision = decide(snapshot);
  if (!decision.result.ok) expect.fail(`refused: ${JSON.stringify(decision.result)}`);
  expect({ ...rows }).toEqual(before);
  return decision.work!;
}

async function created(type: OrderType, lines: OrderLineInput[]): Promise<{ snapshot: OrderSnapshot; stock: StockWork }> {
  const { counter } = await testCounter();
  const stock = await loadStockWork(counter.db, lines.map((l) => l.sku));
  const decision = decideCreate(env, { stock, sequence: 0 }, meta(), type, { buyerId: 'buyer-1', lines }, '');
  expect(decision.result).toMatchObject({ ok: true });
  return { snapshot: snapshotOf(decision.work!, stock), stock };
}

type Step = [target: 'order' | 'item0', role: string, action: string] | 'redeem' | { timer: string };

/** Acts in turn (`item0` is the order's first line; `{ timer }` fires the pending timer of
 *  that key); on every snapshot on the way, also fires each pending timer aside. */
async function drive(type: OrderType, lines: OrderLineInput[], steps: Step[]) {
  const first = await created(type, lines);
  const { stock } = first;
  let { snapshot } = first;
  const fireAll = (s: OrderSnapshot) => {
    for (const timer of s.timers) step(s, (frozen) => decideTimer(env, frozen, meta(), timer.id));
  };
  fireAll(snapshot);
  for (const next of steps) {
    let work: OrderWork;
    if (next === 'redeem') {
      const code = snapshot.vouchers.find((v) => v.state === 'Un')!.code;
      work = step(snapshot, (frozen) => decideRedeem(env, frozen, meta(), code));
    } else if ('timer' in next) {
      const timer = snapshot.timers.find((t) => t.key === next.timer)!;
      work = step(snapshot, (frozen) => decideTimer(env, frozen, meta(), timer.id));
    } else {
      const [target, role, action] = next;
      const ref: EntityRef = target === 'order' ? { kind: 'order', id: snapshot.order.id } : { kind: 'item', id: snapshot.items[0]!.id };
      work = step(snapshot, (frozen) => decideAct(env, frozen, meta(), ref, role, action));
    }
    snapshot = snapshotOf(work, stock);
    fireAll(snapshot);
  }
  return snapshot;
}

const twoLines: OrderLineInput[] = [
  { sku: 'SKU-1', qty: 2, price: 20 },
  { sku: 'SKU-2', qty: 1, price: 10 },
];

describe('deciding leaves the snapshot untouched', () => {
  it('through payment, shipping, an extension, reception and accounting', async () => {
    const last = await drive('product', twoLines, [
      ['order', 'P', 'payment successful'],
      ['order', 'S', 'change shipping addr'],
      ['order', 'S', 'ship the order'],
      { timer: 'extensionWindow' },
      ['order', 'B', 'extend auto acking reception of order'],
      ['order', 'B', 'confirm reception of order'],
      ['order', 'P', 'no refund request'],
      ['order', 'P', 'finished accounting'],
    ]);
    expect(last.order.state).toBe('FA'); // finished accounting
  });

  it('through refund sheets, before and after shipping', async () => {
    await drive('product', twoLines, [
      ['order', 'P', 'payment successful'],
      ['item0', 'B', 'request refund'],
      ['item0', 'S', 'agree refund'],
    ]);
    await drive('product', twoLines, [
      ['order', 'P', 'payment successful'],
      ['order', 'S', 'ship the order'],
      ['item0', 'B', 'request refund with return'],
      ['item0', 'S', 'agree refund'],
    ]);
  });

  it('through a cancellation', async () => {
    await drive('product', twoLines, [['order', 'B', 'cancel order']]);
  });

  it('through a service order: vouchers redeemed, then refunded', async () => {
    const last = await drive('service', [{ sku: 'YOGA-10', qty: 1, price: 100, serviceTimes: 10, unitPrice: 10 }], [
      ['order', 'P', 'payment successful'],
      'redeem',
      'redeem',
      ['order', 'B', 'request refund'],
      ['order', 'P', 'finished refund'],
    ]);
    expect(last.vouchers.filter((v) => v.state === 'Us')).toHaveLength(2);
  });

  it('a write into a frozen snapshot is caught (the check can fail)', async () => {
    const { snapshot } = await created('product', twoLines);
    expect(() => {
      (snapshot.order as { state: string }).state = 'FP';
    }).toThrow(TypeError);
  });
});

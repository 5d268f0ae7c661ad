// A due timer whose action the workflow refuses: recorded, retried with backoff, then
// failed (waiting for a person), never blocking other timers; a person can retry it.
import { describe, expect, it } from 'vitest';
import { orderEvents } from '../db/events';
import productOrderDefinition from '../workflows/product-order.json';
import type { EngineCounter } from './counter';
import { TIMER_MAX_ATTEMPTS, timerBackoff } from './orderCommands';
import { testCounter } from './testing/counter';
import { createOk, order } from './testing/flows';

const HOUR = 3_600_000;

/** Product order v2: "no payment" (the payment timer's action) has a guard that never holds in WP. */
function refusingVersion(): unknown {
  const def = structuredClone(productOrderDefinition) as { version: number; machines: { order: { transitions: Array<{ role: string; action: string; guard?: unknown }> } } };
  def.version = productOrderDefinition.version + 1;
  const row = def.machines.order.transitions.find((t) => t.role === 'P' && t.action === 'no payment')!;
  row.guard = { stateIn: ['CT'] };
  return def;
}

async function withRefusingVersion(counter: EngineCounter): Promise<void> {
  const installed = await counter.installWorkflow(refusingVersion());
  expect(installed).toMatchObject({ ok: true, version: productOrderDefinition.version + 1 });
}

/** The order's payment timer, whatever its status (`counter.timers` lists pending ones only). */
async function paymentTimer(counter: EngineCounter, orderId: string) {
  const rows = await counter.db.timers.where('orderId').equals(orderId).toArray();
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

const newOrder = (counter: EngineCounter) => createOk(counter, 'product', { buyerId: 'buyer-1', lines: [{ sku: 'SKU-1', qty: 1, price: 10 }] });

describe('timerBackoff', () => {
  it('waits 1, 5, 25 minutes in production and 1, 5, 25 seconds with the demo preset', () => {
    expect([1, 2, 3].map((n) => timerBackoff(n))).toEqual([60_000, 300_000, 1_500_000]);
    expect([1, 2, 3].map((n) => timerBackoff(n, 'demo'))).toEqual([1_000, 5_000, 25_000]);
  });
});

describe('a timer whose action is refused when due', () => {
  it('is retried with backoff, then failed with its reason on the row and the timeline; the order stays put', async () => {
    const { counter, clock } = await testCounter();
    await withRefusingVersion(counter);
    const orderId = await newOrder(counter);
    expect((await counter.getOrder(orderId))!.workflowVersion).toBe(productOrderDefinition.version + 1);

    clock.advance(24 * HOUR);
    for (let attempt = 1; attempt <= TIMER_MAX_ATTEMPTS; attempt++) {
      expect(await counter.runDueTimers()).toBe(0);
      const timer = await paymentTimer(counter, orderId);
      expect(timer).toMatchObject({ attempts: attempt, lastError: expect.stringMatching(/no payment|guard|CT/i) });
      if (attempt < TIMER_MAX_ATTEMPTS) {
        expect(timer).toMatchObject({ status: 'pending', dueAt: clock.now + timerBackoff(attempt) });
        clock.advance(timerBackoff(attempt) - 1);
        expect(await counter.runDueTimers()).toBe(0);
        expect((await paymentTimer(counter, orderId)).attempts).toBe(attempt); // not due yet: not tried
        clock.advance(1);
      } else {
        expect(timer).toMatchObject({ status: 'failed', doneAt: clock.now });
      }
    }
    expect((await counter.getOrder(orderId))!.state).toBe('WP');
    expect((await counter.failedTimers()).map((t) => t.orderId)).toEqual([orderId]);
    const failures = (await orderEvents(counter.db, orderId)).filter((e) => e.type === 'timer-failed');
    expect(failures.map((e) => e.detail)).toEqual([
      expect.stringContaining('attempt 1 of 3'),
      expect.stringContaining('attempt 2 of 3'),
      expect.stringContaining('attempt 3 of 3; waits for a person'),
    ]);
    // A failed timer is not tried again by itself.
    clock.advance(24 * HOUR);
    expect(await counter.runDueTimers()).toBe(0);
    expect(await paymentTimer(counter, orderId)).toMatchObject({ status: 'failed', attempts: TIMER_MAX_ATTEMPTS });
  });

  it('retries on the demo preset\'s seconds', async () => {
    const { counter, clock } = await testCounter({ demo: true });
    await withRefusingVersion(counter);
    const orderId = await newOrder(counter);
    clock.advance(2 * 60_000);
    await counter.runDueTimers();
    expect((await counter.timers(order(orderId)))[0]).toMatchObject({ status: 'pending', attempts: 1, dueAt: clock.now + 1_000 });
  });

  it('never blocks the other due timers', async () => {
    const { counter, clock } = await testCounter();
    const before = await newOrder(counter); // version 1: its timer works
    await withRefusingVersion(counter);
    const failing = await newOrder(counter);
    const after = await createOk(counter, 'product', { buyerId: 'buyer-2', lines: [{ sku: 'SKU-2', qty: 1, price: 10 }] });
    clock.advance(24 * HOUR);
    expect(await counter.runDueTimers()).toBe(0 + 1); // only v1's fires; v2's two fail
    expect((await counter.getOrder(before))!.state).toBe('CT');
    for (const id of [failing, after]) expect((await counter.timers(order(id)))[0]).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('is put back to pending, due now, by retryTimer; only a failed timer can be retried', async () => {
    const { counter, clock } = await testCounter();
    await withRefusingVersion(counter);
    const orderId = await newOrder(counter);
    const [pending] = await counter.timers(order(orderId));
    expect(await counter.retryTimer(pending!.id)).toMatchObject({ ok: false, code: 'not-allowed-in-state' });
    expect(await counter.retryTimer('no-such-timer')).toMatchObject({ ok: false, code: 'not-found' });

    clock.advance(24 * HOUR);
    for (let attempt = 1; attempt <= TIMER_MAX_ATTEMPTS; attempt++) {
      await counter.runDueTimers();
      clock.advance(timerBackoff(attempt));
    }
    const [failed] = await counter.failedTimers();
    expect(failed).toBeDefined();
    expect(await counter.retryTimer(failed!.id)).toEqual({ ok: true });
    expect((await counter.timers(order(orderId)))[0]).toMatchObject({ status: 'pending', attempts: 0, dueAt: clock.now, doneAt: null, outcome: null });
    expect(await counter.failedTimers()).toEqual([]);
  });
});

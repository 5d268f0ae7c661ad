// An action that would change nothing is not offered and is refused with a reason: it is
// never recorded again and again on the timeline (issue 25, "No traps").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { orderEvents } from '../../db/events';
import { testCounter } from '../testing/counter';
import { createOk, ok, order, paidOrder, productOrder } from '../testing/flows';
import type { EngineCounter } from '../counter';
import { Workflow } from '../../workflow/interpreter';
import type { WorkflowDefinition } from '../../workflow/schema';
import productOrderJson from '../../workflows/product-order.json';
import serviceOrderJson from '../../workflows/service-order.json';

const DAY = 86_400_000;

async function transitions(counter: EngineCounter, orderId: string, action: string) {
  return (await orderEvents(counter.db, orderId)).filter((e) => e.type === 'transition' && e.action === action);
}

async function paidService(counter: EngineCounter, validUntil?: string) {
  const orderId = await createOk(counter, 'service', {
    buyerId: 'buyer-9',
    lines: [{ sku: 'YOGA-10', qty: 1, price: 100, unitPrice: 50, serviceTimes: 2, ...(validUntil ? { validUntil } : {}) }],
  });
  await ok(counter, order(orderId), 'P', 'payment successful');
  return orderId;
}

describe('an action that would change nothing', () => {
  it('"make payment" is recorded once, then neither offered nor recorded again', async () => {
    const { counter } = await testCounter();
    const { orderId } = await productOrder(counter);
    expect((await counter.roleActions(order(orderId))).B).toContain('make payment');
    await ok(counter, order(orderId), 'B', 'make payment');
    expect((await counter.roleActions(order(orderId))).B).not.toContain('make payment');
    const again = await counter.act(order(orderId), 'B', 'make payment');
    expect(again).toMatchObject({ ok: false, code: 'no-change', params: { reason: 'already-recorded', action: 'make payment', state: 'WP' } });
    expect(await transitions(counter, orderId, 'make payment')).toHaveLength(1);
    const explained = (await counter.explain(order(orderId), 'B')).find((a) => a.action === 'make payment');
    expect(explained).toMatchObject({ enabled: false, reason: 'no-change', detail: { kind: 'done' } });
    // Other actions in the same state are not affected.
    expect((await counter.roleActions(order(orderId))).B).toContain('cancel order');
  });

  it('offers it again once the order has moved on and come to a state where it applies', async () => {
    const { counter } = await testCounter();
    const { orderId } = await paidOrder(counter);
    await ok(counter, order(orderId), 'S', 'change shipping addr');
    expect(await counter.act(order(orderId), 'S', 'change shipping addr')).toMatchObject({ ok: false, code: 'no-change' });
    // Leaving the state clears what was recorded in it.
    const view = await counter.db.orders.get(orderId);
    expect(view?.recorded).toEqual(['change shipping addr']);
    await ok(counter, order(orderId), 'S', 'ship the order');
    expect((await counter.db.orders.get(orderId))?.recorded).toBeUndefined();
  });

  it('"attendance code expired" is refused before the valid-until day has passed, with the date', async () => {
    const { counter, clock } = await testCounter();
    const orderId = await paidService(counter, '2026-11-30');
    const early = await counter.act(order(orderId), 'P', 'attendance code expired');
    expect(early).toMatchObject({ ok: false, code: 'guard-failed', params: { reason: 'not-expired', date: '2026-11-30' } });
    expect(await transitions(counter, orderId, 'attendance code expired')).toHaveLength(0);
    clock.advance(10 * DAY);
    await ok(counter, order(orderId), 'P', 'attendance code expired');
    // Codes expired, expiry sheet open: a second press (or the timer) changes nothing.
    expect(await counter.act(order(orderId), 'P', 'attendance code expired')).toMatchObject({ ok: false, code: 'no-change' });
    await counter.runDueTimers();
    const events = await orderEvents(counter.db, orderId);
    expect(events.filter((e) => e.type === 'transition' && e.action === 'attendance code expired')).toHaveLength(1);
    expect(events.find((e) => e.type === 'timer-skipped' && e.action === 'attendance code expired')).toMatchObject({ data: { reason: 'no-change' } });
  });

  it('a service without a valid-until date has codes that never expire', async () => {
    const { counter } = await testCounter();
    const orderId = await paidService(counter);
    expect(await counter.act(order(orderId), 'P', 'attendance code expired')).toMatchObject({ ok: false, code: 'guard-failed', params: { reason: 'never-expires' } });
  });

  it('a refused repeat writes nothing', async () => {
    const { counter } = await testCounter();
    const { orderId } = await productOrder(counter);
    await ok(counter, order(orderId), 'B', 'make payment');
    const before = await counter.db.orders.get(orderId);
    const eventsBefore = (await orderEvents(counter.db, orderId)).length;
    await counter.act(order(orderId), 'B', 'make payment');
    expect(await counter.db.orders.get(orderId)).toEqual(before);
    expect((await orderEvents(counter.db, orderId)).length).toBe(eventsBefore);
  });
});

describe('Workflow.changesNothing over the built-in definitions', () => {
  const wfs = [new Workflow(productOrderJson as WorkflowDefinition), new Workflow(serviceOrderJson as WorkflowDefinition)];
  const ctx = (flags: Record<string, boolean> = {}, vouchers: string[] = [], refunds: Array<string | null> = []) => ({
    order: { state: 'FP', flags },
    items: [{ id: 'i1', state: 'FP' }],
    refunds: refunds.map((state) => ({ itemId: 'i1', state })),
    vouchers: vouchers.map((state) => ({ state })),
  });

  it('a row that moves the entity always changes something', () => {
    for (const wf of wfs) {
      for (const machine of Object.values(wf.definition.machines)) {
        for (const row of machine.transitions) {
          for (const state of row.from ?? []) {
            if (state === row.to) continue;
            expect(wf.changesNothing(row, { kind: machine.entity === 'voucher' ? 'order' : machine.entity, state }, ctx())).toBe(false);
          }
        }
      }
    }
  });

  it('a recorded self-transition is spent exactly when its effects would do nothing (any vouchers, any sheets)', () => {
    const service = wfs[1]!;
    const expired = service.definition.machines.order!.transitions.find((t) => t.action === 'attendance code expired')!;
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Un', 'Us', 'Re', 'Ex'), { maxLength: 6 }), fc.boolean(), (vouchers, sheetOpen) => {
        const subject = { kind: 'order' as const, state: 'FP', recorded: ['attendance code expired'] };
        const c = ctx({}, vouchers, sheetOpen ? ['PPR'] : []);
        const idle = !vouchers.includes('Un') && sheetOpen;
        expect(service.isSpent(expired, subject, c)).toBe(idle);
        expect(service.roleActions(subject, c).P?.includes('attendance code expired') ?? false).toBe(!idle);
      }),
    );
  });
});

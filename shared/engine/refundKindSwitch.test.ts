// A changed refund request may switch the sheet between refund only and refund with return:
// the buyer's "change refund request" carries the kind as a choice (setRefundKind effect),
// and from then on the machine of the chosen kind drives the sheet; the seller answers
// within the seller-response period, as after a first request.
import { describe, expect, it } from 'vitest';
import { orderEvents } from '../db/events';
import { testCounter } from './testing/counter';
import { item, ok, refund, shippedOrder, states } from './testing/flows';
import { tables } from './testing/hostile';
import { actionRowOf, inputDefaultsOf } from './panels';

const DAY = 24 * 3_600_000;

async function rejectedRequest(action: 'request refund' | 'request refund with return') {
  const t = await testCounter();
  const o = await shippedOrder(t.counter, 2);
  await ok(t.counter, item(o.itemIds[0]!), 'B', action);
  await ok(t.counter, item(o.itemIds[0]!), 'S', 'reject refund');
  const sheet = (await t.counter.getOrder(o.orderId))!.items[0]!.refund!;
  return { ...t, ...o, sheetId: sheet.id };
}

const sheetOf = async (counter: Awaited<ReturnType<typeof testCounter>>['counter'], orderId: string) => (await counter.getOrder(orderId))!.items[0]!.refund!;

describe('change refund request: switching the kind', () => {
  it('refund only -> with return: the seller then answers on the return path', async () => {
    const { counter, orderId, itemIds, sheetId } = await rejectedRequest('request refund');
    const r = await counter.act(item(itemIds[0]!), 'B', 'change refund request', { refundKind: 'refund_with_return', memo: 'I will send it back' });
    expect(r).toMatchObject({ ok: true, from: 'SRR', to: 'WSR' });
    expect(await sheetOf(counter, orderId)).toMatchObject({ kind: 'refund_with_return', state: 'WSR' });
    const events = await orderEvents(counter.db, orderId);
    expect(events.find((e) => e.type === 'refund-kind-changed')).toMatchObject({ entity: { kind: 'refund', id: sheetId }, data: { refundKind: 'refund_with_return', previous: 'refund_only' } });
    expect(events.find((e) => e.action === 'change refund request')?.data).toEqual({ refundKind: 'refund_with_return', memo: 'I will send it back' });
    // The seller's actions are the return path's: agreeing asks the buyer to ship back.
    expect((await counter.roleActions(refund(sheetId))).S?.sort()).toEqual(['agree refund', 'reject refund']);
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    expect(await sheetOf(counter, orderId)).toMatchObject({ state: 'WBS' });
    expect((await counter.roleActions(refund(sheetId))).B).toEqual(expect.arrayContaining(['ship back', 'cancel refund request']));
    await ok(counter, item(itemIds[0]!), 'B', 'ship back');
    expect(await sheetOf(counter, orderId)).toMatchObject({ state: 'WSA' });
  });

  it('with return -> refund only: agreeing goes straight to processing, nothing is shipped back', async () => {
    const { counter, orderId, itemIds, sheetId } = await rejectedRequest('request refund with return');
    await expect(counter.act(item(itemIds[0]!), 'B', 'change refund request', { refundKind: 'refund_only' })).resolves.toMatchObject({ ok: true, to: 'WSR' });
    expect(await sheetOf(counter, orderId)).toMatchObject({ kind: 'refund_only', state: 'WSR' });
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    expect(await sheetOf(counter, orderId)).toMatchObject({ state: 'PPR' });
    expect((await counter.roleActions(refund(sheetId))).B ?? []).not.toContain('ship back');
    const before = (await counter.stockLevels({ sku: 'SKU-1' }))[0]!.onHand;
    await ok(counter, item(itemIds[0]!), 'P', 'finished refund');
    expect(await states(counter, orderId)).toMatchObject({ items: ['FR', 'FP'], refunds: ['PFR', null] });
    // Refund only: the goods stay with the buyer, so nothing returns to stock.
    expect((await counter.stockLevels({ sku: 'SKU-1' }))[0]!.onHand).toBe(before);
  });

  it('the seller answers within the seller-response period, in the machine of the new kind', async () => {
    const { counter, clock, orderId, itemIds } = await rejectedRequest('request refund');
    clock.advance(DAY);
    await ok(counter, item(itemIds[0]!), 'B', 'change refund request');
    await expect(counter.act(item(itemIds[0]!), 'B', 'change refund request', { refundKind: 'refund_with_return' })).resolves.toMatchObject({ ok: false });
    // A fresh request, switched: the seller is silent, customer service steps in.
    await ok(counter, item(itemIds[0]!), 'S', 'reject refund');
    await counter.act(item(itemIds[0]!), 'B', 'change refund request', { refundKind: 'refund_with_return' });
    const [timer] = (await counter.timers(refund((await sheetOf(counter, orderId)).id))).filter((t) => t.status === 'pending');
    expect(timer).toMatchObject({ action: 'seller no response', dueAt: clock.now + 3 * DAY });
    clock.advance(3 * DAY);
    expect(await counter.runDueTimers()).toBe(1);
    expect(await sheetOf(counter, orderId)).toMatchObject({ kind: 'refund_with_return', state: 'CSI' });
    // CSI of the return path: forcing the refund asks the buyer to ship back.
    await ok(counter, item(itemIds[0]!), 'P', 'force refund');
    expect(await sheetOf(counter, orderId)).toMatchObject({ state: 'WBS' });
  });

  it('without a kind the sheet keeps its kind (the reference behaviour), and says nothing of a switch', async () => {
    const { counter, orderId, itemIds } = await rejectedRequest('request refund with return');
    await ok(counter, item(itemIds[0]!), 'B', 'change refund request');
    expect(await sheetOf(counter, orderId)).toMatchObject({ kind: 'refund_with_return', state: 'WSR' });
    await ok(counter, item(itemIds[0]!), 'S', 'reject refund');
    await expect(counter.act(item(itemIds[0]!), 'B', 'change refund request', { refundKind: 'refund_with_return' })).resolves.toMatchObject({ ok: true });
    expect((await orderEvents(counter.db, orderId)).filter((e) => e.type === 'refund-kind-changed')).toEqual([]);
  });
});

describe('change refund request: refusals write nothing', () => {
  it('refuses a kind that is not offered, naming the field', async () => {
    const { counter, itemIds } = await rejectedRequest('request refund');
    const before = await tables(counter);
    for (const kind of ['service', 'expiry', 'refund-with-return', '']) {
      const r = await counter.act(item(itemIds[0]!), 'B', 'change refund request', { refundKind: kind || 42 });
      expect(r).toMatchObject({ ok: false, code: 'invalid-input', params: { reason: 'action-input', field: 'refundKind', label: 'Refund kind' } });
    }
    expect(await tables(counter)).toEqual(before);
  });

  it('refuses the change before the seller rejected, and for the seller', async () => {
    const t = await testCounter();
    const { itemIds } = await shippedOrder(t.counter);
    await ok(t.counter, item(itemIds[0]!), 'B', 'request refund');
    const before = await tables(t.counter);
    expect(await t.counter.act(item(itemIds[0]!), 'B', 'change refund request', { refundKind: 'refund_with_return' })).toMatchObject({ ok: false, code: 'not-allowed-in-state' });
    await ok(t.counter, item(itemIds[0]!), 'S', 'reject refund');
    const rejected = await tables(t.counter);
    expect(await t.counter.act(item(itemIds[0]!), 'S', 'change refund request', { refundKind: 'refund_with_return' })).toMatchObject({ ok: false });
    expect(await tables(t.counter)).toEqual(rejected);
    expect(before).not.toEqual(rejected);
  });

  it('refuses fields the change does not declare', async () => {
    const { counter, itemIds } = await rejectedRequest('request refund');
    const before = await tables(counter);
    expect(await counter.act(item(itemIds[0]!), 'B', 'change refund request', { refundKind: 'refund_with_return', amount: 5 })).toMatchObject({ ok: false, code: 'invalid-input', params: { field: 'amount', problem: 'unknown-field' } });
    expect(await tables(counter)).toEqual(before);
  });
});

describe('the change form starts at the sheet\'s kind', () => {
  it('on the line and on the sheet', async () => {
    const { counter, orderId, itemIds, sheetId } = await rejectedRequest('request refund with return');
    const rows = {
      order: (await counter.db.orders.get(orderId))!,
      items: await counter.db.items.where('orderId').equals(orderId).toArray(),
      refunds: await counter.db.refunds.where('orderId').equals(orderId).toArray(),
      vouchers: [],
    };
    const wf = counter.registry.get(rows.order.workflowId, rows.order.workflowVersion);
    for (const ref of [item(itemIds[0]!), refund(sheetId)]) {
      const row = actionRowOf(wf, rows, ref, 'B', 'change refund request')!;
      expect(inputDefaultsOf(wf, rows, ref, row)).toEqual({ refundKind: 'refund_with_return' });
    }
    // A row that switches nothing starts empty.
    expect(inputDefaultsOf(wf, rows, item(itemIds[1]!), actionRowOf(wf, rows, item(itemIds[1]!), 'B', 'request refund')!)).toEqual({});
  });
});

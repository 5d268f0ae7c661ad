// Post-actions, guards and timers of the built-in product-order workflow.
import { describe, expect, it } from 'vitest';
import { orderEvents } from '../db/events';
import { dumpDb, testCounter } from './testing/counter';
import { item, ok, order, paidOrder, productOrder, refund, shippedOrder, states } from './testing/flows';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('order_created: payment timer', () => {
  it('closes an unpaid order after the payment period', async () => {
    const { counter, clock } = await testCounter();
    const { orderId } = await productOrder(counter);
    expect(await counter.timers(order(orderId))).toEqual([expect.objectContaining({ action: 'no payment', dueAt: clock.now + 24 * HOUR })]);
    clock.advance(24 * HOUR - 1);
    expect(await counter.runDueTimers()).toBe(0);
    clock.advance(1);
    expect(await counter.runDueTimers()).toBe(1);
    expect((await states(counter, orderId)).order).toBe('CT');
    const events = await orderEvents(counter.db, orderId);
    expect(events.map((e) => e.type)).toContain('timer-fired');
  });

  it('skips the timer, on the timeline, when the order was paid first', async () => {
    const { counter, clock } = await testCounter();
    const { orderId } = await paidOrder(counter);
    clock.advance(25 * HOUR);
    expect(await counter.runDueTimers()).toBe(0);
    expect((await states(counter, orderId)).order).toBe('FP');
    const skipped = (await orderEvents(counter.db, orderId)).filter((e) => e.type === 'timer-skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.detail).toBe('the order has left WP');
  });

  it('still fires once when the buyer made a payment attempt (a self-transition) meanwhile', async () => {
    const { counter, clock } = await testCounter();
    const { orderId } = await productOrder(counter);
    await ok(counter, order(orderId), 'B', 'make payment');
    clock.advance(24 * HOUR);
    expect(await counter.runDueTimers()).toBe(1);
    expect(await counter.runDueTimers()).toBe(0);
    expect((await states(counter, orderId)).order).toBe('CT');
  });
});

describe('order_paid and order_shipped', () => {
  it('moves every line to FP on payment', async () => {
    const { counter } = await testCounter();
    const { orderId } = await productOrder(counter, 3);
    expect((await states(counter, orderId)).items).toEqual([null, null, null]);
    await ok(counter, order(orderId), 'P', 'payment successful');
    expect((await states(counter, orderId)).items).toEqual(['FP', 'FP', 'FP']);
  });

  it('closes open pre-shipping refund sheets and returns their lines to FP when shipped', async () => {
    const { counter } = await testCounter();
    const { orderId, itemIds } = await paidOrder(counter, 2);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    expect(await states(counter, orderId)).toEqual({ order: 'FP', items: ['WR', 'FP'], refunds: ['WSR', null] });
    await ok(counter, order(orderId), 'S', 'ship the order');
    expect(await states(counter, orderId)).toEqual({ order: 'FS', items: ['FP', 'FP'], refunds: ['PCR', null] });
  });

  it('schedules auto-confirmation and the extension window', async () => {
    const { counter, clock } = await testCounter();
    const { orderId } = await shippedOrder(counter);
    const timers = await counter.timers(order(orderId));
    expect(timers.map((t) => [t.action ?? t.setFlag, t.dueAt - clock.now]).sort()).toEqual(
      [['auto ack reception of order', 15 * DAY], ['extensionOpen', 7 * DAY]].sort(),
    );
  });
});

describe('auto-confirmation and its extensions', () => {
  it('confirms reception automatically after 15 days', async () => {
    const { counter, clock } = await testCounter();
    const { orderId } = await shippedOrder(counter);
    clock.advance(15 * DAY);
    await counter.runDueTimers();
    expect((await states(counter, orderId)).order).toBe('ST');
  });

  it('shows the extension only once the window opened, once per party, each adding 3 days', async () => {
    const { counter, clock } = await testCounter();
    const { orderId } = await shippedOrder(counter);
    const ref = order(orderId);
    expect(await counter.roleActions(ref)).toEqual({ P: ['auto ack reception of order'], B: ['confirm reception of order'], S: [] });
    expect(await counter.act(ref, 'B', 'extend auto acking reception of order')).toMatchObject({ ok: false, code: 'guard-failed' });

    clock.advance(7 * DAY);
    expect(await counter.runDueTimers()).toBe(1);
    expect((await counter.roleActions(ref)).B).toContain('extend auto acking reception of order');
    expect((await counter.roleActions(ref)).S).toEqual(['extend auto acking reception of order']);

    await ok(counter, ref, 'B', 'extend auto acking reception of order');
    expect((await counter.roleActions(ref)).B).toEqual(['confirm reception of order']);
    expect(await counter.act(ref, 'B', 'extend auto acking reception of order')).toMatchObject({ ok: false, code: 'guard-failed' });
    await ok(counter, ref, 's', 'extend auto acking reception of order');
    expect((await counter.roleActions(ref)).S).toEqual([]);

    const [autoAck] = (await counter.timers(ref)).filter((t) => t.key === 'autoAck');
    const shippedAt = clock.now - 7 * DAY;
    expect(autoAck!.dueAt).toBe(shippedAt + 15 * DAY + 6 * DAY);

    clock.advance(8 * DAY);
    expect(await counter.runDueTimers()).toBe(0);
    expect((await states(counter, orderId)).order).toBe('FS');
    clock.advance(6 * DAY);
    expect(await counter.runDueTimers()).toBe(1);
    expect((await states(counter, orderId)).order).toBe('ST');
  });

  it('when a refund is still open at auto-confirmation, marks it ended and lets the refund move the order on', async () => {
    const { counter, clock } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter, 2);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund'); // routed to the sheet: WSR -> PPR
    clock.advance(15 * DAY);
    expect(await counter.runDueTimers()).toBe(1); // the extension window flag; auto-ack is skipped
    const view = await counter.getOrder(orderId);
    expect(view!.state).toBe('FS');
    expect(view!.flags.autoAckEnded).toBe(true);
    // extension is never shown after auto-confirmation has ended
    expect((await counter.roleActions(order(orderId))).B).toEqual(['confirm reception of order']);

    const sheetId = view!.items[0]!.refund!.id;
    await ok(counter, refund(sheetId), 'P', 'finished refund');
    // item FR; not every item FR; no refund open; auto-ack ended -> no more open refund: FS -> ST
    expect(await states(counter, orderId)).toMatchObject({ order: 'ST', items: ['FR', 'FP'], refunds: ['PFR', null] });
    expect(await counter.timers(order(orderId))).toEqual([expect.objectContaining({ action: 'no refund request' })]);
  });
});

describe('transaction_successful and the refund window', () => {
  it('goes to accounting when the refund window passes without a request', async () => {
    const { counter, clock } = await testCounter();
    const { orderId } = await shippedOrder(counter);
    await ok(counter, order(orderId), 'B', 'confirm reception of order');
    clock.advance(7 * DAY);
    expect(await counter.runDueTimers()).toBeGreaterThanOrEqual(1);
    expect((await states(counter, orderId)).order).toBe('WA');
  });

  it('when a refund is open as the window ends, marks it ended; closing the refund then moves ST -> WA', async () => {
    const { counter, clock } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter, 2);
    await ok(counter, order(orderId), 'B', 'confirm reception of order');
    clock.advance(5 * DAY);
    await ok(counter, item(itemIds[1]!), 'B', 'request refund with return');
    clock.advance(2 * DAY);
    await counter.runDueTimers();
    const view = await counter.getOrder(orderId);
    expect(view!.state).toBe('ST');
    expect(view!.flags.refundWindowEnded).toBe(true);
    await ok(counter, item(itemIds[1]!), 'B', 'cancel refund request');
    expect(await states(counter, orderId)).toMatchObject({ order: 'WA', items: ['FP', 'CR'], refunds: [null, 'CCR'] });
  });

  it('goes straight to accounting when every line was already refunded or closed', async () => {
    const { counter } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter, 1);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    await ok(counter, item(itemIds[0]!), 'B', 'cancel refund request');
    expect((await states(counter, orderId)).items).toEqual(['CR']);
    await ok(counter, order(orderId), 'B', 'confirm reception of order');
    expect((await states(counter, orderId)).order).toBe('WA');
    expect(await counter.timers(order(orderId))).toEqual([]);
  });
});

describe('refund sheets', () => {
  it('pre-shipping: seller agrees -> order on hold (shown as finished payment) -> refund finished -> order closed', async () => {
    const { counter } = await testCounter();
    const { orderId, itemIds } = await paidOrder(counter, 1);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    const sheetId = (await counter.getOrder(orderId))!.items[0]!.refund!.id;
    await ok(counter, refund(sheetId), 'S', 'agree refund');
    const held = await counter.getOrder(orderId);
    expect(held!.state).toBe('HS');
    expect(held!.stateLabel).toBe('finished payment');
    expect(await counter.act(order(orderId), 'S', 'ship the order')).toMatchObject({ ok: false, code: 'not-allowed-in-state' });
    await ok(counter, refund(sheetId), 'P', 'finished refund');
    expect(await states(counter, orderId)).toEqual({ order: 'CT', items: ['FR'], refunds: ['PFR'] });
  });

  it('pre-shipping with two lines: one refunded, the order returns to FP and can ship', async () => {
    const { counter } = await testCounter();
    const { orderId, itemIds } = await paidOrder(counter, 2);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    await ok(counter, item(itemIds[0]!), 'P', 'finished refund');
    expect(await states(counter, orderId)).toEqual({ order: 'FP', items: ['FR', 'FP'], refunds: ['PFR', null] });
    await ok(counter, order(orderId), 'S', 'ship the order');
  });

  it('pre-shipping: the seller not answering moves the sheet to platform processing', async () => {
    const { counter, clock } = await testCounter();
    const { orderId, itemIds } = await paidOrder(counter);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    clock.advance(3 * DAY);
    expect(await counter.runDueTimers()).toBe(1);
    expect((await states(counter, orderId)).refunds).toEqual(['PPR']);
  });

  it('refund only after shipping: seller silent -> customer service; platform rejects -> item closed', async () => {
    const { counter, clock } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter, 2);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    clock.advance(3 * DAY);
    await counter.runDueTimers();
    expect((await states(counter, orderId)).refunds).toEqual(['CSI', null]);
    await ok(counter, item(itemIds[0]!), 'P', 'reject refund');
    expect(await states(counter, orderId)).toMatchObject({ order: 'FS', items: ['CR', 'FP'], refunds: ['PCR', null] });
  });

  it('seller rejects; buyer silent for 3 days -> closed; a changed request makes that timer skip', async () => {
    const { counter, clock } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter, 2);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    await ok(counter, item(itemIds[0]!), 'S', 'reject refund');
    clock.advance(DAY);
    await ok(counter, item(itemIds[0]!), 'B', 'change refund request'); // SRR -> WSR
    clock.advance(2 * DAY);
    await counter.runDueTimers(); // buyer-response timer skipped: the sheet left SRR
    expect((await states(counter, orderId)).refunds).toEqual(['WSR', null]);
    await ok(counter, item(itemIds[0]!), 'S', 'reject refund');
    clock.advance(3 * DAY);
    await counter.runDueTimers();
    expect(await states(counter, orderId)).toMatchObject({ items: ['CR', 'FP'], refunds: ['CCR', null] });
  });

  it('refund with return: agree, ship back, seller silent -> processing; finished -> restocked and item FR', async () => {
    const { counter, clock } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter, 2);
    const before = (await counter.stockLevels({ sku: 'SKU-1' }))[0]!.onHand;
    await ok(counter, item(itemIds[0]!), 'B', 'request refund with return');
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    expect((await states(counter, orderId)).refunds).toEqual(['WBS', null]);
    await ok(counter, item(itemIds[0]!), 'B', 'ship back');
    clock.advance(3 * DAY);
    await counter.runDueTimers();
    expect((await states(counter, orderId)).refunds).toEqual(['PPR', null]);
    await ok(counter, item(itemIds[0]!), 'P', 'finished refund');
    expect(await states(counter, orderId)).toMatchObject({ order: 'FS', items: ['FR', 'FP'], refunds: ['PFR', null] });
    expect((await counter.stockLevels({ sku: 'SKU-1' }))[0]!.onHand).toBe(before + 1);
  });

  it('refund with return: buyer never ships back -> closed after the buyer-response period', async () => {
    const { counter, clock } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund with return');
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    clock.advance(3 * DAY);
    await counter.runDueTimers();
    expect(await states(counter, orderId)).toMatchObject({ items: ['CR'], refunds: ['CCR'] });
  });

  it('every line refunded after shipping closes the order', async () => {
    const { counter } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter, 2);
    for (const id of itemIds) {
      await ok(counter, item(id), 'B', 'request refund');
      await ok(counter, item(id), 'S', 'agree refund');
      await ok(counter, item(id), 'P', 'finished refund');
    }
    expect(await states(counter, orderId)).toEqual({ order: 'CT', items: ['FR', 'FR'], refunds: ['PFR', 'PFR'] });
  });

  it('refund with return is not offered before shipping; an item with an open sheet shows the sheet actions', async () => {
    const { counter } = await testCounter();
    const { itemIds } = await paidOrder(counter);
    expect(await counter.roleActions(item(itemIds[0]!))).toEqual({ B: ['request refund'] });
    expect(await counter.act(item(itemIds[0]!), 'B', 'request refund with return')).toMatchObject({ ok: false, code: 'guard-failed' });
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    expect(await counter.roleActions(item(itemIds[0]!))).toEqual({ S: ['agree refund'], B: ['cancel refund request'], P: ['seller no response'] });
  });
});

describe('explain', () => {
  it('lists every action of the machine for a role, enabled or disabled with the reason', async () => {
    const { counter } = await testCounter();
    const { orderId } = await productOrder(counter);
    const explained = await counter.explain(order(orderId), 's');
    const byAction = Object.fromEntries(explained.map((e) => [e.action, e]));
    // Each with its grounds as data (screens word them in their language) and in English.
    expect(byAction['change shipping fee']).toMatchObject({ enabled: true, detail: { kind: 'moves', to: 'WP' } });
    expect(byAction['ship the order']).toMatchObject({ enabled: false, reason: 'wrong-state', detail: { kind: 'states', states: ['FP'] }, message: 'Allowed in FP.' });
    expect(byAction['cancel order']).toMatchObject({ enabled: false, reason: 'other-role', detail: { kind: 'roles', roles: ['B'] }, message: 'For the Buyer.' });
    expect(byAction['create order']).toMatchObject({ enabled: false, reason: 'other-role' });
    expect((await counter.explain(order(orderId), 'B')).find((e) => e.action === 'create order')).toMatchObject({ reason: 'wrong-state', detail: { kind: 'states', states: [null] }, message: 'Allowed in (creation).' });
    expect((await counter.explain(order(orderId), 'P')).find((e) => e.action === 'processing refund')).toMatchObject({ enabled: false, reason: 'system-only', detail: { kind: 'system' } });
    expect(byAction['extend auto acking reception of order']).toMatchObject({ enabled: false, reason: 'wrong-state' });
  });

  it('gives guard failures as a readable reason', async () => {
    const { counter } = await testCounter();
    const { orderId } = await shippedOrder(counter);
    const e = (await counter.explain(order(orderId), 'B')).find((x) => x.action === 'extend auto acking reception of order');
    expect(e).toMatchObject({ enabled: false, reason: 'guard-failed', detail: { kind: 'guard', guard: { all: expect.arrayContaining([{ flag: 'extensionOpen' }]) } } });
    expect(e!.message).toContain('extension window');
  });
});

describe('the order read model for boards', () => {
  it('keeps the soonest pending timer and the open refund count on the order row', async () => {
    const { counter, clock } = await testCounter();
    const { orderId, itemIds } = await productOrder(counter, 2);
    const row = () => counter.db.orders.get(orderId);
    expect((await row())!.nextTimer).toMatchObject({ action: 'no payment', dueAt: clock.now + 24 * HOUR });
    await ok(counter, order(orderId), 'P', 'payment successful');
    expect((await row())!.nextTimer).toBeNull();
    await ok(counter, item(itemIds[0]!), 'B', 'request refund');
    expect(await row()).toMatchObject({ openRefunds: 1, nextTimer: { action: 'seller no response', dueAt: clock.now + 3 * DAY } });
    await ok(counter, order(orderId), 'S', 'ship the order');
    expect(await row()).toMatchObject({ openRefunds: 0, nextTimer: { setFlag: 'extensionOpen', dueAt: clock.now + 7 * DAY } });
  });
});

describe('actOnOrder (an action card scanned on an open order)', () => {
  it('applies an order action to the order', async () => {
    const { counter } = await testCounter();
    const { orderId } = await paidOrder(counter, 2);
    expect(await counter.actOnOrder(orderId, 'S', 'ship the order')).toMatchObject({ ok: true, to: 'FS', target: { kind: 'order', id: orderId } });
  });

  it('finds the one line where a line action is possible, and its open sheet', async () => {
    const { counter } = await testCounter();
    const { orderId, itemIds } = await paidOrder(counter, 2);
    await ok(counter, item(itemIds[1]!), 'B', 'request refund');
    // Only line 2 has a sheet waiting for the seller.
    expect(await counter.actOnOrder(orderId, 'S', 'agree refund')).toMatchObject({ ok: true, to: 'PPR', target: { kind: 'item', id: itemIds[1] } });
  });

  it('refuses as ambiguous when several lines could take it, unless one was scanned first', async () => {
    const { counter } = await testCounter();
    const { orderId, itemIds } = await paidOrder(counter, 2);
    const before = await dumpDb(counter);
    expect(await counter.actOnOrder(orderId, 'B', 'request refund')).toMatchObject({ ok: false, code: 'ambiguous', message: '"request refund" is possible on line 1, line 2: scan the line first.' });
    expect(await dumpDb(counter)).toEqual(before);
    expect(await counter.actOnOrder(orderId, 'B', 'request refund', { prefer: item(itemIds[1]!) })).toMatchObject({ ok: true, target: { kind: 'item', id: itemIds[1] } });
  });

  it('says why when the action is possible nowhere, and writes nothing', async () => {
    const { counter } = await testCounter();
    const { orderId } = await productOrder(counter);
    const before = await dumpDb(counter);
    expect(await counter.actOnOrder(orderId, 'S', 'ship the order')).toMatchObject({ ok: false, code: 'not-allowed-in-state' });
    expect(await counter.actOnOrder(orderId, 'S', 'fly to the moon')).toMatchObject({ ok: false, code: 'unknown-action' });
    expect(await dumpDb(counter)).toEqual(before);
  });
});

describe('a changed refund request (SRR -> WSR) waits for the seller again', () => {
  it.each(['request refund', 'request refund with return'])(
    '%s: the seller has 3 days again, then customer service steps in; the buyer-response timer never fires',
    async (request) => {
      const { counter, clock } = await testCounter();
      const { orderId, itemIds } = await shippedOrder(counter);
      await ok(counter, item(itemIds[0]!), 'B', request);
      const sheet = refund((await counter.getOrder(orderId))!.items[0]!.refund!.id);
      await ok(counter, item(itemIds[0]!), 'S', 'reject refund'); // WSR -> SRR
      expect(await counter.timers(sheet)).toEqual([expect.objectContaining({ action: 'buyer no response', dueAt: clock.now + 3 * DAY })]);

      clock.advance(DAY);
      await ok(counter, item(itemIds[0]!), 'B', 'change refund request'); // SRR -> WSR
      expect(await counter.timers(sheet)).toEqual([expect.objectContaining({ action: 'seller no response', role: 'P', dueAt: clock.now + 3 * DAY })]);

      // The buyer-response period (due 2 days from now) passes: nothing fires, the sheet waits for the seller.
      clock.advance(3 * DAY - 1);
      expect(await counter.runDueTimers()).toBe(0);
      expect((await states(counter, orderId)).refunds).toEqual(['WSR']);

      clock.advance(1);
      expect(await counter.runDueTimers()).toBe(1);
      expect(await states(counter, orderId)).toEqual({ order: 'FS', items: ['WR'], refunds: ['CSI'] });

      const sheetTimers = await counter.db.timers.filter((t) => t.target.kind === 'refund' && t.target.id === sheet.id).toArray();
      expect(sheetTimers.map((t) => [t.action, t.status]).sort()).toEqual(
        [['buyer no response', 'skipped'], ['seller no response', 'fired'], ['seller no response', 'skipped']].sort(),
      );
      const fired = (await orderEvents(counter.db, orderId)).filter((e) => e.type === 'timer-fired').map((e) => e.action);
      expect(fired).not.toContain('buyer no response');
    },
  );
});

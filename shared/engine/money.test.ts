// Payments, the till and the returns desk through the engine: integer minor units, rows
// appended and never edited, the order's own action taken when the balance reaches zero,
// refused commands writing nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dumpDb, testCounter } from './testing/counter';
import { createOk, item, ok, shippedOrder } from './testing/flows';

async function orderFor(counter: Awaited<ReturnType<typeof testCounter>>['counter'], price = 1250) {
  return createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price }] });
}

describe('takePayment', () => {
  it('cash with change settles the order and takes its "payment successful" action through the engine', async () => {
    const { counter } = await testCounter();
    const orderId = await orderFor(counter);
    const paid = await counter.takePayment({ orderId, method: 'cash', amount: 1250, tendered: 2000 });
    expect(paid).toMatchObject({ ok: true, paid: 1250, balance: 0, change: 750, paidInFull: true, action: { from: 'WP', to: 'FP' } });
    expect((await counter.getOrder(orderId))!.state).toBe('FP');
    const rows = await counter.db.payments.where('orderId').equals(orderId).toArray();
    expect(rows).toMatchObject([{ kind: 'payment', method: 'cash', amount: 1250, tendered: 2000, change: 750 }]);
    // The timeline says what was paid, then the state change the payment made.
    const events = (await counter.db.events.where('orderId').equals(orderId).toArray()).flatMap((b) => b.events);
    expect(events.map((e) => e.type)).toContain('payment');
  });

  it('split payments: the first leaves a balance and no state change, the last settles', async () => {
    const { counter } = await testCounter();
    const orderId = await orderFor(counter, 3000);
    expect(await counter.takePayment({ orderId, method: 'card', amount: 1000, reference: 'slip 42' })).toMatchObject({ ok: true, paid: 1000, balance: 2000, paidInFull: false, action: null });
    expect((await counter.getOrder(orderId))!.state).toBe('WP');
    expect(await counter.takePayment({ orderId, method: 'cash', amount: 2000, tendered: 2000 })).toMatchObject({ ok: true, balance: 0, change: 0, paidInFull: true });
    expect((await counter.getOrder(orderId))!.state).toBe('FP');
  });

  it.each([
    [{ method: 'cash', amount: 1251 }, 'invalid-input', 'more-than-owed'],
    [{ method: 'cash', amount: 1250, tendered: 1000 }, 'invalid-input', 'tendered-short'],
    [{ method: 'card', amount: 1250, tendered: 2000 }, 'invalid-input', 'tendered-not-cash'],
    [{ method: 'bitcoin', amount: 100 }, 'invalid-input', 'unknown-method'],
    [{ method: 'cash', amount: 0 }, 'invalid-input', 'zero-amount'],
    [{ method: 'cash', amount: 12.5 }, 'invalid-input', 'bad-field'],
    [{ method: 'cash', amount: -5 }, 'invalid-input', 'bad-field'],
  ])('refuses %j and writes nothing', async (payment, code, reason) => {
    const { counter } = await testCounter();
    const orderId = await orderFor(counter);
    const before = await dumpDb(counter);
    const r = await counter.takePayment({ orderId, ...payment });
    expect(r).toMatchObject({ ok: false, code, params: { reason } });
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('refuses a payment on a settled order; the same command id twice pays once', async () => {
    const { counter } = await testCounter();
    const orderId = await orderFor(counter);
    const first = await counter.takePayment({ orderId, method: 'cash', amount: 1250 }, { commandId: 'pay-1' });
    expect(await counter.takePayment({ orderId, method: 'cash', amount: 1250 }, { commandId: 'pay-1' })).toEqual(first);
    expect(await counter.takePayment({ orderId, method: 'cash', amount: 1 })).toMatchObject({ ok: false, params: { reason: 'nothing-owed' } });
    expect(await counter.db.payments.count()).toBe(1);
  });
});

describe('refunds and reversals', () => {
  it('records how money went back, never more than was paid; a reversal appends a row and restores the balance', async () => {
    const { counter } = await testCounter();
    const orderId = await orderFor(counter);
    const paid = await counter.takePayment({ orderId, method: 'card', amount: 1250 });
    if (!paid.ok) throw new Error(paid.message);
    expect(await counter.refundMoney({ orderId, method: 'card', amount: 1300 })).toMatchObject({ ok: false, params: { reason: 'more-than-paid' } });
    const refund = await counter.refundMoney({ orderId, method: 'cash', amount: 500, reason: 'scratched' });
    expect(refund).toMatchObject({ ok: true, paid: 1250, refunded: 500 });
    expect(await counter.reversePayment({ paymentId: paid.paymentId, reason: 'wrong card' })).toMatchObject({ ok: false, params: { reason: 'refund-depends' } });
    if (!refund.ok) throw new Error(refund.message);
    expect(await counter.reversePayment({ paymentId: refund.paymentId, reason: 'typed wrong' })).toMatchObject({ ok: true, refunded: 0 });
    expect(await counter.reversePayment({ paymentId: refund.paymentId, reason: 'again' })).toMatchObject({ ok: false, params: { reason: 'already-reversed' } });
    const rows = await counter.db.payments.where('orderId').equals(orderId).toArray();
    expect(rows.map((r) => r.kind).sort()).toEqual(['payment', 'refund', 'reversal']);
    // The reversed refund row itself is unchanged.
    expect(rows.find((r) => r.id === refund.paymentId)).toMatchObject({ amount: 500, method: 'cash', reason: 'scratched' });
  });
});

describe('till session', () => {
  it('opens with a float, collects the day, closes with a counted amount and records the difference', async () => {
    const { counter } = await testCounter();
    expect(await counter.closeTill({ counted: 0 })).toMatchObject({ ok: false, params: { reason: 'no-till' } });
    const opened = await counter.openTill({ float: 10000 });
    expect(opened).toMatchObject({ ok: true });
    expect(await counter.openTill({ float: 1 })).toMatchObject({ ok: false, params: { reason: 'till-open' } });
    const a = await orderFor(counter, 1250);
    const b = await orderFor(counter, 3000);
    await counter.takePayment({ orderId: a, method: 'cash', amount: 1250, tendered: 5000 });
    await counter.takePayment({ orderId: b, method: 'card', amount: 3000 });
    await counter.refundMoney({ orderId: a, method: 'cash', amount: 250 });
    const closed = await counter.closeTill({ counted: 10990 });
    if (!closed.ok) throw new Error(closed.message);
    // 100.00 float + 12.50 cash - 2.50 cash refund = 110.00 expected; 109.90 counted: 0.10 short.
    expect(closed.report).toMatchObject({ float: 10000, expectedCash: 11000, counted: 10990, difference: -10 });
    expect(closed.report.byMethod.find((l) => l.key === 'cash')).toMatchObject({ payments: 1250, refunds: 250, net: 1000, orders: 1 });
    expect(closed.report.byMethod.find((l) => l.key === 'card')).toMatchObject({ payments: 3000, refunds: 0, orders: 1 });
    expect(closed.report.totals).toMatchObject({ payments: 4250, refunds: 250, net: 4000, orders: 2, paymentCount: 2, refundCount: 1 });
    expect(closed.report.byOperator).toMatchObject([{ key: 'tester', payments: 4250 }]);
    expect(await counter.currentTill()).toBeUndefined();
    expect(await counter.db.tills.get(closed.tillId)).toMatchObject({ status: 'closed', counted: 10990, expected: 11000, difference: -10 });
  });
});

describe('returns desk', () => {
  async function returned(counter: Awaited<ReturnType<typeof testCounter>>['counter']) {
    await counter.addLocation({ id: 'quarantine', name: 'Quarantine', sellable: false });
    const { orderId, itemIds } = await shippedOrder(counter, 1);
    const line = item(itemIds[0]!);
    await ok(counter, line, 'B', 'request refund with return');
    await ok(counter, line, 'S', 'agree refund');
    await ok(counter, line, 'B', 'ship back');
    await ok(counter, line, 'S', 'agree refund');
    await ok(counter, line, 'P', 'finished refund');
    return { orderId, itemId: itemIds[0]! };
  }
  const level = async (counter: Awaited<ReturnType<typeof testCounter>>['counter'], locationId: string) => (await counter.stockLevels({ sku: 'SKU-1', locationId }))[0];

  it('a returned unit is held (not for sale) until inspected; damaged goes to quarantine with a reason on the ledger', async () => {
    const { counter } = await testCounter();
    const { itemId } = await returned(counter);
    expect(await level(counter, 'main')).toMatchObject({ onHand: 100, reserved: 1, available: 99 });
    expect(await counter.inspectReturn({ itemId, outcome: 'damaged', locationId: 'main', reason: 'cracked' })).toMatchObject({ ok: false, params: { reason: 'location-sellable' } });
    expect(await counter.inspectReturn({ itemId, outcome: 'damaged', locationId: 'quarantine', reason: 'cracked' })).toMatchObject({ ok: true, movements: 2 });
    expect(await level(counter, 'main')).toMatchObject({ onHand: 99, reserved: 0, available: 99 });
    expect(await level(counter, 'quarantine')).toMatchObject({ onHand: 1 });
    const ledger = await counter.ledger({ sku: 'SKU-1' });
    expect(ledger.at(-1)).toMatchObject({ kind: 'transfer-in', locationId: 'quarantine', delta: 1, reason: 'Return inspected: damaged: cracked' });
    expect(await counter.inspectReturn({ itemId, outcome: 'sellable', locationId: 'main', reason: 'again' })).toMatchObject({ ok: false, params: { reason: 'nothing-to-inspect' } });
    expect(await counter.checkStock()).toMatchObject({ ok: true });
    // The inspection is on the order's timeline with what was found, where it went and why.
    const events = (await counter.db.events.where('orderId').equals((await counter.db.items.get(itemId))!.orderId).toArray()).flatMap((b) => b.events);
    expect(events.find((e) => e.type === 'inspection')).toMatchObject({ entity: { kind: 'item', id: itemId }, data: { outcome: 'damaged', qty: 1, location: 'Quarantine', reason: 'cracked' } });
  });

  it('sellable keeps the unit where it is and puts it back on sale; quarantine stock is never allocated', async () => {
    const { counter } = await testCounter();
    const { itemId } = await returned(counter);
    expect(await counter.inspectReturn({ itemId, outcome: 'sellable', locationId: 'quarantine', reason: 'fine' })).toMatchObject({ ok: false, params: { reason: 'location-not-sellable' } });
    expect(await counter.inspectReturn({ itemId, outcome: 'sellable', locationId: 'main', reason: 'unopened' })).toMatchObject({ ok: true, movements: 1 });
    expect(await level(counter, 'main')).toMatchObject({ onHand: 100, reserved: 0, available: 100 });
    // Only quarantine holds stock of SKU-2 now: an order cannot take it.
    await counter.receive({ sku: 'SKU-2', locationId: 'quarantine', qty: 5 });
    await counter.adjust({ sku: 'SKU-2', locationId: 'main', qty: -100, reason: 'empty shelf' });
    const r = await counter.createOrder('product', { buyerId: 'x', lines: [{ sku: 'SKU-2', qty: 1, price: 100 }] });
    expect(r).toMatchObject({ ok: false, code: 'insufficient-stock' });
  });
});

describe('"payment successful" carries the payment as its input', () => {
  const order = (id: string) => ({ kind: 'order' as const, id });

  it('a part payment records the money and leaves the order waiting; the rest settles it in the same command as the action', async () => {
    const { counter } = await testCounter();
    const orderId = await orderFor(counter, 3000);
    const part = await counter.act(order(orderId), 'P', 'payment successful', { method: 'card', amountPaid: 1000, reference: 'slip 7' });
    expect(part).toMatchObject({ ok: true, from: 'WP', to: 'WP', payment: { paid: 1000, balance: 2000, paidInFull: false, change: null } });
    expect((await counter.getOrder(orderId))!.state).toBe('WP');
    const rest = await counter.act(order(orderId), 'P', 'payment successful', { method: 'cash', amountPaid: 2000, tendered: 5000 });
    expect(rest).toMatchObject({ ok: true, from: 'WP', to: 'FP', payment: { paid: 3000, balance: 0, change: 3000, paidInFull: true } });
    const rows = await counter.db.payments.where('orderId').equals(orderId).toArray();
    expect(rows.map((r) => [r.method, r.amount, r.change])).toEqual([
      ['card', 1000, null],
      ['cash', 2000, 3000],
    ]);
    // The money row and the state change are written by one command.
    expect(new Set(rows.map((r) => r.commandId)).size).toBe(2);
    const batches = await counter.db.events.where('orderId').equals(orderId).toArray();
    const events = batches.flatMap((b) => b.events);
    const settling = batches.filter((b) => b.commandId === rows[1]!.commandId).flatMap((b) => b.events.map((e) => e.type));
    expect(settling).toEqual(expect.arrayContaining(['payment', 'transition']));
    const transition = events.find((e) => e.type === 'transition' && e.action === 'payment successful');
    expect(transition?.data).toMatchObject({ method: 'cash', amountPaid: 2000, tendered: 5000 });
  });

  it('paying again when nothing is owed is refused with a reason and writes nothing', async () => {
    const { counter } = await testCounter();
    const orderId = await orderFor(counter);
    expect(await counter.act(order(orderId), 'P', 'payment successful', { method: 'cash', amountPaid: 1250 })).toMatchObject({ ok: true, to: 'FP' });
    const before = await dumpDb(counter);
    const again = await counter.act(order(orderId), 'P', 'payment successful', { method: 'cash', amountPaid: 1 });
    expect(again).toMatchObject({ ok: false, code: 'not-allowed-in-state' });
    expect(await dumpDb(counter)).toEqual(before);
  });

  it.each([
    [{ method: 'cash', amountPaid: 1251 }, 'more-than-owed'],
    [{ method: 'cash', amountPaid: 1250, tendered: 1000 }, 'tendered-short'],
    [{ method: 'card', amountPaid: 1250, tendered: 2000 }, 'tendered-not-cash'],
    // The method is a choice of the methods of Settings: the form's field names it.
    [{ method: 'bitcoin', amountPaid: 100 }, 'action-input'],
    [{ method: 'cash', amountPaid: 0 }, 'zero-amount'],
    [{ method: 'cash', amountPaid: 12.5 }, 'action-input'],
    [{ method: 'cash' }, 'action-input'],
    [{ amountPaid: 100 }, 'action-input'],
    [{ method: 'cash', amountPaid: 100, tip: 5 }, 'action-input'],
  ])('refuses %j and writes nothing', async (input, reason) => {
    const { counter } = await testCounter();
    const orderId = await orderFor(counter);
    const before = await dumpDb(counter);
    const r = await counter.act(order(orderId), 'P', 'payment successful', input);
    expect(r).toMatchObject({ ok: false, params: { reason } });
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('the role and state are checked before money is taken', async () => {
    const { counter } = await testCounter();
    const orderId = await orderFor(counter);
    const before = await dumpDb(counter);
    expect(await counter.act(order(orderId), 'B', 'payment successful', { method: 'cash', amountPaid: 1250 })).toMatchObject({ ok: false });
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('without a payment it is the platform saying the order was paid elsewhere (no money row)', async () => {
    const { counter } = await testCounter();
    const orderId = await orderFor(counter);
    expect(await counter.act(order(orderId), 'P', 'payment successful')).toMatchObject({ ok: true, to: 'FP' });
    expect(await counter.db.payments.count()).toBe(0);
  });

  it('any split of the total into payments settles the order exactly once, in whole minor units (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5_000_000 }), fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 5 }), async (total, parts) => {
        const { counter } = await testCounter();
        const orderId = await orderFor(counter, total);
        let owed = total;
        for (const part of parts) {
          const amount = Math.min(part, owed);
          if (amount === 0) {
            const before = await dumpDb(counter);
            expect(await counter.act(order(orderId), 'P', 'payment successful', { method: 'card', amountPaid: part })).toMatchObject({ ok: false });
            expect(await dumpDb(counter)).toEqual(before);
            continue;
          }
          const r = await counter.act(order(orderId), 'P', 'payment successful', { method: 'cash', amountPaid: amount, tendered: amount + 5 });
          if (!r.ok) throw new Error(r.message);
          owed -= amount;
          expect(r.payment).toMatchObject({ balance: owed, change: 5, paidInFull: owed === 0 });
          expect(Number.isSafeInteger(r.payment!.paid)).toBe(true);
        }
        expect((await counter.getOrder(orderId))!.state).toBe(owed === 0 ? 'FP' : 'WP');
      }),
      { numRuns: 15 },
    );
  });
});

describe('money given back against a refund sheet', () => {
  async function refunded(counter: Awaited<ReturnType<typeof testCounter>>['counter'], finish = true) {
    const orderId = await orderFor(counter, 1250);
    const paid = await counter.takePayment({ orderId, method: 'card', amount: 1250 });
    if (!paid.ok) throw new Error(paid.message);
    const view = await counter.getOrder(orderId);
    const line = item(view!.items[0]!.id);
    expect(await counter.act(line, 'B', 'request refund', { amount: 1000 })).toMatchObject({ ok: true });
    await ok(counter, line, 'S', 'agree refund');
    if (finish) await ok(counter, line, 'P', 'finished refund');
    const sheet = (await counter.db.refunds.where('orderId').equals(orderId).toArray())[0]!;
    return { orderId, sheet: (await counter.db.refunds.get(sheet.id))! };
  }

  it('is tied to the finished sheet, at most what the sheet has left, and the Z report names the sheet', async () => {
    const { counter } = await testCounter();
    await counter.openTill({ float: 0 });
    const { orderId, sheet } = await refunded(counter);
    expect(sheet.state).toBe('PFR');
    const before = await dumpDb(counter);
    expect(await counter.refundMoney({ orderId, method: 'card', amount: 1001, refundId: sheet.id })).toMatchObject({ ok: false, params: { reason: 'more-than-sheet', outstanding: 1000 } });
    expect(await counter.refundMoney({ orderId, method: 'card', amount: 10, refundId: 'nope' })).toMatchObject({ ok: false, params: { reason: 'unknown-refund' } });
    expect(await dumpDb(counter)).toEqual(before);
    expect(await counter.refundMoney({ orderId, method: 'cash', amount: 1000, refundId: sheet.id })).toMatchObject({ ok: true, refunded: 1000 });
    expect(await counter.refundMoney({ orderId, method: 'cash', amount: 1, refundId: sheet.id })).toMatchObject({ ok: false, params: { reason: 'more-than-sheet', outstanding: 0 } });
    const till = await counter.currentTill();
    const z = await counter.tillReport(till!.id);
    expect(z!.givenBack).toMatchObject([{ refundId: sheet.id, method: 'cash', amount: 1000 }]);
  });

  it('is refused while the refund is still open, writing nothing', async () => {
    const { counter } = await testCounter();
    const { orderId, sheet } = await refunded(counter, false);
    const before = await dumpDb(counter);
    expect(await counter.refundMoney({ orderId, method: 'card', amount: 100, refundId: sheet.id })).toMatchObject({ ok: false, params: { reason: 'refund-not-finished' } });
    expect(await dumpDb(counter)).toEqual(before);
  });
});

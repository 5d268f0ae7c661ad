// Who took a payment, and in which role: the payment's step records the role the operator
// took the money in; a payment in full takes the order's "payment successful" in the role
// the workflow gives it (the Platform: payment inputs are the platform's), under the same
// operator and command. The operator must be allowed the role they claim.
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../db/rows';
import { dumpDb, testCounter } from './testing/counter';
import { createOk } from './testing/flows';

async function eventsOf(counter: Awaited<ReturnType<typeof testCounter>>['counter'], orderId: string): Promise<EventRow[]> {
  return (await counter.db.events.where('orderId').equals(orderId).toArray()).flatMap(({ events, ...facts }) => events.map((e): EventRow => ({ ...facts, ...e })));
}

describe('the role a payment is taken in', () => {
  it('taken as the Seller: the payment step says Seller, the order step it settles says Platform, both under one operator and command', async () => {
    const { counter } = await testCounter();
    const orderId = await createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price: 1250 }] });
    expect(await counter.takePayment({ orderId, method: 'card', amount: 1250, role: 'S' })).toMatchObject({ ok: true, paidInFull: true });
    const events = await eventsOf(counter, orderId);
    const payment = events.find((e) => e.type === 'payment')!;
    const paid = events.find((e) => e.type === 'transition' && e.action === 'payment successful')!;
    expect(payment).toMatchObject({ role: 'S', operator: 'tester' });
    expect(paid).toMatchObject({ role: 'P', operator: 'tester', commandId: payment.commandId });
    expect((await counter.db.commands.get(payment.commandId))?.role).toBe('S');
  });

  it('a part payment records the role too, and leaves the order waiting', async () => {
    const { counter } = await testCounter();
    const orderId = await createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price: 3000 }] });
    await counter.takePayment({ orderId, method: 'card', amount: 1000, role: 'A' });
    const events = await eventsOf(counter, orderId);
    expect(events.filter((e) => e.type === 'payment').map((e) => e.role)).toEqual(['A']);
    expect(events.some((e) => e.action === 'payment successful')).toBe(false);
  });

  it('without a role (an older caller, a pushed command from before): the role the workflow gives the step', async () => {
    const { counter } = await testCounter();
    const orderId = await createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price: 1250 }] });
    await counter.takePayment({ orderId, method: 'card', amount: 1250 });
    expect((await eventsOf(counter, orderId)).find((e) => e.type === 'payment')?.role).toBe('P');
  });

  it('an operator may claim only a role of theirs: refused, nothing written', async () => {
    const { counter } = await testCounter({ pinIterations: 1000 });
    const orderId = await createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price: 1250 }] });
    const admin = await counter.addOperator({ name: 'Ada', badge: 'ADA-1', roles: ['A'], pin: '9182736450' });
    expect(admin.ok).toBe(true);
    expect(await counter.signIn({ badge: 'ADA-1' })).toMatchObject({ ok: true });
    await counter.addOperator({ name: 'Cleo', badge: 'CLEO-1', roles: ['S'], pin: '7351940268' });
    expect(await counter.signIn({ badge: 'CLEO-1' })).toMatchObject({ ok: true });
    const before = await dumpDb(counter);
    expect(await counter.takePayment({ orderId, method: 'card', amount: 1250, role: 'P' })).toMatchObject({ ok: false, code: 'role-not-permitted' });
    expect(await dumpDb(counter)).toEqual(before);
    const r = await counter.takePayment({ orderId, method: 'card', amount: 1250, role: 'S' });
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, paidInFull: true });
  });

  it('a role that is not a role is refused at the boundary', async () => {
    const { counter } = await testCounter();
    const orderId = await createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price: 1250 }] });
    expect(await counter.takePayment({ orderId, method: 'card', amount: 1250, role: 'x'.repeat(500) })).toMatchObject({ ok: false, code: 'invalid-input' });
  });
});

describe('the role money is given back in', () => {
  it('given back as the Admin: the refund step says Admin, and the stored command carries it (the server checks it again)', async () => {
    const { counter } = await testCounter();
    const orderId = await createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price: 1250 }] });
    await counter.takePayment({ orderId, method: 'card', amount: 1250, role: 'S' });
    const r = await counter.refundMoney({ orderId, method: 'card', amount: 250, reason: 'scratched', role: 'A' });
    expect(r).toMatchObject({ ok: true, refunded: 250 });
    const refund = (await eventsOf(counter, orderId)).find((e) => e.type === 'payment' && e.action === 'refund')!;
    expect(refund).toMatchObject({ role: 'A', operator: 'tester' });
    expect((await counter.db.commands.get(refund.commandId))?.role).toBe('A');
  });

  it('without a role (an older caller, a pushed command from before): the Seller, as before', async () => {
    const { counter } = await testCounter();
    const orderId = await createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price: 1250 }] });
    await counter.takePayment({ orderId, method: 'card', amount: 1250, role: 'S' });
    await counter.refundMoney({ orderId, method: 'card', amount: 250 });
    expect((await eventsOf(counter, orderId)).find((e) => e.action === 'refund')?.role).toBe('S');
  });

  it('an operator may give money back only in a role of theirs: refused, nothing written', async () => {
    const { counter } = await testCounter({ pinIterations: 1000 });
    const orderId = await createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price: 1250 }] });
    await counter.takePayment({ orderId, method: 'card', amount: 1250, role: 'S' });
    await counter.addOperator({ name: 'Ada', badge: 'ADA-1', roles: ['A'], pin: '9182736450' });
    expect(await counter.signIn({ badge: 'ADA-1' })).toMatchObject({ ok: true });
    await counter.addOperator({ name: 'Cleo', badge: 'CLEO-1', roles: ['S'], pin: '7351940268' });
    expect(await counter.signIn({ badge: 'CLEO-1' })).toMatchObject({ ok: true });
    const before = await dumpDb(counter);
    expect(await counter.refundMoney({ orderId, method: 'card', amount: 250, role: 'A' })).toMatchObject({ ok: false, code: 'role-not-permitted' });
    expect(await dumpDb(counter)).toEqual(before);
    const r = await counter.refundMoney({ orderId, method: 'card', amount: 250, role: 'S' });
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    const refund = (await eventsOf(counter, orderId)).find((e) => e.action === 'refund')!;
    expect(refund.role).toBe('S');
    expect(refund.operator).not.toBe('tester');
  });

  it('a role that is not a role is refused at the boundary, nothing written', async () => {
    const { counter } = await testCounter();
    const orderId = await createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price: 1250 }] });
    await counter.takePayment({ orderId, method: 'card', amount: 1250, role: 'S' });
    const before = await dumpDb(counter);
    expect(await counter.refundMoney({ orderId, method: 'card', amount: 250, role: 'x'.repeat(500) })).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(await dumpDb(counter)).toEqual(before);
  });
});

describe('the role a payment is reversed in', () => {
  it('reversed as the Admin: the reversal step says Admin; without a role, the Seller as before', async () => {
    const { counter } = await testCounter();
    const orderId = await createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price: 1250 }] });
    const paid = await counter.takePayment({ orderId, method: 'card', amount: 1000, role: 'S' });
    if (!paid.ok) throw new Error(paid.message);
    expect(await counter.reversePayment({ paymentId: paid.paymentId, reason: 'wrong card', role: 'A' })).toMatchObject({ ok: true });
    const again = await counter.takePayment({ orderId, method: 'cash', amount: 500, role: 'S' });
    if (!again.ok) throw new Error(again.message);
    expect(await counter.reversePayment({ paymentId: again.paymentId, reason: 'wrong drawer' })).toMatchObject({ ok: true });
    const reversals = (await eventsOf(counter, orderId)).filter((e) => e.type === 'payment' && e.action === 'reversal').map((e) => e.role);
    expect(reversals).toEqual(['A', 'S']);
  });

  it('an operator may reverse only in a role of theirs, and a role that is not one is refused: nothing written', async () => {
    const { counter } = await testCounter({ pinIterations: 1000 });
    const orderId = await createOk(counter, 'product', { buyerId: 'ann', lines: [{ sku: 'SKU-1', qty: 1, price: 1250 }] });
    const paid = await counter.takePayment({ orderId, method: 'card', amount: 1250, role: 'S' });
    if (!paid.ok) throw new Error(paid.message);
    await counter.addOperator({ name: 'Ada', badge: 'ADA-1', roles: ['A'], pin: '9182736450' });
    expect(await counter.signIn({ badge: 'ADA-1' })).toMatchObject({ ok: true });
    await counter.addOperator({ name: 'Cleo', badge: 'CLEO-1', roles: ['S'], pin: '7351940268' });
    expect(await counter.signIn({ badge: 'CLEO-1' })).toMatchObject({ ok: true });
    const before = await dumpDb(counter);
    expect(await counter.reversePayment({ paymentId: paid.paymentId, reason: 'wrong card', role: 'A' })).toMatchObject({ ok: false, code: 'role-not-permitted' });
    expect(await counter.reversePayment({ paymentId: paid.paymentId, reason: 'wrong card', role: 'x'.repeat(500) })).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(await dumpDb(counter)).toEqual(before);
  });
});

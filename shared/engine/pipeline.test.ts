// The one command pipeline: what every command shares (arguments checked at the boundary,
// command ids, the work budget, failing timers, workflows installed by another window).
import { describe, expect, it } from 'vitest';
import productOrderJson from '../workflows/product-order.json';
import { LIMITS } from '../limits';
import { openCounter } from './counter';
import { dumpDb, testCounter } from './testing/counter';
import { createOk, order, productOrder } from './testing/flows';

const HOUR = 3_600_000;

describe('arguments are checked at the boundary', () => {
  it('refuses bad arguments as invalid-input naming the field, and writes nothing', async () => {
    const { counter } = await testCounter();
    const { orderId } = await productOrder(counter);
    const before = await dumpDb(counter);
    const cases: Array<[Promise<unknown>, string]> = [
      [counter.act(null as never, 'P', 'payment successful'), 'ref'],
      [counter.act({ kind: 'parcel', id: orderId } as never, 'P', 'payment successful'), 'ref.kind'],
      [counter.act(order(orderId), 42 as never, 'payment successful'), 'role'],
      [counter.act(order(orderId), 'P', 'x'.repeat(LIMITS.MAX_ACTION_LENGTH + 1)), 'action'],
      [counter.act(order(orderId), 'P', 'payment successful', undefined, { commandId: { id: 1 } as never }), 'options.commandId'],
      [counter.createOrder('parcel' as never, { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] }), 'type'],
      [counter.redeemVoucher(null as never), 'code'],
      [counter.actOnOrder(orderId, 'P', 'payment successful', { prefer: { kind: 'order' } as never }), 'options.prefer.id'],
    ];
    for (const [call, field] of cases) {
      const r = await call;
      expect(r, field).toMatchObject({ ok: false, code: 'invalid-input', message: expect.stringContaining(`${field}:`) });
    }
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('bounds order input: lines, quantities, totals, text', async () => {
    const { counter } = await testCounter();
    const line = { sku: 'SKU-1', qty: 1, price: 1 };
    const tooMany = Array.from({ length: LIMITS.MAX_LINES_PER_ORDER + 1 }, () => line);
    expect(await counter.createOrder('product', { buyerId: 'b', lines: tooMany })).toMatchObject({ code: 'invalid-input', message: expect.stringContaining(`${LIMITS.MAX_LINES_PER_ORDER} lines`) });
    expect(await counter.createOrder('product', { buyerId: 'b', lines: [{ ...line, qty: LIMITS.MAX_QTY + 1 }] })).toMatchObject({ code: 'invalid-input' });
    expect(await counter.createOrder('product', { buyerId: 'b', lines: [{ ...line, price: Infinity }] })).toMatchObject({ code: 'invalid-input' });
    const huge = { ...line, price: LIMITS.MAX_AMOUNT };
    expect(await counter.createOrder('product', { buyerId: 'b', lines: [huge, huge] })).toMatchObject({ message: expect.stringContaining('order total') });
    expect(await counter.createOrder('product', { buyerId: 'b\u0007', lines: [line] })).toMatchObject({ message: expect.stringContaining('cannot be printed') });
    expect(await counter.createOrder('product', { buyerId: 'b', address: 'Mill Lane 4\nFloor 2', lines: [line] })).toMatchObject({ ok: true });
  });

  it('refuses an unknown setting key and keeps the Refused shape for installs', async () => {
    const { counter } = await testCounter();
    expect(await counter.setSetting('__proto__' as never, 1 as never)).toMatchObject({ ok: false, code: 'invalid-input', message: expect.stringContaining('Unknown setting') });
    expect(await counter.installWorkflow(null)).toMatchObject({ ok: false, code: 'invalid-input', problems: [expect.objectContaining({ path: '$' })] });
  });
});

describe('command ids', () => {
  it('the same id with another payload or kind is a conflict, never the first result', async () => {
    const { counter } = await testCounter();
    const a = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] }, { commandId: 'cmd-1' });
    expect(await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] }, { commandId: 'cmd-1' })).toMatchObject({ ok: true, orderId: a });
    const before = await dumpDb(counter);
    expect(await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 2 }] }, { commandId: 'cmd-1' })).toMatchObject({ ok: false, code: 'command-id-conflict' });
    expect(await counter.receive({ sku: 'SKU-1', locationId: 'main', qty: 1 }, { commandId: 'cmd-1' })).toMatchObject({ ok: false, code: 'command-id-conflict' });
    expect(await counter.act(order(a), 'P', 'payment successful', undefined, { commandId: 'cmd-1' })).toMatchObject({ ok: false, code: 'command-id-conflict' });
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('ids the engine derives for timers cannot be taken by a caller', async () => {
    const { counter } = await testCounter();
    const { orderId } = await productOrder(counter);
    const [timer] = await counter.timers(order(orderId));
    const r = await counter.act(order(orderId), 'P', 'payment successful', undefined, { commandId: `timer:${timer!.id}` });
    expect(r).toMatchObject({ ok: false, code: 'invalid-input', message: expect.stringContaining('reserved') });
  });
});

describe('the work budget', () => {
  it('refuses a definition whose cascades explode, whole and with a message', async () => {
    const { counter } = await testCounter();
    const v2 = structuredClone(productOrderJson);
    v2.version = productOrderJson.version + 1;
    const postActions = v2.postActions as Record<string, unknown[]>;
    // Paying notes a fact 30 000 times over (one event each): past the events budget.
    postActions.order_paid = [
      ...postActions.order_paid!,
      ...Array.from({ length: LIMITS.MAX_EVENTS_PER_COMMAND + 10 }, () => ({ kind: 'extendTimer', key: 'autoAck', by: 'extension', onceFlag: 'paidTwice' })),
    ];
    expect(await counter.installWorkflow(v2)).toMatchObject({ ok: true, version: productOrderJson.version + 1 });
    const { orderId } = await productOrder(counter);
    const before = await dumpDb(counter);
    const r = await counter.act(order(orderId), 'P', 'payment successful');
    expect(r).toMatchObject({ ok: false, code: 'limit-exceeded', params: { limit: LIMITS.MAX_EVENTS_PER_COMMAND } });
    expect(await dumpDb(counter)).toEqual(before);
  });
});

describe('timers that fail', () => {
  /** v2: the payment timer's action is refused when due (its row needs a refund sheet the order never has). */
  async function failingTimer() {
    const t = await testCounter();
    const v2 = structuredClone(productOrderJson) as typeof productOrderJson;
    v2.version = productOrderJson.version + 1;
    for (const m of Object.values(v2.machines)) {
      for (const row of m.transitions as Array<{ action: string; guard?: unknown }>) if (row.action === 'no payment') row.guard = { hasRefund: true };
    }
    expect(await t.counter.installWorkflow(v2)).toMatchObject({ ok: true });
    const { orderId } = await productOrder(t.counter);
    const other = await productOrder(t.counter);
    await t.counter.act(order(other.orderId), 'P', 'payment successful');
    return { ...t, orderId };
  }

  it('records the failure, retries with backoff, then waits for a person; other timers still fire', async () => {
    const { counter, clock, orderId } = await failingTimer();
    clock.advance(25 * HOUR);
    await counter.runDueTimers();
    let [timer] = await counter.timers(order(orderId));
    expect(timer).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('no payment') });
    expect(timer!.dueAt).toBe(clock.now + 60_000);
    clock.advance(60_000);
    await counter.runDueTimers();
    clock.advance(5 * 60_000);
    await counter.runDueTimers();
    expect(await counter.timers(order(orderId))).toEqual([]);
    [timer] = await counter.failedTimers();
    expect(timer).toMatchObject({ status: 'failed', attempts: 3, orderId });
    expect((await counter.getOrder(orderId))!.state).toBe('WP');
    // A person retries it: pending again, due now.
    expect(await counter.retryTimer(timer!.id)).toEqual({ ok: true });
    expect(await counter.timers(order(orderId))).toEqual([expect.objectContaining({ status: 'pending', dueAt: clock.now, attempts: 0 })]);
    expect(await counter.retryTimer(timer!.id)).toMatchObject({ ok: false, code: 'not-allowed-in-state' });
    expect(await counter.checkStock()).toMatchObject({ ok: true });
  });
});

describe('a workflow installed in another window', () => {
  it('is known to every engine on the same database at once', async () => {
    const { counter: a } = await testCounter();
    const b = await openCounter({ dbName: a.db.name, deviceId: 'dev-b', operator: 'b', now: () => Date.UTC(2026, 10, 22, 10) });
    const v2 = structuredClone(productOrderJson);
    v2.version = productOrderJson.version + 1;
    expect(await a.installWorkflow(v2)).toMatchObject({ ok: true, version: productOrderJson.version + 1 });
    // B creates under v2, and acts on an order A made under v2.
    const fromB = await createOk(b, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] });
    expect((await b.getOrder(fromB))!.workflowVersion).toBe(productOrderJson.version + 1);
    const fromA = await createOk(a, 'product', { buyerId: 'a', lines: [{ sku: 'SKU-1', qty: 1 }] });
    expect(await b.act(order(fromA), 'P', 'payment successful')).toMatchObject({ ok: true, to: 'FP' });
    expect(await b.roleActions(order(fromA))).toHaveProperty('S');
    await b.close();
  });
});

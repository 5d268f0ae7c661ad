// Service orders: attendance codes (vouchers), redemption messages, refunds and expiry.
import { describe, expect, it } from 'vitest';
import type { EngineCounter } from './counter';
import { testCounter } from './testing/counter';
import { ok, order, createOk } from './testing/flows';

const DAY = 86_400_000;

function codes(): () => string {
  let n = 1_000_000_000;
  return () => String((n += 7));
}

async function paidService(counter: EngineCounter, uses = 3, validUntil?: string) {
  const orderId = await createOk(counter, 'service', {
    buyerId: 'buyer-9',
    lines: [{ sku: 'YOGA-10', qty: 1, price: 10000, unitPrice: Math.round(10000 / uses), serviceTimes: uses, ...(validUntil ? { validUntil } : {}) }],
  });
  await ok(counter, order(orderId), 'P', 'payment successful');
  const view = await counter.getOrder(orderId);
  return { orderId, codes: view!.items[0]!.vouchers!.map((v) => v.code), view: view! };
}

describe('service order vouchers', () => {
  it('issues one 10-digit code per use bought on payment', async () => {
    const { counter } = await testCounter();
    const { codes: issued } = await paidService(counter, 4);
    expect(issued).toHaveLength(4);
    for (const code of issued) expect(code).toMatch(/^[1-9]\d{9}$/);
    expect(new Set(issued).size).toBe(4);
  });

  it('has exactly one line', async () => {
    const { counter } = await testCounter();
    const r = await counter.createOrder('service', { buyerId: 'b', lines: [{ sku: 'YOGA-10', qty: 1 }, { sku: 'YOGA-10', qty: 1 }] });
    expect(r).toEqual({ ok: false, code: 'invalid-input', message: 'A service order has at most 1 line; this one has 2.', params: { reason: 'too-many-lines', type: 'service', limit: 1, lines: 2 } });
  });

  it('redeems a code once; the second scan says it is already used', async () => {
    const { counter } = await testCounter({ voucherCode: codes() });
    const { codes: issued } = await paidService(counter, 3);
    expect(await counter.redeemVoucher(issued[0]!)).toMatchObject({ ok: true, message: expect.stringContaining('2 uses left') });
    expect(await counter.redeemVoucher(issued[0]!)).toMatchObject({ ok: false, message: `Code ${issued[0]} has already been used.` });
  });

  it('refuses an unknown code', async () => {
    const { counter } = await testCounter();
    expect(await counter.redeemVoucher('0000000000')).toMatchObject({
      ok: false,
      message: 'Code 0000000000 is not a known attendance code. Check the digits and scan again.',
    });
  });

  it('moves the order to ST when the last code is used, then refuses codes of a finished order', async () => {
    const { counter } = await testCounter();
    const { orderId, codes: issued } = await paidService(counter, 2);
    await counter.redeemVoucher(issued[0]!);
    expect(await counter.redeemVoucher(issued[1]!)).toMatchObject({ ok: true, message: expect.stringContaining('last use') });
    expect((await counter.getOrder(orderId))!.state).toBe('ST');
    expect(await counter.redeemVoucher(issued[1]!)).toMatchObject({ ok: false, message: expect.stringContaining('cannot be used: order SO-') });
  });

  it('refuses after the valid-until date, and the expiry timer expires the codes and opens a refund sheet', async () => {
    const { counter, clock } = await testCounter();
    const until = new Date(clock.now + 10 * DAY).toISOString();
    const { orderId, codes: issued } = await paidService(counter, 3, until);
    await counter.redeemVoucher(issued[0]!);
    clock.advance(10 * DAY + 1);
    expect(await counter.redeemVoucher(issued[1]!)).toMatchObject({ ok: false, message: `Code ${issued[1]} expired on ${until.slice(0, 10)}; the service was valid until then.` });
    expect(await counter.runDueTimers()).toBe(1);
    const view = await counter.getOrder(orderId);
    expect(view!.items[0]!.vouchers!.map((v) => v.state).sort()).toEqual(['Ex', 'Ex', 'Us']);
    expect(view!.items[0]!.refund).toMatchObject({ kind: 'expiry', state: 'PPR' });
    expect(await counter.redeemVoucher(issued[2]!)).toMatchObject({ ok: false, message: `Code ${issued[2]} has expired.` });
  });

  it('refuses codes of a closed (CT) order as refunded', async () => {
    const { counter } = await testCounter();
    const { orderId, codes: issued } = await paidService(counter, 2);
    await ok(counter, order(orderId), 'B', 'request refund');
    await ok(counter, order(orderId), 'P', 'finished refund');
    expect((await counter.getOrder(orderId))!.state).toBe('CT');
    expect(await counter.redeemVoucher(issued[0]!)).toMatchObject({ ok: false, message: expect.stringContaining('closed transaction (CT)') });
  });
});

describe('a valid-until date without a time includes that whole day', () => {
  const MINUTE = 60_000;
  // The test clock starts on 2026-11-22; the service is valid until 2026-11-30.
  it.each([
    { zone: 'UTC (no offset saved)', offset: undefined, lastDayEnd: Date.UTC(2026, 10, 30, 23, 59, 59, 999) },
    { zone: 'UTC+8 (offset saved)', offset: 480, lastDayEnd: Date.UTC(2026, 10, 30, 15, 59, 59, 999) },
    { zone: 'UTC-5 (offset saved)', offset: -300, lastDayEnd: Date.UTC(2026, 11, 1, 4, 59, 59, 999) },
  ])('$zone: redeemed at 23:59 on the last day, refused at 00:00:01 the next, expiry due at the end of that day', async ({ offset, lastDayEnd }) => {
    const { counter, clock } = await testCounter();
    if (offset !== undefined) expect(await counter.setSetting('utcOffsetMinutes', offset, { role: 'A' })).toEqual({ ok: true });
    const { orderId, codes: issued } = await paidService(counter, 3, '2026-11-30');
    expect(await counter.timers(order(orderId))).toEqual([expect.objectContaining({ action: 'attendance code expired', dueAt: lastDayEnd })]);

    clock.now = lastDayEnd + 1 - MINUTE; // 23:59:00.000 on the last day, counter time
    expect(await counter.redeemVoucher(issued[0]!)).toMatchObject({ ok: true });
    expect(await counter.runDueTimers()).toBe(0);

    clock.now = lastDayEnd + 1 + 1000; // 00:00:01 the day after
    expect(await counter.redeemVoucher(issued[1]!)).toMatchObject({ ok: false, message: `Code ${issued[1]} expired on 2026-11-30; the service was valid until then.` });
    expect(await counter.runDueTimers()).toBe(1);
    expect((await counter.getOrder(orderId))!.items[0]!.vouchers!.map((v) => v.state).sort()).toEqual(['Ex', 'Ex', 'Us']);
  });

  it('refuses a UTC offset no clock uses, and a valid-until that is no date', async () => {
    const { counter } = await testCounter();
    expect(await counter.setSetting('utcOffsetMinutes', 15 * 60)).toMatchObject({ ok: false, code: 'invalid-input' });
    const r = await counter.createOrder('service', { buyerId: 'b', lines: [{ sku: 'YOGA-10', qty: 1, validUntil: '2026-02-30' }] });
    expect(r).toMatchObject({
      ok: false,
      code: 'invalid-input',
      message: 'Line 1: valid-until must be a date like 2026-12-31 (or a date and time with its zone, like 2026-12-31T18:00:00+08:00).',
    });
  });
});

describe('service refunds', () => {
  it('hides the buyer refund request while the line has a sheet', async () => {
    const { counter } = await testCounter();
    const { orderId } = await paidService(counter);
    expect((await counter.roleActions(order(orderId))).B).toEqual(['request refund']);
    await ok(counter, order(orderId), 'B', 'request refund');
    expect((await counter.roleActions(order(orderId))).B).toEqual([]);
    expect(await counter.act(order(orderId), 'B', 'request refund')).toMatchObject({ ok: false, code: 'guard-failed' });
  });

  it('unused service: finished refund closes the order (CT), refunds every code, moves the sheet PPR -> PFR, full amount', async () => {
    const { counter } = await testCounter();
    const { orderId } = await paidService(counter, 4);
    await ok(counter, order(orderId), 'B', 'request refund');
    expect((await counter.getOrder(orderId))!.items[0]!.refund).toMatchObject({ kind: 'service', state: 'PPR' });
    const r = await ok(counter, order(orderId), 'P', 'finished refund');
    expect(r).toMatchObject({ from: 'FP', to: 'FP', postAction: 'refund_sheet_finished' });
    const view = await counter.getOrder(orderId);
    expect(view!.state).toBe('CT');
    expect(view!.items[0]!.refund).toMatchObject({ state: 'PFR', amount: 10000 });
    expect(view!.items[0]!.vouchers!.every((v) => v.state === 'Re')).toBe(true);
  });

  it('partly used service: finished refund ends in ST with amount = price - unit price x used', async () => {
    const { counter } = await testCounter();
    const { orderId, codes: issued } = await paidService(counter, 4);
    await counter.redeemVoucher(issued[0]!);
    await ok(counter, order(orderId), 'B', 'request refund');
    await ok(counter, order(orderId), 'P', 'finished refund');
    const view = await counter.getOrder(orderId);
    expect(view!.state).toBe('ST');
    expect(view!.items[0]!.refund).toMatchObject({ state: 'PFR', amount: 7500 }); // minor units: 100.00 - 25.00 x 1 used
    expect(view!.items[0]!.vouchers!.map((v) => v.state).sort()).toEqual(['Re', 'Re', 'Re', 'Us']);
  });

  it('finished refund without a sheet is refused', async () => {
    const { counter } = await testCounter();
    const { orderId } = await paidService(counter);
    expect(await counter.act(order(orderId), 'P', 'finished refund')).toMatchObject({ ok: false, code: 'guard-failed', message: '"finished refund" needs an open refund sheet.' });
  });
});

describe('attendance code clashes', () => {
  it('decides the payment again with new codes when a fresh code clashes with an issued one', async () => {
    const issued = ['5000000001', '5000000002', '5000000001', '5000000003', '5000000004'];
    const { counter } = await testCounter({ voucherCode: () => issued.shift()! });
    const first = await paidService(counter, 1); // takes 5000000001
    expect(first.codes).toEqual(['5000000001']);
    const second = await paidService(counter, 2); // 5000000002 then the clashing 5000000001 -> retried
    expect(second.codes.sort()).toEqual(['5000000003', '5000000004']);
    expect(await counter.db.vouchers.count()).toBe(3);
  });
});

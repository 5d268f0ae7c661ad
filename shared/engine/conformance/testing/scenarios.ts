// Real orders brought into a given state through the engine's public commands only, for the
// conformance suite. By convention the line a scenario is about is line 1 (itemIds[0]); the
// other line (product orders have two unless said) stays paid, so "every line" rules show.
import { expect } from 'vitest';
import type { EntityRef, RefundRow, TimerRow, VoucherRow } from '../../../db/rows';
import type { EngineCounter } from '../../counter';
import { testCounter, type TestCounter } from '../../testing/counter';
import { createOk, item, ok, order, refund } from '../../testing/flows';
import { DAY } from './reference';

export interface Ctx {
  t: TestCounter;
  counter: EngineCounter;
  orderId: string;
  itemIds: string[];
}

export interface Snap {
  at: number;
  order: string | null;
  flags: Record<string, boolean>;
  items: Array<{ id: string; state: string | null; price: number; unitPrice: number }>;
  refunds: RefundRow[];
  vouchers: VoucherRow[];
  /** Pending timers of this order. */
  timers: TimerRow[];
}

export async function snap(ctx: Ctx): Promise<Snap> {
  const { db } = ctx.counter;
  const [o, items, refunds, vouchers, timers] = await Promise.all([
    db.orders.get(ctx.orderId),
    db.items.filter((i) => i.orderId === ctx.orderId).toArray(),
    db.refunds.filter((r) => r.orderId === ctx.orderId).toArray(),
    db.vouchers.filter((v) => v.orderId === ctx.orderId).toArray(),
    db.timers.filter((t) => t.orderId === ctx.orderId && t.status === 'pending').toArray(),
  ]);
  return {
    at: ctx.t.clock.now,
    order: o!.state,
    flags: o!.flags,
    items: ctx.itemIds.map((id) => {
      const i = items.find((x) => x.id === id)!;
      return { id, state: i.state, price: i.price, unitPrice: i.unitPrice };
    }),
    refunds: refunds.sort((a, b) => a.createdAt - b.createdAt),
    vouchers,
    timers,
  };
}

/** The open refund sheet of line 1 (or of the given line). */
export async function openSheet(ctx: Ctx, line = 0): Promise<EntityRef> {
  const sheets = await ctx.counter.db.refunds.filter((r) => r.itemId === ctx.itemIds[line] && !['PFR', 'CCR', 'PCR'].includes(r.state ?? '')).toArray();
  expect(sheets, `line ${line + 1} has one open refund sheet`).toHaveLength(1);
  return refund(sheets[0]!.id);
}

export const line1 = (ctx: Ctx) => item(ctx.itemIds[0]!);
export const ord = (ctx: Ctx) => order(ctx.orderId);

async function product(lines = 2): Promise<Ctx> {
  const t = await testCounter();
  const orderId = await createOk(t.counter, 'product', {
    buyerId: 'buyer-1',
    lines: Array.from({ length: lines }, (_, i) => ({ sku: `SKU-${i + 1}`, qty: 1, price: 1000 })),
  });
  const view = await t.counter.getOrder(orderId);
  return { t, counter: t.counter, orderId, itemIds: view!.items.map((i) => i.id) };
}

const step = async (ctx: Ctx, ref: EntityRef, role: string, action: string, input?: unknown) => {
  if (input === undefined) {
    await ok(ctx.counter, ref, role, action);
    return;
  }
  const r = await ctx.counter.act(ref, role, action, input);
  if (!r.ok) expect.fail(`${role} "${action}" was refused: ${r.message}`);
};

// Product order states.
export const productWP = (lines = 2) => product(lines);
export async function productFP(lines = 2): Promise<Ctx> {
  const ctx = await product(lines);
  await step(ctx, ord(ctx), 'P', 'payment successful');
  return ctx;
}
export async function productFS(lines = 2): Promise<Ctx> {
  const ctx = await productFP(lines);
  await step(ctx, ord(ctx), 'S', 'ship the order');
  return ctx;
}
export async function productST(lines = 2): Promise<Ctx> {
  const ctx = await productFS(lines);
  await step(ctx, ord(ctx), 'B', 'confirm reception of order');
  return ctx;
}
export async function productWA(lines = 2): Promise<Ctx> {
  const ctx = await productST(lines);
  await step(ctx, ord(ctx), 'P', 'no refund request');
  return ctx;
}
/** Line 1's pre-shipping refund agreed: the order holds shipping (HS), the sheet is PPR. */
export async function productHS(lines = 2): Promise<Ctx> {
  const ctx = await productFP(lines);
  await step(ctx, line1(ctx), 'B', 'request refund');
  await step(ctx, line1(ctx), 'S', 'agree refund');
  return ctx;
}

/** Line 1 with a refund sheet of `kind` in `state`; the order in FS (FP for the pre-shipping machine). */
export async function sheetIn(machine: 'refund_only' | 'refund_with_return' | 'pre_shipping_refund', state: string, lines = 2): Promise<Ctx> {
  const ctx = machine === 'pre_shipping_refund' ? await productFP(lines) : await productFS(lines);
  const l = line1(ctx);
  await step(ctx, l, 'B', machine === 'refund_with_return' ? 'request refund with return' : 'request refund');
  const path: Record<string, Array<[string, string, unknown?]>> = {
    WSR: [],
    SRR: [['S', 'reject refund']],
    CSI: [['P', 'seller no response']],
    PPR: machine === 'refund_with_return' ? [['S', 'agree refund'], ['B', 'ship back'], ['S', 'agree refund']] : [['S', 'agree refund']],
    WBS: [['S', 'agree refund']],
    WSA: [['S', 'agree refund'], ['B', 'ship back']],
    CSA: [['S', 'agree refund'], ['B', 'ship back'], ['S', 'reject refund']],
  };
  for (const [role, action, input] of path[state]!) await step(ctx, l, role, action, input);
  const sheet = await ctx.counter.db.refunds.get((await openSheet(ctx)).id);
  expect(sheet!.state, `set-up reached ${machine} ${state}`).toBe(state);
  return ctx;
}

// Service orders.
export const SERVICE_USES = 3;
export const SERVICE_PRICE = 9000;

export async function serviceWP(validUntil?: (now: number) => string): Promise<Ctx> {
  const t = await testCounter();
  const orderId = await createOk(t.counter, 'service', {
    buyerId: 'buyer-9',
    lines: [{ sku: 'YOGA-10', qty: 1, price: SERVICE_PRICE, unitPrice: SERVICE_PRICE / SERVICE_USES, serviceTimes: SERVICE_USES, ...(validUntil ? { validUntil: validUntil(t.clock.now) } : {}) }],
  });
  const view = await t.counter.getOrder(orderId);
  return { t, counter: t.counter, orderId, itemIds: view!.items.map((i) => i.id) };
}
export async function serviceFP(validUntil?: (now: number) => string): Promise<Ctx> {
  const ctx = await serviceWP(validUntil);
  await step(ctx, ord(ctx), 'P', 'payment successful');
  return ctx;
}
/** Paid, valid until tomorrow, and the day after tomorrow now: the codes' validity is over. */
export async function serviceFPExpired(): Promise<Ctx> {
  const ctx = await serviceFP((now) => new Date(now + DAY).toISOString().slice(0, 10));
  ctx.t.clock.advance(2 * DAY + 1);
  return ctx;
}
export async function serviceFPWithSheet(redeemed = 0): Promise<Ctx> {
  const ctx = await serviceFP();
  const codes = (await snap(ctx)).vouchers.map((v) => v.code);
  for (const code of codes.slice(0, redeemed)) expect(await ctx.counter.redeemVoucher(code)).toMatchObject({ ok: true });
  await step(ctx, ord(ctx), 'B', 'request refund');
  return ctx;
}

/** Every table of the counter, for proving a refused command wrote nothing. */
export { dumpDb } from '../../testing/counter';

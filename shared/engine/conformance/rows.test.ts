// Conformance with the reference tables, row by row: for every (machine, role, action,
// from-state) of product-order.csv and service-order.csv, a real order (its line, refund
// sheet) is brought into the from-state through the engine's public commands, the action is
// taken as that role (and as the role in lower case), and the new state, the post-action
// reported and the post-action's effect are checked. Rows only the system performs are set
// off by what triggers them (a person taking them is refused, writing nothing).
import { describe, expect, it } from 'vitest';
import type { ActResult } from '../../api';
import type { EntityRef } from '../../db/rows';
import { orderEvents } from '../../db/events';
import { item, order, refund } from '../testing/flows';
import { checkPostAction } from './testing/postActions';
import { DAY, REFERENCE_LINE_COUNTS, REFERENCE_PERIODS, REFERENCE_ROWS, rowKey, SYSTEM_ONLY, type ReferenceRow } from './testing/reference';
import * as S from './testing/scenarios';
import { dumpDb, line1, openSheet, ord, snap, type Ctx, type Snap } from './testing/scenarios';

interface Case {
  /** The order brought into the row's from-state. */
  reach: () => Promise<Ctx>;
  /** The entity the row moves. */
  subject: (ctx: Ctx) => Promise<EntityRef> | EntityRef;
  /** A creation row: the command that creates (it takes no role: the definition's creation row names it). */
  create?: () => Promise<Ctx>;
  /** A system-only row: the step that sets it off, and what that step is, in words. */
  trigger?: { says: string; run: (ctx: Ctx) => Promise<void> };
  /** Where the subject ends when the row's post-action moves it on at once. */
  ends?: string;
  /** Further facts of this row (beyond the post-action's own checks). */
  also?: (ctx: Ctx, before: Snap, after: Snap) => void | Promise<void>;
}

const act = (ctx: Ctx, ref: EntityRef, role: string, action: string) => async () => {
  const r = await ctx.counter.act(ref, role, action);
  if (!r.ok) expect.fail(`trigger ${role} "${action}" was refused: ${r.message}`);
};
const sheet = (ctx: Ctx) => openSheet(ctx);
const run = (what: string, fn: (ctx: Ctx) => Promise<void>) => ({ says: what, run: fn });
const sheetCase = (machine: 'refund_only' | 'refund_with_return' | 'pre_shipping_refund', from: string, extra: Partial<Case> = {}): Case => ({
  reach: () => S.sheetIn(machine, from),
  subject: sheet,
  ...extra,
});
const noTimers = (_: Ctx, __: Snap, after: Snap) => expect(after.timers, 'a terminal order waits for nothing').toEqual([]);

/** Line 1 has a pre-shipping sheet the seller let lapse (WSR -> PPR, no post-action): the order stays FP. */
async function preShippingLapsed(lines: number): Promise<Ctx> {
  const ctx = await S.productFP(lines);
  await act(ctx, line1(ctx), 'B', 'request refund')();
  await act(ctx, line1(ctx), 'P', 'seller no response')();
  return ctx;
}

const PRODUCT: Record<string, Case> = {
  'order|B|create order|': { reach: async () => expect.fail('creation'), subject: ord, create: () => S.productWP() },
  'order|B|cancel order|WP': { reach: () => S.productWP(), subject: ord, also: noTimers },
  'order|B|make payment|WP': { reach: () => S.productWP(), subject: ord },
  'order|S|change shipping fee|WP': { reach: () => S.productWP(), subject: ord },
  'order|P|no payment|WP': { reach: () => S.productWP(), subject: ord, also: noTimers },
  'order|P|payment successful|WP': { reach: () => S.productWP(), subject: ord },
  // With an open pre-shipping sheet on line 1, so order_shipped has one to close.
  'order|S|ship the order|FP': {
    reach: async () => {
      const ctx = await S.productFP();
      await act(ctx, line1(ctx), 'B', 'request refund')();
      return ctx;
    },
    subject: ord,
  },
  'order|S|change shipping addr|FP': { reach: () => S.productFP(), subject: ord },
  'order|B|confirm reception of order|FS': { reach: () => S.productFS(), subject: ord },
  'order|P|auto ack reception of order|FS': { reach: () => S.productFS(), subject: ord },
  'order|B|extend auto acking reception of order|FS': { reach: extensionOpen, subject: ord },
  'order|S|extend auto acking reception of order|FS': { reach: extensionOpen, subject: ord },
  'order|P|all items done with refund|ST': {
    reach: async () => {
      const ctx = await S.productST(1);
      await act(ctx, line1(ctx), 'B', 'request refund')();
      return ctx;
    },
    subject: ord,
    trigger: run('the only line\'s refund request is cancelled (refund_closed: every line CR)', (ctx) => act(ctx, line1(ctx), 'B', 'cancel refund request')()),
  },
  'order|P|no refund request|ST': { reach: () => S.productST(), subject: ord },
  'order|P|finished accounting|WA': { reach: () => S.productWA(), subject: ord },
  'order|P|all items refunded|ST': {
    reach: () => refundAgreed(S.productST(1)),
    subject: ord,
    trigger: run('the only line\'s refund is finished (refund_finished: every line FR)', (ctx) => act(ctx, line1(ctx), 'P', 'finished refund')()),
    also: noTimers,
  },
  'order|P|all items refunded|FS': {
    reach: () => refundAgreed(S.productFS(1)),
    subject: ord,
    trigger: run('the only line\'s refund is finished', (ctx) => act(ctx, line1(ctx), 'P', 'finished refund')()),
    also: noTimers,
  },
  'order|P|all items refunded|FP': {
    reach: () => preShippingLapsed(1),
    subject: ord,
    trigger: run('the only line\'s pre-shipping refund is finished while the order is FP', (ctx) => act(ctx, line1(ctx), 'P', 'finished refund')()),
  },
  'order|P|processing refund|FP': {
    reach: async () => {
      const ctx = await S.productFP(1);
      await act(ctx, line1(ctx), 'B', 'request refund')();
      return ctx;
    },
    subject: ord,
    trigger: run('the seller agrees to a pre-shipping refund (seller_agree_refund)', (ctx) => act(ctx, line1(ctx), 'S', 'agree refund')()),
  },
  'order|P|no more open refund|FS': {
    reach: async () => {
      const ctx = await S.productFS(2);
      await act(ctx, line1(ctx), 'B', 'request refund')();
      ctx.t.clock.advance(15 * DAY);
      await ctx.counter.runDueTimers(); // the seller's silence -> CSI; auto-confirmation blocked -> autoAckEnded
      expect((await snap(ctx)).flags.autoAckEnded).toBe(true);
      return ctx;
    },
    subject: ord,
    trigger: run('customer service rejects the last open refund after auto-confirmation ended', (ctx) => act(ctx, line1(ctx), 'P', 'reject refund')()),
  },
  'order|P|no more open refund|ST': {
    reach: async () => {
      const ctx = await S.productST(2);
      await act(ctx, line1(ctx), 'B', 'request refund')();
      ctx.t.clock.advance(7 * DAY);
      await ctx.counter.runDueTimers(); // refund window blocked -> refundWindowEnded
      expect((await snap(ctx)).flags.refundWindowEnded).toBe(true);
      return ctx;
    },
    subject: ord,
    trigger: run('customer service rejects the last open refund after the refund window ended', (ctx) => act(ctx, line1(ctx), 'P', 'reject refund')()),
  },
  'order|P|item finished refund|HS': {
    reach: () => S.productHS(2),
    subject: ord,
    trigger: run('line 1\'s agreed pre-shipping refund is finished (refund_finished, order HS)', (ctx) => act(ctx, line1(ctx), 'P', 'finished refund')()),
  },

  'item|P|order state changed to FP|': {
    reach: () => S.productWP(),
    subject: line1,
    trigger: run('the payment (order_paid)', (ctx) => act(ctx, ord(ctx), 'P', 'payment successful')()),
  },
  'item|P|order state changed to FS|WR': {
    reach: () => preShippingLapsed(2),
    subject: line1,
    trigger: run('the seller ships while line 1 waits for a refund (order_shipped)', (ctx) => act(ctx, ord(ctx), 'S', 'ship the order')()),
  },
  'item|B|request refund|FP': {
    reach: () => S.productFS(),
    subject: line1,
    also: (_ctx, _b, after) => expect(after.refunds.map((r) => [r.kind, r.state])).toEqual([['refund_only', 'WSR']]),
  },
  'item|B|request refund with return|FP': {
    reach: () => S.productFS(),
    subject: line1,
    also: (_ctx, _b, after) => expect(after.refunds.map((r) => [r.kind, r.state])).toEqual([['refund_with_return', 'WSR']]),
  },
  'item|P|item finished refund|WR': {
    reach: () => S.sheetIn('refund_only', 'PPR'),
    subject: line1,
    trigger: run('the line\'s refund sheet is finished (refund_sheet_finished)', (ctx) => act(ctx, line1(ctx), 'P', 'finished refund')()),
  },
  'item|P|item closed refund|WR': {
    reach: () => S.sheetIn('refund_only', 'WSR'),
    subject: line1,
    trigger: run('the buyer cancels the line\'s refund request (refund_sheet_closed)', (ctx) => act(ctx, line1(ctx), 'B', 'cancel refund request')()),
  },
};

for (const machine of ['refund_only', 'refund_with_return'] as const) {
  // Beyond the reference (no post-action there): the seller has a new 3 days, as after the
  // first request, instead of the sheet waiting in WSR for ever (docs/DESIGN.md, product order v5).
  PRODUCT[`${machine}|B|change refund request|SRR`] = sheetCase(machine, 'SRR', {
    also: async (ctx, _b, after) => {
      const sheetId = (await openSheet(ctx)).id;
      const timers = after.timers.filter((t) => t.target.id === sheetId).map((t) => [t.action, t.dueAt - after.at]);
      expect(timers).toEqual([['seller no response', REFERENCE_PERIODS.sellerResponse]]);
    },
  });
}
for (const machine of ['refund_only', 'refund_with_return', 'pre_shipping_refund'] as const) {
  for (const row of REFERENCE_ROWS.filter((r) => r.machine === machine)) PRODUCT[rowKey(row)] ??= sheetCase(machine, row.from);
}

async function extensionOpen(): Promise<Ctx> {
  const ctx = await S.productFS();
  ctx.t.clock.advance(7 * DAY);
  await ctx.counter.runDueTimers();
  expect((await snap(ctx)).flags.extensionOpen).toBe(true);
  return ctx;
}

async function refundAgreed(reaching: Promise<Ctx>): Promise<Ctx> {
  const ctx = await reaching;
  await act(ctx, line1(ctx), 'B', 'request refund')();
  await act(ctx, line1(ctx), 'S', 'agree refund')();
  return ctx;
}

const SERVICE: Record<string, Case> = {
  'order|B|create order|': { reach: async () => expect.fail('creation'), subject: ord, create: () => S.serviceWP() },
  'order|B|cancel order|WP': { reach: () => S.serviceWP(), subject: ord, also: noTimers },
  'order|B|make payment|WP': { reach: () => S.serviceWP(), subject: ord },
  'order|B|request refund|FP': { reach: () => S.serviceFP(), subject: ord },
  'order|P|no payment|WP': { reach: () => S.serviceWP(), subject: ord, also: noTimers },
  'order|P|payment successful|WP': { reach: () => S.serviceWP(), subject: ord },
  'order|P|attendance code expired|FP': { reach: () => S.serviceFPExpired(), subject: ord },
  // One code used: the refund is the rest, the order ends ST; the sheet moves after the order.
  // FP with an open sheet: the definition adds a guard the table lacks (an open refund sheet),
  // so finishing a refund nobody asked for is refused (serviceOrder.test.ts).
  'order|P|finished refund|FP': { reach: () => S.serviceFPWithSheet(1), subject: ord, ends: 'ST' },
  'order|P|used service finished refund|FP': {
    reach: () => S.serviceFPWithSheet(1),
    subject: ord,
    trigger: run('the refund of an order with a used code is finished', (ctx) => act(ctx, ord(ctx), 'P', 'finished refund')()),
  },
  'order|P|unused service finished refund|FP': {
    reach: () => S.serviceFPWithSheet(0),
    subject: ord,
    trigger: run('the refund of an order with no used code is finished', (ctx) => act(ctx, ord(ctx), 'P', 'finished refund')()),
  },
  'order|P|all used|FP': { reach: () => S.serviceFP(), subject: ord },
  'service_refund|P|finished refund|PPR': { reach: () => S.serviceFPWithSheet(0), subject: sheet },
};

const CASES = { product: PRODUCT, service: SERVICE };

async function stateOf(ctx: Ctx, ref: EntityRef): Promise<string | null> {
  const { db } = ctx.counter;
  const row = ref.kind === 'order' ? await db.orders.get(ref.id) : ref.kind === 'item' ? await db.items.get(ref.id) : await db.refunds.get(ref.id);
  return row!.state;
}

async function transitionsOf(ctx: Ctx, ref: EntityRef, action: string) {
  return (await orderEvents(ctx.counter.db, ctx.orderId)).filter((e) => e.type === 'transition' && e.entity.kind === ref.kind && e.entity.id === ref.id && e.action === action);
}

/** No action panel of the order shows an action only the system performs. */
async function expectNoSystemActionShown(ctx: Ctx, workflow: ReferenceRow['workflow']) {
  const s = await snap(ctx);
  const refs: EntityRef[] = [order(ctx.orderId), ...ctx.itemIds.map(item), ...s.refunds.map((r) => refund(r.id))];
  for (const ref of refs) {
    const shown = Object.values(await ctx.counter.roleActions(ref)).flat();
    for (const action of SYSTEM_ONLY[workflow]) expect(shown, `${ref.kind} panel never shows "${action}"`).not.toContain(action);
  }
}

describe('the reference tables are read whole', () => {
  it('every line of both tables, each from-state of a row once', () => {
    expect(REFERENCE_LINE_COUNTS).toEqual({ product: 56, service: 12 });
    // Six product lines list several from-states (ST|FS|FP counts 3): 56 + 6 + 12 rows.
    expect(REFERENCE_ROWS).toHaveLength(74);
    const keys = REFERENCE_ROWS.map((r) => `${r.workflow}: ${rowKey(r)}`);
    expect(new Set(keys).size, 'no (machine, role, action, from-state) twice').toBe(keys.length);
  });

  it('every row has a case here (none is skipped silently)', () => {
    const missing = REFERENCE_ROWS.filter((r) => !CASES[r.workflow][rowKey(r)]).map((r) => `${r.workflow}: ${rowKey(r)}`);
    expect(missing).toEqual([]);
  });
});

describe.each(REFERENCE_ROWS.map((r) => [`${r.workflow} ${r.machine}: ${r.role} "${r.action}" ${r.from || '(creation)'} -> ${r.to}${r.post ? ` [${r.post}]` : ''}`, r] as const))('%s', (_, row) => {
  const c = CASES[row.workflow][rowKey(row)];
  if (!c) return;

  if (c.create) {
    it(`creates in ${row.to} as ${row.role} (creation takes no role argument: the definition's creation row names it)`, async () => {
      const ctx = await c.create!();
      const ref = await c.subject(ctx);
      const [ev] = await transitionsOf(ctx, ref, row.action);
      expect(ev).toMatchObject({ role: row.role, from: null, to: row.to, postAction: row.post || null });
      expect(await stateOf(ctx, ref)).toBe(row.to);
      const after = await snap(ctx);
      checkPostAction(row, { ...after, timers: [], vouchers: [], refunds: [] }, after);
      await expectNoSystemActionShown(ctx, row.workflow);
    });
    return;
  }

  if (c.trigger) {
    it(`is done by the system only: ${c.trigger.says}`, async () => {
      const ctx = await c.reach();
      const ref = await c.subject(ctx);
      expect(await stateOf(ctx, ref), 'the set-up reached the from-state').toBe(row.from || null);
      // A person may not take it, as the role or the role in lower case: refused, nothing written.
      for (const role of [row.role, row.role.toLowerCase()]) {
        const dump = await dumpDb(ctx.counter);
        const r = await ctx.counter.act(ref, role, row.action);
        expect(r).toMatchObject({ ok: false, code: 'system-only', message: expect.stringContaining('system only') });
        expect(await dumpDb(ctx.counter)).toEqual(dump);
      }
      const before = await snap(ctx);
      await c.trigger!.run(ctx);
      const after = await snap(ctx);
      const evs = await transitionsOf(ctx, ref, row.action);
      expect(evs.at(-1), 'the row was taken by the system').toMatchObject({ role: row.role, from: row.from || null, to: row.to, postAction: row.post || null });
      expect(await stateOf(ctx, ref)).toBe(c.ends ?? row.to);
      checkPostAction(row, before, after);
      await c.also?.(ctx, before, after);
      await expectNoSystemActionShown(ctx, row.workflow);
    });
    return;
  }

  // Refund rows: as the role through line 1's panel (routed to its open sheet), and as the
  // role in lower case on the sheet itself.
  it.each([row.role, row.role.toLowerCase()])('taken as %s', async (role) => {
    const ctx = await c.reach();
    const ref = await c.subject(ctx);
    expect(await stateOf(ctx, ref), 'the set-up reached the from-state').toBe(row.from || null);
    const viaPanel = ref.kind === 'refund' && role === row.role && row.workflow === 'product';
    const shownTo = await ctx.counter.roleActions(viaPanel ? line1(ctx) : ref);
    expect(shownTo[row.role] ?? [], `"${row.action}" is offered to ${row.role}`).toContain(row.action);
    const before = await snap(ctx);
    const r: ActResult = await ctx.counter.act(viaPanel ? line1(ctx) : ref, role, row.action);
    expect(r).toMatchObject({ ok: true, from: row.from || null, to: row.to, postAction: row.post || null });
    const after = await snap(ctx);
    const evs = await transitionsOf(ctx, ref, row.action);
    expect(evs.at(-1)).toMatchObject({ role: row.role, from: row.from || null, to: row.to, postAction: row.post || null });
    expect(await stateOf(ctx, ref)).toBe(c.ends ?? row.to);
    checkPostAction(row, before, after);
    await c.also?.(ctx, before, after);
    await expectNoSystemActionShown(ctx, row.workflow);
  });
});

// The money commands' rules, pure: a payment, a refund of money, a reversal, opening and
// closing a till. Each takes what is stored and the parsed input, and answers the rows to
// append or a refusal with a sentence a clerk can act on and its facts.
import type { Refused } from '../api';
import type { OrderRow, PaymentRow, RefundRow, TillRow } from '../db/rows';
import { refused, type EventMeta } from '../engine/command';
import { formatMoney, type CurrencyDigits } from '../money';
import { sumMoney } from '../money';
import { orderMoney, reversedIds, standingRows } from './ledger';
import { expectedCash } from './till';

export const CASH = 'cash';

export interface PaymentInput {
  orderId: string;
  method: string;
  amount: number;
  tendered?: number | undefined;
  reference?: string | undefined;
}

export interface RefundMoneyInput {
  orderId: string;
  method: string;
  amount: number;
  refundId?: string | undefined;
  reference?: string | undefined;
  reason?: string | undefined;
}

export interface MoneyContext {
  meta: EventMeta;
  newId: () => string;
  methods: readonly string[];
  digits: CurrencyDigits;
  /** The till open on this device, if any. */
  till: TillRow | undefined;
}

type Row = { ok: true; row: PaymentRow } | Refused;

function baseRow(ctx: MoneyContext, order: OrderRow): Omit<PaymentRow, 'kind' | 'method' | 'amount'> {
  return {
    id: ctx.newId(),
    orderId: order.id,
    orderNumber: order.number,
    tillId: ctx.till?.id ?? null,
    tendered: null,
    change: null,
    reference: null,
    reverses: null,
    refundId: null,
    reason: null,
    ...ctx.meta,
  };
}

function unknownMethod(method: string, methods: readonly string[]): Refused {
  return refused('invalid-input', `"${method}" is not a payment method of this counter; use one of: ${methods.join(', ')}.`, { reason: 'unknown-method', method });
}

/** Money in. Cash may be tendered above the amount (the change is given back); nothing may
 *  be paid beyond what the order still owes. */
export function decidePayment(ctx: MoneyContext, order: OrderRow, rows: readonly PaymentRow[], input: PaymentInput): Row {
  const m = (n: number) => formatMoney(n, ctx.digits);
  if (!ctx.methods.includes(input.method)) return unknownMethod(input.method, ctx.methods);
  if (input.amount <= 0) return refused('invalid-input', 'Enter an amount above zero.', { reason: 'zero-amount' });
  const { balance } = orderMoney(order.total, rows);
  if (balance === 0) return refused('not-allowed-in-state', `Order ${order.number} is paid in full; nothing is owed.`, { reason: 'nothing-owed', order: order.number });
  if (input.amount > balance) {
    return refused('invalid-input', `Order ${order.number} owes ${m(balance)}; a payment of ${m(input.amount)} is more than that.`, { reason: 'more-than-owed', order: order.number, balance, amount: input.amount });
  }
  const cash = input.method === CASH;
  if (!cash && input.tendered !== undefined) return refused('invalid-input', 'Only cash is tendered; leave "tendered" empty for other methods.', { reason: 'tendered-not-cash' });
  const tendered = cash ? (input.tendered ?? input.amount) : null;
  if (tendered !== null && tendered < input.amount) {
    return refused('invalid-input', `${m(tendered)} handed over is less than the ${m(input.amount)} to pay.`, { reason: 'tendered-short', tendered, amount: input.amount });
  }
  return {
    ok: true,
    row: { ...baseRow(ctx, order), kind: 'payment', method: input.method, amount: input.amount, tendered, change: tendered === null ? null : tendered - input.amount, reference: input.reference ?? null },
  };
}

/** The state the built-in refund sheets end in when the refund was granted ("platform
 *  finished refund"): only then is money given back against a sheet. */
export const REFUND_FINISHED = 'PFR';

/** What a finished refund sheet still has to pay out: its amount less the money given back
 *  against it (rows still in force); null when the sheet names no amount. */
export function sheetOutstanding(sheet: Pick<RefundRow, 'id' | 'amount'>, rows: readonly PaymentRow[]): number | null {
  if (sheet.amount === null) return null;
  const given = standingRows(rows).filter((r) => r.kind === 'refund' && r.refundId === sheet.id);
  return Math.max(0, sheet.amount - sumMoney(given.map((r) => r.amount)));
}

/** Money back to the buyer, at most what was paid and not yet given back; against a refund
 *  sheet (`sheet`, read by the command), only a finished one of this order and at most what
 *  it still has to pay out. */
export function decideRefundMoney(ctx: MoneyContext, order: OrderRow, rows: readonly PaymentRow[], input: RefundMoneyInput, sheet?: RefundRow): Row {
  const m = (n: number) => formatMoney(n, ctx.digits);
  if (!ctx.methods.includes(input.method)) return unknownMethod(input.method, ctx.methods);
  if (input.amount <= 0) return refused('invalid-input', 'Enter an amount above zero.', { reason: 'zero-amount' });
  if (input.refundId !== undefined) {
    if (!sheet || sheet.orderId !== order.id) return refused('not-found', `Order ${order.number} has no refund sheet ${input.refundId}.`, { reason: 'unknown-refund', id: input.refundId });
    if (sheet.state !== REFUND_FINISHED) return refused('not-allowed-in-state', 'This refund is not finished yet; give money back once it is.', { reason: 'refund-not-finished', state: sheet.state });
    const outstanding = sheetOutstanding(sheet, rows);
    if (outstanding !== null && input.amount > outstanding) {
      return refused('invalid-input', `The refund sheet has ${m(outstanding)} left to give back; cannot give back ${m(input.amount)}.`, { reason: 'more-than-sheet', outstanding, amount: input.amount });
    }
  }
  const { paid, refunded } = orderMoney(order.total, rows);
  const refundable = paid - refunded;
  if (input.amount > refundable) {
    return refused('invalid-input', `Only ${m(refundable)} of order ${order.number} was paid and not given back; cannot refund ${m(input.amount)}.`, {
      reason: 'more-than-paid',
      order: order.number,
      refundable,
      amount: input.amount,
    });
  }
  return {
    ok: true,
    row: {
      ...baseRow(ctx, order),
      kind: 'refund',
      method: input.method,
      amount: input.amount,
      reference: input.reference ?? null,
      refundId: input.refundId ?? null,
      reason: input.reason ?? null,
    },
  };
}

/** Undoes a payment or refund row by appending its reversal (the row itself stays). */
export function decideReversal(ctx: MoneyContext, order: OrderRow, rows: readonly PaymentRow[], paymentId: string, reason: string): Row {
  const target = rows.find((r) => r.id === paymentId);
  if (!target || target.kind === 'reversal') return refused('not-found', `No payment or refund ${paymentId} on order ${order.number}.`, { reason: 'unknown-payment', id: paymentId });
  if (reversedIds(rows).has(target.id)) return refused('not-allowed-in-state', 'This payment was already reversed.', { reason: 'already-reversed', id: paymentId });
  if (target.kind === 'payment') {
    // Undoing a payment must not leave more given back than taken.
    const { paid, refunded } = orderMoney(order.total, rows);
    if (paid - target.amount < refunded) {
      return refused('not-allowed-in-state', 'Money was given back against this payment; reverse the refund first.', { reason: 'refund-depends', id: paymentId });
    }
  }
  return { ok: true, row: { ...baseRow(ctx, order), kind: 'reversal', method: target.method, amount: target.amount, reverses: target.id, reason } };
}

export function decideOpenTill(ctx: MoneyContext, float: number, note: string | null): { ok: true; till: TillRow } | Refused {
  if (ctx.till) return refused('not-allowed-in-state', 'A till session is already open on this counter; close it first.', { reason: 'till-open', till: ctx.till.id });
  return {
    ok: true,
    till: { id: ctx.newId(), deviceId: ctx.meta.deviceId, status: 'open', float, openedAt: ctx.meta.at, openedBy: ctx.meta.operator, closedAt: null, closedBy: null, counted: null, expected: null, difference: null, note },
  };
}

export function decideCloseTill(ctx: MoneyContext, rows: readonly PaymentRow[], counted: number, note: string | null): { ok: true; till: TillRow } | Refused {
  const till = ctx.till;
  if (!till) return refused('not-allowed-in-state', 'No till session is open on this counter.', { reason: 'no-till' });
  const expected = expectedCash(till, rows);
  return {
    ok: true,
    till: { ...till, status: 'closed', closedAt: ctx.meta.at, closedBy: ctx.meta.operator, counted, expected, difference: counted - expected, note: note ?? till.note },
  };
}

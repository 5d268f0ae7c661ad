// The money commands of a counter: take a payment, give money back, reverse a row, open
// and close the till. Each parses its input at the boundary and runs through the one
// pipeline; the rules are pure (payments/decide.ts). A payment that brings the balance to
// zero takes the order's own "payment successful" action through the engine, in the same
// transaction, so the order never moves without the money that moved it, or the other way round.
import { z } from 'zod';
import type { ActResult, Refused } from '../api';
import type { MoneyRowResult, PaymentResult, TillResult } from '../payments/api';
import type { EventRow, OrderRow, PaymentRow, TillRow } from '../db/rows';
import { commandIdSource, commandVoucherCodes, newId } from '../ids';
import { emptyStockWork } from '../inventory/work';
import { LIMITS } from '../limits';
import { formatMoney } from '../money';
import { decideCloseTill, decideOpenTill, decidePayment, decideRefundMoney, decideReversal, type MoneyContext } from '../payments/decide';
import { orderMoney } from '../payments/ledger';
import { zReport, type ZReport } from '../payments/till';
import { carriesPayment, PAYMENT_ACTION, paymentOfInput } from '../payments/actionPayment';
import { currencyOf, paymentMethodsOf } from '../settings/currency';
import type { Workflow } from '../workflow/interpreter';
import { parseArg, refused, type CommandMeta } from './command';
import { decideAct, decideActOnOrder, type EffectHandler, type EngineEnv } from './decide';
import type { CommandSettings } from './commandSettings';
import { actionInputSchema, commandOptionsSchema, entityRefSchema, money, orderIdSchema, roleSchema, text } from './input';
import { runCommand, type Plan } from './pipeline';
import type { CommandStorage } from './storage';
import type { MoneyTx } from '../payments/moneyTx';
import { workflowOf, type WorkflowSource } from './workflowLoader';

export { PAYMENT_ACTION } from '../payments/actionPayment';

type Act = (ref: unknown, role: unknown, action: unknown, input?: unknown, options?: unknown) => Promise<ActResult>;

/** "payment successful" with a payment as its input is a money command (the row and the
 *  action in one); any other action is the order's. The counter and the sync server route
 *  an action through this one function, so a pushed action is taken as it was at the counter. */
export function actWithPayment(orderAct: Act, payByAction: (ref: unknown, role: unknown, input: unknown, options?: unknown) => Promise<ActResult>): Act {
  const isOrder = (ref: unknown) => typeof ref === 'object' && ref !== null && (ref as { kind?: unknown }).kind === 'order';
  return (ref, role, action, input, options) => (action === PAYMENT_ACTION && isOrder(ref) && carriesPayment(input) ? payByAction(ref, role, input, options) : orderAct(ref, role, action, input, options));
}

const method = text('the payment method', 24);
const reference = text('the reference', LIMITS.MAX_REASON_LENGTH, { required: false }).optional();
const reason = text('the reason', LIMITS.MAX_REASON_LENGTH, { required: false }).optional();

export const takePaymentSchema = z.object(
  {
    orderId: orderIdSchema,
    method,
    amount: money('the amount'),
    tendered: money('the cash handed over').optional(),
    reference,
    // The role the operator takes the money in (the panel's current role): the payment row's
    // event records it, and the operator must be allowed it. A payment in full still takes the
    // order's "payment successful" in the role the workflow gives it (the Platform: payment
    // inputs are the platform's in the reference workflows), under the same operator.
    role: roleSchema.optional(),
  },
  { error: 'give the payment as { orderId, method, amount }' },
);
export const refundMoneySchema = z.object(
  {
    orderId: orderIdSchema,
    method,
    amount: money('the amount'),
    refundId: text('the refund sheet', LIMITS.MAX_ID_LENGTH).optional(),
    reference,
    reason,
    // The role the operator gives the money back in (as takePayment): the refund row's event
    // records it, and the pipeline checks the operator may take it.
    role: roleSchema.optional(),
  },
  { error: 'give the refund as { orderId, method, amount }' },
);
export const reversePaymentSchema = z.object(
  {
    paymentId: text('the payment', LIMITS.MAX_ID_LENGTH),
    reason: text('the reason', LIMITS.MAX_REASON_LENGTH),
    // The role the operator reverses it in (as takePayment and refundMoney).
    role: roleSchema.optional(),
  },
  { error: 'give { paymentId, reason }' },
);
export const openTillSchema = z.object({ float: money('the float'), note: reason }, { error: 'give the float as { float }' });
export const closeTillSchema = z.object({ counted: money('the counted cash'), note: reason }, { error: 'give the counted cash as { counted }' });

export interface MoneyContextDeps {
  /** Dexie on the counter (payments/dexieMoney.ts), PostgreSQL on the server (server/storage/pgMoney.ts). */
  storage: CommandStorage<MoneyTx>;
  source: WorkflowSource;
  handlers: Readonly<Record<string, EffectHandler>>;
  /** Attendance codes (tests fix them); absent: derived from the command id (ids.ts). */
  voucherCode?: () => string;
  deviceId: string;
  operator: () => string;
  now: () => number;
}

/** The role the definition gives the payment action from the order's state, if any. */
export function paymentRole(wf: Workflow, state: string | null): string | undefined {
  for (const machine of Object.values(wf.definition.machines)) {
    for (const t of machine.transitions) {
      if (t.action !== PAYMENT_ACTION || t.hidden || t.from === null || state === null || !t.from.includes(state)) continue;
      return Array.isArray(t.role) ? t.role[0] : t.role;
    }
  }
  return undefined;
}

function moneyEvent(meta: CommandMeta, order: OrderRow, row: PaymentRow, role: string, digits: MoneyContext['digits']): EventRow {
  const said = row.kind === 'payment' ? 'paid' : row.kind === 'refund' ? 'refunded' : 'reversed';
  return {
    id: newId(),
    commandId: meta.commandId,
    orderId: order.id,
    deviceId: meta.deviceId,
    operator: meta.operator,
    at: meta.at,
    role,
    action: row.kind,
    type: 'payment',
    entity: { kind: 'order', id: order.id },
    from: null,
    to: null,
    postAction: null,
    detail: `${said} ${formatMoney(row.amount, digits)} by ${row.method}${row.change ? `, change ${formatMoney(row.change, digits)}` : ''}`,
    data: { reason: row.kind, method: row.method, amount: row.amount, change: row.change, paymentId: row.id, ...(row.refundId ? { refundId: row.refundId } : {}) },
  };
}

const EMPTY_CHANGES = { orders: [], items: [], refunds: [], vouchers: [], newVouchers: [], timers: [], stateMoves: [] };

export function createMoneyCommands(ctx: MoneyContextDeps) {
  const { storage } = ctx;
  const meta = (kind: string, commandId: string | undefined, role?: string): CommandMeta => ({
    commandId: commandId ?? newId(),
    kind: `money:${kind}`,
    deviceId: ctx.deviceId,
    operator: ctx.operator(),
    at: ctx.now(),
    ...(role === undefined ? {} : { role }),
  });

  /** What every money rule decides with, read in the command's transaction. */
  async function moneyContext(tx: MoneyTx, m: CommandMeta): Promise<MoneyContext> {
    const [currency, methods, till] = await Promise.all([tx.settingValue('currency'), tx.settingValue('paymentMethods'), tx.openTill(ctx.deviceId)]);
    // The money rows' ids derive from the command (ids.ts): the server names the same rows.
    return { meta: m, newId: commandIdSource(m.commandId, 'm'), methods: paymentMethodsOf(methods), digits: currencyOf(currency).digits, till };
  }

  /** The engine's environment for an order action this command takes (codes derived from its id). */
  const engineEnv = (settings: CommandSettings, m: CommandMeta): EngineEnv => ({ registry: ctx.source.registry, periods: settings.periods, utcOffsetMinutes: settings.utcOffsetMinutes, handlers: ctx.handlers, newId: commandIdSource(m.commandId), voucherCode: ctx.voucherCode ?? commandVoucherCodes(m.commandId) });
  const notFound = (id: string): Refused => refused('not-found', `No order with id ${id}.`, { reason: 'unknown-entity', kind: 'order', id });

  /** Writes the money row and its timeline event (no order change). */
  async function writeRow(tx: MoneyTx, row: PaymentRow, event: EventRow): Promise<void> {
    await Promise.all([tx.addPayment(row), tx.writeChangeset({ ...EMPTY_CHANGES, events: [event], stock: emptyStockWork() })]);
  }

  async function takePayment(input: unknown, options?: unknown): Promise<PaymentResult> {
    const i = parseArg(takePaymentSchema, input, 'payment');
    if (!i.ok) return i.refusal;
    const o = parseArg(commandOptionsSchema, options, 'options');
    if (!o.ok) return o.refusal;
    const m = meta('take-payment', o.value?.commandId, i.value.role);
    return runCommand<Extract<PaymentResult, { ok: true }>, MoneyTx>(storage, m, i.value, async (tx): Promise<Plan<Extract<PaymentResult, { ok: true }>, MoneyTx>> => {
      const read = await tx.orderInput(i.value.orderId, () => true);
      if (!read) return { result: notFound(i.value.orderId) };
      const { snapshot, settings } = read;
      const order = snapshot.order;
      const [mc, rows, wf] = await Promise.all([moneyContext(tx, m), tx.paymentsOfOrder(order.id), workflowOf(tx, ctx.source, order.workflowId, order.workflowVersion)]);
      const decided = decidePayment(mc, order, rows, i.value);
      if (!decided.ok) return { result: decided };
      const row = decided.row;
      const after = orderMoney(order.total, [...rows, row]);
      const role = wf ? paymentRole(wf, order.state) : undefined;
      const event = moneyEvent(m, order, row, i.value.role ?? role ?? 'S', mc.digits);
      const base = { ok: true as const, paymentId: row.id, paid: after.paid, balance: after.balance, change: row.change, paidInFull: after.balance === 0 };
      if (after.balance > 0 || !wf || role === undefined) {
        return { result: { ...base, action: null }, write: (w) => writeRow(w, row, event) };
      }
      // Paid in full: the order's own action, decided by the engine as if a person took it.
      const env = engineEnv(settings, m);
      const decision = decideActOnOrder(env, snapshot, { ...m, role } as CommandMeta, role, PAYMENT_ACTION);
      if (!decision.result.ok) return { result: decision.result };
      if (!decision.work) return { result: refused('effect-failed', 'The order could not be marked paid; nothing was changed.', { reason: 'no-work' }) };
      const changes = decision.work.changeset();
      const { target: _target, ...applied } = decision.result;
      return {
        result: { ...base, action: applied },
        write: async (w) => {
          await Promise.all([w.addPayment(row), w.writeChangeset({ ...changes, events: [event, ...changes.events] })]);
        },
      };
    });
  }

  /**
   * The order's "payment successful" taken with the payment as its input: the money row and
   * the action are one command. The action is checked as a person's (role, state, declared
   * input) before any money is taken; a payment that leaves a balance records the money and
   * leaves the order where it is (the action stays on offer for the rest), one that settles
   * it takes the action in the same transaction. Nothing is owed: refused, nothing written.
   */
  async function payByAction(ref: unknown, role: unknown, input: unknown, options?: unknown): Promise<ActResult> {
    const r = parseArg(entityRefSchema, ref, 'ref');
    if (!r.ok) return r.refusal;
    const ro = parseArg(roleSchema, role, 'role');
    if (!ro.ok) return ro.refusal;
    const i = parseArg(actionInputSchema, input, 'input');
    if (!i.ok) return i.refusal;
    const o = parseArg(commandOptionsSchema, options, 'options');
    if (!o.ok) return o.refusal;
    const m = meta('pay-by-action', o.value?.commandId, ro.value);
    return runCommand<Extract<ActResult, { ok: true }>, MoneyTx>(storage, m, { ref: r.value, role: ro.value, action: PAYMENT_ACTION, input: i.value ?? null }, async (tx) => {
      // The payment action is the order's own: only an order reference takes it.
      const read = r.value.kind === 'order' ? await tx.orderInput(r.value.id, () => true) : undefined;
      if (!read) return { result: refused('not-found', `No ${r.value.kind} with id ${r.value.id}.`, { reason: 'unknown-entity', kind: r.value.kind, id: r.value.id }) };
      const { snapshot, settings } = read;
      const order = snapshot.order;
      const [mc, rows, wf] = await Promise.all([moneyContext(tx, m), tx.paymentsOfOrder(order.id), workflowOf(tx, ctx.source, order.workflowId, order.workflowVersion)]);
      if (!wf) return { result: notFound(order.id) };
      // The method is one of the methods of Settings: the declared input checks it as a choice.
      const env = { ...engineEnv(settings, m), choiceLists: { paymentMethods: mc.methods } };
      // The action as a person takes it: its role, state, guards and declared input.
      const decision = decideAct(env, snapshot, m, r.value, ro.value, PAYMENT_ACTION, i.value);
      if (!decision.result.ok) return { result: decision.result };
      const payment = paymentOfInput(order.id, i.value ?? {});
      if (!payment.ok) return { result: payment };
      const decided = decidePayment(mc, order, rows, payment.payment);
      if (!decided.ok) return { result: decided };
      const row = decided.row;
      const after = orderMoney(order.total, [...rows, row]);
      const facts = { paymentId: row.id, paid: after.paid, balance: after.balance, change: row.change, paidInFull: after.balance === 0 };
      const event = moneyEvent(m, order, row, ro.value, mc.digits);
      if (after.balance > 0) {
        // Part paid: the money, and the order stays waiting for the rest.
        const result = { ok: true as const, from: order.state, to: order.state ?? '', postAction: null, events: 1, stateVersion: order.stateVersion, payment: facts };
        return { result, write: (w) => writeRow(w, row, event) };
      }
      if (!decision.work) return { result: refused('effect-failed', 'The order could not be marked paid; nothing was changed.', { reason: 'no-work' }) };
      const changes = decision.work.changeset();
      return {
        result: { ...decision.result, payment: facts },
        write: async (w) => {
          await Promise.all([w.addPayment(row), w.writeChangeset({ ...changes, events: [event, ...changes.events] })]);
        },
      };
    });
  }

  async function refundMoney(input: unknown, options?: unknown): Promise<MoneyRowResult> {
    const i = parseArg(refundMoneySchema, input, 'refund');
    if (!i.ok) return i.refusal;
    const o = parseArg(commandOptionsSchema, options, 'options');
    if (!o.ok) return o.refusal;
    const m = meta('refund-money', o.value?.commandId, i.value.role);
    return runCommand(storage, m, i.value, async (tx) => {
      const order = await tx.order(i.value.orderId);
      if (!order) return { result: notFound(i.value.orderId) };
      const [mc, rows, sheet] = await Promise.all([moneyContext(tx, m), tx.paymentsOfOrder(order.id), i.value.refundId === undefined ? undefined : tx.refund(i.value.refundId)]);
      const decided = decideRefundMoney(mc, order, rows, i.value, sheet);
      if (!decided.ok) return { result: decided };
      const after = orderMoney(order.total, [...rows, decided.row]);
      return {
        result: { ok: true as const, paymentId: decided.row.id, paid: after.paid, refunded: after.refunded, balance: after.balance },
        // Without a role (an older caller, a command pushed from before): the Seller, as before.
        write: (w) => writeRow(w, decided.row, moneyEvent(m, order, decided.row, i.value.role ?? 'S', mc.digits)),
      };
    });
  }

  async function reversePayment(input: unknown, options?: unknown): Promise<MoneyRowResult> {
    const i = parseArg(reversePaymentSchema, input, 'reversal');
    if (!i.ok) return i.refusal;
    const o = parseArg(commandOptionsSchema, options, 'options');
    if (!o.ok) return o.refusal;
    const m = meta('reverse-payment', o.value?.commandId, i.value.role);
    return runCommand(storage, m, i.value, async (tx) => {
      const target = await tx.payment(i.value.paymentId);
      const order = target && (await tx.order(target.orderId));
      if (!target || !order) return { result: refused('not-found', `No payment ${i.value.paymentId}.`, { reason: 'unknown-payment', id: i.value.paymentId }) };
      const [mc, rows] = await Promise.all([moneyContext(tx, m), tx.paymentsOfOrder(order.id)]);
      const decided = decideReversal(mc, order, rows, target.id, i.value.reason);
      if (!decided.ok) return { result: decided };
      const after = orderMoney(order.total, [...rows, decided.row]);
      return {
        result: { ok: true as const, paymentId: decided.row.id, paid: after.paid, refunded: after.refunded, balance: after.balance },
        // Without a role (an older caller, a command pushed from before): the Seller, as before.
        write: (w) => writeRow(w, decided.row, moneyEvent(m, order, decided.row, i.value.role ?? 'S', mc.digits)),
      };
    });
  }

  async function openTill(input: unknown, options?: unknown): Promise<TillResult> {
    const i = parseArg(openTillSchema, input, 'till');
    if (!i.ok) return i.refusal;
    const o = parseArg(commandOptionsSchema, options, 'options');
    if (!o.ok) return o.refusal;
    const m = meta('open-till', o.value?.commandId);
    return runCommand(storage, m, i.value, async (tx) => {
      const mc = await moneyContext(tx, m);
      const decided = decideOpenTill(mc, i.value.float, i.value.note ?? null);
      if (!decided.ok) return { result: decided };
      return { result: { ok: true as const, tillId: decided.till.id, report: zReport(decided.till, [], mc.methods) }, write: (w) => w.putTill(decided.till) };
    });
  }

  async function closeTill(input: unknown, options?: unknown): Promise<TillResult> {
    const i = parseArg(closeTillSchema, input, 'till');
    if (!i.ok) return i.refusal;
    const o = parseArg(commandOptionsSchema, options, 'options');
    if (!o.ok) return o.refusal;
    const m = meta('close-till', o.value?.commandId);
    return runCommand(storage, m, i.value, async (tx) => {
      const mc = await moneyContext(tx, m);
      const rows = mc.till ? await tx.paymentsOfTill(mc.till.id) : [];
      const decided = decideCloseTill(mc, rows, i.value.counted, i.value.note ?? null);
      if (!decided.ok) return { result: decided };
      return { result: { ok: true as const, tillId: decided.till.id, report: zReport(decided.till, rows, mc.methods) }, write: (w) => w.putTill(decided.till) };
    });
  }

  /** The Z report of a till session as it stands (open or closed). */
  function tillReport(tillId: string): Promise<ZReport | undefined> {
    return storage.read(async (tx) => {
      const [till, rows, methods] = await Promise.all([tx.till(tillId), tx.paymentsOfTill(tillId), tx.settingValue('paymentMethods')]);
      return till && zReport(till, rows, paymentMethodsOf(methods));
    });
  }

  /** The till session open on this device now, if any. */
  function currentTill(): Promise<TillRow | undefined> {
    return storage.read((tx) => tx.openTill(ctx.deviceId));
  }

  return { takePayment, payByAction, refundMoney, reversePayment, openTill, closeTill, tillReport, currentTill };
}

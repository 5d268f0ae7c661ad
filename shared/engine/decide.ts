// The functional core: commands in, a result and a changeset out. Pure given its
// environment (clock value in meta, id and code generators, periods, handlers).
import type { ActResult, Applied, CreateOrderInput, RedeemResult, Refused } from '../api';
import type { EntityRef, ItemRow, OrderRow, OrderType, TimerRow } from '../db/rows';
import type { Effect } from '../workflow/schema';
import type { WorkflowRegistry } from '../workflows';
import { periodLength, type Periods } from '../settings/periods';
import { isStockRefusal } from '../inventory/refusals';
import { commitLine, releaseLine, reserveLine, restockLine } from '../inventory/reservations';
import { createOrderInputSchema, describeInputError } from './input';
import { OrderWork, type CommandMeta, type OrderSnapshot } from './work';
import { validUntilEnd } from './validUntil';

/** Code that effects may name ("handler" effects) for what cannot be said as data. */
export type EffectHandler = (work: OrderWork, subject: EntityRef) => void;

export interface EngineEnv {
  registry: WorkflowRegistry;
  periods: Periods;
  handlers: Readonly<Record<string, EffectHandler>>;
  newId: () => string;
  /** A fresh 10-digit attendance code. */
  voucherCode: () => string;
  /** The counter's UTC offset in minutes, for where a valid-until day ends; UTC when absent. */
  utcOffsetMinutes?: number;
}

export interface Decision<R> {
  result: R;
  work: OrderWork | null;
}

const MAX_CASCADE_DEPTH = 16;

/** Runs `body`; a refusal or a throwing effect leaves nothing to write. */
function guarded<R extends { ok: boolean }>(work: OrderWork, body: () => R): Decision<R | Refused> {
  try {
    const result = body();
    return { result, work: result.ok ? work : null };
  } catch (error) {
    if (isStockRefusal(error)) return { result: error.toRefused(), work: null };
    const message = error instanceof Error ? error.message : String(error);
    return { result: { ok: false, code: 'effect-failed', message: `Nothing was changed: ${message}` }, work: null };
  }
}

// --- act ---------------------------------------------------------------------

export function decideAct(
  env: EngineEnv,
  snapshot: OrderSnapshot,
  meta: CommandMeta,
  ref: EntityRef,
  role: string,
  action: string,
): Decision<ActResult> {
  const wf = env.registry.get(snapshot.order.workflowId, snapshot.order.workflowVersion);
  return decideActWith(env, new OrderWork(snapshot, wf, meta, env.newId), ref, role, action);
}

function decideActWith(env: EngineEnv, work: OrderWork, ref: EntityRef, role: string, action: string): Decision<ActResult> {
  return guarded(work, () => {
    const first = perform(env, work, ref, role, action, { system: false, depth: 0 });
    // An item's panel shows its open refund sheet's actions: route those to the sheet.
    if (!first.ok && ref.kind === 'item' && (first.code === 'unknown-action' || first.code === 'wrong-role')) {
      const sheet = work.openRefundOf(ref.id);
      if (sheet) {
        const viaSheet = perform(env, work, { kind: 'refund', id: sheet.id }, role, action, { system: false, depth: 0 });
        if (viaSheet.ok || viaSheet.code !== 'unknown-action') return viaSheet;
      }
    }
    return first;
  });
}

/**
 * An action card scanned on an open order: apply the action where it is possible now —
 * the preferred part (a line scanned before), else the order, else the one line or sheet
 * that allows it. Several places refuse as ambiguous; none refuses with the reason given
 * by the part that has the action. One snapshot, one transaction.
 */
export function decideActOnOrder(
  env: EngineEnv,
  snapshot: OrderSnapshot,
  meta: CommandMeta,
  role: string,
  action: string,
  prefer?: EntityRef,
): Decision<ActResult & { target?: EntityRef }> {
  const wf = env.registry.get(snapshot.order.workflowId, snapshot.order.workflowVersion);
  const work = new OrderWork(snapshot, wf, meta, env.newId);
  const ctx = work.context();
  const parts: EntityRef[] = [
    { kind: 'order', id: work.order.id },
    ...work.itemList().map((i): EntityRef => ({ kind: 'item', id: i.id })),
    ...[...work.refunds.values()].filter((r) => wf.isOpenRefund(r.state)).map((r): EntityRef => ({ kind: 'refund', id: r.id })),
  ];
  const verdicts = parts.map((ref) => wf.resolve(work.subject(ref)!, ctx, role, action, { system: false }));
  const allowed = parts.filter((_, i) => verdicts[i]!.ok);
  // A line and its open sheet are one place at the counter: keep the line.
  const sheetItem = (ref: EntityRef) => (ref.kind === 'refund' ? work.refunds.get(ref.id)?.itemId : undefined);
  const places = allowed
    .map((ref) => (ref.kind === 'refund' ? ({ kind: 'item', id: sheetItem(ref)! } as EntityRef) : ref))
    .filter((ref, i, all) => all.findIndex((r) => r.kind === ref.kind && r.id === ref.id) === i);
  const same = (a: EntityRef, b?: EntityRef) => !!b && a.kind === b.kind && a.id === b.id;
  const preferred = prefer?.kind === 'refund' ? ({ kind: 'item', id: sheetItem(prefer) ?? '' } as EntityRef) : prefer;
  const target =
    places.find((p) => same(p, preferred)) ?? places.find((p) => p.kind === 'order') ?? (places.length === 1 ? places[0] : undefined);
  if (!target && places.length > 1) {
    const lines = places.map((p) => `line ${work.items.get(p.id)?.lineNo ?? '?'}`).join(', ');
    return { result: { ok: false, code: 'ambiguous', message: `"${action}" is possible on ${lines}: scan the line first.`, details: places }, work: null };
  }
  if (!target) {
    // Not possible anywhere now: the reason from the part that has this action at all.
    const known = verdicts.find((v) => !v.ok && v.code !== 'unknown-action') ?? verdicts[0]!;
    return { result: known as Refused, work: null };
  }
  const decision = decideActWith(env, work, target, role, action);
  return decision.result.ok ? { ...decision, result: { ...decision.result, target } } : decision;
}

interface PerformOptions {
  /** System steps (cascades, timers) may take hidden actions. */
  system: boolean;
  depth: number;
}

export function perform(env: EngineEnv, work: OrderWork, ref: EntityRef, role: string, action: string, opts: PerformOptions): ActResult {
  if (opts.depth > MAX_CASCADE_DEPTH) throw new Error(`cascade deeper than ${MAX_CASCADE_DEPTH} steps at "${action}"`);
  const subject = work.subject(ref);
  if (!subject) return { ok: false, code: 'not-found', message: `No ${ref.kind} ${ref.id} in order ${work.order.number}.` };
  const resolution = work.wf.resolve(subject, work.context(), role, action, opts);
  if (!resolution.ok) return resolution;
  const { row } = resolution;
  const eventsBefore = work.events.length;
  const from = work.setState(ref, row.to);
  const roleCode = role.trim().toUpperCase();
  work.event('transition', { entity: ref, role: roleCode, action: row.action, from, to: row.to, postAction: row.postAction ?? null });
  const effects = [...(row.effects ?? []), ...(row.postAction ? (work.wf.definition.postActions[row.postAction] ?? []) : [])];
  for (const effect of effects) runEffect(env, work, effect, ref, opts.depth);
  if (ref.kind === 'order' && from !== row.to && isTerminal(work, row.to)) cancelPendingTimers(work, `order reached ${row.to}`);
  const applied: Applied = {
    ok: true,
    from,
    to: row.to,
    postAction: row.postAction ?? null,
    events: work.events.length - eventsBefore,
    stateVersion: work.entity(ref)!.stateVersion,
  };
  return applied;
}

function isTerminal(work: OrderWork, state: string): boolean {
  const orderMachine = Object.values(work.wf.definition.machines).find((m) => m.entity === 'order');
  return orderMachine?.states[state]?.terminal === true;
}

function cancelPendingTimers(work: OrderWork, why: string): void {
  for (const timer of work.pendingTimers()) {
    work.putTimer({ ...timer, status: 'cancelled', doneAt: work.meta.at, outcome: why });
    work.event('timer-cancelled', { entity: timer.target, role: timer.role, action: timer.action ?? timer.setFlag ?? '', detail: why });
  }
}

// --- effects -------------------------------------------------------------------

function targets(work: OrderWork, from: EntityRef, target: 'self' | 'order' | 'items' | 'item' | 'refund'): EntityRef[] {
  const itemOf = (): string | undefined =>
    from.kind === 'item' ? from.id : from.kind === 'refund' ? work.refunds.get(from.id)?.itemId : work.itemList()[0]?.id;
  switch (target) {
    case 'self':
      return [from];
    case 'order':
      return [{ kind: 'order', id: work.order.id }];
    case 'items':
      return work.itemList().map((i) => ({ kind: 'item', id: i.id }));
    case 'item': {
      const id = itemOf();
      return id ? [{ kind: 'item', id }] : [];
    }
    case 'refund': {
      if (from.kind === 'refund') return [from];
      const itemIds = from.kind === 'item' ? [from.id] : work.itemList().map((i) => i.id);
      return itemIds.flatMap((id) => {
        const sheet = work.openRefundOf(id);
        return sheet ? [{ kind: 'refund' as const, id: sheet.id }] : [];
      });
    }
  }
}

function runEffect(env: EngineEnv, work: OrderWork, effect: Effect, subjectRef: EntityRef, depth: number): void {
  if (effect.when) {
    const subject = work.subject(subjectRef);
    if (!subject || !work.wf.evaluate(effect.when, subject, work.context())) return;
  }
  switch (effect.kind) {
    case 'cascade':
      // Rows that do not apply to a target (wrong state, guard) are skipped: a cascade
      // reaches every child for which the action means something now.
      for (const ref of targets(work, subjectRef, effect.target)) {
        perform(env, work, ref, effect.role, effect.action, { system: true, depth: depth + 1 });
      }
      return;
    case 'schedule':
      for (const ref of targets(work, subjectRef, effect.target)) schedule(env, work, effect, ref);
      return;
    case 'extendTimer': {
      const timer = work.pendingTimers().find((t) => t.key === effect.key);
      work.setFlag(effect.onceFlag);
      work.event('flag-set', { entity: { kind: 'order', id: work.order.id }, detail: effect.onceFlag });
      if (!timer) return;
      const by = periodLength(env.periods, effect.by);
      work.putTimer({ ...timer, dueAt: timer.dueAt + by });
      work.event('timer-extended', { entity: timer.target, role: timer.role, action: timer.action ?? '', detail: `due ${new Date(timer.dueAt + by).toISOString()}` });
      return;
    }
    case 'setFlag':
      work.setFlag(effect.flag);
      work.event('flag-set', { entity: { kind: 'order', id: work.order.id }, detail: effect.flag });
      return;
    case 'openRefund': {
      const [itemRef] = targets(work, subjectRef, 'item');
      if (!itemRef) throw new Error('no order line to open a refund sheet for');
      const id = env.newId();
      work.addRefund({
        id,
        orderId: work.order.id,
        itemId: itemRef.id,
        kind: effect.refundKind,
        state: effect.state,
        stateVersion: 1,
        amount: null,
        createdAt: work.meta.at,
        updatedAt: work.meta.at,
      });
      work.event('refund-opened', { entity: { kind: 'refund', id }, to: effect.state, detail: effect.refundKind });
      return;
    }
    case 'closeRefunds':
      for (const sheet of [...work.refunds.values()]) {
        if (sheet.state === null || !effect.inStates.includes(sheet.state)) continue;
        const ref: EntityRef = { kind: 'refund', id: sheet.id };
        const from = work.setState(ref, effect.to);
        work.event('refunds-closed', { entity: ref, from, to: effect.to });
      }
      return;
    case 'issueVouchers':
      issueVouchers(env, work);
      return;
    case 'setVouchers': {
      let changed = 0;
      for (const v of [...work.vouchers.values()]) {
        if (!effect.from.includes(v.state)) continue;
        work.putVoucher({ ...v, state: effect.to as typeof v.state, updatedAt: work.meta.at }, false);
        changed += 1;
      }
      if (changed) work.event('vouchers-changed', { entity: { kind: 'order', id: work.order.id }, from: effect.from.join('|'), to: effect.to, detail: `${changed}` });
      return;
    }
    case 'stock':
      runStockEffect(work, effect.op, subjectRef);
      return;
    case 'handler': {
      const handler = env.handlers[effect.name];
      if (!handler) throw new Error(`no handler named "${effect.name}" is registered`);
      handler(work, subjectRef);
      return;
    }
  }
}

function schedule(env: EngineEnv, work: OrderWork, effect: Extract<Effect, { kind: 'schedule' }>, target: EntityRef): void {
  const entity = work.entity(target);
  if (!entity) return;
  let dueAt: number;
  if (effect.at === 'validUntil') {
    const until = work.itemList().find((i) => i.validUntil)?.validUntil;
    const end = until ? validUntilEnd(until, env.utcOffsetMinutes) : null;
    if (end === null) return; // nothing to expire
    dueAt = end;
  } else {
    dueAt = work.meta.at + periodLength(env.periods, effect.after!);
  }
  // One pending timer per key and target: a newer schedule replaces the older.
  for (const old of work.pendingTimers()) {
    if (old.key === effect.key && old.target.kind === target.kind && old.target.id === target.id) {
      work.putTimer({ ...old, status: 'cancelled', doneAt: work.meta.at, outcome: 'replaced by a newer schedule' });
    }
  }
  const timer: TimerRow = {
    id: env.newId(),
    orderId: work.order.id,
    orderNumber: work.order.number,
    target,
    key: effect.key,
    role: effect.role.toUpperCase(),
    action: effect.action ?? null,
    setFlag: effect.setFlag ?? null,
    guard: effect.guard ?? null,
    onBlockedFlag: effect.onBlockedFlag ?? null,
    dueAt,
    stateVersion: entity.stateVersion,
    status: 'pending',
    createdAt: work.meta.at,
    doneAt: null,
    outcome: null,
    commandId: work.meta.commandId,
  };
  work.putTimer(timer);
  work.event('timer-scheduled', {
    entity: target,
    role: timer.role,
    action: timer.action ?? `set ${timer.setFlag}`,
    detail: new Date(dueAt).toISOString(),
  });
}

function issueVouchers(env: EngineEnv, work: OrderWork): void {
  const vouchersCfg = work.wf.definition.vouchers;
  if (!vouchersCfg) throw new Error('this workflow issues no vouchers');
  let issued = 0;
  for (const item of work.itemList()) {
    const uses = Math.max(1, item.serviceTimes) * item.qty;
    for (let n = 0; n < uses; n++) {
      let code = env.voucherCode();
      while (work.vouchers.has(code)) code = env.voucherCode();
      work.putVoucher({ code, orderId: work.order.id, itemId: item.id, state: vouchersCfg.issueState as 'Un', updatedAt: work.meta.at }, true);
      issued += 1;
    }
  }
  work.event('vouchers-issued', { entity: { kind: 'order', id: work.order.id }, to: vouchersCfg.issueState, detail: `${issued}` });
}

function runStockEffect(work: OrderWork, op: 'reserve' | 'commit' | 'release' | 'restock', subjectRef: EntityRef): void {
  const items: ItemRow[] =
    subjectRef.kind === 'order'
      ? work.itemList()
      : [work.items.get(subjectRef.kind === 'item' ? subjectRef.id : (work.refunds.get(subjectRef.id)?.itemId ?? ''))].filter((i): i is ItemRow => !!i);
  const fn = { reserve: reserveLine, commit: commitLine, release: releaseLine, restock: restockLine }[op];
  for (const item of items) {
    const summary = fn(work.stock, { orderId: work.order.id, itemId: item.id, sku: item.sku, qty: item.qty }, work.meta);
    if (summary) work.event('stock', { entity: { kind: 'item', id: item.id }, action: op, detail: summary });
  }
}

// --- create ----------------------------------------------------------------------

export interface CreateSnapshot {
  stock: OrderSnapshot['stock'];
  /** Last number used on this device for the order type's prefix. */
  sequence: number;
}

export function orderNumberPrefix(type: OrderType): string {
  return type === 'product' ? 'PO' : 'SO';
}

export function formatOrderNumber(type: OrderType, devicePrefix: string, seq: number): string {
  const prefix = devicePrefix ? `${orderNumberPrefix(type)}-${devicePrefix}` : orderNumberPrefix(type);
  return `${prefix}-${String(seq).padStart(6, '0')}`;
}

export function decideCreate(
  env: EngineEnv,
  snapshot: CreateSnapshot,
  meta: CommandMeta,
  type: OrderType,
  rawInput: unknown,
  devicePrefix: string,
): Decision<{ ok: true; orderId: string; number: string } | Refused> & { sequence: number } {
  const parsed = createOrderInputSchema.safeParse(rawInput);
  const wf = env.registry.latestFor(type);
  if (!parsed.success) {
    return { result: { ok: false, code: 'invalid-input', message: describeInputError(parsed.error) }, work: null, sequence: snapshot.sequence };
  }
  const input: CreateOrderInput = parsed.data;
  const maxLines = wf.definition.maxLines;
  if (maxLines && input.lines.length > maxLines) {
    const message = `A ${type} order has at most ${maxLines} line${maxLines > 1 ? 's' : ''}; this one has ${input.lines.length}.`;
    return { result: { ok: false, code: 'invalid-input', message }, work: null, sequence: snapshot.sequence };
  }
  const sequence = snapshot.sequence + 1;
  const orderId = env.newId();
  const number = formatOrderNumber(type, devicePrefix, sequence);
  const order: OrderRow = {
    id: orderId,
    orderId,
    number,
    type,
    workflowId: wf.id,
    workflowVersion: wf.version,
    state: null,
    stateVersion: 0,
    buyerId: input.buyerId,
    buyerName: input.buyerName ?? input.buyerId,
    address: input.address ?? '',
    flags: {},
    total: input.lines.reduce((sum, l) => sum + (l.price ?? (l.unitPrice ?? 0) * l.qty), 0),
    lineCount: input.lines.length,
    nextTimer: null,
    openRefunds: 0,
    createdAt: meta.at,
    updatedAt: meta.at,
    deviceId: meta.deviceId,
    operator: meta.operator,
  };
  const items: ItemRow[] = input.lines.map((line, index) => ({
    id: env.newId(),
    orderId,
    lineNo: index + 1,
    sku: line.sku,
    qty: line.qty,
    price: line.price ?? (line.unitPrice ?? 0) * line.qty,
    unitPrice: line.unitPrice ?? (line.price !== undefined ? line.price / line.qty : 0),
    serviceTimes: line.serviceTimes ?? 1,
    validUntil: line.validUntil ?? null,
    state: null,
    stateVersion: 0,
    updatedAt: meta.at,
  }));
  const work = new OrderWork({ order, items, refunds: [], vouchers: [], timers: [], stock: snapshot.stock }, wf, meta, env.newId, true);
  const decision = guarded(work, () => {
    const applied = perform(env, work, { kind: 'order', id: orderId }, 'B', 'create order', { system: false, depth: 0 });
    return applied.ok ? ({ ok: true, orderId, number } as const) : applied;
  });
  return { ...decision, sequence };
}

// --- timers --------------------------------------------------------------------

export type TimerOutcome = { ok: true; fired: boolean; outcome: string };

export function decideTimer(env: EngineEnv, snapshot: OrderSnapshot, meta: CommandMeta, timerId: string): Decision<TimerOutcome | Refused> {
  const wf = env.registry.get(snapshot.order.workflowId, snapshot.order.workflowVersion);
  const work = new OrderWork(snapshot, wf, meta, env.newId);
  return guarded(work, (): TimerOutcome | Refused => {
    const timer = work.timers.get(timerId);
    if (!timer || timer.status !== 'pending') return { ok: false, code: 'not-found', message: 'That timer is no longer pending.' };
    const finish = (status: 'fired' | 'skipped', outcome: string): TimerOutcome => {
      work.putTimer({ ...timer, status, doneAt: meta.at, outcome });
      work.event(status === 'fired' ? 'timer-fired' : 'timer-skipped', {
        entity: timer.target,
        role: timer.role,
        action: timer.action ?? `set ${timer.setFlag}`,
        detail: outcome,
      });
      return { ok: true, fired: status === 'fired', outcome };
    };
    const entity = work.entity(timer.target);
    const subject = work.subject(timer.target);
    if (!entity || !subject) return finish('skipped', 'its entity is gone');
    if (entity.stateVersion !== timer.stateVersion) {
      return finish('skipped', `the ${timer.target.kind} has left the state it was in (now ${entity.state})`);
    }
    if (timer.setFlag) {
      work.setFlag(timer.setFlag);
      return finish('fired', `${timer.setFlag} set`);
    }
    if (timer.guard && !wf.evaluate(timer.guard, subject, work.context())) {
      if (timer.onBlockedFlag) work.setFlag(timer.onBlockedFlag);
      return finish('skipped', `not done: it needs ${wf.describe(timer.guard)}${timer.onBlockedFlag ? `; ${timer.onBlockedFlag} set` : ''}`);
    }
    // Mark the timer first so the action's own effects see it as done.
    work.putTimer({ ...timer, status: 'fired', doneAt: meta.at });
    const result = perform(env, work, timer.target, timer.role, timer.action!, { system: true, depth: 0 });
    if (!result.ok) return finish('skipped', result.message);
    return finish('fired', `${entity.state}`);
  });
}

// --- vouchers ------------------------------------------------------------------

export function decideRedeem(
  env: EngineEnv,
  snapshot: OrderSnapshot,
  meta: CommandMeta,
  code: string,
): Decision<RedeemResult> {
  const wf = env.registry.get(snapshot.order.workflowId, snapshot.order.workflowVersion);
  const work = new OrderWork(snapshot, wf, meta, env.newId);
  const cfg = wf.definition.vouchers;
  const decision = guarded(work, (): RedeemResult | Refused => {
    const voucher = work.vouchers.get(code);
    if (!cfg || !voucher) return { ok: false, code: 'not-found', message: unknownVoucherMessage(code) };
    const state = work.order.state ?? '';
    if (cfg.refuseInOrderStates.includes(state)) {
      const label = wf.stateLabel({ kind: 'order', state }, work.context());
      return { ok: false, code: 'not-allowed-in-state', message: `Code ${code} cannot be used: order ${work.order.number} is ${label} (${state}).` };
    }
    if (!cfg.redeem.from.includes(voucher.state)) {
      return { ok: false, code: 'not-allowed-in-state', message: voucherStateMessage(code, voucher.state) };
    }
    const item = work.items.get(voucher.itemId);
    const end = item?.validUntil ? validUntilEnd(item.validUntil, env.utcOffsetMinutes) : null;
    if (item?.validUntil && end !== null && meta.at > end) {
      return { ok: false, code: 'guard-failed', message: `Code ${code} expired on ${item.validUntil.slice(0, 10)}; the service was valid until then.` };
    }
    work.putVoucher({ ...voucher, state: cfg.redeem.to as typeof voucher.state, updatedAt: meta.at }, false);
    work.event('voucher-redeemed', { entity: { kind: 'item', id: voucher.itemId }, from: voucher.state, to: cfg.redeem.to, detail: code });
    const left = [...work.vouchers.values()].filter((v) => cfg.redeem.from.includes(v.state)).length;
    if (left === 0) {
      perform(env, work, { kind: 'order', id: work.order.id }, cfg.whenAllUsed.role, cfg.whenAllUsed.action, { system: true, depth: 0 });
    }
    return {
      ok: true,
      orderId: work.order.id,
      message: left === 0 ? `Code ${code} accepted. That was the last use of order ${work.order.number}.` : `Code ${code} accepted. ${left} use${left === 1 ? '' : 's'} left on order ${work.order.number}.`,
    };
  });
  const result = decision.result;
  return { work: decision.work, result: result.ok ? result : { ok: false, message: result.message } };
}

export function unknownVoucherMessage(code: string): string {
  return `Code ${code} is not a known attendance code. Check the digits and scan again.`;
}

function voucherStateMessage(code: string, state: string): string {
  switch (state) {
    case 'Us':
      return `Code ${code} has already been used.`;
    case 'Re':
      return `Code ${code} has been refunded and can no longer be used.`;
    case 'Ex':
      return `Code ${code} has expired.`;
    default:
      return `Code ${code} cannot be used now (${state}).`;
  }
}


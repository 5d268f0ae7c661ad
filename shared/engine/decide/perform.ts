// One transition and everything it sets off: its effects (cascades, timers, flags, refund
// sheets, vouchers, stock, handlers), depth-limited, and bounded in total by the command's
// event budget (OrderWork.event).
import type { ActResult, Applied, Refused } from '../../api';
import type { EntityRef, ItemRow, TimerRow } from '../../db/rows';
import { refundKindSchema, type Effect, type Transition } from '../../workflow/schema';
import { checkInput, type ActionInput, type InputBounds } from '../../workflow/input';
import { periodLength } from '../../settings/periods';
import { commitLine, releaseLine, reserveLine, restockLine } from '../../inventory/reservations';
import { LIMITS } from '../../limits';

const { MAX_CASCADE_DEPTH } = LIMITS;
import { EngineRefusal, refused } from '../command';
import type { OrderWork } from '../work';
import type { EngineEnv } from './env';
import { validUntilEnd } from '../validUntil';
import { norm } from '../../workflow/check';

export interface PerformOptions {
  /** System steps (cascades, timers) may take hidden actions. */
  system: boolean;
  depth: number;
  /** What a person's action carries (checked against the row's `input` here); system
   *  steps carry none. */
  input?: unknown;
}

export function perform(env: EngineEnv, work: OrderWork, ref: EntityRef, role: string, action: string, opts: PerformOptions): ActResult {
  if (opts.depth > MAX_CASCADE_DEPTH) {
    throw new EngineRefusal(
      refused('limit-exceeded', `The workflow cascades deeper than ${MAX_CASCADE_DEPTH} steps at "${action}"; nothing was changed. Check the workflow definition.`, { reason: 'cascade-depth', limit: MAX_CASCADE_DEPTH, action }),
    );
  }
  const subject = work.subject(ref);
  if (!subject) return refused('not-found', `No ${ref.kind} ${ref.id} in order ${work.order.number}.`, { reason: 'no-subject', kind: ref.kind, id: ref.id, order: work.order.number });
  const resolution = work.wf.resolve(subject, work.context(), role, action, opts);
  if (!resolution.ok) return resolution;
  const { row } = resolution;
  if (!opts.system && work.wf.isExpiryAction(row.action)) {
    const early = notExpiredYet(env, work, row.action);
    if (early) return early;
  }
  let input: ActionInput = {};
  if (!opts.system) {
    const checked = checkInput(row.input, opts.input, boundsOf(env, work, ref));
    if (!checked.ok) {
      const r = checked.refusal;
      return refused('invalid-input', `"${row.action}": ${r.message}; nothing was changed.`, {
        reason: 'action-input',
        action: row.action,
        field: r.field,
        label: r.label,
        problem: r.problem,
        limit: r.limit,
      });
    }
    input = checked.value;
  }
  const eventsBefore = work.events.length;
  const from = work.setState(ref, row.to);
  if (from === row.to) work.noteRecorded(ref, norm(row.action));
  const roleCode = role.trim().toUpperCase();
  const data = Object.keys(input).length ? { data: input } : {};
  work.event('transition', { entity: ref, role: roleCode, action: row.action, from, to: row.to, postAction: row.postAction ?? null, ...data });
  const effects = [...(row.effects ?? []), ...(row.postAction ? (work.wf.definition.postActions[row.postAction] ?? []) : [])];
  for (const effect of effects) runEffect(env, work, effect, ref, opts.depth, input, row);
  if (ref.kind === 'order' && from !== row.to && isTerminal(work, row.to)) cancelPendingTimers(work, row.to);
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

/** The figures an input bound may name: the price of the subject's line, the order's total. */
function boundsOf(env: EngineEnv, work: OrderWork, ref: EntityRef): InputBounds {
  const itemId = ref.kind === 'item' ? ref.id : ref.kind === 'refund' ? work.refunds.get(ref.id)?.itemId : undefined;
  const item = itemId === undefined ? undefined : work.items.get(itemId);
  return { ...(item ? { linePrice: item.price } : {}), orderTotal: work.order.total, ...(env.choiceLists ? { lists: env.choiceLists } : {}) };
}

/** A person says a line's validity has ended: refused while it has not (or has no end). */
function notExpiredYet(env: EngineEnv, work: OrderWork, action: string): Refused | null {
  const until = work.itemList().find((i) => i.validUntil)?.validUntil ?? null;
  const end = until ? validUntilEnd(until, env.utcOffsetMinutes) : null;
  if (until && end !== null && work.meta.at > end) return null;
  const date = until ? until.slice(0, 10) : null;
  const message = date
    ? `"${action}" is not possible yet: the service is valid until ${date}, and its codes expire only after that day.`
    : `"${action}" is not possible: this service has no valid-until date, so its codes never expire.`;
  return refused('guard-failed', message, { reason: date ? 'not-expired' : 'never-expires', action, date });
}

function isTerminal(work: OrderWork, state: string): boolean {
  const orderMachine = Object.values(work.wf.definition.machines).find((m) => m.entity === 'order');
  return orderMachine?.states[state]?.terminal === true;
}

/** The order reached `state`, a terminal one: nothing it waited for will happen. */
function cancelPendingTimers(work: OrderWork, state: string): void {
  const why = `order reached ${state}`;
  for (const timer of work.pendingTimers()) {
    work.putTimer({ ...timer, status: 'cancelled', doneAt: work.meta.at, outcome: why });
    work.event('timer-cancelled', { entity: timer.target, role: timer.role, action: timer.action ?? (timer.setFlag ? `set ${timer.setFlag}` : ''), detail: why, data: { reason: 'order-terminal', state } });
  }
}

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

function runEffect(env: EngineEnv, work: OrderWork, effect: Effect, subjectRef: EntityRef, depth: number, input: ActionInput, row: Transition): void {
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
      work.event('flag-set', { entity: { kind: 'order', id: work.order.id }, detail: effect.onceFlag, data: { flag: effect.onceFlag } });
      if (!timer) return;
      const by = periodLength(env.periods, effect.by);
      work.putTimer({ ...timer, dueAt: timer.dueAt + by });
      work.event('timer-extended', { entity: timer.target, role: timer.role, action: timer.action ?? '', detail: `due ${new Date(timer.dueAt + by).toISOString()}`, data: { due: timer.dueAt + by } });
      return;
    }
    case 'setFlag':
      // Already holds: nothing to change, nothing to record.
      if (work.order.flags[effect.flag] === true) return;
      work.setFlag(effect.flag);
      work.event('flag-set', { entity: { kind: 'order', id: work.order.id }, detail: effect.flag, data: { flag: effect.flag } });
      return;
    case 'openRefund': {
      const [itemRef] = targets(work, subjectRef, 'item');
      if (!itemRef) throw new Error('no order line to open a refund sheet for');
      const id = env.newId();
      const price = work.items.get(itemRef.id)?.price ?? 0;
      // The amount the person entered, else the whole line (checked <= the price by its declaration).
      const given = effect.amount === undefined ? undefined : input[effect.amount];
      const amount = effect.amount === undefined ? null : typeof given === 'number' ? given : price;
      work.addRefund({
        id,
        orderId: work.order.id,
        itemId: itemRef.id,
        kind: effect.refundKind,
        state: effect.state,
        stateVersion: 1,
        amount,
        createdAt: work.meta.at,
        updatedAt: work.meta.at,
      });
      work.event('refund-opened', { entity: { kind: 'refund', id }, to: effect.state, detail: effect.refundKind, data: { refundKind: effect.refundKind, ...(amount === null ? {} : { amount }) } });
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
      if (changed) work.event('vouchers-changed', { entity: { kind: 'order', id: work.order.id }, from: effect.from.join('|'), to: effect.to, detail: `${changed}`, data: { count: changed } });
      return;
    }
    case 'stock':
      runStockEffect(work, effect.op, subjectRef);
      return;
    case 'shipment':
      requestShipment(work, effect, subjectRef, input, row);
      return;
    case 'setRefundKind': {
      // The chosen kind (a declared choice, already checked); not given: the sheet keeps its kind.
      const chosen = refundKindSchema.safeParse(input[effect.field]);
      if (subjectRef.kind !== 'refund' || !chosen.success) return;
      work.setRefundKind(subjectRef, chosen.data);
      return;
    }
    case 'handler': {
      const handler = env.handlers[effect.name];
      if (!handler) throw new Error(`no handler named "${effect.name}" is registered`);
      handler(work, subjectRef, input);
      return;
    }
  }
}

/** An input refusal of the shipment's fields, worded like the declaration's own. */
function shipmentFieldRefusal(row: Transition, field: string, problem: 'missing' | 'too-small', message: string, limit: number | null = null): EngineRefusal {
  const label = row.input?.find((f) => f.name === field)?.label ?? field;
  return new EngineRefusal(
    refused('invalid-input', `"${row.action}": ${label}: ${message}; nothing was changed.`, { reason: 'action-input', action: row.action, field, label, problem, limit }),
  );
}

/** The shipment effect: what the action carried becomes a request the shell fulfils in the
 *  same transaction. Neither carrier nor tracking number: the goods left without a carrier's
 *  parcel (collected, own van), so no shipment; one without the other is refused. */
function requestShipment(work: OrderWork, effect: Extract<Effect, { kind: 'shipment' }>, subjectRef: EntityRef, input: ActionInput, row: Transition): void {
  const carrier = input[effect.carrier];
  const raw = input[effect.trackingNumbers];
  const numbers = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
  if (carrier === undefined && numbers.length === 0) return;
  if (typeof carrier !== 'string') throw shipmentFieldRefusal(row, effect.carrier, 'missing', 'say which carrier takes the parcel');
  if (!numbers.length) throw shipmentFieldRefusal(row, effect.trackingNumbers, 'missing', 'a shipment needs its tracking number');
  const given = effect.parcels === undefined ? undefined : input[effect.parcels];
  const parcels = typeof given === 'number' ? given : numbers.length;
  // Each tracking number is a parcel's; one number may cover several parcels.
  if (parcels < numbers.length) throw shipmentFieldRefusal(row, effect.parcels!, 'too-small', `${numbers.length} tracking numbers need at least ${numbers.length} parcels`, numbers.length);
  work.shipmentRequests.push({
    action: row.action,
    direction: effect.direction,
    carrier,
    trackingNumbers: numbers,
    parcels,
    fields: { carrier: effect.carrier, trackingNumbers: effect.trackingNumbers, parcels: effect.parcels },
    refundId: subjectRef.kind === 'refund' ? subjectRef.id : null,
  });
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
    data: { due: dueAt },
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
      work.putVoucher({ code, orderId: work.order.id, itemId: item.id, state: vouchersCfg.issueState, updatedAt: work.meta.at }, true);
      issued += 1;
    }
  }
  work.event('vouchers-issued', { entity: { kind: 'order', id: work.order.id }, to: vouchersCfg.issueState, detail: `${issued}`, data: { count: issued } });
}

function runStockEffect(work: OrderWork, op: 'reserve' | 'commit' | 'release' | 'restock', subjectRef: EntityRef): void {
  const items: ItemRow[] =
    subjectRef.kind === 'order'
      ? work.itemList()
      : [work.items.get(subjectRef.kind === 'item' ? subjectRef.id : (work.refunds.get(subjectRef.id)?.itemId ?? ''))].filter((i): i is ItemRow => !!i);
  const fn = { reserve: reserveLine, commit: commitLine, release: releaseLine, restock: restockLine }[op];
  for (const item of items) {
    const summary = fn(work.stock, { orderId: work.order.id, itemId: item.id, sku: item.sku, qty: item.qty }, work.meta);
    if (summary) work.event('stock', { entity: { kind: 'item', id: item.id }, action: op, detail: summary.text, data: summary.data });
  }
}

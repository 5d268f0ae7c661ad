// Acting on an order, a line or a refund sheet: the clerk's own actions and an action card
// scanned on an open order.
import type { ActResult, Refused } from '../../api';
import type { EntityRef } from '../../db/rows';
import { OrderWork, type OrderSnapshot } from '../work';
import { refused, type EventMeta } from '../command';
import { guarded, type Decision, type EngineEnv } from './env';
import { perform } from './perform';

export function decideAct(
  env: EngineEnv,
  snapshot: OrderSnapshot,
  meta: EventMeta,
  ref: EntityRef,
  role: string,
  action: string,
  input?: unknown,
): Decision<ActResult> {
  const wf = env.registry.get(snapshot.order.workflowId, snapshot.order.workflowVersion);
  return decideActWith(env, new OrderWork(snapshot, wf, meta, env.newId), ref, role, action, input);
}

function decideActWith(env: EngineEnv, work: OrderWork, ref: EntityRef, role: string, action: string, input?: unknown): Decision<ActResult> {
  return guarded(work, () => {
    const first = perform(env, work, ref, role, action, { system: false, depth: 0, input });
    // An item's panel shows its open refund sheet's actions: route those to the sheet.
    if (!first.ok && ref.kind === 'item' && (first.code === 'unknown-action' || first.code === 'wrong-role')) {
      const sheet = work.openRefundOf(ref.id);
      if (sheet) {
        const viaSheet = perform(env, work, { kind: 'refund', id: sheet.id }, role, action, { system: false, depth: 0, input });
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
  meta: EventMeta,
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
    const lineNos = places.map((p) => String(work.items.get(p.id)?.lineNo ?? '?')).join(',');
    return { result: refused('ambiguous', `"${action}" is possible on ${lines}: scan the line first.`, { action, lines: lineNos }, places), work: null };
  }
  if (!target) {
    // Not possible anywhere now: the reason from the part that has this action at all.
    const known = verdicts.find((v) => !v.ok && v.code !== 'unknown-action') ?? verdicts[0]!;
    return { result: known as Refused, work: null };
  }
  const decision = decideActWith(env, work, target, role, action);
  return decision.result.ok ? { ...decision, result: { ...decision.result, target } } : decision;
}


// What each role may do on a part of an order, and why other actions are disabled: pure,
// over rows the caller already has. The engine answers roleActions/explain with it, and the
// window computes its action panels with it from its live rows (no engine round trip).
import type { ExplainedAction } from '../api';
import type { EntityRef, ItemRow, OrderRow, RefundRow, VoucherRow } from '../db/rows';
import type { OrderContext, Subject, Workflow } from '../workflow/interpreter';
import type { InputBounds } from '../workflow/input';
import type { Transition } from '../workflow/schema';

export interface OrderRows {
  order: OrderRow;
  items: ItemRow[];
  refunds: RefundRow[];
  vouchers: VoucherRow[];
}

export function contextOf(rows: OrderRows): OrderContext {
  return { order: rows.order, items: rows.items, refunds: rows.refunds, vouchers: rows.vouchers };
}

export function subjectOf(rows: OrderRows, ref: EntityRef): Subject | undefined {
  const recorded = (row: { recorded?: string[] }) => (row.recorded ? { recorded: row.recorded } : {});
  if (ref.kind === 'order') return { kind: 'order', state: rows.order.state, ...recorded(rows.order) };
  if (ref.kind === 'item') {
    const item = rows.items.find((i) => i.id === ref.id);
    return item && { kind: 'item', state: item.state, itemId: item.id, ...recorded(item) };
  }
  const sheet = rows.refunds.find((r) => r.id === ref.id);
  return sheet && { kind: 'refund', state: sheet.state, itemId: sheet.itemId, refundKind: sheet.kind, ...recorded(sheet) };
}

/** A line's open refund sheet: its actions show (and are taken) on the line. */
export function openSheetOf(rows: OrderRows, wf: Workflow, itemId: string): RefundRow | undefined {
  return rows.refunds.find((r) => r.itemId === itemId && wf.isOpenRefund(r.state));
}

export function roleActionsOf(wf: Workflow, rows: OrderRows, ref: EntityRef): Record<string, string[]> {
  const subject = subjectOf(rows, ref);
  if (!subject) return {};
  const ctx = contextOf(rows);
  const map = wf.roleActions(subject, ctx);
  const sheet = ref.kind === 'item' ? openSheetOf(rows, wf, ref.id) : undefined;
  if (sheet) {
    const sheetMap = wf.roleActions(subjectOf(rows, { kind: 'refund', id: sheet.id })!, ctx);
    for (const [role, actions] of Object.entries(sheetMap)) map[role] = [...new Set([...(map[role] ?? []), ...actions])];
  }
  return map;
}

export function explainOf(wf: Workflow, rows: OrderRows, ref: EntityRef, role: string): ExplainedAction[] {
  const subject = subjectOf(rows, ref);
  return subject ? wf.explain(subject, contextOf(rows), role) : [];
}

/**
 * The row a person's action would take on this part of the order now (a line's action may
 * be its open refund sheet's), so a screen knows what it asks for (`input`) and whether it
 * asks once more (`confirm`); undefined when the action is not possible there now.
 */
export function actionRowOf(wf: Workflow, rows: OrderRows, ref: EntityRef, role: string, action: string): Transition | undefined {
  return actionTargetOf(wf, rows, ref, role, action)?.row;
}

/** The row and the entity it moves: a line's action may be its open sheet's (act routes it there). */
export function actionTargetOf(wf: Workflow, rows: OrderRows, ref: EntityRef, role: string, action: string): { ref: EntityRef; row: Transition } | undefined {
  const ctx = contextOf(rows);
  const rowAt = (at: EntityRef) => {
    const subject = subjectOf(rows, at);
    const resolved = subject && wf.resolve(subject, ctx, role, action, { system: false });
    return resolved?.ok ? { ref: at, row: resolved.row } : undefined;
  };
  const direct = rowAt(ref);
  if (direct || ref.kind !== 'item') return direct;
  const sheet = openSheetOf(rows, wf, ref.id);
  return sheet ? rowAt({ kind: 'refund', id: sheet.id }) : undefined;
}

/** The figures an input field's bounds may name, for this part of the order (as the engine computes them). */
/**
 * What a form starts with: a row that may switch its refund sheet's kind (setRefundKind)
 * starts at the sheet's kind now, so saving the form as it opens changes nothing else.
 */
export function inputDefaultsOf(wf: Workflow, rows: OrderRows, ref: EntityRef, row: Transition): Record<string, string> {
  const sheet = ref.kind === 'refund' ? rows.refunds.find((r) => r.id === ref.id) : ref.kind === 'item' ? openSheetOf(rows, wf, ref.id) : undefined;
  if (!sheet) return {};
  const out: Record<string, string> = {};
  const effects = [...(row.effects ?? []), ...(row.postAction ? (wf.definition.postActions[row.postAction] ?? []) : [])];
  for (const e of effects) {
    if (e.kind !== 'setRefundKind') continue;
    const field = row.input?.find((f) => f.name === e.field);
    if (field?.type === 'choice' && field.choices?.some((c) => c.value === sheet.kind)) out[field.name] = sheet.kind;
  }
  return out;
}

export function inputBoundsOf(rows: OrderRows, ref: EntityRef): InputBounds {
  const itemId = ref.kind === 'item' ? ref.id : ref.kind === 'refund' ? rows.refunds.find((r) => r.id === ref.id)?.itemId : undefined;
  const item = rows.items.find((i) => i.id === itemId);
  return { ...(item ? { linePrice: item.price } : {}), orderTotal: rows.order.total };
}

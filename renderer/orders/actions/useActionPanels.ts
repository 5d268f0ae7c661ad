// What each part of the order allows now: the order itself and each line (a line's panel
// carries its open refund sheet's actions, as the engine routes them).
import { useMemo } from 'react';
import type { ExplainedAction } from '../../../shared/api';
import type { EntityRef, ItemRow, RefundRow } from '../../../shared/db/rows';
import { explainOf, roleActionsOf } from '../../../shared/engine/panels';
import type { Role } from '../../state/roleStore';
import { useWorkflowCatalog } from '../../workflow/catalog';
import type { OrderData } from '../useOrderData';

export interface PanelTarget {
  ref: EntityRef;
  kind: 'order' | 'item';
  state: string | null;
  item?: ItemRow;
  /** The line's open refund sheet, whose actions the line's panel offers. */
  sheet?: RefundRow;
}

export interface PanelData {
  target: PanelTarget;
  /** What the current role may do now, in the engine's order. */
  mine: string[];
  /** What other roles may do now. */
  others: Array<{ role: string; actions: string[] }>;
  /** The current role's actions that exist here but are not possible now, with the reason. */
  unavailable: ExplainedAction[];
}

export type PanelsState = { phase: 'loading' } | { phase: 'ready'; panels: PanelData[] } | { phase: 'error'; message: string };

/**
 * Computed in the window from the order's live rows with the engine's own pure rules
 * (shared/engine/panels.ts): a commit from any window re-renders the page, and the panels
 * follow without a round trip to the engine worker.
 */
export function useActionPanels(data: OrderData, role: Role): PanelsState {
  const catalog = useWorkflowCatalog();
  const { isOpenRefund, isCreationOnly } = catalog;
  return useMemo((): PanelsState => {
    const wf = catalog.workflow(data.order.workflowId, data.order.workflowVersion);
    if (!wf) return { phase: 'error', message: `Workflow ${data.order.workflowId} v${data.order.workflowVersion} is not installed.` };
    const targets: PanelTarget[] = [
      { ref: { kind: 'order', id: data.order.id }, kind: 'order', state: data.order.state },
      ...data.items.map((item) => ({
        ref: { kind: 'item' as const, id: item.id },
        kind: 'item' as const,
        state: item.state,
        item,
        sheet: data.refunds.find((r) => r.itemId === item.id && isOpenRefund(r.state)),
      })),
    ];
    const panel = (target: PanelTarget): PanelData => {
      const map = roleActionsOf(wf, data, target.ref);
      const explained = explainOf(wf, data, target.ref, role);
      const sheetExplained = target.sheet ? explainOf(wf, data, { kind: 'refund', id: target.sheet.id }, role) : [];
      const mine = map[role] ?? [];
      const others = Object.entries(map)
        .filter(([r, actions]) => r !== role && actions.length > 0)
        .map(([r, actions]) => ({ role: r, actions }));
      const seen = new Set(mine);
      const unavailable: ExplainedAction[] = [];
      for (const e of [...explained, ...sheetExplained]) {
        if (e.enabled || seen.has(e.action)) continue;
        if (e.reason !== 'wrong-state' && e.reason !== 'guard-failed' && e.reason !== 'no-change') continue;
        if (isCreationOnly(e.action)) continue;
        seen.add(e.action);
        unavailable.push(e);
      }
      return { target, mine, others, unavailable };
    };
    return { phase: 'ready', panels: targets.map(panel) };
  }, [data, role, catalog, isOpenRefund, isCreationOnly]);
}

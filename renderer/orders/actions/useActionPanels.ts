// Asks the engine what each part of the order allows now: the order itself and each line
// (a line's panel carries its open refund sheet's actions, as the engine routes them).
// Re-asks whenever the order's rows change (a commit from any window) or the role changes.
import { useEffect, useState } from 'react';
import type { ExplainedAction } from '../../../shared/api';
import type { EntityRef, ItemRow, RefundRow } from '../../../shared/db/rows';
import { useCounter } from '../../engine/client';
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

/** Identity of everything that can change what is allowed. */
function versionKey(data: OrderData): string {
  const parts = [data.order.state, data.order.stateVersion, data.order.updatedAt, JSON.stringify(data.order.flags)];
  for (const i of data.items) parts.push(i.id, i.state, i.stateVersion);
  for (const r of data.refunds) parts.push(r.id, r.state, r.stateVersion);
  for (const v of data.vouchers) parts.push(v.code, v.state);
  return parts.join('|');
}

export function useActionPanels(data: OrderData, role: Role): PanelsState {
  const counter = useCounter();
  const { isOpenRefund, isCreationOnly } = useWorkflowCatalog();
  const [state, setState] = useState<PanelsState>({ phase: 'loading' });
  const key = versionKey(data);

  useEffect(() => {
    let current = true;
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
    const load = async (target: PanelTarget): Promise<PanelData> => {
      const [map, explained, sheetExplained] = await Promise.all([
        counter.roleActions(target.ref),
        counter.explain(target.ref, role),
        target.sheet ? counter.explain({ kind: 'refund', id: target.sheet.id }, role) : Promise.resolve([]),
      ]);
      const mine = map[role] ?? [];
      const others = Object.entries(map)
        .filter(([r, actions]) => r !== role && actions.length > 0)
        .map(([r, actions]) => ({ role: r, actions }));
      const seen = new Set(mine);
      const unavailable: ExplainedAction[] = [];
      for (const e of [...explained, ...sheetExplained]) {
        if (e.enabled || seen.has(e.action)) continue;
        if (e.reason !== 'wrong-state' && e.reason !== 'guard-failed') continue;
        if (isCreationOnly(e.action)) continue;
        seen.add(e.action);
        unavailable.push(e);
      }
      return { target, mine, others, unavailable };
    };
    Promise.all(targets.map(load)).then(
      (panels) => current && setState({ phase: 'ready', panels }),
      (error: unknown) => current && setState({ phase: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
    // `key` stands for the rows; re-reading on every new `data` object would ask needlessly.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, role, counter, isOpenRefund, isCreationOnly]);

  return state;
}

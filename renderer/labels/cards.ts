// Which action cards a role gets: one per action that role can take by hand in a workflow
// (every machine: order, line, refund sheet), in definition order. Creation and system-only
// rows have no card: orders are created on the create-order screen, hidden rows by the engine.
import type { WorkflowDefinition } from '../../shared/workflow/schema';

export interface ActionCardDef {
  action: string;
  /** Where the action applies: 'order', 'item' or 'refund'. */
  entities: string[];
}

export function actionCards(definition: WorkflowDefinition, role: string): ActionCardDef[] {
  const cards = new Map<string, ActionCardDef>();
  for (const machine of Object.values(definition.machines)) {
    if (machine.entity === 'voucher') continue; // vouchers are redeemed by scanning their code
    for (const t of machine.transitions) {
      const roles = Array.isArray(t.role) ? t.role : [t.role];
      if (t.hidden || t.from === null || !roles.includes(role)) continue;
      const card = cards.get(t.action) ?? { action: t.action, entities: [] };
      if (!card.entities.includes(machine.entity)) card.entities.push(machine.entity);
      cards.set(t.action, card);
    }
  }
  return [...cards.values()];
}

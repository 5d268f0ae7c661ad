// What screens and scripts read about orders: the order view, the actions each role may
// take now, and why the others are not possible. Reads only; no command goes through here.
import type { ExplainedAction, OrderView } from '../api';
import type { CounterDb } from '../db/database';
import { orderTables } from '../db/database';
import type { EntityRef, TimerRow } from '../db/rows';
import type { Workflow } from '../workflow/interpreter';
import { loadOrderSnapshot, orderIdOf } from './dexieStorage';
import { contextOf, explainOf, openSheetOf, roleActionsOf } from './panels';
import type { OrderSnapshot } from './work';

/** The workflow of a snapshot: undefined when this engine cannot know it (a bad ref). */
export type WorkflowLookup = (snapshot: OrderSnapshot) => Promise<Workflow | undefined>;

function isRef(ref: unknown): ref is EntityRef {
  if (typeof ref !== 'object' || ref === null) return false;
  try {
    const { kind, id } = ref as Record<string, unknown>;
    return (kind === 'order' || kind === 'item' || kind === 'refund') && typeof id === 'string';
  } catch {
    return false; // a field that throws when read (a script's getter)
  }
}

export function createOrderReads(db: CounterDb, workflowOf: WorkflowLookup) {
  const readSnapshot = (ref: EntityRef) =>
    db.transaction('r', orderTables(db), async () => {
      const orderId = await orderIdOf(db, ref);
      return orderId === undefined ? undefined : loadOrderSnapshot(db, orderId);
    });

  return {
    async getOrder(id: unknown): Promise<OrderView | null> {
      if (typeof id !== 'string') return null;
      const snapshot = await readSnapshot({ kind: 'order', id });
      const wf = snapshot && (await workflowOf(snapshot));
      if (!snapshot || !wf) return null;
      const ctx = contextOf(snapshot);
      const sheetFor = (itemId: string) => {
        const sheets = snapshot.refunds.filter((r) => r.itemId === itemId).sort((a, b) => a.createdAt - b.createdAt);
        return openSheetOf(snapshot, wf, itemId) ?? sheets[sheets.length - 1];
      };
      return {
        id: snapshot.order.id,
        number: snapshot.order.number,
        type: snapshot.order.type,
        state: snapshot.order.state ?? '',
        stateLabel: wf.stateLabel({ kind: 'order', state: snapshot.order.state }, ctx),
        buyerId: snapshot.order.buyerId,
        workflowId: snapshot.order.workflowId,
        workflowVersion: snapshot.order.workflowVersion,
        flags: snapshot.order.flags,
        items: [...snapshot.items]
          .sort((a, b) => a.lineNo - b.lineNo)
          .map((item) => {
            const sheet = sheetFor(item.id);
            const vouchers = snapshot.vouchers.filter((v) => v.itemId === item.id).map((v) => ({ code: v.code, state: v.state }));
            return {
              id: item.id,
              lineNo: item.lineNo,
              sku: item.sku,
              qty: item.qty,
              price: item.price,
              state: item.state,
              ...(sheet ? { refund: { id: sheet.id, kind: sheet.kind, state: sheet.state ?? '', amount: sheet.amount } } : {}),
              ...(vouchers.length ? { vouchers } : {}),
            };
          }),
      };
    },

    async roleActions(ref: unknown): Promise<Record<string, string[]>> {
      if (!isRef(ref)) return {};
      const snapshot = await readSnapshot(ref);
      const wf = snapshot && (await workflowOf(snapshot));
      return snapshot && wf ? roleActionsOf(wf, snapshot, ref) : {};
    },

    async explain(ref: unknown, role: unknown): Promise<ExplainedAction[]> {
      if (!isRef(ref) || typeof role !== 'string') return [];
      const snapshot = await readSnapshot(ref);
      const wf = snapshot && (await workflowOf(snapshot));
      return snapshot && wf ? explainOf(wf, snapshot, ref, role) : [];
    },

    /** Pending timers; of one entity when given. */
    async timers(ref?: EntityRef): Promise<TimerRow[]> {
      const pending = await db.timers.where('[status+dueAt]').between(['pending', -Infinity], ['pending', Infinity]).toArray();
      return isRef(ref) ? pending.filter((t) => t.target.kind === ref.kind && t.target.id === ref.id) : pending;
    },

    /** Timers whose firing failed too often: they wait for a person (retryTimer). */
    async failedTimers(): Promise<TimerRow[]> {
      return db.timers.where('[status+dueAt]').between(['failed', -Infinity], ['failed', Infinity]).toArray();
    },
  };
}

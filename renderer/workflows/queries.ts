// Live reads for the workflow view: installed definitions (a handful of rows), one order
// with its lines, refund sheets and codes (for highlighting), and orders to pick from.
import { useLiveQuery } from 'dexie-react-hooks';
import type { ItemRow, OrderRow, RefundRow, VoucherRow, WorkflowRow } from '../../shared/db/rows';
import type { WorkflowDefinition } from '../../shared/workflow/schema';
import { db } from '../db';

export interface InstalledWorkflow extends Omit<WorkflowRow, 'definition'> {
  definition: WorkflowDefinition;
}

function looksLikeDefinition(value: unknown): value is WorkflowDefinition {
  const v = value as Partial<WorkflowDefinition> | null;
  return !!v && typeof v.id === 'string' && typeof v.version === 'number' && typeof v.machines === 'object' && v.machines !== null;
}

/** Installed definitions, by id then newest version first. */
export function useInstalledWorkflows(): InstalledWorkflow[] | undefined {
  return useLiveQuery(async () => {
    const rows = await db.workflows.toArray();
    return rows
      .filter((r): r is InstalledWorkflow => looksLikeDefinition(r.definition))
      .sort((a, b) => a.id.localeCompare(b.id) || b.version - a.version);
  }, []);
}

export interface OrderData {
  order: OrderRow;
  items: ItemRow[];
  refunds: RefundRow[];
  vouchers: VoucherRow[];
}

/** null: no order chosen; 'missing': no such order here. */
export function useOrderData(orderId: string | null): OrderData | null | 'missing' | undefined {
  return useLiveQuery(async () => {
    if (!orderId) return null;
    const order = await db.orders.get(orderId);
    if (!order) return 'missing' as const;
    const [items, refunds, vouchers] = await Promise.all([
      db.items.where('orderId').equals(orderId).toArray(),
      db.refunds.where('orderId').equals(orderId).toArray(),
      db.vouchers.where('orderId').equals(orderId).toArray(),
    ]);
    items.sort((a, b) => a.lineNo - b.lineNo);
    return { order, items, refunds, vouchers };
  }, [orderId]);
}

/** Orders to choose from: by number prefix, or the newest when nothing is typed. */
export function useOrderOptions(search: string, selected: string | null): OrderRow[] | undefined {
  return useLiveQuery(async () => {
    const q = search.trim();
    const found = q
      ? await db.orders.where('number').startsWithIgnoreCase(q).limit(20).toArray()
      : await db.orders.orderBy('createdAt').reverse().limit(20).toArray();
    if (selected && !found.some((o) => o.id === selected)) {
      const chosen = await db.orders.get(selected);
      if (chosen) found.unshift(chosen);
    }
    return found;
  }, [search, selected]);
}

// Everything the order detail shows, in one live query, so a command's commit re-renders
// the whole page once with consistent rows.
import { useLiveQuery } from 'dexie-react-hooks';
import type { ItemRow, OrderRow, ProductRow, RefundRow, ReservationRow, TimerRow, VoucherRow } from '../../shared/db/rows';
import { db } from '../db';

export interface OrderData {
  order: OrderRow;
  items: ItemRow[];
  refunds: RefundRow[];
  vouchers: VoucherRow[];
  reservations: ReservationRow[];
  timers: TimerRow[];
  products: Map<string, ProductRow>;
}

/** undefined while loading, null when there is no such order. */
export function useOrderData(id: string): OrderData | null | undefined {
  return useLiveQuery(async () => {
    const order = await db.orders.get(id);
    if (!order) return null;
    const [items, refunds, vouchers, reservations, timers] = await Promise.all([
      db.items.where('orderId').equals(id).toArray(),
      db.refunds.where('orderId').equals(id).toArray(),
      db.vouchers.where('orderId').equals(id).toArray(),
      db.reservations.where('orderId').equals(id).toArray(),
      db.timers.where('orderId').equals(id).toArray(),
    ]);
    items.sort((a, b) => a.lineNo - b.lineNo);
    refunds.sort((a, b) => a.createdAt - b.createdAt);
    timers.sort((a, b) => a.dueAt - b.dueAt);
    const products = new Map<string, ProductRow>();
    const rows = await db.products.bulkGet([...new Set(items.map((i) => i.sku))]);
    for (const p of rows) if (p) products.set(p.sku, p);
    return { order, items, refunds, vouchers, reservations, timers, products };
  }, [id]);
}

/** "Line 2" for an item, used by the timeline and the refund sheets. */
export function lineNoOf(data: OrderData, itemId: string): number | undefined {
  return data.items.find((i) => i.id === itemId)?.lineNo;
}

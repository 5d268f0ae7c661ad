// Everything the order detail shows, in one live query, so a command's commit re-renders
// the whole page once with consistent rows. The rows are read together (one round trip,
// then the products of its lines): a scanned order label opens a complete page at once.
import { useLiveQuery } from 'dexie-react-hooks';
import { orderEvents } from '../../shared/db/events';
import type { EventRow, ItemRow, OrderRow, ProductRow, RefundRow, ReservationRow, TimerRow, VoucherRow } from '../../shared/db/rows';
import { db } from '../db';

export interface OrderData {
  order: OrderRow;
  items: ItemRow[];
  refunds: RefundRow[];
  vouchers: VoucherRow[];
  reservations: ReservationRow[];
  timers: TimerRow[];
  /** The timeline, oldest first. */
  events: EventRow[];
  products: Map<string, ProductRow>;
}

/** undefined while loading, null when there is no such order. */
export function useOrderData(id: string): OrderData | null | undefined {
  return useLiveQuery(async () => {
    const [order, items, refunds, vouchers, reservations, timers, events] = await Promise.all([
      db.orders.get(id),
      db.items.where('orderId').equals(id).toArray(),
      db.refunds.where('orderId').equals(id).toArray(),
      db.vouchers.where('orderId').equals(id).toArray(),
      db.reservations.where('orderId').equals(id).toArray(),
      db.timers.where('orderId').equals(id).toArray(),
      orderEvents(db, id),
    ]);
    if (!order) return null;
    items.sort((a, b) => a.lineNo - b.lineNo);
    refunds.sort((a, b) => a.createdAt - b.createdAt);
    timers.sort((a, b) => a.dueAt - b.dueAt);
    const products = new Map<string, ProductRow>();
    const rows = await db.products.bulkGet([...new Set(items.map((i) => i.sku))]);
    for (const p of rows) if (p) products.set(p.sku, p);
    return { order, items, refunds, vouchers, reservations, timers, events, products };
  }, [id]);
}

/** "Line 2" for an item, used by the timeline and the refund sheets. */
export function lineNoOf(data: OrderData, itemId: string): number | undefined {
  return data.items.find((i) => i.id === itemId)?.lineNo;
}

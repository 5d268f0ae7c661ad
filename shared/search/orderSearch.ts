// Finding an order as you type: by order number, tracking number (or SSCC), buyer name,
// phone, SKU, with state and date-range filters. Every lookup walks an index (Dexie v6):
// a keystroke costs a few key ranges, never a table scan.
import Dexie from 'dexie';
import type { CounterDb } from '../db/database';
import type { OrderRow, OrderType } from '../db/rows';
import { normaliseTracking } from '../tracking/carriers';

export interface OrderSearch {
  text: string;
  type?: OrderType;
  /** Order states (any of them). */
  states?: readonly string[];
  /** createdAt from (inclusive) and to (exclusive), ms. */
  from?: number;
  to?: number;
  limit?: number;
}

/** Why an order matched: shown beside it. */
export type MatchField = 'number' | 'tracking' | 'name' | 'phone' | 'sku' | 'state';

export interface OrderHit {
  order: OrderRow;
  field: MatchField;
}

/** Which lookups a query can be (pure, so the rules are tested without a database). */
export interface QueryPlan {
  /** Exact order numbers ("123" → PO-000123, SO-000123) and a number prefix. */
  numbers: string[];
  numberPrefix: string | null;
  tracking: string | null;
  phonePrefix: string | null;
  namePrefix: string | null;
  sku: string | null;
}

export function planQuery(text: string): QueryPlan {
  const q = text.trim();
  const empty: QueryPlan = { numbers: [], numberPrefix: null, tracking: null, phonePrefix: null, namePrefix: null, sku: null };
  if (!q) return empty;
  const digits = q.replace(/[\s().-]/g, '');
  const isPhone = /^\+?\d{3,20}$/.test(digits);
  const code = normaliseTracking(q);
  return {
    numbers: /^\d{1,6}$/.test(q) ? ['PO', 'SO'].map((p) => `${p}-${q.padStart(6, '0')}`) : [],
    numberPrefix: /^[A-Za-z]{2}-/.test(q) ? q.toUpperCase() : null,
    // Tracking numbers and SSCCs are letters and digits, at least 8 of them.
    tracking: /^(\(00\))?[0-9A-Z]{8,40}$/.test(code) ? code.replace(/^\(00\)/, '') : null,
    phonePrefix: isPhone ? digits : null,
    namePrefix: /\p{L}/u.test(q) && q.length <= 200 ? q : null,
    sku: q.length <= 100 && !/\s/.test(q) ? q : null,
  };
}

/** Whether an order passes the filters (type, states, date range). */
export function passesFilters(order: OrderRow, s: Pick<OrderSearch, 'type' | 'states' | 'from' | 'to'>): boolean {
  if (s.type && order.type !== s.type) return false;
  if (s.states?.length && (order.state === null || !s.states.includes(order.state))) return false;
  if (s.from !== undefined && order.createdAt < s.from) return false;
  if (s.to !== undefined && order.createdAt >= s.to) return false;
  return true;
}

const PER_LOOKUP = 50;

/** Orders that match the text (each once, the most exact match first), filtered. With no
 *  text: the newest orders in the chosen states and dates. */
export async function searchOrders(db: CounterDb, search: OrderSearch): Promise<OrderHit[]> {
  const limit = search.limit ?? 30;
  const plan = planQuery(search.text);
  if (!search.text.trim()) return (await browse(db, search, limit)).map((order) => ({ order, field: 'state' as const }));
  const none = Promise.resolve([] as OrderRow[]);
  const ordersOf = async (ids: string[]) => (await db.orders.bulkGet([...new Set(ids)])).filter((o): o is OrderRow => o !== undefined);
  // A scanned or pasted tracking number is the commonest exact query: answered by two key
  // lookups alone when a parcel has it (the name and SKU ranges are not worth their reads).
  if (plan.tracking) {
    const [a, b] = await Promise.all([db.shipments.where('trackingNumbers').equals(plan.tracking).toArray(), db.shipments.where('sscc').equals(plan.tracking).toArray()]);
    if (a.length || b.length) {
      const found = (await ordersOf([...a, ...b].map((s) => s.orderId))).filter((o) => passesFilters(o, search));
      return found.slice(0, limit).map((order) => ({ order, field: 'tracking' as const }));
    }
  }
  const [exact, byNumber, byPhone, byName, bySku] = await Promise.all([
    plan.numbers.length ? Promise.all(plan.numbers.map((n) => db.orders.where('number').equals(n).first())).then((l) => l.filter((o): o is OrderRow => !!o)) : none,
    plan.numberPrefix ? db.orders.where('number').startsWith(plan.numberPrefix).limit(PER_LOOKUP).toArray() : none,
    plan.phonePrefix ? db.orders.where('phone').startsWith(plan.phonePrefix).limit(PER_LOOKUP).toArray() : none,
    plan.namePrefix ? db.orders.where('buyerName').startsWithIgnoreCase(plan.namePrefix).limit(PER_LOOKUP).toArray() : none,
    plan.sku ? db.items.where('sku').equalsIgnoreCase(plan.sku).limit(PER_LOOKUP).toArray().then((items) => ordersOf(items.map((i) => i.orderId))) : none,
  ]);
  const seen = new Set<string>();
  const hits: OrderHit[] = [];
  const add = (rows: OrderRow[], field: MatchField) => {
    for (const order of rows) {
      if (seen.has(order.id) || !passesFilters(order, search)) continue;
      seen.add(order.id);
      hits.push({ order, field });
    }
  };
  add(exact, 'number');
  add(byNumber, 'number');
  add(byPhone, 'phone');
  add(byName, 'name');
  add(bySku, 'sku');
  return hits.slice(0, limit);
}

/** No text: the newest orders of the chosen states (and type) within the dates. */
async function browse(db: CounterDb, s: OrderSearch, limit: number): Promise<OrderRow[]> {
  const from = s.from ?? Dexie.minKey;
  const to = s.to ?? Dexie.maxKey;
  if (s.states?.length) {
    const types: OrderType[] = s.type ? [s.type] : ['product', 'service'];
    const lists = await Promise.all(
      types.flatMap((type) => s.states!.map((state) => db.orders.where('[type+state+createdAt]').between([type, state, from], [type, state, to], true, false).reverse().limit(limit).toArray())),
    );
    return lists.flat().sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
  }
  const rows = await db.orders.where('createdAt').between(from, to, true, false).reverse().limit(limit * 4).toArray();
  return rows.filter((o) => passesFilters(o, s)).slice(0, limit);
}

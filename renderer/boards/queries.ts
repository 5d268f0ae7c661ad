// Board queries. Each column reads through the [type+state+createdAt] index, newest first,
// one window of rows at a time; headers read the engine's per-state counts (a filtered
// header counts its range). Nothing loads a whole table, so the
// board stays smooth with 100 000 orders. Filters that the index cannot answer (buyer, sku)
// narrow the index range with a JS filter, which costs a scan of that column only.
import type { Collection } from 'dexie';
import type { NextTimer, OrderRow } from '../../shared/db/rows';
import { db } from '../db';
import type { BoardFilters } from './boardStore';

export interface QueryFilters {
  type: BoardFilters['type'];
  fromTime: number;
  toTime: number;
  buyer: string;
  /** Orders that have a line with the filtered sku; null when there is no sku filter. */
  skuOrders: Set<string> | null;
}

export function toQueryFilters(f: BoardFilters, skuOrders: Set<string> | null): QueryFilters {
  const day = (s: string, end: boolean) => {
    if (!s) return end ? Infinity : -Infinity;
    const t = Date.parse(`${s}T00:00:00`);
    if (Number.isNaN(t)) return end ? Infinity : -Infinity;
    return end ? t + 86_400_000 - 1 : t;
  };
  return { type: f.type, fromTime: day(f.from, false), toTime: day(f.to, true), buyer: f.buyer.trim().toLowerCase(), skuOrders };
}

function predicate(f: QueryFilters): ((o: OrderRow) => boolean) | null {
  const tests: Array<(o: OrderRow) => boolean> = [];
  if (f.buyer) tests.push((o) => o.buyerId.toLowerCase() === f.buyer || o.buyerName.toLowerCase().startsWith(f.buyer));
  if (f.skuOrders) {
    const ids = f.skuOrders;
    tests.push((o) => ids.has(o.id));
  }
  return tests.length ? (o) => tests.every((t) => t(o)) : null;
}

function stateCollection(state: string, f: QueryFilters): Collection<OrderRow, string> {
  const c = db.orders
    .where('[type+state+createdAt]')
    .between([f.type, state, f.fromTime], [f.type, state, f.toTime], true, true)
    .reverse();
  const p = predicate(f);
  return p ? c.filter(p) : c;
}

/** Per-state counts of one column (a column can hold several states with one label). */
export async function columnCounts(states: string[], f: QueryFilters): Promise<number[]> {
  const plain = !predicate(f) && f.fromTime === -Infinity && f.toTime === Infinity;
  if (plain) return (await db.stateCounts.bulkGet(states.map((state) => [f.type, state]))).map((row) => row?.count ?? 0);
  return Promise.all(states.map((state) => stateCollection(state, f).count()));
}

/** All orders, from the per-state counts (counting the table would walk all of it). */
export async function orderTotal(): Promise<number> {
  let total = 0;
  await db.stateCounts.each((row) => {
    total += row.count;
  });
  return total;
}

export interface CardData {
  order: OrderRow;
  nextTimer: NextTimer | null;
  openRefunds: number;
}

/** Rows [start, end) of a column, states in column order, each newest first. Cards need
 *  no further query: the engine keeps each order's next timer and open refunds on it. */
export async function columnRange(states: string[], counts: number[], start: number, end: number, f: QueryFilters): Promise<CardData[]> {
  const orders: OrderRow[] = [];
  let base = 0;
  for (let i = 0; i < states.length && base < end; i++) {
    const count = counts[i] ?? 0;
    const from = Math.max(start, base) - base;
    const to = Math.min(end, base + count) - base;
    if (to > from) orders.push(...(await stateCollection(states[i]!, f).offset(from).limit(to - from).toArray()));
    base += count;
  }
  return orders.map(toCard);
}

/** The first rows of a column without its counts: IndexedDB counts a range by walking it,
 *  so with many orders the head paints long before the header's number is known. */
export async function columnHead(states: string[], limit: number, f: QueryFilters): Promise<CardData[]> {
  const orders: OrderRow[] = [];
  for (const state of states) {
    if (orders.length >= limit) break;
    orders.push(...(await stateCollection(state, f).limit(limit - orders.length).toArray()));
  }
  return orders.map(toCard);
}

function toCard(order: OrderRow): CardData {
  return { order, nextTimer: order.nextTimer ?? null, openRefunds: order.openRefunds ?? 0 };
}

/** Orders with a line of this sku (for the sku filter). */
export async function ordersWithSku(sku: string): Promise<Set<string>> {
  const keys = await db.items.where('sku').equals(sku).toArray();
  return new Set(keys.map((i) => i.orderId));
}

export interface QuickFindResult {
  orders: OrderRow[];
  /** More orders match than are shown: type more to narrow it. */
  more: boolean;
}

/** Whether every typed word starts a word of the name ("lee" finds "Ann Lee", "an le" too). */
export function nameMatches(name: string, words: readonly string[]): boolean {
  const own = name.toLocaleLowerCase().split(/\s+/);
  return words.every((w) => own.some((o) => o.startsWith(w)));
}

/** The distinct buyer names, read again only when the number of orders changed. */
let buyerNames: { orders: number; names: string[] } | null = null;
async function distinctBuyerNames(): Promise<string[]> {
  // The per-state counts are a few rows; counting 100 000 orders is not.
  const orders = (await db.stateCounts.toArray()).reduce((sum, row) => sum + row.count, 0);
  if (buyerNames?.orders !== orders) {
    const names = (await db.orders.orderBy('buyerName').uniqueKeys()).filter((k): k is string => typeof k === 'string');
    buyerNames = { orders, names };
  }
  return buyerNames.names;
}

/** Orders whose buyer has a name with a word (surname too) that each typed word starts. */
async function byBuyerWord(q: string, limit: number): Promise<OrderRow[]> {
  const words = q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (q.length < 2) return [];
  const names = (await distinctBuyerNames()).filter((n) => nameMatches(n, words));
  return names.length ? db.orders.where('buyerName').anyOf(names).limit(limit).toArray() : [];
}

/**
 * Quick find: order number, or any word of the buyer's name, across both types; one more
 * than `limit` is read so the list can say that there are more.
 */
export async function quickFind(text: string, limit = 8): Promise<QuickFindResult> {
  const q = text.trim();
  if (!q) return { orders: [], more: false };
  // "123" finds PO-000123 and SO-000123: people read the digits off a label.
  const padded = /^\d{1,6}$/.test(q) ? ['PO', 'SO'].map((p) => `${p}-${q.padStart(6, '0')}`) : [];
  // A phone typed as people write it ("138 0013", "+86-138…"): its digits as a prefix of the stored phone.
  const phone = phonePrefixOf(q);
  const [exact, byNumber, byBuyer, byPhone] = await Promise.all([
    padded.length ? db.orders.where('number').anyOf(padded).toArray() : Promise.resolve([]),
    db.orders.where('number').startsWithIgnoreCase(q).limit(limit + 1).toArray(),
    db.orders.where('buyerName').startsWithIgnoreCase(q).limit(limit + 1).toArray(),
    phone ? db.orders.where('phone').startsWith(phone).limit(limit + 1).toArray() : Promise.resolve([]),
  ]);
  const seen = new Set<string>();
  const out: OrderRow[] = [];
  const take = (orders: OrderRow[]) => {
    for (const o of orders) {
      if (seen.has(o.id)) continue;
      seen.add(o.id);
      out.push(o);
    }
  };
  take([...exact, ...byNumber, ...byBuyer, ...byPhone]);
  // Other words of the name (a surname) only when the list is not already full: the usual
  // first-name prefix fills it with the index alone.
  if (out.length <= limit && !/\d/.test(q)) take(await byBuyerWord(q, limit + 1));
  return { orders: out.slice(0, limit), more: out.length > limit };
}

/** The digits (and a leading +) of a typed phone, when the text is one: at least 3 digits,
 *  nothing but digits, spaces, dashes, dots and brackets. */
export function phonePrefixOf(text: string): string | null {
  const digits = text.trim().replace(/[\s().-]/g, '');
  return /^\+?\d{3,20}$/.test(digits) ? digits : null;
}

/** The order Enter opens for `text`: its number typed (any case, digits alone too), or the only one. */
export function enterChoice(text: string, found: QuickFindResult): string | null {
  const q = text.trim().toLowerCase();
  const exact = found.orders.find((o) => o.number.toLowerCase() === q || o.number.toLowerCase().endsWith(`-${q.padStart(6, '0')}`));
  if (exact) return exact.id;
  return found.orders.length === 1 && !found.more ? found.orders[0]!.id : null;
}

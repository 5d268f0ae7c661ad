// Live reads for the stock screen, always through an index and with a cap, so a large
// catalogue never loads whole. Writes go through the engine (useCounter), never here.
import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { LedgerRow, LocationRow, ProductRow, StockLevelRow } from '../../shared/db/rows';
import { db } from '../db';

/** Most level rows the table holds at once; filter to narrow. */
export const LEVEL_LIMIT = 5000;

export type StockTone = 'out' | 'low' | 'ok';

export interface LevelView extends StockLevelRow {
  available: number;
  name: string;
  unit: string;
  reorderPoint: number;
  tone: StockTone;
}

export function stockTone(available: number, reorderPoint: number): StockTone {
  if (available <= 0) return 'out';
  if (available <= reorderPoint) return 'low';
  return 'ok';
}

export interface LevelFilter {
  query: string;
  locationId: string | null;
}

/** SKUs whose code or name starts with `q` (case-insensitive), through the two indexes. */
export async function skusMatching(q: string, limit = 500): Promise<string[]> {
  const [bySku, byName] = await Promise.all([
    db.products.where('sku').startsWithIgnoreCase(q).limit(limit).primaryKeys(),
    db.products.where('name').startsWithIgnoreCase(q).limit(limit).primaryKeys(),
  ]);
  return [...new Set([...bySku, ...byName])];
}

export async function readLevels({ query, locationId }: LevelFilter): Promise<{ rows: LevelView[]; truncated: boolean }> {
  const q = query.trim();
  let levels: StockLevelRow[];
  if (q) {
    const skus = await skusMatching(q);
    levels = skus.length ? await db.stockLevels.where('sku').anyOf(skus).limit(LEVEL_LIMIT + 1).toArray() : [];
    if (locationId) levels = levels.filter((l) => l.locationId === locationId);
  } else if (locationId) {
    levels = await db.stockLevels.where('locationId').equals(locationId).limit(LEVEL_LIMIT + 1).toArray();
  } else {
    levels = await db.stockLevels.orderBy('[sku+locationId]').limit(LEVEL_LIMIT + 1).toArray();
  }
  const truncated = levels.length > LEVEL_LIMIT;
  if (truncated) levels = levels.slice(0, LEVEL_LIMIT);
  levels.sort((a, b) => a.sku.localeCompare(b.sku) || a.locationId.localeCompare(b.locationId));
  const skus = [...new Set(levels.map((l) => l.sku))];
  const products = new Map<string, ProductRow>();
  for (const p of await db.products.bulkGet(skus)) if (p) products.set(p.sku, p);
  const rows = levels.map((l): LevelView => {
    const p = products.get(l.sku);
    const available = l.onHand - l.reserved;
    const reorderPoint = p?.reorderPoint ?? 0;
    return { ...l, available, name: p?.name ?? '', unit: p?.unit ?? '', reorderPoint, tone: stockTone(available, reorderPoint) };
  });
  return { rows, truncated };
}

export function useLevels(filter: LevelFilter) {
  return useLiveQuery(() => readLevels(filter), [filter.query, filter.locationId]);
}

/** Locations are few (warehouses and bins): read them whole, by priority. */
export function useLocations(): LocationRow[] | undefined {
  return useLiveQuery(() => db.locations.orderBy('priority').toArray(), []);
}

export function useCatalogCounts() {
  return useLiveQuery(async () => ({ products: await db.products.count(), locations: await db.locations.count() }), []);
}

export function useProduct(sku: string | null | undefined): ProductRow | null | undefined {
  return useLiveQuery(async () => (sku ? ((await db.products.get(sku)) ?? null) : null), [sku]);
}

export function useLevel(sku: string | null | undefined, locationId: string | null | undefined): StockLevelRow | null | undefined {
  return useLiveQuery(
    async () => (sku && locationId ? ((await db.stockLevels.get([sku, locationId])) ?? null) : null),
    [sku, locationId],
  );
}

/** Products for a picker: by sku or name prefix, capped; the chosen one is always included. */
export function useProductOptions(search: string, selected: string | null, limit = 30): ProductRow[] | undefined {
  return useLiveQuery(async () => {
    const q = search.trim();
    const skus = q ? await skusMatching(q, limit) : await db.products.orderBy('sku').limit(limit).primaryKeys();
    if (selected && !skus.includes(selected)) skus.unshift(selected);
    return (await db.products.bulkGet(skus.slice(0, limit + 1))).filter((p): p is ProductRow => !!p);
  }, [search, selected, limit]);
}

export interface LedgerView extends LedgerRow {
  orderNumber: string | null;
}

/** A sku's movements, newest first, through [sku+seq]; order numbers looked up by id. */
export function useLedger(sku: string | null, locationId: string | null, limit: number) {
  return useLiveQuery(async () => {
    if (!sku) return { rows: [] as LedgerView[], more: false };
    let rows = await db.stockLedger
      .where('[sku+seq]')
      .between([sku, Dexie.minKey], [sku, Dexie.maxKey])
      .reverse()
      .filter((r) => !locationId || r.locationId === locationId)
      .limit(limit + 1)
      .toArray();
    const more = rows.length > limit;
    rows = rows.slice(0, limit);
    const orderIds = [...new Set(rows.map((r) => r.orderId).filter((id): id is string => !!id))];
    const orders = await db.orders.bulkGet(orderIds);
    const numbers = new Map(orders.filter((o) => !!o).map((o) => [o!.id, o!.number]));
    return { rows: rows.map((r): LedgerView => ({ ...r, orderNumber: r.orderId ? (numbers.get(r.orderId) ?? null) : null })), more };
  }, [sku, locationId, limit]);
}

/** Every level of one sku (one row per location). */
export function useSkuLevels(sku: string | null) {
  return useLiveQuery(async () => (sku ? db.stockLevels.where('sku').equals(sku).toArray() : []), [sku]);
}

// The stock part of a command's working set: the rows one command may read and change,
// loaded by a storage adapter before deciding and written back by it afterwards.
import type { LedgerRow, LocationRow, ProductRow, ReservationRow, StockLevelRow } from '../db/rows';

export interface MovementMeta {
  commandId: string;
  deviceId: string;
  operator: string;
  at: number;
}

export type AllocationStrategy = 'priority' | 'most-stock';

export interface StockWork {
  /** Products touched by the command, by sku. */
  products: Map<string, ProductRow>;
  /** All active and inactive locations, by id (few rows: a counter has a handful). */
  locations: Map<string, LocationRow>;
  /** Levels of the touched skus, by `levelKey(sku, locationId)`. Missing = zero. */
  levels: Map<string, StockLevelRow>;
  /** Reservations of the order(s) the command touches, by id. */
  reservations: Map<string, ReservationRow>;
  /** Keys of levels / ids of reservations / skus of products changed by the command. */
  changedLevels: Set<string>;
  changedReservations: Set<string>;
  changedProducts: Set<string>;
  changedLocations: Set<string>;
  /** Movements appended by the command, in order. */
  ledger: LedgerRow[];
  strategy: AllocationStrategy;
}

export function levelKey(sku: string, locationId: string): string {
  return `${sku}\u0000${locationId}`;
}

export function emptyStockWork(strategy: AllocationStrategy = 'priority'): StockWork {
  return {
    products: new Map(),
    locations: new Map(),
    levels: new Map(),
    reservations: new Map(),
    changedLevels: new Set(),
    changedReservations: new Set(),
    changedProducts: new Set(),
    changedLocations: new Set(),
    ledger: [],
    strategy,
  };
}

/** Every sku a command's stock rows cover: its own and those its reservations name (so
 *  releasing them never starts from a zero level). */
export function stockSkusOf(skus: Iterable<string>, reservations: readonly ReservationRow[] = []): string[] {
  return [...new Set([...skus, ...reservations.map((r) => r.sku)])];
}

/** A StockWork over the rows a storage loaded (any storage: the rule is the same). */
export function stockWorkOf(
  strategy: AllocationStrategy,
  reservations: readonly ReservationRow[],
  rows: { products: ReadonlyArray<ProductRow | undefined>; locations: readonly LocationRow[]; levels: readonly StockLevelRow[] },
): StockWork {
  const work = emptyStockWork(strategy);
  for (const r of reservations) work.reservations.set(r.id, r);
  for (const p of rows.products) if (p) work.products.set(p.sku, p);
  for (const l of rows.locations) work.locations.set(l.id, l);
  for (const l of rows.levels) work.levels.set(levelKey(l.sku, l.locationId), l);
  return work;
}

/** The rows a command changed, to be written back by its storage. */
export function stockChanges(work: StockWork) {
  const changed = <K, V>(map: Map<K, V>, keys: Set<K>): V[] => [...keys].map((k) => map.get(k)).filter((v): v is V => v !== undefined);
  return {
    products: changed(work.products, work.changedProducts),
    locations: changed(work.locations, work.changedLocations),
    levels: changed(work.levels, work.changedLevels),
    reservations: changed(work.reservations, work.changedReservations),
    /** Append-only; numbered by the storage, in command order. */
    ledger: work.ledger.map(({ seq: _seq, ...row }) => row),
  };
}

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

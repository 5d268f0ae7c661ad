// Levels are a cache of the ledger (on hand) and of open reservations (reserved):
// rebuilding them, proving the stored ones right, and reading them for people.
import type { LowStockRow, StockCheck, StockLevelView } from '../api';
import type { LedgerRow, ProductRow, ReservationRow, StockLevelRow } from '../db/rows';
import { availableOf } from './book';
import { levelKey } from './work';

export interface LevelFigures {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
}

/** Levels as the ledger and the open reservations say they must be. */
export function rebuildLevels(ledger: Iterable<LedgerRow>, reservations: Iterable<ReservationRow>): Map<string, LevelFigures> {
  const levels = new Map<string, LevelFigures>();
  const at = (sku: string, locationId: string) => {
    const key = levelKey(sku, locationId);
    let level = levels.get(key);
    if (!level) levels.set(key, (level = { sku, locationId, onHand: 0, reserved: 0 }));
    return level;
  };
  for (const row of ledger) at(row.sku, row.locationId).onHand += row.delta;
  for (const r of reservations) {
    if (r.status === 'reserved' || r.status === 'partly-shipped') at(r.sku, r.locationId).reserved += r.qty - r.shippedQty;
    // Returned units not inspected yet are on hand but held, never sold.
    if (r.status === 'returned' && r.toInspect) at(r.sku, r.locationId).reserved += r.toInspect;
  }
  return levels;
}

export interface StockMismatch {
  sku: string;
  locationId: string;
  /** Which figure disagrees: on hand (against the ledger) or reserved (against open reservations). */
  field: 'onHand' | 'reserved';
  stored: number;
  /** What the ledger (for reserved: the open reservations) says. */
  fromLedger: number;
}

export interface StockCheckReport extends StockCheck {
  mismatches: StockMismatch[];
}

/** Compare stored levels with rebuilt ones; a missing row on either side counts as zero. */
export function compareLevels(stored: Iterable<StockLevelRow>, rebuilt: Map<string, LevelFigures>): StockCheckReport {
  const storedByKey = new Map<string, StockLevelRow>();
  for (const row of stored) storedByKey.set(levelKey(row.sku, row.locationId), row);
  const keys = new Set([...storedByKey.keys(), ...rebuilt.keys()]);
  const mismatches: StockMismatch[] = [];
  for (const key of keys) {
    const s = storedByKey.get(key);
    const r = rebuilt.get(key);
    const sku = (s ?? r)!.sku;
    const locationId = (s ?? r)!.locationId;
    for (const field of ['onHand', 'reserved'] as const) {
      const storedValue = s?.[field] ?? 0;
      const expected = r?.[field] ?? 0;
      if (storedValue !== expected) mismatches.push({ sku, locationId, field, stored: storedValue, fromLedger: expected });
    }
  }
  mismatches.sort((a, b) => a.sku.localeCompare(b.sku) || a.locationId.localeCompare(b.locationId));
  return { ok: mismatches.length === 0, mismatches };
}

/** Rebuilt figures as rows to store (repairing levels from the ledger). */
export function levelRows(rebuilt: Map<string, LevelFigures>, at: number): StockLevelRow[] {
  return [...rebuilt.values()].map((l) => ({ ...l, updatedAt: at }));
}

export function toLevelView(row: StockLevelRow): StockLevelView {
  return { ...row, available: availableOf(row) };
}

/** Active products whose available stock across all locations is at or below their reorder point. */
export function lowStock(products: Iterable<ProductRow>, levels: Iterable<StockLevelRow>): LowStockRow[] {
  const available = new Map<string, number>();
  for (const level of levels) available.set(level.sku, (available.get(level.sku) ?? 0) + availableOf(level));
  const rows: LowStockRow[] = [];
  for (const p of products) {
    if (!p.active) continue;
    const a = available.get(p.sku) ?? 0;
    if (a <= p.reorderPoint) rows.push({ sku: p.sku, name: p.name, available: a, reorderPoint: p.reorderPoint });
  }
  return rows.sort((a, b) => a.sku.localeCompare(b.sku));
}

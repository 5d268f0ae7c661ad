// The two primitive ways stock changes inside a StockWork: a ledger movement (on hand,
// and the level in the same step) and a change of the reserved figure. Everything else in
// this folder is policy built on these, so ledger and levels cannot drift apart.
import type { LedgerRow, LocationRow, MovementKind, ProductRow, ReservationRow, StockLevelRow } from '../db/rows';
import { workId } from '../ids';
import { refuse } from './refusals';
import { levelKey, type MovementMeta, type StockWork } from './work';

export function requireProduct(work: StockWork, sku: string): ProductRow {
  const product = work.products.get(sku);
  if (!product) throw refuse.unknownSku(sku);
  return product;
}

export function requireLocation(work: StockWork, id: string): LocationRow {
  const location = work.locations.get(id);
  if (!location) throw refuse.unknownLocation(id);
  return location;
}

/** The stored level, or a zero level when the sku was never at that location. */
export function levelOf(work: StockWork, sku: string, locationId: string): StockLevelRow {
  return work.levels.get(levelKey(sku, locationId)) ?? { sku, locationId, onHand: 0, reserved: 0, updatedAt: 0 };
}

export function availableOf(level: Pick<StockLevelRow, 'onHand' | 'reserved'>): number {
  return level.onHand - level.reserved;
}

function setLevel(work: StockWork, level: StockLevelRow): void {
  const key = levelKey(level.sku, level.locationId);
  work.levels.set(key, level);
  work.changedLevels.add(key);
}

export interface Movement {
  kind: MovementKind;
  sku: string;
  locationId: string;
  /** Signed change of on hand. */
  delta: number;
  reason: string;
  orderId?: string | null;
  itemId?: string | null;
  /** Change of `reserved` made by the same movement (shipping a reservation: -qty). */
  reservedDelta?: number;
}

/** Append a ledger row and move the level by the same amount. */
export function post(work: StockWork, movement: Movement, meta: MovementMeta): LedgerRow {
  const level = levelOf(work, movement.sku, movement.locationId);
  setLevel(work, {
    ...level,
    onHand: level.onHand + movement.delta,
    reserved: level.reserved + (movement.reservedDelta ?? 0),
    updatedAt: meta.at,
  });
  const row: LedgerRow = {
    id: workId(work, meta.commandId),
    commandId: meta.commandId,
    deviceId: meta.deviceId,
    operator: meta.operator,
    kind: movement.kind,
    sku: movement.sku,
    locationId: movement.locationId,
    delta: movement.delta,
    reason: movement.reason,
    orderId: movement.orderId ?? null,
    itemId: movement.itemId ?? null,
    at: meta.at,
  };
  work.ledger.push(row);
  return row;
}

/** Reserve (positive) or un-reserve (negative) without moving goods: no ledger row. */
export function changeReserved(work: StockWork, sku: string, locationId: string, delta: number, at: number): void {
  const level = levelOf(work, sku, locationId);
  setLevel(work, { ...level, reserved: level.reserved + delta, updatedAt: at });
}

export function locationName(work: StockWork, id: string): string {
  return work.locations.get(id)?.name ?? id;
}

export function setReservation(work: StockWork, row: ReservationRow): void {
  work.reservations.set(row.id, row);
  work.changedReservations.add(row.id);
}

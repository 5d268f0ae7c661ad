// Shared fixtures for the inventory tests (pure: no database).
import type { LocationRow, ProductRow, StockLevelRow } from '../db/rows';
import { StockRefusal } from './refusals';
import { emptyStockWork, levelKey, type AllocationStrategy, type MovementMeta, type StockWork } from './work';

let counter = 0;
export function meta(overrides: Partial<MovementMeta> = {}): MovementMeta {
  counter += 1;
  return { commandId: `cmd-${counter}`, deviceId: 'dev-1', operator: 'ann', at: 1_700_000_000_000 + counter, ...overrides };
}

export function product(sku: string, overrides: Partial<ProductRow> = {}): ProductRow {
  return { sku, name: `Product ${sku}`, unit: 'pcs', price: 10, barcodes: [], reorderPoint: 0, allowBackorder: false, active: true, updatedAt: 0, ...overrides };
}

export function location(id: string, priority: number, overrides: Partial<LocationRow> = {}): LocationRow {
  return { id, name: id, priority, parentId: null, active: true, ...overrides };
}

export interface WorkSpec {
  products?: ProductRow[];
  locations?: LocationRow[];
  /** [sku, locationId, onHand, reserved?] */
  levels?: Array<[string, string, number, number?]>;
  strategy?: AllocationStrategy;
}

export function workWith(spec: WorkSpec): StockWork {
  const work = emptyStockWork(spec.strategy);
  for (const p of spec.products ?? []) work.products.set(p.sku, p);
  for (const l of spec.locations ?? []) work.locations.set(l.id, l);
  for (const [sku, locationId, onHand, reserved = 0] of spec.levels ?? []) {
    const row: StockLevelRow = { sku, locationId, onHand, reserved, updatedAt: 0 };
    work.levels.set(levelKey(sku, locationId), row);
  }
  return work;
}

/** A shop with a main store (priority 1) and a back room (priority 2). */
export function shop(levels: WorkSpec['levels'] = [], extra: Partial<WorkSpec> = {}): StockWork {
  return workWith({
    products: [product('SKU-1'), product('SKU-B', { allowBackorder: true }), product('OLD', { active: false })],
    locations: [location('main', 1, { name: 'Main store' }), location('back', 2, { name: 'Back room' })],
    levels,
    ...extra,
  });
}

export function onHand(work: StockWork, sku: string, locationId: string): number {
  return work.levels.get(levelKey(sku, locationId))?.onHand ?? 0;
}

export function reserved(work: StockWork, sku: string, locationId: string): number {
  return work.levels.get(levelKey(sku, locationId))?.reserved ?? 0;
}

/** Run `fn` expecting a StockRefusal and return it. */
export function refusalOf(fn: () => unknown): StockRefusal {
  try {
    fn();
  } catch (error) {
    if (error instanceof StockRefusal) return error;
    throw error;
  }
  throw new Error('expected a StockRefusal');
}

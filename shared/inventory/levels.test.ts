import { describe, expect, it } from 'vitest';
import type { LedgerRow, ReservationRow, StockLevelRow } from '../db/rows';
import { compareLevels, lowStock, rebuildLevels, toLevelView } from './levels';
import { product } from './test-fixtures';
import { levelKey } from './work';

let n = 0;
const move = (sku: string, locationId: string, delta: number): LedgerRow => ({
  id: `m${++n}`, commandId: 'c', deviceId: 'd', operator: 'o', kind: delta >= 0 ? 'receive' : 'ship',
  sku, locationId, delta, reason: '', orderId: null, itemId: null, at: 0,
});
const reservation = (sku: string, locationId: string, qty: number, shippedQty: number, status: ReservationRow['status']): ReservationRow => ({
  id: `r${++n}`, orderId: 'o', itemId: 'i', sku, locationId, qty, shippedQty, status, updatedAt: 0,
});
const level = (sku: string, locationId: string, onHand: number, reserved: number): StockLevelRow => ({ sku, locationId, onHand, reserved, updatedAt: 0 });

describe('levels', () => {
  it('rebuilds on hand from the ledger and reserved from open reservations only', () => {
    const rebuilt = rebuildLevels(
      [move('A', 'main', 10), move('A', 'main', -3), move('A', 'back', 2)],
      [
        reservation('A', 'main', 4, 1, 'partly-shipped'),
        reservation('A', 'main', 2, 0, 'reserved'),
        reservation('A', 'main', 5, 0, 'released'),
        reservation('A', 'back', 1, 1, 'shipped'),
        reservation('A', 'back', 1, 1, 'returned'),
      ],
    );
    expect(rebuilt.get(levelKey('A', 'main'))).toEqual({ sku: 'A', locationId: 'main', onHand: 7, reserved: 5 });
    expect(rebuilt.get(levelKey('A', 'back'))).toEqual({ sku: 'A', locationId: 'back', onHand: 2, reserved: 0 });
  });

  it('check names every figure that disagrees, missing rows counting as zero', () => {
    const rebuilt = rebuildLevels([move('A', 'main', 5), move('B', 'main', 1)], [reservation('A', 'main', 2, 0, 'reserved')]);
    expect(compareLevels([level('A', 'main', 5, 2), level('B', 'main', 1, 0)], rebuilt)).toEqual({ ok: true, mismatches: [] });
    const report = compareLevels([level('A', 'main', 4, 0), level('C', 'back', 3, 0)], rebuilt);
    expect(report.ok).toBe(false);
    expect(report.mismatches).toEqual([
      { sku: 'A', locationId: 'main', field: 'onHand', stored: 4, fromLedger: 5 },
      { sku: 'A', locationId: 'main', field: 'reserved', stored: 0, fromLedger: 2 },
      { sku: 'B', locationId: 'main', field: 'onHand', stored: 0, fromLedger: 1 },
      { sku: 'C', locationId: 'back', field: 'onHand', stored: 3, fromLedger: 0 },
    ]);
  });

  it('views add available = on hand - reserved', () => {
    expect(toLevelView(level('A', 'main', 5, 7)).available).toBe(-2);
  });

  it('flags active products at or below their reorder point, summed over locations', () => {
    const products = [
      product('A', { reorderPoint: 5 }),
      product('B', { reorderPoint: 5 }),
      product('C', { reorderPoint: 2 }),
      product('D', { reorderPoint: 0 }),
      product('E', { reorderPoint: 10, active: false }),
    ];
    const levels = [level('A', 'main', 3, 0), level('A', 'back', 3, 0), level('B', 'main', 8, 3), level('C', 'main', 1, 0)];
    expect(lowStock(products, levels)).toEqual([
      { sku: 'B', name: 'Product B', available: 5, reorderPoint: 5 },
      { sku: 'C', name: 'Product C', available: 1, reorderPoint: 2 },
      { sku: 'D', name: 'Product D', available: 0, reorderPoint: 0 },
    ]);
  });
});

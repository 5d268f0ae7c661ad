import { describe, expect, it } from 'vitest';
import { allocate } from './allocate';
import type { InsufficientStockDetails } from './refusals';
import { location, product, refusalOf, shop, workWith } from './test-fixtures';

describe('allocate', () => {
  it('priority: takes from the lowest priority number first', () => {
    const work = shop([['SKU-1', 'main', 5], ['SKU-1', 'back', 9]]);
    expect(allocate(work, 'SKU-1', 4, 'priority').parts).toEqual([{ locationId: 'main', qty: 4, backordered: 0 }]);
  });

  it('most-stock: takes from the location with the most available first', () => {
    const work = shop([['SKU-1', 'main', 5], ['SKU-1', 'back', 9]]);
    expect(allocate(work, 'SKU-1', 4, 'most-stock').parts).toEqual([{ locationId: 'back', qty: 4, backordered: 0 }]);
  });

  it('most-stock counts available, not on hand', () => {
    const work = shop([['SKU-1', 'main', 5], ['SKU-1', 'back', 9, 6]]);
    expect(allocate(work, 'SKU-1', 2, 'most-stock').parts[0].locationId).toBe('main');
  });

  it('uses the strategy of the work when none is given', () => {
    const work = shop([['SKU-1', 'main', 5], ['SKU-1', 'back', 9]], { strategy: 'most-stock' });
    expect(allocate(work, 'SKU-1', 1).parts[0].locationId).toBe('back');
  });

  it('splits a line across locations when one cannot cover it', () => {
    const work = shop([['SKU-1', 'main', 2, 1], ['SKU-1', 'back', 3]]);
    expect(allocate(work, 'SKU-1', 3, 'priority').parts).toEqual([
      { locationId: 'main', qty: 1, backordered: 0 },
      { locationId: 'back', qty: 2, backordered: 0 },
    ]);
    expect(allocate(work, 'SKU-1', 4, 'most-stock').parts).toEqual([
      { locationId: 'back', qty: 3, backordered: 0 },
      { locationId: 'main', qty: 1, backordered: 0 },
    ]);
  });

  it('skips inactive locations and breaks priority ties by id', () => {
    const work = workWith({
      products: [product('A')],
      locations: [location('z', 1), location('a', 1), location('off', 0, { active: false })],
      levels: [['A', 'z', 5], ['A', 'a', 5], ['A', 'off', 50]],
    });
    expect(allocate(work, 'A', 7).parts.map((p) => [p.locationId, p.qty])).toEqual([['a', 5], ['z', 2]]);
  });

  it('refuses with what is available where when all together cannot cover the line', () => {
    const work = shop([['SKU-1', 'main', 2], ['SKU-1', 'back', 1]]);
    const refusal = refusalOf(() => allocate(work, 'SKU-1', 5));
    expect(refusal.code).toBe('insufficient-stock');
    expect(refusal.message).toBe('Only 3 x SKU-1 available (Main store 2, Back room 1); 5 requested');
    expect(refusal.details).toEqual<InsufficientStockDetails>({
      sku: 'SKU-1',
      requested: 5,
      totalAvailable: 3,
      availableAt: [
        { locationId: 'main', name: 'Main store', available: 2 },
        { locationId: 'back', name: 'Back room', available: 1 },
      ],
    });
    expect(refusalOf(() => allocate(shop(), 'SKU-1', 1)).message).toBe('No SKU-1 available; 1 requested');
  });

  it('backorder: covers what it can, puts the shortfall on the first location', () => {
    const work = shop([['SKU-B', 'back', 2]]);
    const plan = allocate(work, 'SKU-B', 5, 'priority');
    expect(plan.backordered).toBe(3);
    expect(plan.parts).toEqual([
      { locationId: 'main', qty: 3, backordered: 3 },
      { locationId: 'back', qty: 2, backordered: 0 },
    ]);
    const mostStock = allocate(work, 'SKU-B', 5, 'most-stock');
    expect(mostStock.parts).toEqual([{ locationId: 'back', qty: 5, backordered: 3 }]);
  });

  it('refuses when there is no active location at all, even with backorder', () => {
    const work = workWith({ products: [product('B', { allowBackorder: true })], locations: [] });
    expect(refusalOf(() => allocate(work, 'B', 1)).message).toMatch(/No active location/);
  });
});

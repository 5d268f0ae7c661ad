import { describe, expect, it } from 'vitest';
import { StockRefusal } from './refusals';
import {
  adjustInputSchema,
  countInputSchema,
  locationInputSchema,
  parseInput,
  productInputSchema,
  receiveInputSchema,
  transferInputSchema,
} from './schemas';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof StockRefusal) {
      expect(error.code).toBe('invalid-input');
      return error.message;
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('input schemas', () => {
  it('fills product defaults and trims text', () => {
    expect(parseInput(productInputSchema, { sku: ' SKU-1 ', name: 'Tea' })).toEqual({
      sku: 'SKU-1',
      name: 'Tea',
      unit: 'pcs',
      price: 0,
      barcodes: [],
      reorderPoint: 0,
      allowBackorder: false,
      active: true,
    });
  });

  it('explains bad products', () => {
    expect(messageOf(() => parseInput(productInputSchema, { sku: '', name: 'Tea' }))).toBe('SKU is required');
    expect(messageOf(() => parseInput(productInputSchema, { sku: 'A', name: 'Tea', price: -1 }))).toBe('Price cannot be negative');
    expect(messageOf(() => parseInput(productInputSchema, { sku: 'A', name: 'Tea', reorderPoint: 1.5 }))).toBe(
      'Reorder point must be a whole number, zero or more',
    );
    expect(messageOf(() => parseInput(productInputSchema, { sku: 'A', name: 'Tea', barcodes: ['4006381333932'] }))).toMatch(
      /check digit should be 1/,
    );
    expect(messageOf(() => parseInput(productInputSchema, { sku: 'A', name: 'Tea', barcodes: ['X1', 'X1'] }))).toBe(
      'Barcode X1 is listed twice',
    );
    expect(messageOf(() => parseInput(productInputSchema, null))).toBe('Product details are missing');
  });

  it('explains bad quantities', () => {
    const base = { sku: 'A', locationId: 'main' };
    for (const qty of [0, -1, 1.5, Number.NaN, '2', Number.POSITIVE_INFINITY]) {
      expect(messageOf(() => parseInput(receiveInputSchema, { ...base, qty }))).toBe('Quantity must be a whole number above zero');
    }
    expect(messageOf(() => parseInput(adjustInputSchema, { ...base, qty: 0, reason: 'x' }))).toMatch(/other than zero/);
    expect(messageOf(() => parseInput(adjustInputSchema, { ...base, qty: -2 }))).toBe('Give a reason for the adjustment');
    expect(messageOf(() => parseInput(countInputSchema, { ...base, qty: -1 }))).toBe('Counted quantity must be a whole number, zero or more');
    expect(parseInput(countInputSchema, { ...base, qty: 0 }).qty).toBe(0);
  });

  it('refuses a transfer to the same location', () => {
    expect(messageOf(() => parseInput(transferInputSchema, { sku: 'A', fromLocationId: 'main', toLocationId: ' main', qty: 1 }))).toMatch(
      /cannot be transferred to the location it is in/,
    );
  });

  it('lists every problem in details', () => {
    try {
      parseInput(locationInputSchema, { id: '', name: '', priority: -1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StockRefusal);
      const details = (error as StockRefusal).details as { issues: Array<{ path: string }> };
      expect(details.issues.map((i) => i.path)).toEqual(['id', 'name', 'priority']);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { addLocation, addProduct, productUpdate, putProduct } from './catalog';
import { location, meta, product, refusalOf, workWith } from './test-fixtures';

describe('catalog', () => {
  it('adds a product with defaults, stamped with the command time', () => {
    const work = workWith({});
    expect(addProduct(work, { sku: 'SKU-1', name: 'Tea', barcodes: ['4006381333931'] }, meta({ at: 99 }))).toBe('created');
    expect(work.products.get('SKU-1')).toEqual({
      sku: 'SKU-1', name: 'Tea', unit: 'pcs', price: 0, barcodes: ['4006381333931'],
      reorderPoint: 0, allowBackorder: false, active: true, updatedAt: 99,
    });
    expect([...work.changedProducts]).toEqual(['SKU-1']);
  });

  it('refuses an existing sku on create and updates it on upsert', () => {
    const work = workWith({ products: [product('SKU-1')] });
    expect(refusalOf(() => addProduct(work, { sku: 'SKU-1', name: 'Tea' }, meta())).message).toBe('Product SKU-1 already exists');
    expect(addProduct(work, { sku: 'SKU-1', name: 'Green tea' }, meta(), 'upsert')).toBe('updated');
    expect(work.products.get('SKU-1')?.name).toBe('Green tea');
  });

  it('an update changes the fields given, keeps the others, and is checked whole', () => {
    const stored = product('SKU-1', { name: 'Tea', price: 6.5, barcodes: ['4006381333931'], reorderPoint: 4, updatedAt: 7 });
    expect(productUpdate(stored, { sku: ' SKU-1 ', name: 'Green tea', price: undefined, active: false })).toEqual({
      sku: 'SKU-1', name: 'Green tea', unit: 'pcs', price: 6.5, barcodes: ['4006381333931'],
      reorderPoint: 4, allowBackorder: false, active: false,
    });
    expect(refusalOf(() => productUpdate(undefined, { sku: 'SKU-9', name: 'X' }))).toMatchObject({ code: 'not-found', message: "Unknown SKU 'SKU-9'" });
    expect(refusalOf(() => productUpdate(stored, { sku: 'SKU-1', name: '  ' }))).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/Product name is required/) });
    expect(refusalOf(() => productUpdate(stored, { sku: 'SKU-1', price: -1 }))).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/cannot be negative/) });
    expect(refusalOf(() => productUpdate(stored, { name: 'No sku' }))).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/SKU is required/) });
  });

  it("'update' refuses a sku that does not exist", () => {
    const work = workWith({});
    const fields = { sku: 'SKU-1', name: 'Tea', unit: 'pcs', price: 0, barcodes: [], reorderPoint: 0, allowBackorder: false, active: true };
    expect(refusalOf(() => putProduct(work, fields, meta(), 'update')).message).toBe("Unknown SKU 'SKU-1'");
    expect(work.changedProducts.size).toBe(0);
  });

  it('refuses a barcode that belongs to another product, keeps its own on update', () => {
    const work = workWith({ products: [product('SKU-7', { barcodes: ['4006381333931'] })] });
    const refusal = refusalOf(() => addProduct(work, { sku: 'SKU-8', name: 'Tea', barcodes: ['4006381333931'] }, meta()));
    expect(refusal).toMatchObject({ code: 'invalid-input', message: 'Barcode 4006381333931 already belongs to SKU-7' });
    expect(work.changedProducts.size).toBe(0);
    expect(addProduct(work, { sku: 'SKU-7', name: 'Renamed', barcodes: ['4006381333931'] }, meta(), 'upsert')).toBe('updated');
  });

  it('adds locations after the existing ones unless given a priority, with a known parent', () => {
    const work = workWith({ locations: [location('main', 1), location('back', 5)] });
    expect(addLocation(work, { id: 'shelf-1', name: 'Shelf 1', parentId: 'back' })).toEqual({
      id: 'shelf-1', name: 'Shelf 1', priority: 6, parentId: 'back', active: true,
    });
    expect(addLocation(work, { id: 'front', name: 'Front', priority: 0 }).priority).toBe(0);
    expect(refusalOf(() => addLocation(work, { id: 'main', name: 'Again' })).message).toBe("Location 'main' already exists");
    expect(refusalOf(() => addLocation(work, { id: 'bin', name: 'Bin', parentId: 'nowhere' }))).toMatchObject({
      code: 'not-found', message: "Unknown location 'nowhere'",
    });
    expect(addLocation(workWith({}), { id: 'first', name: 'First' }).priority).toBe(1);
  });
});

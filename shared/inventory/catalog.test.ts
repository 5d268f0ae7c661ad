import { describe, expect, it } from 'vitest';
import { addLocation, addProduct, productUpdate, putProduct, updateLocation } from './catalog';
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
    const stored = product('SKU-1', { name: 'Tea', price: 650, barcodes: ['4006381333931'], reorderPoint: 4, updatedAt: 7 });
    expect(productUpdate(stored, { sku: ' SKU-1 ', name: 'Green tea', price: undefined, active: false })).toEqual({
      sku: 'SKU-1', name: 'Green tea', unit: 'pcs', price: 650, barcodes: ['4006381333931'],
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

  it('a location change keeps the code and what it does not name; a location cannot become part of itself', () => {
    const work = workWith({ locations: [location('main', 1), location('back', 2), location('bin-1', 3, { parentId: 'back' }), location('bin-2', 4, { parentId: 'bin-1' })] });
    expect(updateLocation(work, { id: 'back', name: 'Back store', priority: 0, parentId: undefined })).toEqual({
      id: 'back', name: 'Back store', priority: 0, parentId: null, active: true,
    });
    expect(updateLocation(work, { id: 'bin-2', parentId: 'main', active: false })).toMatchObject({ parentId: 'main', active: false, priority: 4 });
    expect([...work.changedLocations]).toEqual(['back', 'bin-2']);
    const cycle = refusalOf(() => updateLocation(work, { id: 'back', parentId: 'bin-1' }));
    expect(cycle).toMatchObject({ code: 'invalid-input', message: 'Back store cannot be part of bin-1: that is part of Back store itself' });
    expect(cycle.details).toEqual({ issues: [{ path: 'parentId', message: cycle.message }] });
    expect(refusalOf(() => updateLocation(work, { id: 'back', parentId: 'back' })).code).toBe('invalid-input');
    expect(refusalOf(() => updateLocation(work, { id: 'back', parentId: 'attic' })).message).toBe("Unknown location 'attic'");
    expect(refusalOf(() => updateLocation(work, { id: 'cellar', name: 'Cellar' })).message).toBe("Unknown location 'cellar'");
    expect(refusalOf(() => updateLocation(work, { id: 'back', priority: -1 })).code).toBe('invalid-input');
    expect(work.locations.get('back')?.parentId).toBeNull();
  });

  it('a barcode is the same whether written as UPC-A or EAN-13: one product only, not listed twice', () => {
    const work = workWith({ products: [product('SKU-7', { barcodes: ['036000291452'] })] });
    expect(refusalOf(() => addProduct(work, { sku: 'SKU-8', name: 'Copy', barcodes: ['0036000291452'] }, meta())).message).toBe(
      'Barcode 0036000291452 already belongs to SKU-7',
    );
    expect(refusalOf(() => addProduct(work, { sku: 'SKU-9', name: 'Twice', barcodes: ['036000291452', '0036000291452'] }, meta())).message).toMatch(
      /Barcode 0036000291452 is listed twice/,
    );
  });
});

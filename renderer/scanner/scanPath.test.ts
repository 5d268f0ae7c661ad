// The scanner path's matching against a real database (fake-indexeddb): which product a scan
// or a typed code names (any case; GS1 trade items, logistics labels, pharmacy codes), what
// a scan stores as a product barcode, receipts adding up, the quantity key; and property
// tests that any scanned string is answered without throwing.
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GS, parseBarcode } from '../../shared/barcode/index';
import type { ProductRow } from '../../shared/db/rows';

vi.mock('../db', async () => {
  const { CounterDb } = await import('../../shared/db/database');
  return { db: new CounterDb(`scan-path-${Math.random().toString(36).slice(2)}`) };
});

const { db } = await import('../db');
const { findScannedProduct, factsText, productCodeOf } = await import('./products');
const { findProduct } = await import('../orders/productLookup');
const { MAX_SCAN_QTY, useScanStockStore } = await import('./scanStockStore');

const GTIN = '09501101530003';
const product = (sku: string, barcodes: string[] = []): ProductRow =>
  ({ sku, name: `${sku} name`, unit: 'pcs', price: 1, reorderPoint: 0, barcodes, allowBackorder: false, active: true }) as unknown as ProductRow;
const parse = (raw: string) => parseBarcode(raw, undefined, { referenceYear: 2026 });
const skuOf = async (raw: string) => {
  const lookup = await findScannedProduct(parse(raw));
  return 'found' in lookup ? lookup.found : lookup;
};

beforeAll(async () => {
  await db.products.bulkPut([product('TEA-100', ['4006381333931']), product('AMOX-500', ['9501101530003']), product('Cup-01', ['abc-777'])]);
});

describe('which product a scan or a typed code names', () => {
  it('matches SKUs and barcodes without regard to case', async () => {
    expect((await findProduct('tea-100'))?.sku).toBe('TEA-100');
    expect((await findProduct('CUP-01'))?.sku).toBe('Cup-01');
    expect((await findProduct('ABC-777'))?.sku).toBe('Cup-01');
    expect(await findProduct('tea-10')).toBeUndefined(); // a prefix is no exact match
    expect(await skuOf('tea-100')).toMatchObject({ product: { sku: 'TEA-100' }, qty: 1 });
  });

  it('reads a GS1 DataBar with a price to its product, price kept as a fact', async () => {
    expect(await skuOf(`]e001${GTIN}3922001299`)).toMatchObject({ product: { sku: 'AMOX-500' }, qty: 1, facts: { price: 12.99 } });
  });

  it('reads a logistics label to the product it holds and its count', async () => {
    expect(await skuOf(`]C100106141411234567897${GS}02${GTIN}3724`)).toMatchObject({
      product: { sku: 'AMOX-500' },
      qty: 24,
      facts: { sscc: '106141411234567897' },
    });
  });

  it('reads a pharmacy DataMatrix to product, lot, expiry and serial', async () => {
    const found = await skuOf(`]d2${GS}01${GTIN}17271130` + `10LOT42${GS}21SER-1`);
    expect(found).toMatchObject({ product: { sku: 'AMOX-500' }, qty: 1, facts: { batch: 'LOT42', expiry: '2027-11-30', serial: 'SER-1' } });
    const t = (key: string, p: Record<string, unknown>) => `${key.split('.').pop()}=${Object.values(p).join('')}`;
    expect(factsText((found as { facts: object }).facts, t)).toBe('batch=LOT42 · expiry=2027-11-30 · serial=SER-1');
  });

  it('says which scans name no product, and which code a product form stores', async () => {
    expect(await skuOf('CF:LOC:MAIN')).toEqual({ notProduct: true });
    expect(await skuOf(`]C100106141411234567897`)).toEqual({ notProduct: true }); // an SSCC alone
    expect(await skuOf('5012345678900')).toEqual({ missing: '5012345678900' });
    expect(productCodeOf(parse('5901234123457'))).toBe('5901234123457');
    expect(productCodeOf(parse(`]d201${GTIN}10L1`))).toBe(GTIN);
    expect(productCodeOf(parse('5901234123458'))).toBe('5901234123458'); // bad check digit: the engine says so on save
    expect(productCodeOf(parse('CF:O:PO-000001'))).toBeNull();
  });

  it('answers any scanned string without throwing (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom(`]C101${GTIN}37`, `]e001${GTIN}3922`, `02${GTIN}37999999999`)), async (raw) => {
        const lookup = await findScannedProduct(parse(raw));
        expect('found' in lookup || 'missing' in lookup || 'notProduct' in lookup).toBe(true);
        if ('found' in lookup) expect(lookup.found.qty).toBeGreaterThanOrEqual(1);
        if ('found' in lookup) expect(lookup.found.qty).toBeLessThanOrEqual(9999);
      }),
      { numRuns: 300 },
    );
  });
});

describe('scan goods: receipts add up, the quantity key multiplies one scan', () => {
  it('adds repeated scans of a product, location and lot into one line, newest on top', () => {
    const store = useScanStockStore.getState();
    store.book({ sku: 'TEA-100', name: 'Tea', qty: 1, locationId: 'MAIN' });
    store.book({ sku: 'CUP-01', name: 'Cup', qty: 1, locationId: 'MAIN' });
    const line = useScanStockStore.getState().book({ sku: 'TEA-100', name: 'Tea', qty: 5, locationId: 'MAIN' });
    expect(line).toMatchObject({ qty: 6, scans: 2 });
    useScanStockStore.getState().book({ sku: 'TEA-100', name: 'Tea', qty: 1, locationId: 'BIN' });
    useScanStockStore.getState().book({ sku: 'TEA-100', name: 'Tea', qty: 2, locationId: 'MAIN', batch: 'L1' });
    expect(useScanStockStore.getState().booked.map((b) => [b.sku, b.locationId, b.batch ?? '', b.qty])).toEqual([
      ['TEA-100', 'MAIN', 'L1', 2],
      ['TEA-100', 'BIN', '', 1],
      ['TEA-100', 'MAIN', '', 6],
      ['CUP-01', 'MAIN', '', 1],
    ]);
  });

  it('keeps the quantity key a whole number from 1 to the limit', () => {
    const { setNextQty } = useScanStockStore.getState();
    for (const [given, kept] of [[5, 5], [0, 1], [-3, 1], [2.5, 1], [Number.NaN, 1], [MAX_SCAN_QTY, MAX_SCAN_QTY], [MAX_SCAN_QTY + 1, 1]] as const) {
      setNextQty(given);
      expect(useScanStockStore.getState().nextQty, String(given)).toBe(kept);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { exportProductsCsv, exportStockLevelsCsv, parseProductsCsv, parseStockLevelsCsv } from './csv';
import { product } from './test-fixtures';

const HEADER = 'sku,name,unit,price,barcodes,reorderPoint,allowBackorder,active';

describe('products CSV', () => {
  it('exports and imports the same products', () => {
    const products = [
      product('SKU-1', { name: 'Tea, green', price: 350, barcodes: ['4006381333931', 'TEA-1'], reorderPoint: 4 }),
      product('SKU-2', { name: 'Mug "big"', allowBackorder: true, active: false }),
    ];
    const csv = exportProductsCsv(products);
    expect(csv.split('\r\n')[0]).toBe(HEADER);
    expect(csv).toContain('4006381333931|TEA-1');
    expect(csv).toContain('Tea, green",pcs,3.50,'); // minor units become decimals for people
    const parsed = parseProductsCsv(csv);
    expect(parsed).toEqual({ ok: true, rows: products.map(({ updatedAt: _u, ...p }) => p) });
  });

  it('escapes formulas on export and undoes it on import', () => {
    const csv = exportProductsCsv([product('SKU-1', { name: '=HYPERLINK("x")' })]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const parsed = parseProductsCsv(csv);
    expect(parsed.ok && parsed.rows[0].name).toBe('=HYPERLINK("x")');
  });

  it('accepts a minimal file, a BOM, semicolons, loose header case and blank lines', () => {
    const parsed = parseProductsCsv('\uFEFFSKU;Name;AllowBackorder\r\nA;Apple;yes\r\n\r\n;;\r\nB;Bread;0\r\n');
    expect(parsed).toMatchObject({
      ok: true,
      rows: [
        { sku: 'A', name: 'Apple', allowBackorder: true, unit: 'pcs', price: 0, active: true },
        { sku: 'B', name: 'Bread', allowBackorder: false },
      ],
    });
  });

  it('reports every bad row by row number (header = row 1) and column', () => {
    const csv = [
      HEADER,
      'SKU-1,Tea,pcs,3.50,4006381333931,2,false,true', // row 2: fine
      ',No sku,pcs,1,,0,false,true', // row 3
      'SKU-3,Bad price,pcs,abc,,0,false,true', // row 4
      'SKU-4,Fraction,pcs,1,,1.5,maybe,true', // row 5: two problems
      'SKU-5,Bad code,pcs,1,4006381333932,0,false,true', // row 6
      'SKU-1,Again,pcs,1,,0,false,true', // row 7
      'SKU-7,Same code,pcs,1,4006381333931,0,false,true', // row 8
      'SKU-8,Short row,pcs', // row 9
    ].join('\n');
    const parsed = parseProductsCsv(csv);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      { row: 3, column: 'sku', message: 'SKU is required' },
      { row: 4, column: 'price', message: 'Price: "abc" is not an amount; type digits with at most one decimal point, e.g. 12.50.' },
      { row: 5, column: 'reorderPoint', message: 'Reorder point must be a whole number, zero or more' },
      { row: 5, column: 'allowBackorder', message: 'Allow backorder must be true or false' },
      { row: 6, column: 'barcodes', message: 'Barcode 4006381333932 is not a valid EAN-13: the check digit should be 1' },
      { row: 7, column: 'sku', message: 'SKU-1 appears twice in the file (first on row 2)' },
      { row: 8, column: 'barcodes', message: 'Barcode 4006381333931 is also on row 2 (SKU-1)' },
      { row: 9, column: null, message: 'Row has 3 values but the header has 8 columns' },
    ]);
  });

  it('a barcode in another form (EAN-13 of an EAN-8, GTIN-14) is the same barcode', () => {
    const existing = [product('SKU-9', { barcodes: ['96385074'] })];
    const csv = `${HEADER}\nSKU-1,Tea,pcs,1,0000096385074,0,false,true\nSKU-2,Mug,pcs,1,036000291452|00036000291452,0,false,true\n`;
    expect(parseProductsCsv(csv, existing)).toEqual({
      ok: false,
      errors: [
        { row: 2, column: 'barcodes', message: 'Barcode 96385074 already belongs to SKU-9' },
        { row: 3, column: 'barcodes', message: 'Barcode 00036000291452 is listed twice' },
      ],
    });
  });

  it('checks barcodes against stored products the file does not replace', () => {
    const existing = [product('SKU-7', { barcodes: ['4006381333931'] }), product('SKU-9', { barcodes: ['96385074'] })];
    const csv = `${HEADER}\nSKU-1,Tea,pcs,1,4006381333931,0,false,true\nSKU-2,Mug,pcs,1,ABC,0,false,true\n`;
    expect(parseProductsCsv(csv, existing)).toEqual({
      ok: false,
      errors: [{ row: 2, column: 'barcodes', message: 'Barcode 4006381333931 already belongs to SKU-7' }],
    });
    // Moving a barcode from SKU-9 to SKU-1 in the same file is fine.
    const moving = `${HEADER}\nSKU-9,Old,pcs,1,,0,false,true\nSKU-1,Tea,pcs,1,96385074,0,false,true\n`;
    expect(parseProductsCsv(moving, existing).ok).toBe(true);
  });

  it('refuses unknown, duplicate and missing columns on row 1, and empty files', () => {
    expect(parseProductsCsv('sku,colour,sku\nA,red,A')).toEqual({
      ok: false,
      errors: [
        { row: 1, column: 'colour', message: "Unknown column 'colour'; expected sku, name, unit, price, barcodes, reorderPoint, allowBackorder, active" },
        { row: 1, column: 'sku', message: "Column 'sku' appears twice" },
        { row: 1, column: 'name', message: "Column 'name' is missing" },
      ],
    });
    expect(parseProductsCsv('')).toEqual({ ok: false, errors: [{ row: 1, column: null, message: 'The file is empty: expected a header row' }] });
  });

  it('counts rows as records, so a quoted line break stays one row', () => {
    const parsed = parseProductsCsv(`sku,name,price\nA,"Two\nlines",1\nB,Bad,-1\n`);
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { row: 2, column: 'name', message: 'Product name contains characters that cannot be printed' },
        { row: 3, column: 'price', message: 'Price cannot be negative' },
      ],
    });
  });

  it('reports unreadable quoting', () => {
    const parsed = parseProductsCsv('sku,name\nA,"open\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0].message).toMatch(/^Cannot read this row/);
  });
});

describe('stock levels CSV', () => {
  it('exports levels with available', () => {
    const csv = exportStockLevelsCsv([{ sku: 'A', locationId: 'main', onHand: 5, reserved: 2, updatedAt: 0 }]);
    expect(csv).toBe('sku,locationId,onHand,reserved,available\r\nA,main,5,2,3');
  });

  it('imports on-hand counts, ignoring the derived columns', () => {
    const known = { skus: ['A', 'B'], locationIds: ['main'] };
    expect(parseStockLevelsCsv('sku,locationId,onHand,reserved,available\r\nA,main,5,2,3\r\nB,main,0,0,0', known)).toEqual({
      ok: true,
      rows: [
        { sku: 'A', locationId: 'main', onHand: 5 },
        { sku: 'B', locationId: 'main', onHand: 0 },
      ],
    });
  });

  it('reports unknown skus and locations, bad figures and duplicates', () => {
    const known = { skus: ['A'], locationIds: ['main'] };
    const parsed = parseStockLevelsCsv('sku,locationId,onHand\nX,main,1\nA,attic,1\nA,main,-1\nA,main,2.5\nA,main,3\nA,main,4', known);
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { row: 2, column: 'sku', message: "Unknown SKU 'X'" },
        { row: 3, column: 'locationId', message: "Unknown location 'attic'" },
        { row: 4, column: 'onHand', message: 'On hand must be a whole number, zero or more' },
        { row: 5, column: 'onHand', message: 'On hand must be a whole number, zero or more' },
        { row: 7, column: 'sku', message: 'A at main appears twice in the file (first on row 6)' },
      ],
    });
  });
});

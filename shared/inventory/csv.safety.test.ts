// CSV files are opened in spreadsheets (formula injection) and edited by hand before import:
// exports must hold no formula cell however a spreadsheet splits them, the round trip must
// be exact for any text, and import must be total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProductRow } from '../db/rows';
import { barcodeKey } from './barcodes';
import { exportProductsCsv, exportStockLevelsCsv, neutraliseCell, parseProductsCsv, parseStockLevelsCsv, readCsv, restoreCell, writeCsv } from './csv';
import { productInputSchema, type ProductFields } from './schemas';
import { product } from './test-fixtures';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;

/**
 * Every cell a spreadsheet could see, whatever it takes as the list separator (, ; tab) and
 * wherever it starts a quoted field: the text split at every separator and line break, with
 * leading quote marks dropped. None may start like a formula unless it is a plain number.
 */
function formulaCells(csv: string): string[] {
  return csv
    .split(/[,;\t\r\n]/)
    .map((piece) => piece.replace(/^"+/, ''))
    .filter((cell) => FORMULA_START.test(cell) && !NUMBER.test(cell));
}

describe('spreadsheet-safe cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ["'quoted", "''quoted"],
    ['"big"', `'"big"`],
    ['Tea;=cmd', "Tea;'=cmd"],
    ['a,-2', "a,'-2"],
    ['line\n=cmd', "line\n'=cmd"],
    ['Tea, green', 'Tea, green'],
    ['plain', 'plain'],
  ])('writes %j as %j and reads it back', (text, written) => {
    expect(neutraliseCell(text)).toBe(written);
    expect(restoreCell(written)).toBe(text);
  });

  it('exports no formula cell even when split on ; (European Excel) or tabs', () => {
    const csv = exportProductsCsv([
      product('=SKU', { name: 'Tea;=HYPERLINK("http://x","y")', unit: '@u' }),
      product('S2', { name: 'Mug,+1\n-2\t@3', barcodes: ['-12'] }),
      product('S3', { name: "'already quoted" }),
    ]);
    expect(formulaCells(csv)).toEqual([]);
    // …and cells with any separator are quoted, so a comma reader sees the same three rows.
    expect(csv).toContain(`"Tea;'=HYPERLINK(""http://x"",'""y"")"`);
    expect(readCsv(csv)).toMatchObject({ ok: true, rows: { length: 4 } });
  });

  it('keeps numbers as numbers: a negative quantity is written and read as -5', () => {
    const csv = exportStockLevelsCsv([{ sku: '-SKU', locationId: 'main', onHand: -5, reserved: 0, updatedAt: 0 }]);
    expect(csv).toBe("sku,locationId,onHand,reserved,available\r\n'-SKU,main,-5,0,-5");
    expect(formulaCells(csv)).toEqual([]);
    // Read as the number -5 (so refused as a count for being negative, not as text).
    expect(parseStockLevelsCsv(csv, { skus: ['-SKU'], locationIds: ['main'] })).toEqual({
      ok: false,
      errors: [{ row: 2, column: 'onHand', message: 'On hand must be a whole number, zero or more' }],
    });
    expect(parseProductsCsv('sku,name,price\r\n-A,Apple,-1.5')).toEqual({ ok: false, errors: [{ row: 2, column: 'price', message: 'Price cannot be negative' }] });
  });

  it('a value that really starts with a quote survives export and import', () => {
    const products = [product('SKU-1', { name: "'70s mug" }), product("'S", { name: "''" })];
    expect(parseProductsCsv(exportProductsCsv(products))).toEqual({ ok: true, rows: products.map(({ updatedAt: _u, ...p }) => p) });
  });

  it('keeps empty cells of a one-column file and ignores a final line break', () => {
    const csv = writeCsv(['a'], [[''], ['x'], ['']]);
    expect(readCsv(csv)).toEqual({ ok: true, errors: [], rows: [['a'], [''], ['x'], ['']] });
    expect(readCsv('sku,name\r\nA,B\r\n')).toEqual({ ok: true, errors: [], rows: [['sku', 'name'], ['A', 'B']] });
  });

  it('reads a file written with ; or tabs as the separator (from its header)', () => {
    expect(parseProductsCsv("sku;name\r\nA;'=x, y\r\n")).toMatchObject({ ok: true, rows: [{ sku: 'A', name: '=x, y' }] });
    expect(parseProductsCsv('sku\tname\nA\tTea; green')).toMatchObject({ ok: true, rows: [{ sku: 'A', name: 'Tea; green' }] });
  });

  it('answers the error result, never throws, for text that is not text', () => {
    const notText = { ok: false, errors: [{ row: 1, column: null, message: 'The file could not be read as text' }] };
    for (const input of [null, undefined, 42, {}, ['sku,name'], new Uint8Array([65])]) {
      expect(parseProductsCsv(input)).toEqual(notText);
      expect(parseStockLevelsCsv(input, { skus: [], locationIds: [] })).toEqual(notText);
      expect(readCsv(input)).toEqual(notText);
    }
    const broken = parseProductsCsv('sku,name\nA,B', 5 as unknown as ProductRow[]);
    expect(broken.ok).toBe(false);
  });
});

// --- properties ------------------------------------------------------------------------

const tricky = fc.constantFrom('', '=', '+', '-', '@', "'", "''", '"', '\t', '\r', '\n', '\r\n', ';', ',', ' ', ';=1', ',-2', '\t@x', '"=1"');
/** Any text, biased towards what breaks CSV and spreadsheets. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.tuple(tricky, fc.string({ unit: 'grapheme' }), tricky, fc.string({ unit: 'grapheme-composite' }), tricky).map((parts) => parts.join('')),
);

describe('CSV round trips (property)', () => {
  it('restoreCell(neutraliseCell(s)) === s for every string', () => {
    fc.assert(fc.property(anyText, (s) => {
      expect(restoreCell(neutraliseCell(s))).toBe(s);
    }), { numRuns: 2000 });
  });

  it('any table of text and numbers is read back exactly, and holds no formula cell however split', () => {
    const row = fc.tuple(anyText, anyText, fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        const csv = writeCsv(['a', 'b', 'n'], rows);
        expect(formulaCells(csv)).toEqual([]);
        const read = readCsv(csv);
        expect(read).toEqual({ ok: true, errors: [], rows: [['a', 'b', 'n'], ...rows.map(([a, b, n]) => [a, b, String(n)])] });
        if (read.ok) read.rows.slice(1).forEach((r, i) => expect(Number(r[2])).toBe(rows[i]![2] === 0 ? 0 : rows[i]![2]));
      }),
      { numRuns: 500 },
    );
  });

  const BARCODES = ['4006381333931', '96385074', '036000291452', 'TEA-1', '-12', '=X1', "'B"];
  const fields = fc.record({
    sku: anyText,
    name: anyText,
    unit: fc.oneof(fc.constantFrom('pcs', 'kg', '=u', "'u", '-'), anyText),
    price: fc.oneof(fc.nat({ max: 1_000_000 }), fc.integer({ min: 0, max: 100_000_000_000 })), // minor units
    barcodes: fc.subarray(BARCODES),
    reorderPoint: fc.nat(),
    allowBackorder: fc.boolean(),
    active: fc.boolean(),
  });
  /** Products as the app stores them: valid, distinct skus, each barcode on one product. */
  const products = fc.array(fields, { maxLength: 6 }).map((list) => {
    const skus = new Set<string>();
    const codes = new Set<string>();
    const out: ProductFields[] = [];
    for (const f of list) {
      const parsed = productInputSchema.safeParse(f);
      if (!parsed.success || skus.has(parsed.data.sku)) continue;
      const barcodes = parsed.data.barcodes.filter((b) => !codes.has(barcodeKey(b)));
      barcodes.forEach((b) => codes.add(barcodeKey(b)));
      skus.add(parsed.data.sku);
      out.push({ ...parsed.data, barcodes });
    }
    return out;
  });

  it('products export → import gives the same rows (any unicode, leading =+-@\', ; , quotes)', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(products, (rows) => {
        if (rows.length) nonEmpty += 1;
        const csv = exportProductsCsv(rows.map((p) => ({ ...p, updatedAt: 0 })));
        expect(formulaCells(csv)).toEqual([]);
        expect(parseProductsCsv(csv)).toEqual({ ok: true, rows });
      }),
      { numRuns: 500 },
    );
    expect(nonEmpty).toBeGreaterThan(100); // the generator does reach valid products
  });

  it('import is total: any text gives ok or errors with a row, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.array(fc.array(anyText)).map((rows) => rows.map((r) => r.join(',')).join('\n'))), (text) => {
        for (const result of [parseProductsCsv(`sku,name\n${text}`), parseProductsCsv(text), parseStockLevelsCsv(text, { skus: ['A'], locationIds: ['main'] })]) {
          if (!result.ok) for (const e of result.errors) expect(e.row).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });
});

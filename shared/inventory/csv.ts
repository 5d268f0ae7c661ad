// CSV import and export of products and stock levels. Import checks every row and
// reports each problem by row and column; the caller imports nothing unless all rows pass.
import Papa from 'papaparse';
import type { ProductRow, StockLevelRow } from '../db/rows';
import { availableOf } from './book';
import { barcodeKey } from './barcodes';
import { productInputSchema, type ProductFields } from './schemas';

export interface CsvRowError {
  /** 1-based record number as a spreadsheet shows it; the header is row 1. */
  row: number;
  column: string | null;
  message: string;
}

export type CsvImport<T> = { ok: true; rows: T[] } | { ok: false; errors: CsvRowError[] };

export const PRODUCT_COLUMNS = ['sku', 'name', 'unit', 'price', 'barcodes', 'reorderPoint', 'allowBackorder', 'active'] as const;
export const STOCK_COLUMNS = ['sku', 'locationId', 'onHand', 'reserved', 'available'] as const;
const BARCODE_SEPARATOR = '|';

// --- export ------------------------------------------------------------------

// escapeFormulae: a name starting with '=' must not run as a formula in a spreadsheet.
const unparseConfig = { escapeFormulae: true, newline: '\r\n' } as const;

export function exportProductsCsv(products: Iterable<ProductRow>): string {
  const data = [...products].map((p) => [
    p.sku,
    p.name,
    p.unit,
    String(p.price),
    p.barcodes.join(BARCODE_SEPARATOR),
    String(p.reorderPoint),
    String(p.allowBackorder),
    String(p.active),
  ]);
  return Papa.unparse({ fields: [...PRODUCT_COLUMNS], data }, unparseConfig);
}

export function exportStockLevelsCsv(levels: Iterable<StockLevelRow>): string {
  const data = [...levels].map((l) => [l.sku, l.locationId, String(l.onHand), String(l.reserved), String(availableOf(l))]);
  return Papa.unparse({ fields: [...STOCK_COLUMNS], data }, unparseConfig);
}

// --- reading records -----------------------------------------------------------

interface CsvRecord<C extends string> {
  row: number;
  /** Trimmed cells by column; absent columns and empty cells are missing. */
  cells: Partial<Record<C, string>>;
}

/**
 * Parse text into records keyed by canonical column names. Rows that cannot be read are
 * reported in `errors` and left out, so the caller still checks every other row; a bad
 * header stops there (no row can be read without it).
 */
function readRecords<C extends string>(
  text: string,
  columns: readonly C[],
  required: readonly C[],
): { ok: true; records: CsvRecord<C>[]; errors: CsvRowError[] } | { ok: false; errors: CsvRowError[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t'],
  });
  const errors: CsvRowError[] = parsed.errors
    // A one-column file has no delimiter to detect; the comma default is right.
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => ({ row: (e.row ?? 0) + 1, column: null, message: `Cannot read this row: ${e.message}` }));

  const [header, ...body] = parsed.data;
  if (!header || header.every((h) => h.trim() === '')) return { ok: false, errors: [{ row: 1, column: null, message: 'The file is empty: expected a header row' }] };

  const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const headerColumns: Array<C | null> = [];
  for (const raw of header) {
    const name = raw.trim();
    const column = byLower.get(name.toLowerCase()) ?? null;
    if (!column) errors.push({ row: 1, column: name, message: `Unknown column '${name}'; expected ${columns.join(', ')}` });
    else if (headerColumns.includes(column)) errors.push({ row: 1, column, message: `Column '${column}' appears twice` });
    headerColumns.push(column);
  }
  for (const column of required) {
    if (!headerColumns.includes(column)) errors.push({ row: 1, column, message: `Column '${column}' is missing` });
  }
  if (errors.some((e) => e.row === 1)) return { ok: false, errors };

  const records: CsvRecord<C>[] = [];
  body.forEach((values, i) => {
    const row = i + 2;
    if (values.every((v) => v.trim() === '')) return;
    if (values.length !== headerColumns.length) {
      errors.push({ row, column: null, message: `Row has ${values.length} values but the header has ${headerColumns.length} columns` });
      return;
    }
    const cells: Partial<Record<C, string>> = {};
    values.forEach((value, c) => {
      const column = headerColumns[c];
      // Undo the export's formula escaping ('=... -> =...).
      const cell = value.trim().replace(/^'(?=[=+\-@\t\r])/, '');
      if (column && cell !== '') cells[column] = cell;
    });
    records.push({ row, cells });
  });
  return { ok: true, records, errors };
}

function outcome<T>(errors: CsvRowError[], rows: T[]): CsvImport<T> {
  // Stable sort: a row's problems stay in column order.
  return errors.length > 0 ? { ok: false, errors: [...errors].sort((a, b) => a.row - b.row) } : { ok: true, rows };
}

// Cells that look like numbers or booleans become them; anything else stays text so the
// schema reports it with the column's own message.
function numberCell(cell: string | undefined): number | string | undefined {
  return cell !== undefined && /^[-+]?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
}

function booleanCell(cell: string | undefined): boolean | string | undefined {
  if (cell === undefined) return undefined;
  const lower = cell.toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(lower)) return true;
  if (['false', 'no', 'n', '0'].includes(lower)) return false;
  return cell;
}

// --- products ------------------------------------------------------------------

/**
 * Check a products file. `existing` are the products already stored: a file row with an
 * existing sku updates it, and a barcode may not belong to another product afterwards.
 */
export function parseProductsCsv(text: string, existing: Iterable<ProductRow> = []): CsvImport<ProductFields> {
  const read = readRecords(text, PRODUCT_COLUMNS, ['sku', 'name']);
  if (!read.ok) return read;
  const errors: CsvRowError[] = [...read.errors];
  const valid: Array<{ row: number; product: ProductFields }> = [];

  for (const { row, cells } of read.records) {
    const result = productInputSchema.safeParse({
      sku: cells.sku,
      name: cells.name,
      unit: cells.unit,
      price: numberCell(cells.price),
      barcodes: cells.barcodes?.split(BARCODE_SEPARATOR).map((b) => b.trim()).filter((b) => b !== ''),
      reorderPoint: numberCell(cells.reorderPoint),
      allowBackorder: booleanCell(cells.allowBackorder),
      active: booleanCell(cells.active),
    });
    if (result.success) valid.push({ row, product: result.data });
    else for (const issue of result.error.issues) errors.push({ row, column: String(issue.path[0] ?? '') || null, message: issue.message });
  }

  const skuRow = new Map<string, number>();
  const barcodeAt = new Map<string, { row: number; sku: string }>();
  for (const { row, product } of valid) {
    const first = skuRow.get(product.sku);
    if (first !== undefined) errors.push({ row, column: 'sku', message: `${product.sku} appears twice in the file (first on row ${first})` });
    else skuRow.set(product.sku, row);
    for (const barcode of product.barcodes) {
      const seen = barcodeAt.get(barcodeKey(barcode));
      if (seen && seen.sku !== product.sku) errors.push({ row, column: 'barcodes', message: `Barcode ${barcode} is also on row ${seen.row} (${seen.sku})` });
      else if (!seen) barcodeAt.set(barcodeKey(barcode), { row, sku: product.sku });
    }
  }
  // Stored products the file does not replace keep their barcodes.
  for (const stored of existing) {
    if (skuRow.has(stored.sku)) continue;
    for (const barcode of stored.barcodes) {
      const claim = barcodeAt.get(barcodeKey(barcode));
      if (claim) errors.push({ row: claim.row, column: 'barcodes', message: `Barcode ${barcode} already belongs to ${stored.sku}` });
    }
  }
  return outcome(errors, valid.map((v) => v.product));
}

// --- stock levels ----------------------------------------------------------------

export interface StockCountRow {
  sku: string;
  locationId: string;
  /** The counted on-hand figure; reserved and available in the file are derived, so ignored. */
  onHand: number;
}

/** Check a stock-levels file (as exported) to apply as stock-take counts. */
export function parseStockLevelsCsv(
  text: string,
  known: { skus: Iterable<string>; locationIds: Iterable<string> },
): CsvImport<StockCountRow> {
  const read = readRecords(text, STOCK_COLUMNS, ['sku', 'locationId', 'onHand']);
  if (!read.ok) return read;
  const skus = new Set(known.skus);
  const locationIds = new Set(known.locationIds);
  const errors: CsvRowError[] = [...read.errors];
  const rows: StockCountRow[] = [];
  const firstRow = new Map<string, number>();

  for (const { row, cells } of read.records) {
    const before = errors.length;
    const { sku, locationId, onHand } = cells;
    if (sku === undefined) errors.push({ row, column: 'sku', message: 'SKU is required' });
    else if (!skus.has(sku)) errors.push({ row, column: 'sku', message: `Unknown SKU '${sku}'` });
    if (locationId === undefined) errors.push({ row, column: 'locationId', message: 'Location is required' });
    else if (!locationIds.has(locationId)) errors.push({ row, column: 'locationId', message: `Unknown location '${locationId}'` });
    if (onHand === undefined || !/^\+?\d+$/.test(onHand)) {
      errors.push({ row, column: 'onHand', message: 'On hand must be a whole number, zero or more' });
    }
    if (errors.length > before || sku === undefined || locationId === undefined || onHand === undefined) continue;
    const key = `${sku}\u0000${locationId}`;
    const first = firstRow.get(key);
    if (first !== undefined) {
      errors.push({ row, column: 'sku', message: `${sku} at ${locationId} appears twice in the file (first on row ${first})` });
      continue;
    }
    firstRow.set(key, row);
    rows.push({ sku, locationId, onHand: Number(onHand) });
  }
  return outcome(errors, rows);
}

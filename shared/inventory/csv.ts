// CSV import and export of products and stock levels. Import checks every row and
// reports each problem by row and column; the caller imports nothing unless all rows pass.
import Papa from 'papaparse';
import type { ProductRow, StockLevelRow } from '../db/rows';
import { availableOf } from './book';
import { barcodeKey } from './barcodes';
import { productInputSchema, type ProductFields } from './schemas';
import { formatMoney, parseMoney, type CurrencyDigits } from '../money';

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

// --- spreadsheet-safe cells -------------------------------------------------------
//
// A spreadsheet runs a cell that starts with = + - @ as a formula (and some strip a leading
// tab or CR first), so a product named "=HYPERLINK(...)" could run on a clerk's machine.
// A text cell starting with one of those gets a leading ' (which spreadsheets show as
// text). Quoting alone is not enough: a European Excel splits a comma file on ';' (and
// tab-pasting splits on tabs), and there a quoted "a;=cmd" becomes two cells, the second
// a formula. So every place a cell could start in ANY reading — the start and after each
// , ; tab CR LF — is neutralised, not only the start.
//
// The round trip is exact for every string: ' and " are neutralised too, so after export
// a ' at a cell-start place is always one export added, and import removes exactly those.
// Numbers are written as numbers, never neutralised: "-5" is a number to every spreadsheet
// (not a formula) and must import as -5; numeric columns hold only figures we wrote.
const CELL_START = /(?<=^|[,;\t\r\n])(?=[=+\-@\t\r'"])/g;
const ADDED_QUOTE = /(?<=^|[,;\t\r\n])'/g;

/** A text cell as written: a ' before every formula-like start (see above). */
export function neutraliseCell(text: string): string {
  return text.replace(CELL_START, "'");
}

/** Undoes neutraliseCell exactly (for any string s, restoreCell(neutraliseCell(s)) === s). */
export function restoreCell(cell: string): string {
  return cell.replace(ADDED_QUOTE, '');
}

/** A decimal figure written exactly as given ("-0.50"): a number a spreadsheet reads,
 *  never a formula, so it is not neutralised (anything else in it is). */
export interface CsvFigure {
  figure: string;
}
const FIGURE = /^-?\d+(\.\d+)?$/;

type CsvValue = string | number | boolean | CsvFigure;

function cellText(v: CsvValue): string {
  if (typeof v === 'string') return neutraliseCell(v);
  if (typeof v === 'object') return FIGURE.test(v.figure) ? v.figure : neutraliseCell(v.figure);
  return String(v);
}

/**
 * CSV text with a header. Text is neutralised; numbers and booleans are written as they are.
 * Cells holding a separator of any locale (, ; tab), a quote or a line break are quoted.
 */
export function writeCsv(fields: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const data = rows.map((row) => row.map(cellText));
  // In a one-column file an empty cell would be an empty line, which readers skip: quote it.
  const quotes = (value: unknown) => typeof value === 'string' && (/[,;\t"\r\n]/.test(value) || (value === '' && fields.length === 1));
  const csv = Papa.unparse({ fields: [...fields], data }, { escapeFormulae: false, newline: '\r\n', quotes });
  return data.length ? csv : csv.replace(/\r\n$/, ''); // Papa ends a header-only file with a line break

}

// --- export ------------------------------------------------------------------

/** Prices go into the file as decimals a person reads ("12.50"), from minor units. */
export function exportProductsCsv(products: Iterable<ProductRow>, digits?: CurrencyDigits): string {
  const data = [...products].map((p) => [
    p.sku,
    p.name,
    p.unit,
    formatMoney(p.price, digits),
    p.barcodes.join(BARCODE_SEPARATOR),
    p.reorderPoint,
    p.allowBackorder,
    p.active,
  ]);
  return writeCsv(PRODUCT_COLUMNS, data);
}

export function exportStockLevelsCsv(levels: Iterable<StockLevelRow>): string {
  return writeCsv(STOCK_COLUMNS, [...levels].map((l) => [l.sku, l.locationId, l.onHand, l.reserved, availableOf(l)]));
}

// --- reading records -----------------------------------------------------------

/** The delimiter of a file, from its header row (column names never hold one). */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/[\r\n]|$/));
  const count = (d: string) => header.split(d).length - 1;
  return [',', ';', '\t'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/**
 * Line breaks between records as \n, whatever mix the file has (\r\n from Windows, \n, a
 * lone \r from old Macs, or all of them in a file edited on two machines): the parser takes
 * one kind per file and would read the others as part of a cell. Breaks inside a quoted
 * cell are the cell's own text and are kept as they are.
 */
function recordBreaksAsLf(text: string, delimiter: string): string {
  if (!text.includes('\r')) return text;
  const QUOTE = 34;
  const CR = 13;
  const LF = 10;
  const DELIMITER = delimiter.charCodeAt(0);
  let out = '';
  let from = 0;
  let quoted = false;
  // As the parser reads quotes: one opens a cell only at its start; inside, "" is a quote.
  let cellStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else quoted = false;
      }
      continue;
    }
    if (c === QUOTE && cellStart) {
      quoted = true;
      cellStart = false;
    } else if (c === CR) {
      out += `${text.slice(from, i)}\n`;
      if (text.charCodeAt(i + 1) === LF) i++;
      from = i + 1;
      cellStart = true;
    } else cellStart = c === LF || c === DELIMITER;
  }
  return out + text.slice(from);
}

export type CsvTable = { ok: true; rows: string[][]; errors: CsvRowError[] } | { ok: false; errors: CsvRowError[] };

/**
 * Rows of restored cells (header included), or the module's error result for text that is
 * not text. Total: never throws. Rows that cannot be read are reported in `errors`.
 */
export function readCsv(text: unknown): CsvTable {
  if (typeof text !== 'string') return { ok: false, errors: [{ row: 1, column: null, message: 'The file could not be read as text' }] };
  const unmarked = text.replace(/^\uFEFF/, '');
  const delimiter = delimiterOf(unmarked);
  const body = recordBreaksAsLf(unmarked, delimiter);
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter, newline: '\n' });
  const errors: CsvRowError[] = parsed.errors.map((e) => ({ row: (e.row ?? 0) + 1, column: null, message: `Cannot read this row: ${e.message}` }));
  const rows = parsed.data;
  // A file that ends with a line break (as editors save them) has no empty last record.
  if (rows.length > 1 && /[\r\n]$/.test(body) && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '') rows.pop();
  return { ok: true, rows: rows.map((row) => row.map(restoreCell)), errors };
}

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
  text: unknown,
  columns: readonly C[],
  required: readonly C[],
): { ok: true; records: CsvRecord<C>[]; errors: CsvRowError[] } | { ok: false; errors: CsvRowError[] } {
  const table = readCsv(text);
  if (!table.ok) return table;
  const errors = [...table.errors];

  const [header, ...body] = table.rows;
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
      const cell = value.trim();
      if (column && cell !== '') cells[column] = cell;
    });
    records.push({ row, cells });
  });
  return { ok: true, records, errors };
}

/** Safety net: a parse answers an error result, never throws (e.g. `existing` not iterable). */
function total<T>(check: () => CsvImport<T>): CsvImport<T> {
  try {
    return check();
  } catch (error) {
    return { ok: false, errors: [{ row: 1, column: null, message: `The file could not be checked: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

function outcome<T>(errors: CsvRowError[], rows: T[]): CsvImport<T> {
  // Stable sort: a row's problems stay in column order.
  return errors.length > 0 ? { ok: false, errors: [...errors].sort((a, b) => a.row - b.row) } : { ok: true, rows };
}

// Cells that look like numbers or booleans become them; anything else stays text so the
// schema reports it with the column's own message.
// Exponents included: String(1e-7) is "1e-7", and the round trip must give back what we wrote.
function numberCell(cell: string | undefined): number | string | undefined {
  return cell !== undefined && /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(cell) ? Number(cell) : cell;
}

/** A decimal price cell ("12.50") as minor units; an empty cell is no price; a bad one
 *  stays text, and the problem is the schema's or `priceProblem`'s to say. */
function priceCell(cell: string | undefined, digits: CurrencyDigits | undefined): { value: number | undefined; problem?: string } {
  if (cell === undefined || cell.trim() === '') return { value: undefined };
  const parsed = parseMoney(cell, digits);
  if (parsed.ok) return { value: parsed.minor };
  return { value: undefined, problem: parsed.reason === 'negative' ? 'Price cannot be negative' : `Price: ${parsed.message}` };
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
export function parseProductsCsv(text: unknown, existing: Iterable<ProductRow> = [], digits?: CurrencyDigits): CsvImport<ProductFields> {
  return total(() => checkProducts(text, existing, digits));
}

function checkProducts(text: unknown, existing: Iterable<ProductRow>, digits: CurrencyDigits | undefined): CsvImport<ProductFields> {
  const read = readRecords(text, PRODUCT_COLUMNS, ['sku', 'name']);
  if (!read.ok) return read;
  const errors: CsvRowError[] = [...read.errors];
  const valid: Array<{ row: number; product: ProductFields }> = [];

  for (const { row, cells } of read.records) {
    const price = priceCell(cells.price, digits);
    if (price.problem) {
      errors.push({ row, column: 'price', message: price.problem });
      continue;
    }
    const result = productInputSchema.safeParse({
      sku: cells.sku,
      name: cells.name,
      unit: cells.unit,
      price: price.value,
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
  text: unknown,
  known: { skus: Iterable<string>; locationIds: Iterable<string> },
): CsvImport<StockCountRow> {
  return total(() => checkStockLevels(text, known));
}

function checkStockLevels(text: unknown, known: { skus: Iterable<string>; locationIds: Iterable<string> }): CsvImport<StockCountRow> {
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

// GS1 element strings (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar): a run of
// application identifiers (AI) and their data. Fixed-length AIs need no separator;
// variable-length ones end at FNC1, which scanners transmit as ASCII GS (0x1D), or at
// the end of the data. The human-readable "(01)...(10)..." form is accepted too,
// because clerks type what is printed under the bars.
//
// The AI table (which AIs exist, how long each is, where it ends) is the one of
// gs1-barcode-parser-mod, which follows the GS1 General Specifications. Here: what the
// counter needs on top of it, checked on every element (check digits, real dates,
// GS1's character set, lengths of the fields the counter reads) and the typed fields.
import { parseBarcode as splitWithAiTable, type LibraryElement } from 'gs1-barcode-parser-mod';
import { verifyCheckDigit } from './checkDigit';
import type { Gs1Barcode, Gs1Element } from './types';

export const GS = '\x1d';

/** AIM symbology identifiers that announce GS1 data. */
export const GS1_SYMBOLOGIES = [']C1', ']d2', ']Q3', ']e0'] as const;

type Gs1Fields = Omit<Gs1Barcode, 'kind' | 'elements' | 'symbology'>;

/** A typed field an element fills, how its data is read, and the longest data the counter takes. */
interface FieldSpec {
  name: keyof Gs1Fields;
  as: 'text' | 'date' | 'int' | 'decimal' | 'amount';
  max: number;
}

/** The AIs whose data the counter reads into typed fields (the rest are kept as elements). */
const FIELDS: Record<string, FieldSpec> = {
  '00': { name: 'sscc', as: 'text', max: 18 },
  '01': { name: 'gtin', as: 'text', max: 14 },
  '02': { name: 'content', as: 'text', max: 14 },
  '10': { name: 'batch', as: 'text', max: 20 },
  '11': { name: 'productionDate', as: 'date', max: 6 },
  '15': { name: 'bestBefore', as: 'date', max: 6 },
  '17': { name: 'expiry', as: 'date', max: 6 },
  '21': { name: 'serial', as: 'text', max: 20 },
  '30': { name: 'quantity', as: 'int', max: 8 },
  '37': { name: 'count', as: 'int', max: 8 },
};
function fieldOf(ai: string): FieldSpec | undefined {
  const direct = FIELDS[ai];
  if (direct) return direct;
  // 310n: net weight in kg, n implied decimals; 392n: amount payable (one currency area);
  // 393n: amount payable with its ISO 4217 currency (3 digits) first.
  if (/^310[0-5]$/.test(ai)) return { name: 'netWeightKg', as: 'decimal', max: 6 };
  if (/^392\d$/.test(ai)) return { name: 'price', as: 'decimal', max: 15 };
  if (/^393\d$/.test(ai)) return { name: 'price', as: 'amount', max: 18 };
  return undefined;
}

/** AIs whose data ends in a GS1 check digit (SSCC, GTINs, GLNs, GSRNs). */
const CHECK_DIGIT_AI = /^(0[0-3]|41[0-7]|801[78])$/;
/** Two-digit-year dates (YYMMDD) the counter checks for a real day. */
const DATE_AI = /^1[1-7]$/;
/**
 * GS1's table of AI prefixes with a predefined length (General Specifications, "element
 * strings with predefined length"): only these may be followed by another element without
 * FNC1. Value: the length of AI and data together.
 */
const PREDEFINED_LENGTH: Record<string, number> = {
  '00': 20, '01': 16, '02': 16, '03': 16, '04': 18,
  '11': 8, '12': 8, '13': 8, '14': 8, '15': 8, '16': 8, '17': 8, '18': 8, '19': 8, '20': 4,
  '31': 10, '32': 10, '33': 10, '34': 10, '35': 10, '36': 10, '41': 16,
};

/** GS1 AI encodable character set 82 (the characters allowed in alphanumeric data). */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;
/** Character set 64 (file-safe base64), for the digital signature AI 8030. */
const CSET64 = /^[A-Za-z0-9_\-=]+$/;
const DIGITS = /^\d+$/;

export interface Gs1ParseOptions {
  /** Year used to resolve two-digit years (GS1 sliding window). Defaults to this year. */
  referenceYear?: number;
}

export type Gs1Outcome =
  | { ok: true; barcode: Gs1Barcode; elementString: string }
  | { ok: false; badCheckDigit: { code: string; expected: string; got: string } }
  | { ok: false; error: string };

/** Splits a leading AIM symbology identifier ("]C1", "]E0", ...) from the data. */
export function splitSymbology(text: string): { symbology?: string; data: string } {
  return /^\][A-Za-z][0-9A-Za-z]/.test(text) ? { symbology: text.slice(0, 3), data: text.slice(3) } : { data: text };
}

interface Split {
  ai: string;
  title: string;
  value: string;
}

/**
 * Recent splits by input. The library builds its element class anew on every call (~10-30 µs
 * a code here, against ~2 µs for all the checks below); a counter scans the same carton or
 * DataMatrix again and again while receiving. Splits are never handed out, so sharing is safe.
 */
const recentSplits = new Map<string, readonly Split[] | string>();
const RECENT_SPLITS = 64;

/** The library's elements, or why the data is not an element string. It throws strings. */
function splitElements(data: string): readonly Split[] | string {
  const known = recentSplits.get(data);
  if (known !== undefined) return known;
  const split = splitWithLibrary(data);
  if (recentSplits.size >= RECENT_SPLITS) recentSplits.delete(recentSplits.keys().next().value as string);
  recentSplits.set(data, split);
  return split;
}

function splitWithLibrary(data: string): readonly Split[] | string {
  let start = 0;
  while (data[start] === GS) start += 1; // a leading FNC1 only says "GS1 follows"
  const body = data.slice(start);
  // A bracketed element string is either all brackets or none.
  if (body.startsWith('(') && !/^(\(\d{2,4}\)[^()]+)+$/.test(body)) return 'malformed bracketed element string';
  try {
    return splitWithAiTable(body).parsedCodeItems.map((e: LibraryElement) => ({
      ai: String(e.ai),
      title: String(e.dataTitle),
      value: typeof e.raw === 'string' ? e.raw : '',
    }));
  } catch (e) {
    return typeof e === 'string' ? e : 'not a GS1 element string';
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYMMDD to ISO date; the century follows GS1's sliding window (-49..+50 years). */
function gs1Date(value: string, referenceYear: number): string | null {
  const yy = Number(value.slice(0, 2));
  const mm = Number(value.slice(2, 4));
  let dd = Number(value.slice(4, 6));
  if (mm < 1 || mm > 12) return null;
  const refYY = ((referenceYear % 100) + 100) % 100;
  let century = referenceYear - refYY;
  const diff = yy - refYY;
  if (diff >= 51) century -= 100;
  else if (diff <= -50) century += 100;
  const year = century + yy;
  const last = daysInMonth(year, mm);
  if (dd === 0) dd = last;
  if (dd > last) return null;
  return `${String(year).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** Digits with `decimals` implied decimals, read exactly (no float division drift). */
function impliedDecimal(digits: string, decimals: number): number {
  if (decimals === 0) return Number(digits);
  const padded = digits.padStart(decimals + 1, '0');
  return Number(`${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`);
}

function typedValue(field: FieldSpec, ai: string, value: string, date: string | null): string | number {
  switch (field.as) {
    case 'text':
      return value;
    case 'date':
      return date ?? value;
    case 'int':
      return Number(value);
    case 'decimal':
      return impliedDecimal(value, Number(ai.slice(3))); // the AI's fourth digit: implied decimals
    case 'amount':
      return impliedDecimal(value.slice(3), Number(ai.slice(3))); // after the ISO 4217 currency
  }
}

/** Why one element is not acceptable, or null. Runs on the library's split. */
function checkElement(ai: string, value: string, field: FieldSpec | undefined): Gs1Outcome | null {
  const fail = (why: string): Gs1Outcome => ({ ok: false, error: `AI ${ai}: ${why}` });
  if (value.length === 0) return fail('no data');
  const predefined = PREDEFINED_LENGTH[ai.slice(0, 2)];
  const numeric = predefined !== undefined || field?.as === 'int' || field?.as === 'decimal' || field?.as === 'amount' || /^39/.test(ai);
  if (!(numeric ? DIGITS : ai === '8030' ? CSET64 : CSET82).test(value)) return fail('invalid characters');
  if (predefined !== undefined && ai.length + value.length !== predefined) return fail(`wrong length ${value.length}`);
  if (field && value.length > field.max) return fail(`wrong length ${value.length}`);
  if (CHECK_DIGIT_AI.test(ai)) {
    const verdict = verifyCheckDigit(value);
    if (!verdict.valid) return { ok: false, badCheckDigit: { code: value, expected: verdict.expected, got: verdict.got } };
  }
  return null;
}

/**
 * Parses GS1 data (after any symbology identifier). Never throws. `data` may start with
 * FNC1 (GS), be an element string, or use the bracketed human-readable form.
 */
export function parseGs1(data: string, symbology?: string, options: Gs1ParseOptions = {}): Gs1Outcome {
  const referenceYear = options.referenceYear ?? new Date().getUTCFullYear();
  const parts = splitElements(data);
  if (typeof parts === 'string') return { ok: false, error: parts };
  if (parts.length === 0) return { ok: false, error: 'no GS1 elements' };

  const barcode: Gs1Barcode = { kind: 'gs1', elements: [] };
  if (symbology) barcode.symbology = symbology;
  const fields: Gs1Fields = barcode;
  const elements: Gs1Element[] = [];
  for (const { ai, title, value } of parts) {
    const field = fieldOf(ai);
    const problem = checkElement(ai, value, field);
    if (problem) return problem;
    let dateValue: string | null = null;
    if (DATE_AI.test(ai)) {
      dateValue = gs1Date(value, referenceYear);
      if (dateValue === null) return { ok: false, error: `AI ${ai}: invalid date ${value}` };
    }
    elements.push({ ai, title, value });
    if (!field || fields[field.name] !== undefined) continue; // first occurrence wins
    // Every typed field is a string or a number; the field table says which.
    (fields as Record<keyof Gs1Fields, string | number>)[field.name] = typedValue(field, ai, value, dateValue);
    if (field.as === 'amount') barcode.priceCurrency = value.slice(0, 3);
  }
  barcode.elements = elements;
  return { ok: true, barcode, elementString: toElementString(elements) };
}

/** Canonical element string: FNC1 (GS) only after elements without a predefined length that are not last. */
export function toElementString(elements: ReadonlyArray<{ ai: string; value: string }>): string {
  return elements
    .map((e, i) => e.ai + e.value + (PREDEFINED_LENGTH[e.ai.slice(0, 2)] === undefined && i < elements.length - 1 ? GS : ''))
    .join('');
}

/**
 * Is this GS1 data? Certain with a GS1 symbology identifier, an FNC1 (GS) anywhere or
 * the bracketed form. Without any marker (a scanner set to strip them) only an SSCC or a
 * GTIN at the start that parses cleanly counts, so internal Code 128 codes that happen
 * to start with "10" or "21" are not read as lots or serials.
 */
export function gs1Evidence(symbology: string | undefined, data: string): 'explicit' | 'heuristic' | null {
  if (symbology && (GS1_SYMBOLOGIES as readonly string[]).includes(symbology)) return 'explicit';
  if (data.includes(GS) || /^\(\d{2,4}\)/.test(data)) return 'explicit';
  if (/^(00\d{18}|0[12]\d{14})/.test(data)) return 'heuristic';
  return null;
}

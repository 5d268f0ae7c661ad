// GS1 element strings (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar): a run of
// application identifiers (AI) and their data. Fixed-length AIs need no separator;
// variable-length ones end at FNC1, which scanners transmit as ASCII GS (0x1D), or at
// the end of the data. The human-readable "(01)...(10)..." form is accepted too,
// because clerks type what is printed under the bars.
import { verifyCheckDigit } from './checkDigit';
import type { Gs1Barcode, Gs1Element } from './types';

export const GS = '\x1d';

/** AIM symbology identifiers that announce GS1 data. */
export const GS1_SYMBOLOGIES = [']C1', ']d2', ']Q3', ']e0'] as const;

type Gs1Fields = Omit<Gs1Barcode, 'kind' | 'elements' | 'symbology'>;

interface AiSpec {
  title: string;
  /** Exact length when fixed, maximum when variable. */
  length: number;
  variable: boolean;
  numeric: boolean;
  checkDigit?: boolean;
  /** Typed field the element fills, and how its data is read. */
  field?: { name: keyof Gs1Fields; as: 'text' | 'date' | 'int' | 'decimal' };
}

const fixedN = (title: string, length: number, extra: Partial<AiSpec> = {}): AiSpec => ({
  title,
  length,
  variable: false,
  numeric: true,
  ...extra,
});
const varX = (title: string, max: number, extra: Partial<AiSpec> = {}): AiSpec => ({
  title,
  length: max,
  variable: true,
  numeric: false,
  ...extra,
});
const varN = (title: string, max: number, extra: Partial<AiSpec> = {}): AiSpec => ({
  title,
  length: max,
  variable: true,
  numeric: true,
  ...extra,
});

const AIS: Record<string, AiSpec> = {
  '00': fixedN('SSCC', 18, { checkDigit: true, field: { name: 'sscc', as: 'text' } }),
  '01': fixedN('GTIN', 14, { checkDigit: true, field: { name: 'gtin', as: 'text' } }),
  '02': fixedN('CONTENT', 14, { checkDigit: true, field: { name: 'content', as: 'text' } }),
  '10': varX('BATCH/LOT', 20, { field: { name: 'batch', as: 'text' } }),
  '11': fixedN('PROD DATE', 6, { field: { name: 'productionDate', as: 'date' } }),
  '12': fixedN('DUE DATE', 6),
  '13': fixedN('PACK DATE', 6),
  '15': fixedN('BEST BEFORE or BEST BY', 6, { field: { name: 'bestBefore', as: 'date' } }),
  '16': fixedN('SELL BY', 6),
  '17': fixedN('USE BY OR EXPIRY', 6, { field: { name: 'expiry', as: 'date' } }),
  '20': fixedN('VARIANT', 2),
  '21': varX('SERIAL', 20, { field: { name: 'serial', as: 'text' } }),
  '22': varX('CPV', 20),
  '240': varX('ADDITIONAL ID', 30),
  '241': varX('CUST. PART No.', 30),
  '250': varX('SECONDARY SERIAL', 30),
  '30': varN('VAR. COUNT', 8, { field: { name: 'quantity', as: 'int' } }),
  '37': varN('COUNT', 8, { field: { name: 'count', as: 'int' } }),
  '400': varX('ORDER NUMBER', 30),
  '410': fixedN('SHIP TO LOC', 13, { checkDigit: true }),
  '414': fixedN('LOC No.', 13, { checkDigit: true }),
};
// 310n: net weight in kg, n = implied decimals (0..5).
for (let n = 0; n <= 5; n += 1) {
  AIS[`310${n}`] = fixedN('NET WEIGHT (kg)', 6, { field: { name: 'netWeightKg', as: 'decimal' } });
}
const DATE_AIS = new Set(['11', '12', '13', '15', '16', '17']);

/** GS1 AI encodable character set 82 (the only characters allowed in "X" data). */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
const DIGITS = /^\d*$/;

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

function specAt(data: string, at: number): { ai: string; spec: AiSpec } | null {
  for (let len = 2; len <= 4; len += 1) {
    const ai = data.slice(at, at + len);
    const spec = AIS[ai];
    if (spec && ai.length === len) return { ai, spec };
  }
  return null;
}

function splitElementString(data: string): Array<{ ai: string; value: string }> | string {
  const out: Array<{ ai: string; value: string }> = [];
  let i = 0;
  while (i < data.length) {
    if (data[i] === GS) {
      i += 1; // FNC1 after a fixed-length AI is allowed and meaningless
      continue;
    }
    const found = specAt(data, i);
    if (!found) return `unknown application identifier at position ${i}`;
    i += found.ai.length;
    let end: number;
    if (found.spec.variable) {
      const gs = data.indexOf(GS, i);
      end = gs < 0 ? data.length : gs;
    } else {
      end = i + found.spec.length;
      if (end > data.length) return `AI ${found.ai} needs ${found.spec.length} characters`;
    }
    out.push({ ai: found.ai, value: data.slice(i, end) });
    i = end;
  }
  return out;
}

function splitBracketed(data: string): Array<{ ai: string; value: string }> | string {
  const out: Array<{ ai: string; value: string }> = [];
  const re = /\((\d{2,4})\)([^()]*)/y;
  let i = 0;
  while (i < data.length) {
    re.lastIndex = i;
    const m = re.exec(data);
    if (!m) return `malformed bracketed element at position ${i}`;
    out.push({ ai: m[1], value: m[2] });
    i = re.lastIndex;
  }
  return out;
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

function typedValue(as: NonNullable<AiSpec['field']>['as'], ai: string, value: string, date: string | null): string | number {
  switch (as) {
    case 'text':
      return value;
    case 'date':
      return date ?? value;
    case 'int':
      return Number(value);
    case 'decimal': {
      const decimals = Number(ai.slice(3)); // 310n: n implied decimals
      return Number((Number(value) / 10 ** decimals).toFixed(decimals));
    }
  }
}

/**
 * Parses GS1 data (after any symbology identifier). Never throws. `data` may start with
 * FNC1 (GS), be an element string, or use the bracketed human-readable form.
 */
export function parseGs1(data: string, symbology?: string, options: Gs1ParseOptions = {}): Gs1Outcome {
  const referenceYear = options.referenceYear ?? new Date().getUTCFullYear();
  const bracketed = data.startsWith('(');
  const parts = bracketed ? splitBracketed(data) : splitElementString(data);
  if (typeof parts === 'string') return { ok: false, error: parts };
  if (parts.length === 0) return { ok: false, error: 'no GS1 elements' };

  const barcode: Gs1Barcode = { kind: 'gs1', elements: [] };
  if (symbology) barcode.symbology = symbology;
  const fields: Gs1Fields = barcode;
  const elements: Gs1Element[] = [];
  for (const { ai, value } of parts) {
    const spec = AIS[ai];
    if (!spec) return { ok: false, error: `unknown application identifier ${ai}` };
    if (spec.variable ? value.length < 1 || value.length > spec.length : value.length !== spec.length) {
      return { ok: false, error: `AI ${ai}: wrong length ${value.length}` };
    }
    if (!(spec.numeric ? DIGITS : CSET82).test(value)) return { ok: false, error: `AI ${ai}: invalid characters` };
    if (spec.checkDigit) {
      const verdict = verifyCheckDigit(value);
      if (!verdict.valid) return { ok: false, badCheckDigit: { code: value, expected: verdict.expected, got: verdict.got } };
    }
    let dateValue: string | null = null;
    if (DATE_AIS.has(ai)) {
      dateValue = gs1Date(value, referenceYear);
      if (dateValue === null) return { ok: false, error: `AI ${ai}: invalid date ${value}` };
    }
    elements.push({ ai, title: spec.title, value });
    const field = spec.field;
    if (!field || fields[field.name] !== undefined) continue; // first occurrence wins
    // Every typed field is a string or a number; the AI table says which.
    (fields as Record<keyof Gs1Fields, string | number>)[field.name] = typedValue(field.as, ai, value, dateValue);
  }
  barcode.elements = elements;
  return { ok: true, barcode, elementString: toElementString(elements) };
}

/** Canonical element string: FNC1 (GS) only after variable-length elements that are not last. */
export function toElementString(elements: ReadonlyArray<{ ai: string; value: string }>): string {
  return elements
    .map((e, i) => e.ai + e.value + (AIS[e.ai]?.variable && i < elements.length - 1 ? GS : ''))
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

// parseBarcode: one scanned string in, one ParsedBarcode out. It never throws: a scan
// can be anything a keyboard, a scanner or a paste can produce.
import { toGtin14, verifyCheckDigit, withCheckDigit } from './checkDigit';
import { gs1Evidence, parseGs1, splitSymbology, type Gs1Outcome, type Gs1ParseOptions } from './gs1';
import { decodeLabelValue, undoCapsLock, type LabelKind } from './labels';
import { compiledPattern, defaultNomenclature, VALUE_GROUP, type BarcodeRule, type CompiledPattern, type Nomenclature } from './nomenclature';
import type { Encoding, NotRecognisedReason, ParsedBarcode } from './types';

export type ParseOptions = Gs1ParseOptions;

/** Longer input is refused outright (a GS1 DataMatrix holds at most ~3,100 characters). */
export const MAX_BARCODE_LENGTH = 4096;

const SHAPES: Partial<Record<Encoding, RegExp>> = {
  ean13: /^\d{13}$/,
  ean8: /^\d{8}$/,
  upca: /^\d{12}$/,
  code128: /^[\x20-\x7e]+$/, // printable ASCII: what Code 128 subset B carries
};
const RETAIL: ReadonlySet<Encoding> = new Set<Encoding>(['ean13', 'ean8', 'upca']);
const LABEL_KINDS: ReadonlySet<string> = new Set<LabelKind>([
  'order',
  'item',
  'refund',
  'voucher',
  'location',
  'operator',
  'action',
  'role',
]);

function notRecognised(raw: string, reason: NotRecognisedReason, detail?: string): ParsedBarcode {
  const shown = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  return detail === undefined
    ? { kind: 'not-recognised', raw: shown, reason }
    : { kind: 'not-recognised', raw: shown, reason, detail };
}

interface Scan {
  raw: string;
  text: string;
  symbology?: string;
  options: ParseOptions;
  gs1?: Gs1Outcome;
}

function gs1Rule(rule: BarcodeRule, compiled: CompiledPattern, scan: Scan): ParsedBarcode | null {
  const evidence = gs1Evidence(scan.symbology, scan.text);
  if (!evidence) return null;
  scan.gs1 ??= parseGs1(scan.text, scan.symbology, scan.options);
  const outcome = scan.gs1;
  if (outcome.ok) {
    return compiled.regex.test(outcome.elementString) ? outcome.barcode : null;
  }
  // Without an explicit GS1 marker a failed parse just means "not GS1 after all".
  if (evidence === 'heuristic') return null;
  if ('badCheckDigit' in outcome) return { kind: 'bad-check-digit', encoding: rule.encoding, ...outcome.badCheckDigit };
  return notRecognised(scan.raw, 'invalid-gs1', outcome.error);
}

function embeddedValue(rule: BarcodeRule, compiled: CompiledPattern, match: RegExpExecArray, text: string): ParsedBarcode | null {
  const digits = match.groups?.[VALUE_GROUP];
  const span = match.indices?.groups?.[VALUE_GROUP];
  if (!compiled.embedded || digits === undefined || !span) return null;
  const { decimals } = compiled.embedded;
  const value = Number((Number(digits) / 10 ** decimals).toFixed(decimals));
  let productCode = text.slice(0, span[0]) + '0'.repeat(span[1] - span[0]) + text.slice(span[1]);
  // The scale computed the check digit over the whole code, weight included; the
  // product's own barcode has zeros there, so its check digit is recomputed.
  if (RETAIL.has(rule.encoding)) productCode = withCheckDigit(productCode.slice(0, -1));
  return { kind: rule.type === 'price' ? 'price' : 'weight', code: text, productCode, value, encoding: rule.encoding };
}

function applyRule(rule: BarcodeRule, scan: Scan): ParsedBarcode | null {
  if (!rule || typeof rule !== 'object' || typeof rule.pattern !== 'string') return null;
  const compiled = compiledPattern(rule.pattern);
  if (!compiled) return null;
  if ((rule.type === 'gs1') !== (rule.encoding === 'gs1')) return null;
  if (rule.type === 'gs1') return gs1Rule(rule, compiled, scan);

  const { text } = scan;
  const shape = SHAPES[rule.encoding];
  if (shape ? !shape.test(text) : rule.encoding !== 'any') return null;
  const match = compiled.regex.exec(text);
  if (!match) return null;

  if (RETAIL.has(rule.encoding)) {
    const verdict = verifyCheckDigit(text);
    if (!verdict.valid) {
      return { kind: 'bad-check-digit', code: text, expected: verdict.expected, got: verdict.got, encoding: rule.encoding };
    }
  }

  if (rule.type === 'product') {
    // Also for a 14-digit ITF-14/Code 128 carton code: lookups can then match GS1 (01).
    const gtin = toGtin14(text);
    return gtin ? { kind: 'product', code: text, encoding: rule.encoding, gtin } : { kind: 'product', code: text, encoding: rule.encoding };
  }
  if (rule.type === 'weight' || rule.type === 'price') return embeddedValue(rule, compiled, match, text);
  if (LABEL_KINDS.has(rule.type)) {
    const payload = match.groups?.value ?? text.slice(match[0].length);
    const label = decodeLabelValue(rule.type as LabelKind, payload);
    return 'invalid' in label ? notRecognised(scan.raw, 'invalid-value', label.invalid) : label;
  }
  return null;
}

function parse(raw: unknown, nomenclature: Nomenclature, options: ParseOptions): ParsedBarcode {
  if (typeof raw !== 'string') return notRecognised('', 'not-text');
  const trimmed = raw.trim(); // also drops the scanner's trailing CR / LF / Tab
  if (trimmed.length === 0) return notRecognised('', 'empty');
  if (trimmed.length > MAX_BARCODE_LENGTH) return notRecognised(trimmed, 'too-long');
  const { symbology, data } = splitSymbology(trimmed);
  const scan: Scan = { raw: trimmed, text: undoCapsLock(data), options };
  if (symbology) scan.symbology = symbology;
  if (scan.text.length === 0) return notRecognised(trimmed, 'empty');
  const rules = Array.isArray(nomenclature?.rules) ? nomenclature.rules : [];
  for (const rule of rules) {
    const result = applyRule(rule, scan);
    if (result) return result;
  }
  return notRecognised(trimmed, 'no-matching-rule');
}

/**
 * Reads one scanned or typed barcode. Rules of the nomenclature are tried in order and
 * the first that matches decides; an EAN/UPC rule that matches a code with a wrong check
 * digit answers `bad-check-digit` rather than letting a later rule guess.
 */
export function parseBarcode(
  raw: string,
  nomenclature: Nomenclature = defaultNomenclature,
  options: ParseOptions = {},
): ParsedBarcode {
  try {
    return parse(raw, nomenclature, options);
  } catch (e) {
    // Safety net only; the fuzz test checks it is never reached.
    return notRecognised(typeof raw === 'string' ? raw : '', 'internal-error', e instanceof Error ? e.message : String(e));
  }
}

// A barcode nomenclature: an ordered list of rules, first match wins (Odoo's model).
//
// Pattern syntax (Odoo's): a JavaScript regular expression matched at the START of the
// code (a prefix match; add `$` to require the whole code), where `.` is any character
// (so any digit on EAN/UPC rules, which only see digits) and one `{N..D..}` group marks
// an embedded number: N integer digits then D decimal digits, e.g. `21.....{NNDDD}` is a
// variable-weight EAN-13 carrying 12.345 kg as "12345". On label rules a named group
// `(?<value>...)` picks the payload; without it the payload is what follows the match
// (so `CF:O:` reads "PO-000123" from "CF:O:PO-000123").
import { z } from 'zod';
import { LIMITS } from '../limits';
import { backtrackingProblem } from './patternSafety';
import { ENCODINGS, RULE_TYPES, type Encoding, type RuleType } from './types';

export interface BarcodeRule {
  /** Shown to the person editing the nomenclature. */
  name: string;
  type: RuleType;
  encoding: Encoding;
  pattern: string;
}

export interface Nomenclature {
  name: string;
  rules: BarcodeRule[];
}

/** Rule types that carry an embedded number (`{N..D..}`). */
export const VALUE_TYPES: readonly RuleType[] = ['weight', 'price'];

/** Name of the capture group an embedded number compiles to. */
export const VALUE_GROUP = 'cfEmbedded';

export interface CompiledPattern {
  /** Anchored at the start, compiled with the `d` flag so the embedded value's span is known. */
  regex: RegExp;
  embedded?: { integer: number; decimals: number };
}

const EMBEDDED = /\{(N*)(D*)\}/g;
const MAX_PATTERN = LIMITS.MAX_BARCODE_PATTERN_LENGTH;

/**
 * Compiles one pattern. Never throws: a bad pattern comes back as a message. A pattern that
 * could backtrack badly on a hostile scan is refused (see patternSafety.ts), so matching any
 * accepted pattern is linear in the code's length.
 */
export function compilePattern(pattern: string): CompiledPattern | { error: string } {
  if (typeof pattern !== 'string' || pattern.length === 0) return { error: 'pattern is empty' };
  if (pattern.length > MAX_PATTERN) return { error: `pattern is longer than ${MAX_PATTERN} characters` };
  const fields = [...pattern.matchAll(EMBEDDED)].filter((m) => m[0].length > 2);
  if (fields.length > 1) return { error: 'a pattern may embed only one {N..D..} value' };
  let source = pattern;
  let embedded: CompiledPattern['embedded'];
  if (fields.length === 1) {
    const [whole, ints, decs] = fields[0];
    embedded = { integer: ints.length, decimals: decs.length };
    source = pattern.replace(whole, `(?<${VALUE_GROUP}>\\d{${whole.length - 2}})`);
  }
  // Checked on its own (the value group included): a source that only parses inside the
  // wrapper, like `a)|(?:.*`, would escape the start anchor, so it is refused here.
  const slow = backtrackingProblem(source);
  if (slow) return { error: slow };
  try {
    const regex = new RegExp(`^(?:${source})`, 'd');
    return embedded ? { regex, embedded } : { regex };
  } catch (e) {
    return { error: e instanceof Error ? e.message : 'invalid pattern' };
  }
}

// Rules are compiled once per pattern; the cache is bounded because nomenclatures come
// from settings and could in principle be edited many times in one session.
const cache = new Map<string, CompiledPattern | null>();

export function compiledPattern(pattern: string): CompiledPattern | null {
  let hit = cache.get(pattern);
  if (hit === undefined) {
    const compiled = compilePattern(pattern);
    hit = 'error' in compiled ? null : compiled;
    if (cache.size >= 500) cache.clear();
    cache.set(pattern, hit);
  }
  return hit;
}

export const barcodeRuleSchema = z
  .object({
    name: z.string().min(1).max(80),
    type: z.enum(RULE_TYPES),
    encoding: z.enum(ENCODINGS),
    pattern: z.string().min(1).max(MAX_PATTERN),
  })
  .superRefine((rule, ctx) => {
    const compiled = compilePattern(rule.pattern);
    if ('error' in compiled) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: compiled.error });
      return;
    }
    const needsValue = VALUE_TYPES.includes(rule.type);
    if (needsValue && !compiled.embedded) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `a ${rule.type} rule must embed a {N..D..} value` });
    }
    if (!needsValue && compiled.embedded) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `only weight and price rules embed a value` });
    }
    if (rule.type === 'gs1' && rule.encoding !== 'gs1') {
      ctx.addIssue({ code: 'custom', path: ['encoding'], message: 'a gs1 rule needs the gs1 encoding' });
    }
    if (rule.encoding === 'gs1' && rule.type !== 'gs1') {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'the gs1 encoding is read only by gs1 rules' });
    }
  });

export const nomenclatureSchema = z.object({
  name: z.string().min(1).max(80),
  rules: z.array(barcodeRuleSchema).min(1).max(200),
});

export type NomenclatureCheck =
  | { ok: true; nomenclature: Nomenclature }
  | { ok: false; issues: Array<{ path: string; message: string }> };

/** Validates a nomenclature read from settings or a file; issues carry a JSON path. */
export function parseNomenclature(input: unknown): NomenclatureCheck {
  const result = nomenclatureSchema.safeParse(input);
  if (result.success) return { ok: true, nomenclature: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: ['$', ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  };
}

/**
 * The built-in nomenclature. Order matters:
 * 1. Counterflow's own labels (`CF:` prefix; nothing else starts like that).
 * 2. GS1 data (needs a GS1 marker, or starts with an SSCC/GTIN AI and is longer than
 *    any retail code).
 * 3. In-store variable-weight and variable-price EAN-13 (prefixes 21 and 23), before
 *    plain EAN-13, or they would be read as products.
 * 4. EAN-13, UPC-A, EAN-8 products (13, 12, 8 digits, check digit verified).
 * 5. Plain 10-digit voucher codes: no retail code has 10 digits, so this is unambiguous.
 * 6. Anything else printable is a product's own Code 128 barcode (an SKU label), except
 *    a `CF:` code with an unknown tag, which is refused rather than taken for an SKU.
 */
export const defaultNomenclature: Nomenclature = {
  name: 'Counterflow default',
  rules: [
    { name: 'Counterflow order label', type: 'order', encoding: 'any', pattern: 'CF:O:' },
    { name: 'Counterflow order line label', type: 'item', encoding: 'any', pattern: 'CF:L:' },
    { name: 'Counterflow refund sheet', type: 'refund', encoding: 'any', pattern: 'CF:R:' },
    { name: 'Counterflow voucher label', type: 'voucher', encoding: 'any', pattern: 'CF:V:' },
    { name: 'Counterflow location label', type: 'location', encoding: 'any', pattern: 'CF:LOC:' },
    { name: 'Counterflow operator badge', type: 'operator', encoding: 'any', pattern: 'CF:OP:' },
    { name: 'Counterflow action card', type: 'action', encoding: 'any', pattern: 'CF:A:' },
    { name: 'Counterflow role card', type: 'role', encoding: 'any', pattern: 'CF:ROLE:' },
    { name: 'GS1 data', type: 'gs1', encoding: 'gs1', pattern: '.*' },
    { name: 'Weight barcodes, 3 decimals (kg)', type: 'weight', encoding: 'ean13', pattern: '21.....{NNDDD}' },
    { name: 'Price barcodes, 2 decimals', type: 'price', encoding: 'ean13', pattern: '23.....{NNNDD}' },
    { name: 'EAN-13 products', type: 'product', encoding: 'ean13', pattern: '.*' },
    { name: 'UPC-A products', type: 'product', encoding: 'upca', pattern: '.*' },
    { name: 'EAN-8 products', type: 'product', encoding: 'ean8', pattern: '.*' },
    { name: 'Voucher codes', type: 'voucher', encoding: 'any', pattern: '(?<value>\\d{10})$' },
    { name: 'Code 128 products (SKU labels)', type: 'product', encoding: 'code128', pattern: '(?!CF:).*' },
  ],
};

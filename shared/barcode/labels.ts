// Counterflow's own labels. Syntax: `CF:<tag>:<value>`, e.g. `CF:O:PO-000123`.
//
// - Only printable ASCII is emitted, so a payload fits Code 128 (subset B) and QR alike.
//   Anything else in a value (and `%` itself, and a space at either end, which a scan
//   would lose to trimming) is written as UTF-8 %XX escapes.
// - Tags are short uppercase words so a payload stays small on a 50 mm label.
// - Voucher codes print as the plain 10-digit code the customer also reads and types;
//   `CF:V:<code>` is accepted too.
// - Role codes are any code of the definitions' role-code shape (roleCode.ts);
//   whether a definition has that role is checked when the card is scanned.
// - Order numbers and role codes are case-insensitive; ids and action names are not.
import { z } from 'zod';
import { roleCodeSchema } from './roleCode';
import type { CounterflowLabel } from './types';

export const LABEL_TAGS = {
  order: 'O',
  item: 'L',
  refund: 'R',
  voucher: 'V',
  location: 'LOC',
  operator: 'OP',
  action: 'A',
  role: 'ROLE',
} as const satisfies Record<CounterflowLabel['kind'], string>;

export const LABEL_PREFIX = 'CF:';

/** PO-000123, SO-000045, PO-K2-000123: letters, optional device segment(s), a number. */
export const ORDER_NUMBER = /^[A-Z]{1,8}(?:-[A-Z0-9]{1,16}){0,3}-\d{1,12}$/;
export const VOUCHER_CODE = /^\d{10}$/;
const MAX_ID = 128;
const MAX_ACTION = 100;
// No control characters (C0, DEL, C1) and no lone surrogates in ids and action names.
const CONTROL = /\p{Cc}/u; // Unicode's Cc category: exactly C0, DEL and C1
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const textValue = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters')
    .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed Unicode')
    .refine((s) => s.trim().length > 0, 'must not be blank');

export const labelSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order'), number: z.string().regex(ORDER_NUMBER, 'not an order number like PO-000123') }),
  z.object({ kind: z.literal('item'), id: textValue(MAX_ID) }),
  z.object({ kind: z.literal('refund'), id: textValue(MAX_ID) }),
  z.object({ kind: z.literal('voucher'), code: z.string().regex(VOUCHER_CODE, 'a voucher code has 10 digits') }),
  z.object({ kind: z.literal('location'), id: textValue(MAX_ID) }),
  z.object({ kind: z.literal('operator'), id: textValue(MAX_ID) }),
  z.object({ kind: z.literal('action'), action: textValue(MAX_ACTION) }),
  z.object({ kind: z.literal('role'), role: roleCodeSchema }),
]);

function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Escapes a value so the payload is printable ASCII and survives trimming. */
export function escapeValue(value: string): string {
  let out = '';
  const chars = [...value];
  chars.forEach((ch, i) => {
    const code = ch.codePointAt(0) ?? 0;
    const edgeSpace = ch === ' ' && (i === 0 || i === chars.length - 1);
    if (code >= 0x20 && code <= 0x7e && ch !== '%' && !edgeSpace) {
      out += ch;
    } else {
      for (const byte of utf8Bytes(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  });
  return out;
}

/** Reverses escapeValue. A `%` not followed by two hex digits stays as it is; never throws. */
export function unescapeValue(value: string): string {
  if (!value.includes('%')) return value;
  return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  });
}

/** Throws a RangeError naming the problem when the label cannot be printed as given. */
export function assertLabel(label: CounterflowLabel): void {
  const result = labelSchema.safeParse(label);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new RangeError(`invalid ${String(label?.kind)} label: ${issue?.path.join('.')} ${issue?.message}`);
  }
}

/**
 * The text to encode in a label's barcode (Code 128 or QR). Throws a RangeError for a
 * label that could not be read back (e.g. an order number in the wrong format).
 */
export function labelPayload(label: CounterflowLabel): string {
  assertLabel(label);
  const tag = `${LABEL_PREFIX}${LABEL_TAGS[label.kind]}:`;
  switch (label.kind) {
    case 'order':
      return tag + label.number;
    case 'voucher':
      return label.code;
    case 'role':
      return tag + label.role;
    case 'action':
      return tag + escapeValue(label.action);
    case 'item':
    case 'refund':
    case 'location':
    case 'operator':
      return tag + escapeValue(label.id);
  }
}

/** Label kinds a nomenclature rule can produce from a payload. */
export type LabelKind = CounterflowLabel['kind'];

/**
 * Reads a label's payload (the text after the rule's prefix). Returns the label, or a
 * reason the payload is not valid for that kind. Never throws.
 */
export function decodeLabelValue(kind: LabelKind, payload: string): CounterflowLabel | { invalid: string } {
  const value = kind === 'order' || kind === 'role' || kind === 'voucher' ? payload : unescapeValue(payload);
  let label: CounterflowLabel;
  switch (kind) {
    case 'order':
      label = { kind, number: value.toUpperCase() };
      break;
    case 'role':
      label = { kind, role: value.toUpperCase() };
      break;
    case 'voucher':
      label = { kind, code: value };
      break;
    case 'action':
      label = { kind, action: value };
      break;
    case 'item':
    case 'refund':
    case 'location':
    case 'operator':
      label = { kind, id: value };
      break;
  }
  const result = labelSchema.safeParse(label);
  if (result.success) return label;
  return { invalid: `${kind}: ${result.error.issues[0]?.message ?? 'invalid value'}` };
}

/**
 * Undoes Caps Lock on a keyboard-wedge scanner: with Caps Lock on, a scanner typing
 * "CF:O:PO-1" delivers "cf:o:po-1". Our labels always start with upper-case "CF:", so a
 * lower-case "cf:" proves every letter was inverted and swapping them back is exact.
 */
export function undoCapsLock(text: string): string {
  if (!text.startsWith('cf:')) return text;
  // ASCII letters only: Caps Lock does not touch anything else a scanner types, and
  // non-ASCII case mappings can change length ("ß" -> "SS").
  return text.replace(/[A-Za-z]/g, (ch) => (ch <= 'Z' ? ch.toLowerCase() : ch.toUpperCase()));
}

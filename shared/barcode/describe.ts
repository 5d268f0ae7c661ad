// A scan-log line for a parsed barcode: a message key and its parameters for the UI's
// translations, plus the English sentence to store until translations exist.
import type { Gs1Barcode, NotRecognisedReason, ParsedBarcode } from './types';

export type ScanMessageKey =
  | 'scan.product'
  | 'scan.weight'
  | 'scan.price'
  | 'scan.gs1'
  | 'scan.order'
  | 'scan.item'
  | 'scan.refund'
  | 'scan.voucher'
  | 'scan.location'
  | 'scan.operator'
  | 'scan.action'
  | 'scan.role'
  | 'scan.badCheckDigit'
  | 'scan.notRecognised';

export interface ScanMessage {
  key: ScanMessageKey;
  params: Record<string, string | number>;
  /** English text, for logs and as the translation fallback. */
  text: string;
}

// The built-in roles' names; any other role is named by its code.
const ROLE_NAMES: Record<string, string | undefined> = { B: 'buyer', S: 'seller', P: 'platform', A: 'admin' };

const REASONS: Record<NotRecognisedReason, string> = {
  'not-text': 'not text',
  empty: 'empty scan',
  'too-long': 'too long',
  'no-matching-rule': 'no rule matches',
  'invalid-gs1': 'invalid GS1 data',
  'invalid-value': 'invalid label content',
  'internal-error': 'internal error',
};

// Which GS1 facts a scan-log line mentions, in this order.
const GS1_PARTS: ReadonlyArray<[keyof Gs1Barcode & ('gtin' | 'sscc' | 'content' | 'batch' | 'serial' | 'expiry' | 'quantity' | 'count' | 'netWeightKg' | 'price'), (v: string | number) => string]> = [
  ['gtin', (v) => `GTIN ${v}`],
  ['sscc', (v) => `SSCC ${v}`],
  ['content', (v) => `contains GTIN ${v}`],
  ['batch', (v) => `lot ${v}`],
  ['serial', (v) => `serial ${v}`],
  ['expiry', (v) => `expires ${v}`],
  ['quantity', (v) => `quantity ${v}`],
  ['count', (v) => `count ${v}`],
  ['netWeightKg', (v) => `${v} kg`],
  ['price', (v) => `price ${v}`],
];

function message(key: ScanMessageKey, params: Record<string, string | number>, text: string): ScanMessage {
  return { key, params, text };
}

/** Pure: the same parsed barcode always gives the same message. */
export function describeBarcode(parsed: ParsedBarcode): ScanMessage {
  switch (parsed.kind) {
    case 'product':
      return message('scan.product', { code: parsed.code }, `Product ${parsed.code}`);
    case 'weight':
      return message(
        'scan.weight',
        { productCode: parsed.productCode, value: parsed.value },
        `Product ${parsed.productCode}, weight ${parsed.value} kg`,
      );
    case 'price':
      return message(
        'scan.price',
        { productCode: parsed.productCode, value: parsed.value },
        `Product ${parsed.productCode}, price ${parsed.value}`,
      );
    case 'gs1': {
      const params: Record<string, string | number> = {};
      const parts: string[] = [];
      for (const [field, show] of GS1_PARTS) {
        const value = parsed[field];
        if (value === undefined) continue;
        params[field] = value;
        parts.push(show(value));
      }
      if (parts.length === 0) parts.push(parsed.elements.map((e) => `(${e.ai})${e.value}`).join(''));
      return message('scan.gs1', params, `GS1: ${parts.join(', ')}`);
    }
    case 'order':
      return message('scan.order', { number: parsed.number }, `Order ${parsed.number}`);
    case 'item':
      return message('scan.item', { id: parsed.id }, `Order line ${parsed.id}`);
    case 'refund':
      return message('scan.refund', { id: parsed.id }, `Refund sheet ${parsed.id}`);
    case 'voucher':
      return message('scan.voucher', { code: parsed.code }, `Voucher ${parsed.code}`);
    case 'location':
      return message('scan.location', { id: parsed.id }, `Location ${parsed.id}`);
    case 'operator':
      return message('scan.operator', { id: parsed.id }, `Operator badge ${parsed.id}`);
    case 'action':
      return message('scan.action', { action: parsed.action }, `Action card: ${parsed.action}`);
    case 'role':
      return message('scan.role', { role: parsed.role }, `Switch to the ${ROLE_NAMES[parsed.role] ?? parsed.role} role`);
    case 'bad-check-digit':
      return message(
        'scan.badCheckDigit',
        { code: parsed.code, expected: parsed.expected, got: parsed.got, encoding: parsed.encoding },
        `Misread ${parsed.code}: check digit ${parsed.got}, expected ${parsed.expected}`,
      );
    case 'not-recognised':
      return message(
        'scan.notRecognised',
        { raw: parsed.raw, reason: parsed.reason },
        `Not recognised (${REASONS[parsed.reason]})${parsed.raw ? `: ${parsed.raw}` : ''}`,
      );
  }
}

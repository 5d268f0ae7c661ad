// The result of reading one barcode: a discriminated union on `kind`, plain data only
// (it is stored in the scan log and crosses the worker boundary).

export const ENCODINGS = ['ean13', 'ean8', 'upca', 'code128', 'gs1', 'any'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export const RULE_TYPES = [
  'product',
  'weight',
  'price',
  'gs1',
  'order',
  'item',
  'refund',
  'voucher',
  'location',
  'operator',
  'action',
  'role',
] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/**
 * A workflow role code (B buyer, S seller, P platform, A admin, or any role a definition
 * declares): shape-checked by labels.ts, known-ness is checked against the installed
 * definitions when a role card is scanned.
 */
export type Role = string;

export interface Gs1Element {
  /** Application identifier, e.g. "01", "3103". */
  ai: string;
  /** Short GS1 data title, e.g. "GTIN", "BATCH/LOT", "USE BY OR EXPIRY". */
  title: string;
  /** The element's data exactly as encoded. */
  value: string;
}

export interface Gs1Barcode {
  kind: 'gs1';
  /** AIM symbology identifier when the scanner sent one (e.g. "]C1", "]d2"). */
  symbology?: string;
  sscc?: string;
  gtin?: string;
  /** AI 02: GTIN of the trade items contained in a logistic unit. */
  content?: string;
  batch?: string;
  /** ISO dates (YYYY-MM-DD). A GS1 day "00" means the last day of the month. */
  productionDate?: string;
  bestBefore?: string;
  expiry?: string;
  serial?: string;
  /** AI 30: variable count of items. */
  quantity?: number;
  /** AI 37: count of trade items in a logistic unit. */
  count?: number;
  /** AI 3100-3105: net weight in kilograms. */
  netWeightKg?: number;
  /** AI 392n / 393n: amount payable for this item (a GS1 DataBar on variable-measure goods). */
  price?: number;
  /** AI 393n: the amount's ISO 4217 numeric currency code (e.g. "978" for the euro). */
  priceCurrency?: string;
  elements: Gs1Element[];
}

export type NotRecognisedReason =
  | 'not-text'
  | 'empty'
  | 'too-long'
  | 'no-matching-rule'
  | 'invalid-gs1'
  | 'invalid-value'
  | 'internal-error';

export type CounterflowLabel =
  | { kind: 'order'; number: string }
  | { kind: 'item'; id: string }
  | { kind: 'refund'; id: string }
  | { kind: 'voucher'; code: string }
  | { kind: 'location'; id: string }
  | { kind: 'operator'; id: string }
  | { kind: 'action'; action: string }
  | { kind: 'role'; role: Role };

export type ParsedBarcode =
  | { kind: 'product'; code: string; encoding: Encoding; /** The code as a 14-digit GTIN, when it is a valid EAN-8/UPC-A/EAN-13/GTIN-14. */ gtin?: string }
  | {
      kind: 'weight' | 'price';
      code: string;
      /** The product's own barcode: the embedded value zeroed, check digit recomputed. */
      productCode: string;
      value: number;
      encoding: Encoding;
    }
  | Gs1Barcode
  | CounterflowLabel
  | { kind: 'bad-check-digit'; code: string; expected: string; got: string; encoding: Encoding }
  | { kind: 'not-recognised'; raw: string; reason: NotRecognisedReason; detail?: string };

export type ParsedKind = ParsedBarcode['kind'];

export const PARSED_KINDS: readonly ParsedKind[] = [
  'product',
  'weight',
  'price',
  'gs1',
  'order',
  'item',
  'refund',
  'voucher',
  'location',
  'operator',
  'action',
  'role',
  'bad-check-digit',
  'not-recognised',
];

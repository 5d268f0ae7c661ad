// GS1 mod-10 check digits (EAN-8, UPC-A, EAN-13, GTIN-14, SSCC all use the same one).
// Weights alternate 3,1,3,... starting from the digit next to the check digit, so the
// computation depends only on the body, not on which symbology carries it.

const DIGITS = /^\d+$/;

/** Check digit of an all-digit body of any length (1..17 is the GS1 range). */
export function gs1CheckDigit(body: string): string {
  if (!DIGITS.test(body)) throw new RangeError(`check digit body must be digits, got "${body}"`);
  let sum = 0;
  for (let i = body.length - 1, weight = 3; i >= 0; i -= 1, weight = 4 - weight) {
    sum += (body.charCodeAt(i) - 48) * weight;
  }
  return String((10 - (sum % 10)) % 10);
}

function fixedLength(name: string, length: number) {
  return (body: string): string => {
    if (body.length !== length) throw new RangeError(`${name} body must be ${length} digits, got ${body.length}`);
    return gs1CheckDigit(body);
  };
}

/** Check digit of a 12-digit EAN-13 body. */
export const ean13CheckDigit = fixedLength('EAN-13', 12);
/** Check digit of a 7-digit EAN-8 body. */
export const ean8CheckDigit = fixedLength('EAN-8', 7);
/** Check digit of an 11-digit UPC-A body. */
export const upcaCheckDigit = fixedLength('UPC-A', 11);
/** Check digit of a 13-digit GTIN-14 body. */
export const gtin14CheckDigit = fixedLength('GTIN-14', 13);

/**
 * A valid code from its body: 7 digits -> EAN-8, 11 -> UPC-A, 12 -> EAN-13,
 * 13 -> GTIN-14, 17 -> SSCC. Handy for tests and for printing labels.
 */
export function withCheckDigit(body: string): string {
  return body + gs1CheckDigit(body);
}

export interface CheckDigitVerdict {
  valid: boolean;
  expected: string;
  got: string;
}

/** Verifies the last digit of an all-digit code (length >= 2). Never throws. */
export function verifyCheckDigit(code: string): CheckDigitVerdict {
  if (code.length < 2 || !DIGITS.test(code)) return { valid: false, expected: '', got: code.slice(-1) };
  const expected = gs1CheckDigit(code.slice(0, -1));
  const got = code.slice(-1);
  return { valid: expected === got, expected, got };
}

/**
 * The 14-digit GTIN a retail code stands for (EAN-8, UPC-A, EAN-13 are GTIN-8/12/13,
 * left-padded with zeros). Lets product lookups match a UPC-A scan against an EAN-13
 * stored barcode and a GS1 (01) GTIN. Null when the code is not a valid GTIN.
 */
export function toGtin14(code: string): string | null {
  if (![8, 12, 13, 14].includes(code.length) || !verifyCheckDigit(code).valid) return null;
  return code.padStart(14, '0');
}

// Which barcodes a product may carry. The GS1 check digit comes from shared/barcode.
import { verifyCheckDigit } from '../barcode/checkDigit';

export const MAX_BARCODE_LENGTH = 48;

const RETAIL = /^\d{8}$|^\d{12,13}$/;

/**
 * Why `code` cannot be a product barcode, or null when it can. All-digit codes of EAN-8,
 * UPC-A or EAN-13 length must carry a valid check digit (a mistyped digit is the usual
 * error); anything else is taken as a Code 128 payload, which is printable ASCII.
 */
export function barcodeProblem(code: string): string | null {
  if (code.length === 0) return 'Barcode is empty';
  if (RETAIL.test(code)) {
    const verdict = verifyCheckDigit(code);
    if (verdict.valid) return null;
    const kind = code.length === 8 ? 'EAN-8' : code.length === 12 ? 'UPC-A' : 'EAN-13';
    return `Barcode ${code} is not a valid ${kind}: the check digit should be ${verdict.expected}`;
  }
  if (code.length > MAX_BARCODE_LENGTH) return `Barcode ${code.slice(0, 20)}... is longer than ${MAX_BARCODE_LENGTH} characters`;
  if (!/^[\x20-\x7e]+$/.test(code)) return `Barcode '${code}' may only contain printable ASCII characters (Code 128)`;
  return null;
}

const GTIN_DIGITS = /^\d{8}$|^\d{12,14}$/;

/**
 * One retail number however it is written: EAN-8, UPC-A, EAN-13 and GTIN-14 are the same
 * GTIN with zeros on the left (036000291452 is 0036000291452 is 00036000291452). Other
 * codes are themselves. Two products may not carry the same key.
 */
export function barcodeKey(code: string): string {
  return GTIN_DIGITS.test(code) ? code.padStart(14, '0') : code;
}

/** Every way a barcode with the same key may be stored: to find its owner by the index. */
export function barcodeForms(code: string): string[] {
  if (!GTIN_DIGITS.test(code)) return [code];
  const gtin14 = code.padStart(14, '0');
  const forms = new Set([code, gtin14]);
  for (const length of [13, 12, 8]) if (/^0+$/.test(gtin14.slice(0, 14 - length))) forms.add(gtin14.slice(14 - length));
  return [...forms];
}

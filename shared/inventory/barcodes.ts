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

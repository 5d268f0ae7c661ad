// Which barcodes a product may carry. Own tiny GTIN check because `shared/barcode` did not
// export one when this was written; switch to it once it does.

/** GTIN family (EAN-8, UPC-A = GTIN-12, EAN-13, GTIN-14): mod-10 with weights 3,1 from the right. */
export function gtinCheckDigitValid(code: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code[code.length - 1]);
}

/** The check digit that completes `body` (the code without its last digit). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

export const MAX_BARCODE_LENGTH = 48;

/**
 * Why `code` cannot be a product barcode, or null when it can. All-digit codes of EAN-8,
 * UPC-A or EAN-13 length must carry a valid check digit (a mistyped digit is the usual
 * error); anything else is taken as a Code 128 payload, which is printable ASCII.
 */
export function barcodeProblem(code: string): string | null {
  if (code.length === 0) return 'Barcode is empty';
  if (/^\d{8}$|^\d{12,13}$/.test(code)) {
    if (gtinCheckDigitValid(code)) return null;
    const kind = code.length === 8 ? 'EAN-8' : code.length === 12 ? 'UPC-A' : 'EAN-13';
    return `Barcode ${code} is not a valid ${kind}: the check digit should be ${gtinCheckDigit(code.slice(0, -1))}`;
  }
  if (code.length > MAX_BARCODE_LENGTH) return `Barcode ${code.slice(0, 20)}... is longer than ${MAX_BARCODE_LENGTH} characters`;
  if (!/^[\x20-\x7e]+$/.test(code)) return `Barcode '${code}' may only contain printable ASCII characters (Code 128)`;
  return null;
}

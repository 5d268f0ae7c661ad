// Serial Shipping Container Codes: extension digit, GS1 company prefix, serial, GS1 check
// digit (18 digits), printed as GS1-128 with application identifier (00).
import { gs1CheckDigit } from '../barcode/checkDigit';

/** The company prefix used until the counter's own GS1 prefix is a setting. GS1 gives
 *  prefixes 0200–0299 for use inside a company, which is what a counter's own labels are. */
export const DEFAULT_SSCC_PREFIX = '0200000';

/** The SSCC of the n-th parcel this counter labels (n from 1). */
export function ssccFor(serial: number, prefix = DEFAULT_SSCC_PREFIX, extension = 0): string {
  const serialDigits = 16 - prefix.length;
  const body = `${extension}${prefix}${String(serial % 10 ** serialDigits).padStart(serialDigits, '0')}`;
  return body + gs1CheckDigit(body);
}

/** Whether an 18-digit code is an SSCC with a right check digit. */
export function isSscc(code: string): boolean {
  return /^\d{18}$/.test(code) && gs1CheckDigit(code.slice(0, 17)) === code[17];
}

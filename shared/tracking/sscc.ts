// Serial Shipping Container Codes: extension digit, GS1 company prefix, serial, GS1 check
// digit (18 digits), printed as GS1-128 with application identifier (00).
import { z } from 'zod';
import { gs1CheckDigit } from '../barcode/checkDigit';

/** The company prefix of a counter that has not set its own. GS1 gives prefixes 0200–0299
 *  for use inside a company, which is what a counter's own labels are. */
export const DEFAULT_SSCC_PREFIX = '0200000';

/** GS1 company prefixes are 6 to 12 digits; with the extension digit and the check digit that
 *  leaves 4 to 10 digits of serial in the 18. */
export const SSCC_PREFIX_MIN = 6;
export const SSCC_PREFIX_MAX = 12;

/** The counter's SSCC setting (Settings → Carriers, Admin): the shop's GS1 company prefix and
 *  the extension digit it puts in front. */
export const ssccSettingSchema = z.strictObject({
  companyPrefix: z
    .string()
    .trim()
    .regex(/^\d*$/, 'the GS1 company prefix is digits only')
    .min(SSCC_PREFIX_MIN, `the GS1 company prefix has ${SSCC_PREFIX_MIN} to ${SSCC_PREFIX_MAX} digits`)
    .max(SSCC_PREFIX_MAX, `the GS1 company prefix has ${SSCC_PREFIX_MIN} to ${SSCC_PREFIX_MAX} digits`),
  extension: z.number().int('the extension digit is one digit, 0 to 9').min(0, 'the extension digit is one digit, 0 to 9').max(9, 'the extension digit is one digit, 0 to 9'),
});

export type SsccSetting = z.infer<typeof ssccSettingSchema>;

export const DEFAULT_SSCC_SETTING: SsccSetting = { companyPrefix: DEFAULT_SSCC_PREFIX, extension: 0 };

/** How many serial digits a prefix leaves (so the SSCC with its check digit is 18 digits). */
export function serialDigits(companyPrefix: string): number {
  return 16 - companyPrefix.length;
}

/**
 * How many parcels a prefix can label without repeating an SSCC: the serial room the prefix
 * leaves, once per extension digit. The counter starts at the extension digit it was given
 * and moves to the next one (9 wraps to 0) each time the serial room is used up; 10 digits
 * of room less the never-used serial 0 of the first. A 12-digit prefix labels 99 999 parcels,
 * a 7-digit one 9 999 999 999.
 */
export function ssccCapacity(companyPrefix: string): number {
  return 10 * 10 ** serialDigits(companyPrefix) - 1;
}

/** The SSCC of the n-th parcel this counter labels (n from 1 to ssccCapacity). Never a code
 *  issued before: past the capacity it throws, and the shipment is refused before that
 *  (planShipment, `sscc-exhausted`) telling the admin to set a shorter prefix. */
export function ssccFor(serial: number, setting: SsccSetting = DEFAULT_SSCC_SETTING): string {
  const { companyPrefix, extension } = ssccSettingSchema.parse(setting);
  const capacity = ssccCapacity(companyPrefix);
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > capacity) {
    throw new RangeError(`SSCC serial ${serial} is outside 1..${capacity}, the room of company prefix ${companyPrefix}; set a shorter prefix.`);
  }
  const digits = serialDigits(companyPrefix);
  const room = 10 ** digits;
  const ext = (extension + Math.floor(serial / room)) % 10;
  const body = `${ext}${companyPrefix}${String(serial % room).padStart(digits, '0')}`;
  return body + gs1CheckDigit(body);
}

/** Whether an 18-digit code is an SSCC with a right check digit. */
export function isSscc(code: string): boolean {
  return /^\d{18}$/.test(code) && gs1CheckDigit(code.slice(0, 17)) === code[17];
}

// Serial Shipping Container Codes: extension digit, GS1 company prefix, serial reference (the
// counter's device number, then its own serial), GS1 check
// digit (18 digits), printed as GS1-128 with application identifier (00).
import { z } from 'zod';
import { gs1CheckDigit } from '../barcode/checkDigit';
import { patternParams } from '../fieldProblems';

/** The company prefix of a counter that has not set its own. GS1 gives prefixes 0200–0299
 *  for use inside a company, which is what a counter's own labels are. */
export const DEFAULT_SSCC_PREFIX = '0200000';

/** GS1 company prefixes are 6 to 12 digits; with the extension digit and the check digit that
 *  leaves 4 to 10 digits of serial reference in the 18. */
export const SSCC_PREFIX_MIN = 6;
export const SSCC_PREFIX_MAX = 12;

const PREFIX_PATTERN = new RegExp(`^\\d{${SSCC_PREFIX_MIN},${SSCC_PREFIX_MAX}}$`);

/** The counter's SSCC setting (Settings → Carriers, Admin): the shop's GS1 company prefix and
 *  the extension digit it puts in front. */
export const ssccSettingSchema = z.strictObject({
  // One rule with the value's length, so a screen says what to type and what it got
  // ("use 6 to 12 digits; this one has 5 characters"), in any language.
  companyPrefix: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      if (PREFIX_PATTERN.test(v)) return;
      ctx.addIssue({ code: 'custom', message: `the GS1 company prefix has ${SSCC_PREFIX_MIN} to ${SSCC_PREFIX_MAX} digits; this one has ${v.length} characters`, params: patternParams('digits6to12', v.length) });
    }),
  extension: z.number().int('the extension digit is one digit, 0 to 9').min(0, 'the extension digit is one digit, 0 to 9').max(9, 'the extension digit is one digit, 0 to 9'),
});

export type SsccSetting = z.infer<typeof ssccSettingSchema>;

export const DEFAULT_SSCC_SETTING: SsccSetting = { companyPrefix: DEFAULT_SSCC_PREFIX, extension: 0 };

/** How many serial digits a prefix leaves (so the SSCC with its check digit is 18 digits). */
export function serialDigits(companyPrefix: string): number {
  return 16 - companyPrefix.length;
}

/**
 * The serial reference starts with the counter's SSCC device number, two digits: 00 on a
 * counter that is not enrolled, 01–99 given by the sync server at enrolment (its device
 * number, the n of its order prefix Dn). Two counters of one shop then never print the same
 * SSCC, offline or not, and a counter's labels from before its enrolment (device 00) never
 * meet the ones after (DESIGN.md → SSCC serials across counters).
 */
export const SSCC_DEVICE_DIGITS = 2;
/** The highest SSCC device number: a server enrols at most this many counters. */
export const SSCC_DEVICE_MAX = 10 ** SSCC_DEVICE_DIGITS - 1;

/** A device number a sync server gives (01-99; 00 is a counter's that is not enrolled). */
export function isServerSsccDevice(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= SSCC_DEVICE_MAX;
}

/** The serial digits left to one counter after its device number. */
function counterDigits(companyPrefix: string): number {
  return serialDigits(companyPrefix) - SSCC_DEVICE_DIGITS;
}

/**
 * How many parcels one counter can label under a prefix without repeating an SSCC: the serial
 * room its device number leaves, once per extension digit. The counter starts at the extension
 * digit it was given and moves to the next one (9 wraps to 0) each time the room is used up;
 * 10 rooms less the never-used serial 0 of the first. A 12-digit prefix labels 999 parcels per
 * counter, a 7-digit one 99 999 999.
 */
export function ssccCapacity(companyPrefix: string): number {
  return 10 * 10 ** counterDigits(companyPrefix) - 1;
}

/** The SSCC of the n-th parcel a counter labels (n from 1 to ssccCapacity) under its device
 *  number. Never a code issued before: past the capacity it throws, and the shipment is
 *  refused before that (planShipment, `sscc-exhausted`) telling the admin to set a shorter prefix. */
export function ssccFor(serial: number, setting: SsccSetting = DEFAULT_SSCC_SETTING, device = 0): string {
  const { companyPrefix, extension } = ssccSettingSchema.parse(setting);
  if (!Number.isSafeInteger(device) || device < 0 || device > SSCC_DEVICE_MAX) throw new RangeError(`SSCC device number ${device} is outside 0..${SSCC_DEVICE_MAX}.`);
  const capacity = ssccCapacity(companyPrefix);
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > capacity) {
    throw new RangeError(`SSCC serial ${serial} is outside 1..${capacity}, the room of company prefix ${companyPrefix}; set a shorter prefix.`);
  }
  const digits = counterDigits(companyPrefix);
  const room = 10 ** digits;
  const ext = (extension + Math.floor(serial / room)) % 10;
  const body = `${ext}${companyPrefix}${String(device).padStart(SSCC_DEVICE_DIGITS, '0')}${String(serial % room).padStart(digits, '0')}`;
  return body + gs1CheckDigit(body);
}

/** Whether an 18-digit code is an SSCC with a right check digit. */
export function isSscc(code: string): boolean {
  return /^\d{18}$/.test(code) && gs1CheckDigit(code.slice(0, 17)) === code[17];
}

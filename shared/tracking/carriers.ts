// Carriers are data: a name, the pattern its tracking numbers follow, the check-digit rule
// where the carrier has one, and the address a customer follows to track a parcel. The
// rules themselves are code (a handful, published by the carriers and the UPU); which rule
// a carrier uses is data, editable in Settings.

/** The check-digit rules a carrier may name. */
export const CHECK_RULES = ['none', 'ups-1z', 's10', 'mod7'] as const;
export type CheckRule = (typeof CHECK_RULES)[number];

export interface CarrierRow {
  id: string;
  name: string;
  /** Regular expression (whole-code match, upper case) a tracking number of this carrier follows. */
  pattern: string;
  check: CheckRule;
  /** `{tracking}` is replaced by the tracking number: the link or QR code for the customer. */
  trackingUrl: string;
  active: boolean;
  updatedAt: number;
}

/** What Settings seeds on a new counter (the people can change or deactivate each). */
export const DEFAULT_CARRIERS: ReadonlyArray<Omit<CarrierRow, 'updatedAt'>> = [
  { id: 'ups', name: 'UPS', pattern: '1Z[0-9A-Z]{16}', check: 'ups-1z', trackingUrl: 'https://www.ups.com/track?tracknum={tracking}', active: true },
  { id: 'chinapost', name: 'China Post / EMS', pattern: '[A-Z]{2}\\d{9}[A-Z]{2}', check: 's10', trackingUrl: 'https://www.ems.com.cn/qps/yjcx?mailNum={tracking}', active: true },
  { id: 'dhl', name: 'DHL Express', pattern: '\\d{10}', check: 'mod7', trackingUrl: 'https://www.dhl.com/en/express/tracking.html?AWB={tracking}', active: true },
  { id: 'sf', name: 'SF Express', pattern: 'SF\\d{12,13}', check: 'none', trackingUrl: 'https://www.sf-express.com/chn/en/waybill/waybill-detail/{tracking}', active: true },
];

/** UPS 1Z: the 15 characters after "1Z" (letters as (code - 63) mod 10), odd positions
 *  once and even ones twice; the check digit brings the sum to a multiple of 10. */
export function upsCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : (c - 63) % 10;
    sum += i % 2 === 1 ? v * 2 : v;
  }
  return (10 - (sum % 10)) % 10;
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** UPU S10: weights 8 6 4 2 3 5 9 7 over the 8 serial digits, 11 - sum mod 11 (10 → 0, 11 → 5). */
export function s10CheckDigit(serial: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (serial.charCodeAt(i) - 48) * S10_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/** DHL Express waybill: the first 9 digits as a number, mod 7. */
export function mod7CheckDigit(body: string): number {
  let r = 0;
  for (let i = 0; i < body.length; i++) r = (r * 10 + (body.charCodeAt(i) - 48)) % 7;
  return r;
}

/** The check digit a code should carry under a rule and the one it carries; null when the rule
 *  has no digit or the code is not in the rule's shape. */
export function checkDigitOf(rule: CheckRule, code: string): { expected: number; got: number } | null {
  if (rule === 'ups-1z' && /^1Z[0-9A-Z]{16}$/.test(code)) return { expected: upsCheckDigit(code.slice(2, 17)), got: Number(code[17]) };
  if (rule === 's10' && /^[A-Z]{2}\d{9}[A-Z]{2}$/.test(code)) return { expected: s10CheckDigit(code.slice(2, 10)), got: Number(code[10]) };
  if (rule === 'mod7' && /^\d{10}$/.test(code)) return { expected: mod7CheckDigit(code.slice(0, 9)), got: Number(code[9]) };
  return null;
}

/** A tracking number as people and scanners give it: upper case, no spaces or dashes. */
export function normaliseTracking(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

export type TrackingVerdict =
  | { ok: true; code: string }
  | { ok: false; reason: 'pattern'; code: string; pattern: string }
  | { ok: false; reason: 'check-digit'; code: string; expected: number; got: number };

const compiled = new Map<string, RegExp>();
function whole(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, re);
  }
  return re;
}

/** Whether a tracking number fits the carrier: its pattern, then its check digit. */
export function checkTracking(carrier: Pick<CarrierRow, 'pattern' | 'check'>, raw: string): TrackingVerdict {
  const code = normaliseTracking(raw);
  if (!whole(carrier.pattern).test(code)) return { ok: false, reason: 'pattern', code, pattern: carrier.pattern };
  const digit = checkDigitOf(carrier.check, code);
  if (digit && digit.expected !== digit.got) return { ok: false, reason: 'check-digit', code, ...digit };
  return { ok: true, code };
}

/** The carrier's tracking page for a parcel. */
export function trackingLink(carrier: Pick<CarrierRow, 'trackingUrl'>, tracking: string): string {
  return carrier.trackingUrl.split('{tracking}').join(encodeURIComponent(tracking));
}

/** Which active carriers a code fits (a scanned code without a chosen carrier). */
export function carriersFor(carriers: readonly CarrierRow[], raw: string): CarrierRow[] {
  return carriers.filter((c) => c.active && checkTracking(c, raw).ok);
}

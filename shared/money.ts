// Money is an integer count of the currency's minor unit (cents, fen) everywhere the counter
// stores or adds it: prices, totals, payments, refunds, till counts. Only the edges turn it
// into decimal text for people (screens, receipts, CSV files) and back, with string
// arithmetic, so no binary fraction ever touches an amount.
import { z } from 'zod';
import { LIMITS } from './limits';

/** Minor-unit digits of a currency (2 for CNY, EUR, USD; 0 for JPY; 3 for KWD). */
export type CurrencyDigits = 0 | 1 | 2 | 3;

export const DEFAULT_CURRENCY = { code: 'CNY', digits: 2 as CurrencyDigits };

// The counter's currency (a setting): its code (printed on receipts and the Z report) and how
// many decimals its minor unit has, which every parse and format of an amount uses.
export const currencySchema = z.object({
  code: z.string().trim().regex(/^[A-Z]{3}$/, 'use the three-letter currency code, e.g. CNY or EUR'),
  digits: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
});

export interface Currency {
  code: string;
  digits: CurrencyDigits;
}

/** The stored setting, or the default when unset or unreadable. */
export function currencyOf(value: unknown): Currency {
  return currencySchema.safeParse(value).data ?? DEFAULT_CURRENCY;
}


/** Why a person's amount text was refused (a screen words it from `reason`). */
export type MoneyProblem =
  | { reason: 'empty' }
  | { reason: 'not-a-number' }
  | { reason: 'negative' }
  | { reason: 'too-many-decimals'; digits: number }
  | { reason: 'too-large'; max: string };

export type MoneyParse = { ok: true; minor: number } | ({ ok: false; message: string } & MoneyProblem);

/** An amount in minor units a command may carry: a whole number, not negative, bounded. */
export function isMinorAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= LIMITS.MAX_AMOUNT;
}

// Digits with at most one decimal separator ("." or ","); spaces, apostrophes and
// underscores may group thousands ("1 234.50", "1'234.50"). Nothing else: no exponent, no sign.
const AMOUNT = /^(\d{1,3}(?:[ '_\u00a0\u202f]?\d{3})*|\d+)?(?:[.,](\d*))?$/;

function problem(p: MoneyProblem, message: string): MoneyParse {
  return { ok: false, message, ...p };
}

/**
 * Parses an amount a person typed or a file holds ("12.5", "12,50", "1 234.00") into minor
 * units of a currency with `digits` decimals. Refuses (with a sentence a clerk can act on)
 * signs, exponents, letters, more decimals than the currency has, and amounts above the limit.
 */
export function parseMoney(input: string, digits: CurrencyDigits = DEFAULT_CURRENCY.digits): MoneyParse {
  const text = input.trim();
  if (text === '') return problem({ reason: 'empty' }, 'Enter an amount.');
  if (text.startsWith('-')) return problem({ reason: 'negative' }, 'An amount cannot be negative.');
  const match = AMOUNT.exec(text.startsWith('+') ? text.slice(1) : text);
  if (!match || (match[1] === undefined && !match[2])) return problem({ reason: 'not-a-number' }, `"${text.slice(0, 40)}" is not an amount; type digits with at most one decimal point, e.g. 12.50.`);
  const whole = (match[1] ?? '0').replace(/[^\d]/g, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) {
    return problem({ reason: 'too-many-decimals', digits }, digits === 0 ? 'This currency has no decimals; type a whole amount.' : `Use at most ${digits} decimals.`);
  }
  const digitsText = (whole + fraction.padEnd(digits, '0')).replace(/^0+(?=\d)/, '');
  const max = LIMITS.MAX_AMOUNT;
  // Compared as text first: a long run of digits must not round into a float that looks fine.
  if (digitsText.length > String(max).length || Number(digitsText) > max) {
    return problem({ reason: 'too-large', max: formatMoney(max, digits) }, `An amount cannot be above ${formatMoney(max, digits)}.`);
  }
  return { ok: true, minor: Number(digitsText) };
}

/** Plain decimal text of minor units for files and inputs ("1234.50", "-0.05"): no grouping, always `digits` decimals. */
export function formatMoney(minor: number, digits: CurrencyDigits = DEFAULT_CURRENCY.digits): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an amount in minor units: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? sign + text : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Sum of minor-unit amounts; throws when a term is not an integer or the sum leaves the safe range. */
export function sumMoney(amounts: Iterable<number>): number {
  let total = 0;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new RangeError(`not an amount in minor units: ${a}`);
    total += a;
    if (!Number.isSafeInteger(total)) throw new RangeError('the sum of amounts is too large');
  }
  return total;
}

/** `unit` x `qty` in minor units (a whole number times a whole number stays whole). */
export function timesQty(unit: number, qty: number): number {
  const product = unit * qty;
  if (!Number.isSafeInteger(product)) throw new RangeError('the amount is too large');
  return product;
}

/**
 * Splits `total` into `parts` whole shares that add up to it exactly, the larger shares
 * first (a 10.00 price for 3 uses is 3.34 + 3.33 + 3.33).
 */
export function splitMoney(total: number, parts: number): number[] {
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(parts) || parts <= 0) throw new RangeError('cannot split');
  const base = Math.trunc(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}

/** Minor units of an old decimal amount (stored before money was in minor units): rounded half away from zero via its text. */
export function minorFromLegacy(value: number, digits: CurrencyDigits = DEFAULT_CURRENCY.digits): number {
  if (!Number.isFinite(value)) return 0;
  const sign = value < 0 ? -1 : 1;
  // toFixed works on the exact binary value; one extra digit then decides the rounding, so 0.285 (stored as 0.28499…) becomes 29.
  const [whole, fraction = ''] = Math.abs(value).toFixed(digits + 1).split('.');
  const kept = Number((whole ?? '0') + fraction.slice(0, digits));
  const next = Number(fraction.charAt(digits) || '0');
  return sign * (kept + (next >= 5 ? 1 : 0)) || 0;
}

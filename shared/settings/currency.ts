// The counter's currency: its code (printed on receipts and the Z report) and how many
// decimals its minor unit has, which every parse and format of an amount uses.
import { z } from 'zod';

// The currency's schema lives with money (the database's v7 upgrade reads it too).
export { currencyOf, currencySchema, type Currency } from '../money';

/** Payment methods a counter offers (a setting); cash is the one that gives change. */
export const paymentMethodsSchema = z
  .array(z.string().trim().regex(/^[a-z0-9-]{1,24}$/, 'a method is 1 to 24 lower-case letters, digits or dashes'))
  .min(1, 'keep at least one payment method')
  .max(12, 'at most 12 payment methods');

export const DEFAULT_PAYMENT_METHODS = ['cash', 'card', 'other'] as const;

export function paymentMethodsOf(value: unknown): string[] {
  return paymentMethodsSchema.safeParse(value).data ?? [...DEFAULT_PAYMENT_METHODS];
}

/**
 * The currencies a counter is set up with at first start, with their ISO 4217 minor-unit
 * digits (what every amount is parsed and formatted with). Settings → Shop takes any code.
 */
export const SUPPORTED_CURRENCIES = [
  { code: 'CNY', digits: 2 },
  { code: 'HKD', digits: 2 },
  { code: 'TWD', digits: 2 },
  { code: 'SGD', digits: 2 },
  { code: 'USD', digits: 2 },
  { code: 'EUR', digits: 2 },
  { code: 'GBP', digits: 2 },
  { code: 'CHF', digits: 2 },
  { code: 'AUD', digits: 2 },
  { code: 'CAD', digits: 2 },
  { code: 'JPY', digits: 0 },
  { code: 'KRW', digits: 0 },
  { code: 'BHD', digits: 3 },
  { code: 'KWD', digits: 3 },
] as const satisfies ReadonlyArray<{ code: string; digits: 0 | 1 | 2 | 3 }>;

export type SupportedCurrency = (typeof SUPPORTED_CURRENCIES)[number];

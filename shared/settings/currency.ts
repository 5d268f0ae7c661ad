// The counter's currency: its code (printed on receipts and the Z report) and how many
// decimals its minor unit has, which every parse and format of an amount uses.
import { z } from 'zod';
import { DEFAULT_CURRENCY, type CurrencyDigits } from '../money';

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

/** Payment methods a counter offers (a setting); cash is the one that gives change. */
export const paymentMethodsSchema = z
  .array(z.string().trim().regex(/^[a-z0-9-]{1,24}$/, 'a method is 1 to 24 lower-case letters, digits or dashes'))
  .min(1, 'keep at least one payment method')
  .max(12, 'at most 12 payment methods');

export const DEFAULT_PAYMENT_METHODS = ['cash', 'card', 'other'] as const;

export function paymentMethodsOf(value: unknown): string[] {
  return paymentMethodsSchema.safeParse(value).data ?? [...DEFAULT_PAYMENT_METHODS];
}

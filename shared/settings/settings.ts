// Device settings: one zod schema per key, so the UI, the engine and an import all agree.
import { z } from 'zod';
import { ssccSettingSchema } from '../tracking/sscc';
import { LIMITS } from '../limits';
import type { FieldProblem } from '../api';
import { fieldProblems, patternParams } from '../fieldProblems';
import { currencySchema, paymentMethodsSchema } from './currency';

export const settingSchemas = {
  /** Which period lengths timers use: the production values or the short demo ones. */
  periodPreset: z.enum(['production', 'demo']),
  /** Per-period overrides in milliseconds, on top of the preset. */
  periods: z.record(z.string(), z.number().int().positive()),
  /** Shown in the header and on receipts. */
  deviceName: z.string().trim().min(1).max(40),
  /** Goes into human order numbers (PO-K2-000123) so numbers stay unique across counters. */
  devicePrefix: z
    .string()
    .trim()
    .refine((v) => /^[A-Z0-9]{0,4}$/.test(v), { error: 'use up to 4 capital letters or digits', params: patternParams('upTo4CapitalsOrDigits') }),
  allocationStrategy: z.enum(['priority', 'most-stock']),
  /** The counter's clock, minutes east of UTC (480 = UTC+8; the offsets in use, -12 h to +14 h): where a
   *  valid-until day ends (engine/validUntil.ts). UTC when unset. */
  utcOffsetMinutes: z.number().int().min(-12 * 60).max(14 * 60),
  /** Single-operator mode (no operators set up): the one person's name, given when the
   *  set-up is skipped; every command and event of that mode carries it. */
  singleOperatorName: z
    .string()
    .trim()
    .min(1)
    .max(LIMITS.MAX_OPERATOR_NAME_LENGTH)
    .refine((v) => !/\p{Cc}/u.test(v), 'no control characters'),
  /** Lock the counter after this many seconds without a key, click or scan (0 = never);
   *  only when operators are set up. */
  lockAfterSeconds: z.number().int().min(0).max(12 * 3600),
  /** A parcel with no checkpoint for this long opens a "late" exception (ms; 48 h when unset). */
  parcelLateAfterMs: z.number().int().min(LIMITS.MIN_PARCEL_LATE_AFTER_MS).max(LIMITS.MAX_PARCEL_LATE_AFTER_MS),
  /** The currency's code and minor-unit digits (money is stored in minor units). */
  currency: currencySchema,
  /** Payment methods offered at the counter, in order ("cash" gives change). */
  paymentMethods: paymentMethodsSchema,
  /** The GS1 company prefix and extension digit of the SSCCs on this counter's parcel labels
   *  (shared/tracking/sscc.ts; GS1's in-company prefix 0200000 when unset). */
  sscc: ssccSettingSchema,
  /** The first-start set-up was done (or skipped) on this counter: it is not offered again
   *  (renderer/firststart). `choice`: what the person chose for the data. */
  firstStart: z.object({ choice: z.enum(['empty', 'demo', 'skipped']), at: z.number().int().nonnegative() }),
  /** Printed at the head of receipts. */
  shopName: z.string().trim().min(1).max(60),
  scannerProfile: z.object({
    maxGapMs: z.number().int().min(5).max(200),
    minLength: z.number().int().min(1).max(64),
    suffix: z.string().min(1),
    prefix: z.string().optional(),
  }),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

/**
 * Settings that change how the live counter behaves (the timers' periods, where stock is
 * taken from, order numbers, where a valid-until day ends, the SSCCs on parcel labels, when a
 * parcel counts as late): only the Admin role changes them
 * (engine/adminCommands.ts refuses otherwise), and the screens ask before saving.
 */
export const LIVE_SETTING_KEYS: ReadonlySet<SettingKey> = new Set<SettingKey>(['periodPreset', 'periods', 'allocationStrategy', 'devicePrefix', 'utcOffsetMinutes', 'sscc', 'parcelLateAfterMs']);

/**
 * The field a setting's problem names (`refusal.fieldName.<field>` words it): a part of an
 * object setting by its own name (`currencyCode`, `ssccCompanyPrefix`), else the setting
 * itself — never a name the screens cannot word (a period's name in `periods`).
 */
export function settingField(key: SettingKey, path: readonly PropertyKey[]): string {
  const schema = settingSchemas[key] as z.ZodType;
  const part = path[0];
  if (schema instanceof z.ZodObject && typeof part === 'string' && part in schema.shape) return key + part.charAt(0).toUpperCase() + part.slice(1);
  return key;
}

/** A setting's failed parse as problems, each naming its setting or part (settingField):
 *  what the engine refuses with, and what a screen checks before sending. */
export function settingProblems(key: SettingKey, error: z.ZodError): FieldProblem[] {
  return fieldProblems(error, key).map((p) => ({ ...p, field: settingField(key, p.path.split('.').slice(1)) }));
}

/** Every field name a setting's problems can carry (for the screens' words). */
export function settingFieldNames(): string[] {
  return (Object.keys(settingSchemas) as SettingKey[]).flatMap((key) => {
    const schema = settingSchemas[key] as z.ZodType;
    return [key, ...(schema instanceof z.ZodObject ? Object.keys(schema.shape).map((part) => settingField(key, [part])) : [])];
  });
}

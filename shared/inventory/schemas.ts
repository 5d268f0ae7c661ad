// Input schemas for stock commands, with messages a clerk can act on. Rules that need the
// database (unknown sku or location, barcode owned by another product) live beside the
// rows they check (catalog.ts, lookup.ts) and use the wording in refusals.ts.
import { z } from 'zod';
import { barcodeKey, barcodeProblem } from './barcodes';
import { StockRefusal } from './refusals';
import { fieldProblems } from '../fieldProblems';
import { LIMITS } from '../limits';

const noControlChars = /^[^\p{Cc}]*$/u;

function text(label: string, max: number) {
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` })
    .regex(noControlChars, { error: `${label} contains characters that cannot be printed` });
}

function wholeNumber(message: string) {
  return z.number({ error: message }).int({ error: message });
}

export const skuSchema = text('SKU', 64);
export const locationIdSchema = text('Location', 64);
const reasonSchema = z
  .string({ error: 'Reason must be text' })
  .trim()
  .max(200, { error: 'Reason must be at most 200 characters' })
  .optional()
  .transform((r) => r ?? '');

export const QTY_MESSAGE = 'Quantity must be a whole number above zero';
export const qtySchema = wholeNumber(QTY_MESSAGE).positive({ error: QTY_MESSAGE });

export const barcodeSchema = z
  .string({ error: 'Barcode must be text' })
  .trim()
  .superRefine((code, ctx) => {
    const problem = barcodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const barcodeListSchema = z
  .array(barcodeSchema, { error: 'Barcodes must be a list' })
  .superRefine((codes, ctx) => {
    const seen = new Set<string>();
    codes.forEach((code, i) => {
      if (seen.has(barcodeKey(code))) ctx.addIssue({ code: 'custom', message: `Barcode ${code} is listed twice`, path: [i] });
      seen.add(barcodeKey(code));
    });
  });

const REORDER_MESSAGE = 'Reorder point must be a whole number, zero or more';

export const productInputSchema = z.object(
  {
    sku: skuSchema,
    name: text('Product name', 120),
    unit: text('Unit', 16).default('pcs'),
    /** Minor units (cents); files and screens show decimals (shared/money.ts). */
    price: z
      .number({ error: 'Price must be a number' })
      .int({ error: 'Price must be a whole number of minor units (cents)' })
      .nonnegative({ error: 'Price cannot be negative' })
      .max(LIMITS.MAX_AMOUNT, { error: 'Price is too large' })
      .default(0),
    barcodes: barcodeListSchema.default([]),
    reorderPoint: wholeNumber(REORDER_MESSAGE).nonnegative({ error: REORDER_MESSAGE }).default(0),
    allowBackorder: z.boolean({ error: 'Allow backorder must be true or false' }).default(false),
    active: z.boolean({ error: 'Active must be true or false' }).default(true),
  },
  { error: 'Product details are missing' },
);
export type ProductFields = z.output<typeof productInputSchema>;

const PRIORITY_MESSAGE = 'Priority must be a whole number, zero or more (lower is used first)';

export const locationInputSchema = z.object(
  {
    id: locationIdSchema,
    name: text('Location name', 80),
    /** Absent = after every existing location (decided in catalog.ts). */
    priority: wholeNumber(PRIORITY_MESSAGE).nonnegative({ error: PRIORITY_MESSAGE }).optional(),
    parentId: locationIdSchema.nullable().optional().transform((p) => p ?? null),
    active: z.boolean({ error: 'Active must be true or false' }).default(true),
    /** false: damaged or quarantine stock, never allocated to an order. Absent = sellable. */
    sellable: z.boolean({ error: 'Sellable must be true or false' }).optional(),
  },
  { error: 'Location details are missing' },
);
export type LocationFields = z.output<typeof locationInputSchema>;

export const receiveInputSchema = z.object(
  { sku: skuSchema, locationId: locationIdSchema, qty: qtySchema, reason: reasonSchema },
  { error: 'Movement details are missing' },
);
export type ReceiveFields = z.output<typeof receiveInputSchema>;

const ADJUST_MESSAGE = 'Adjustment must be a whole number other than zero (negative removes stock)';
export const adjustInputSchema = z.object(
  {
    sku: skuSchema,
    locationId: locationIdSchema,
    qty: wholeNumber(ADJUST_MESSAGE).refine((n) => n !== 0, { error: ADJUST_MESSAGE, params: { problem: 'zero' } }),
    reason: z
      .string({ error: 'Give a reason for the adjustment' })
      .trim()
      .min(1, { error: 'Give a reason for the adjustment' })
      .max(200, { error: 'Reason must be at most 200 characters' }),
  },
  { error: 'Adjustment details are missing' },
);
export type AdjustFields = z.output<typeof adjustInputSchema>;

const COUNT_MESSAGE = 'Counted quantity must be a whole number, zero or more';
export const countInputSchema = z.object(
  {
    sku: skuSchema,
    locationId: locationIdSchema,
    qty: wholeNumber(COUNT_MESSAGE).nonnegative({ error: COUNT_MESSAGE }),
    reason: reasonSchema,
  },
  { error: 'Count details are missing' },
);
export type CountFields = z.output<typeof countInputSchema>;

export const transferInputSchema = z
  .object(
    {
      sku: skuSchema,
      fromLocationId: locationIdSchema,
      toLocationId: locationIdSchema,
      qty: qtySchema,
      reason: reasonSchema,
    },
    { error: 'Transfer details are missing' },
  )
  .refine((t) => t.fromLocationId !== t.toLocationId, {
    error: 'Choose two different locations: stock cannot be transferred to the location it is in',
    path: ['toLocationId'],
    params: { problem: 'same-location' },
  });
export type TransferFields = z.output<typeof transferInputSchema>;

export const lineInputSchema = z.object(
  {
    orderId: text('Order id', 64),
    itemId: text('Order line id', 64),
    sku: skuSchema,
    qty: qtySchema,
  },
  { error: 'Order line details are missing' },
);
export type LineFields = z.output<typeof lineInputSchema>;

export interface InputIssue {
  path: string;
  message: string;
}

export function issuesOf(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Parse or throw an `invalid-input` refusal naming every problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const message = [...new Set(issues.map((i) => i.message))].join('; ');
  throw new StockRefusal('invalid-input', message, { issues }, { reason: 'bad-field', field: issues[0]?.path ?? '', issues: fieldProblems(result.error) });
}

// Validation of every command's input at the boundary (one zod schema per argument), with
// messages a clerk can act on and the limits of shared/limits.ts said in the refusal.
import { z } from 'zod';
import type { FieldProblem } from '../api';
import { fieldProblems } from '../fieldProblems';
import { LIMITS } from '../limits';

const { MAX_INPUT_FIELDS, MAX_INPUT_LIST_ITEMS, MAX_INPUT_NAME_LENGTH, MAX_INPUT_TEXT_LENGTH, MAX_ACTION_LENGTH, MAX_ADDRESS_LENGTH, MAX_AMOUNT, MAX_ID_LENGTH, MAX_LINES_PER_ORDER, MAX_NAME_LENGTH, MAX_QTY, MAX_ROLE_LENGTH, MAX_SERVICE_TIMES, MAX_VOUCHER_CODE_LENGTH, MAX_VOUCHERS_PER_ORDER } = LIMITS;
import { isDerivedId } from './command';
import { validUntilSchema } from './validUntil';

const CONTROL_CHARS = /\p{Cc}/u;
/** Control characters except the line breaks a multi-line field (an address) may hold. */
const CONTROL_CHARS_BUT_NEWLINES = /[^\P{Cc}\n\r]/u;

/** Text a person typed or scanned: trimmed, bounded, printable. */
export function text(label: string, max: number, { required = true, multiline = false } = {}) {
  const control = multiline ? CONTROL_CHARS_BUT_NEWLINES : CONTROL_CHARS;
  const base = z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` })
    .refine((s) => !control.test(s), { error: `${label} contains characters that cannot be printed`, params: { problem: 'unprintable' } });
  return required ? base.refine((s) => s.length > 0, { error: `${label} is missing`, params: { problem: 'missing' } }) : base;
}

/** An amount in minor units (shared/money.ts): a whole number of cents or fen. */
export const money = (label: string) =>
  z
    .number({ error: `${label} must be a number` })
    .finite({ error: `${label} must be a number` })
    .int({ error: `${label} must be a whole number of minor units (cents)` })
    .min(0, { error: `${label} cannot be negative` })
    .max(MAX_AMOUNT, { error: `${label} cannot be above ${MAX_AMOUNT} minor units` });

export const orderLineSchema = z.object(
  {
    sku: text('SKU', MAX_ID_LENGTH),
    qty: z
      .number({ error: 'quantity must be a number' })
      .int('quantity must be a whole number')
      .positive('quantity must be above zero')
      .max(MAX_QTY, { error: `quantity cannot be above ${MAX_QTY}` }),
    price: money('price').optional(),
    unitPrice: money('unit price').optional(),
    serviceTimes: z
      .number({ error: 'uses must be a number' })
      .int('uses must be a whole number')
      .positive('uses must be above zero')
      .max(MAX_SERVICE_TIMES, { error: `uses cannot be above ${MAX_SERVICE_TIMES}` })
      .optional(),
    validUntil: validUntilSchema.optional(),
  },
  { error: 'each line must give a SKU and a quantity' },
);

/** A line's total as the engine computes it (price, else unit price x quantity); a line
 *  with neither is priced from the catalogue later (`priceLines`) and counts 0 here. */
export function lineTotal(line: z.output<typeof orderLineSchema>): number {
  return line.price ?? (line.unitPrice ?? 0) * line.qty;
}

export type OrderLine = z.output<typeof orderLineSchema>;

/** Why a line could not be priced: its product is not in the catalogue, or has no price. */
export interface UnpricedLine {
  line: number;
  sku: string;
  problem: 'unknown-product' | 'no-price';
}

/**
 * Gives every line without a price or unit price the catalogue's price of its product
 * (a line is never priced 0 by omission). A product that is missing, or priced 0 in the
 * catalogue, cannot price a line: the caller must say the price.
 */
export function priceLines(lines: readonly OrderLine[], catalogue: ReadonlyMap<string, { price: number }>): { ok: true; lines: OrderLine[] } | { ok: false; unpriced: UnpricedLine } {
  const priced: OrderLine[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.price !== undefined || line.unitPrice !== undefined) {
      priced.push(line);
      continue;
    }
    const product = catalogue.get(line.sku);
    if (!product || !(product.price > 0)) return { ok: false, unpriced: { line: index + 1, sku: line.sku, problem: product ? 'no-price' : 'unknown-product' } };
    priced.push({ ...line, unitPrice: product.price });
  }
  return { ok: true, lines: priced };
}

export const createOrderInputSchema = z
  .object(
    {
      buyerId: text('the buyer', MAX_ID_LENGTH),
      buyerName: text('the buyer name', MAX_NAME_LENGTH, { required: false }).optional(),
      address: text('the address', MAX_ADDRESS_LENGTH, { required: false, multiline: true }).optional(),
      // Kept as digits (and a leading +) so a search by prefix finds it however it was typed.
      phone: z
        .string({ error: 'the phone must be text' })
        .transform((p) => p.replace(/[\s().-]/g, ''))
        .pipe(z.string().regex(/^\+?\d{0,20}$/, 'the phone may hold digits, spaces, dashes and a leading + only (at most 20 digits)'))
        .optional(),
      lines: z
        .array(orderLineSchema, { error: 'the order has no lines' })
        .min(1, 'the order has no lines')
        .max(MAX_LINES_PER_ORDER, { error: `an order has at most ${MAX_LINES_PER_ORDER} lines` }),
    },
    { error: 'the order details are missing' },
  )
  .superRefine((input, ctx) => {
    const total = input.lines.reduce((sum, l) => sum + lineTotal(l), 0);
    if (!(total <= MAX_AMOUNT)) ctx.addIssue({ code: 'custom', message: `the order total cannot be above ${MAX_AMOUNT}`, path: ['lines'], params: { problem: 'order-total', limit: MAX_AMOUNT } });
    const uses = input.lines.reduce((sum, l) => sum + l.qty * (l.serviceTimes ?? 1), 0);
    if (uses > MAX_VOUCHERS_PER_ORDER) {
      ctx.addIssue({ code: 'custom', message: `an order can issue at most ${MAX_VOUCHERS_PER_ORDER} attendance codes (quantity x uses)`, path: ['lines'], params: { problem: 'too-many-codes', limit: MAX_VOUCHERS_PER_ORDER } });
    }
  });

/** "Line 2: quantity must be a whole number" — one sentence per problem. */
/** The facts of a bad input for a screen: the first problem's field and, on an order
 *  line, its line number (the English message names them all). */
export function inputErrorFacts(error: z.ZodError): { reason: 'bad-field'; field: string; line: number | null; issues: FieldProblem[] } {
  const path = error.issues[0]?.path ?? [];
  const [first, index] = path;
  return {
    reason: 'bad-field',
    field: path.map(String).join('.'),
    line: first === 'lines' && typeof index === 'number' ? index + 1 : null,
    issues: fieldProblems(error),
  };
}

export function describeInputError(error: z.ZodError): string {
  const sentences = error.issues.map((issue) => {
    const [first, index] = issue.path;
    const where = first === 'lines' && typeof index === 'number' ? `Line ${index + 1}: ` : '';
    return `${where}${issue.message}`;
  });
  const text = [...new Set(sentences)].join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

// --- the other commands' arguments ------------------------------------------------

export const commandIdSchema = text('the command id', MAX_ID_LENGTH).refine((id) => !isDerivedId(id), {
  error: 'this id is reserved for commands the engine makes itself',
  params: { problem: 'reserved-id' },
});

/** Options every command takes; absent or null means none. */
export const commandOptionsSchema = z
  .object({ commandId: commandIdSchema.optional() }, { error: 'options must be an object' })
  .nullish();

/** A setting's options: also the role the clerk acts in (live-counter settings need Admin). */
export const settingOptionsSchema = z
  .object({ commandId: commandIdSchema.optional(), role: z.string().trim().min(1).max(8).optional() }, { error: 'options must be an object' })
  .nullish();

export const entityRefSchema = z.object(
  {
    kind: z.enum(['order', 'item', 'refund'], { error: 'kind must be order, item or refund' }),
    id: text('the id', MAX_ID_LENGTH),
  },
  { error: 'give the order, line or refund sheet as { kind, id }' },
);

export const actOnOrderOptionsSchema = z
  .object({ commandId: commandIdSchema.optional(), prefer: entityRefSchema.optional() }, { error: 'options must be an object' })
  .nullish();

export const orderIdSchema = text('the order id', MAX_ID_LENGTH);
export const timerIdSchema = text('the timer id', MAX_ID_LENGTH);
export const roleSchema = text('the role', MAX_ROLE_LENGTH);
export const actionSchema = text('the action', MAX_ACTION_LENGTH);
/**
 * What an action carries, as far as the boundary can tell without its declaration: a
 * small object of text, numbers and lists of text. The engine then checks it against the
 * transition's declared fields (shared/workflow/input.ts), which names the field at fault.
 */
export const actionInputSchema = z
  .record(
    z.string().max(MAX_INPUT_NAME_LENGTH, { error: `a field name has at most ${MAX_INPUT_NAME_LENGTH} characters` }),
    z.union(
      [
        z.string().max(MAX_INPUT_TEXT_LENGTH * 4, { error: `a field holds at most ${MAX_INPUT_TEXT_LENGTH} characters` }),
        z.number(),
        z.boolean(),
        z.null(),
        z.array(z.string().max(MAX_INPUT_TEXT_LENGTH * 4)).max(MAX_INPUT_LIST_ITEMS, { error: `a list holds at most ${MAX_INPUT_LIST_ITEMS} entries` }),
      ],
      { error: 'each field must be text, a number or a list of text' },
    ),
    { error: 'the input must be an object of fields, like { "carrier": "sf" }' },
  )
  .refine((r) => Object.keys(r).length <= MAX_INPUT_FIELDS, { error: `at most ${MAX_INPUT_FIELDS} fields`, params: { problem: 'too-many-fields', limit: MAX_INPUT_FIELDS } })
  .nullish();

export const orderTypeSchema = z.enum(['product', 'service'], { error: 'the order type must be product or service' });
export const voucherCodeSchema = text('the code', MAX_VOUCHER_CODE_LENGTH);

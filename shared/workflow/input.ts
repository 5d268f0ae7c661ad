// Actions that carry data: the fields a transition declares (`input`), how a declaration is
// checked when a definition is installed, and the zod schema built from it that checks what
// a person (or a script) sends with the action. Pure: the engine, the checker and the
// action panel's form all use this one module, so the form asks exactly what the engine takes.
import { z } from 'zod';
import { LIMITS } from '../limits';

const {
  MAX_AMOUNT,
  MAX_ID_LENGTH,
  MAX_INPUT_CHOICES,
  MAX_INPUT_FIELDS,
  MAX_INPUT_LIST_ITEMS,
  MAX_INPUT_NAME_LENGTH,
  MAX_INPUT_PATTERN_LENGTH,
  MAX_INPUT_TEXT_LENGTH,
  MAX_QTY,
} = LIMITS;

// --- the declaration (part of the definition format) -----------------------------------

/** A field name: an identifier, so it is a safe key in the event's data and in a script. */
const fieldName = z
  .string()
  .max(MAX_INPUT_NAME_LENGTH, { error: `a field name has at most ${MAX_INPUT_NAME_LENGTH} characters (MAX_INPUT_NAME_LENGTH)` })
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: 'a field name is a letter followed by letters, digits or _ (like carrier or trackingNumber)' });

const common = {
  name: fieldName,
  /** What the form shows (English; a screen translates it by the field's name). */
  label: z.string().min(1),
  /** Absent = optional: the action may be taken without it. */
  required: z.boolean().optional(),
};

/** Where a money field's upper bound can come from besides a number: the line's price (a
 *  line or its refund sheet) or the order's total. */
export const moneyBoundSchema = z.union([z.number(), z.enum(['linePrice', 'orderTotal'])]);
export type MoneyBound = z.infer<typeof moneyBoundSchema>;

export const inputFieldSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...common,
    type: z.literal('text'),
    maxLength: z.number().int().optional(),
    /** A regular expression (Unicode) the whole text must match, e.g. a tracking-number shape. */
    pattern: z.string().optional(),
    /** A memo: line breaks allowed, shown as a text area. */
    multiline: z.boolean().optional(),
    /** A barcode can be scanned into it (a tracking number). */
    scan: z.boolean().optional(),
  }),
  z.strictObject({ ...common, type: z.literal('number'), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().optional() }),
  z.strictObject({ ...common, type: z.literal('money'), min: z.number().optional(), max: moneyBoundSchema.optional() }),
  /** One of `choices`, or (`choicesFrom`) one of a list kept as data on the counter: the
   *  carriers of Settings → Carriers, or the payment methods of Settings (the command that
   *  takes the payment checks the method against them). */
  z.strictObject({
    ...common,
    type: z.literal('choice'),
    choices: z.array(z.strictObject({ value: z.string().min(1), label: z.string().min(1) })).min(1).optional(),
    choicesFrom: z.enum(['carriers', 'paymentMethods']).optional(),
  }),
  /** A list of text (tracking numbers of one shipment): `min`/`max` count the entries. */
  z.strictObject({
    ...common,
    type: z.literal('list'),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    maxLength: z.number().int().optional(),
    pattern: z.string().optional(),
    scan: z.boolean().optional(),
  }),
]);
export type InputField = z.infer<typeof inputFieldSchema>;
/** The lists kept as data that a choice may take its values from. */
export type ChoiceList = NonNullable<Extract<InputField, { type: 'choice' }>['choicesFrom']>;
export type InputFieldType = InputField['type'];

export const inputDeclarationSchema = z.array(inputFieldSchema);
export type InputDeclaration = z.infer<typeof inputDeclarationSchema>;

/** What an action carried, as the engine stores it on its event: absent optional fields are left out. */
export type ActionInput = Record<string, string | number | string[]>;

// --- checking a declaration at install -----------------------------------------------------

export interface DeclarationProblem {
  /** Relative to the transition's `input` (e.g. "[1].pattern"). */
  path: string;
  message: string;
}

/** Names a field may not take: they would reach Object.prototype as keys. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']);

/** Every problem of one transition's declaration; `entity` is the machine's entity kind. */
export function checkDeclaration(fields: InputDeclaration, entity: string): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (fields.length > MAX_INPUT_FIELDS) add('', `An action asks for ${fields.length} fields; at most ${MAX_INPUT_FIELDS} are allowed (MAX_INPUT_FIELDS).`);
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    const p = `[${i}]`;
    if (RESERVED.has(f.name)) add(`${p}.name`, `"${f.name}" is a reserved name; call the field something else.`);
    if (seen.has(f.name)) add(`${p}.name`, `Two fields are named "${f.name}"; each field needs its own name.`);
    seen.add(f.name);
    switch (f.type) {
      case 'text':
      case 'list':
        if (f.maxLength !== undefined && (f.maxLength < 1 || f.maxLength > MAX_INPUT_TEXT_LENGTH))
          add(`${p}.maxLength`, `maxLength must be 1 to ${MAX_INPUT_TEXT_LENGTH} (MAX_INPUT_TEXT_LENGTH).`);
        if (f.pattern !== undefined) {
          if (f.pattern.length > MAX_INPUT_PATTERN_LENGTH) add(`${p}.pattern`, `The pattern has more than ${MAX_INPUT_PATTERN_LENGTH} characters (MAX_INPUT_PATTERN_LENGTH).`);
          else if (!compiles(f.pattern)) add(`${p}.pattern`, `"${f.pattern}" is not a regular expression.`);
        }
        if (f.type === 'list') {
          const min = f.min ?? 0;
          const max = f.max ?? MAX_INPUT_LIST_ITEMS;
          if (min < 0) add(`${p}.min`, 'min cannot be negative.');
          if (max < 1 || max > MAX_INPUT_LIST_ITEMS) add(`${p}.max`, `max must be 1 to ${MAX_INPUT_LIST_ITEMS} entries (MAX_INPUT_LIST_ITEMS).`);
          if (min > max) add(`${p}.min`, `min (${min}) is above max (${max}).`);
        }
        break;
      case 'number':
        if (f.min !== undefined && !(Math.abs(f.min) <= MAX_QTY)) add(`${p}.min`, `min must be between -${MAX_QTY} and ${MAX_QTY} (MAX_QTY).`);
        if (f.max !== undefined && !(Math.abs(f.max) <= MAX_QTY)) add(`${p}.max`, `max must be between -${MAX_QTY} and ${MAX_QTY} (MAX_QTY).`);
        if (f.min !== undefined && f.max !== undefined && f.min > f.max) add(`${p}.min`, `min (${f.min}) is above max (${f.max}).`);
        break;
      case 'money':
        if (f.min !== undefined && !(f.min >= 0 && f.min <= MAX_AMOUNT)) add(`${p}.min`, `min must be 0 to ${MAX_AMOUNT} (MAX_AMOUNT).`);
        if (typeof f.max === 'number') {
          if (!(f.max >= 0 && f.max <= MAX_AMOUNT)) add(`${p}.max`, `max must be 0 to ${MAX_AMOUNT} (MAX_AMOUNT).`);
          else if (f.min !== undefined && f.min > f.max) add(`${p}.min`, `min (${f.min}) is above max (${f.max}).`);
        }
        if (f.max === 'linePrice' && entity !== 'item' && entity !== 'refund')
          add(`${p}.max`, `"linePrice" is the price of an order line: only an action of a line or a refund sheet can use it.`);
        break;
      case 'choice': {
        if (!f.choices === !f.choicesFrom) add(`${p}.choices`, 'A choice has either "choices" (its values) or "choicesFrom" (a list kept as data, like "carriers"), not both or neither.');
        if (!f.choices) break;
        if (f.choices.length > MAX_INPUT_CHOICES) add(`${p}.choices`, `${f.choices.length} choices; at most ${MAX_INPUT_CHOICES} are allowed (MAX_INPUT_CHOICES).`);
        const values = new Set<string>();
        f.choices.forEach((c, j) => {
          if (c.value.length > MAX_ID_LENGTH) add(`${p}.choices[${j}].value`, `A choice's value has at most ${MAX_ID_LENGTH} characters (MAX_ID_LENGTH).`);
          if (values.has(c.value)) add(`${p}.choices[${j}].value`, `Choice "${c.value}" is listed twice.`);
          values.add(c.value);
        });
        break;
      }
    }
  });
  return problems;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

export function hasRequired(fields: InputDeclaration | undefined): boolean {
  return !!fields?.some((f) => f.required);
}

// --- checking what an action carries -----------------------------------------------------

/** The figures a bound may name, from the order the action is taken on. */
export interface InputBounds {
  linePrice?: number;
  orderTotal?: number;
  /** The values of the lists kept as data (the active carriers' ids), read in the command's
   *  transaction. Absent where the engine has no such table (the sync server): a value of an
   *  id's shape is taken there, the counter that sent it having checked it. */
  lists?: Partial<Record<ChoiceList, readonly string[]>>;
}

/** Why a field was refused: a screen words it from this (with `limit` where there is one). */
export type InputProblem =
  | 'missing'
  | 'not-text'
  | 'unprintable'
  | 'too-long'
  | 'pattern'
  | 'not-number'
  | 'not-whole'
  | 'decimals'
  | 'too-small'
  | 'too-big'
  | 'above-line-price'
  | 'above-order-total'
  | 'not-choice'
  | 'too-few'
  | 'too-many'
  | 'unknown-field'
  | 'no-input';

export interface InputRefusal {
  /** The field's name ('' for the input as a whole). */
  field: string;
  /** The field's label as the definition words it. */
  label: string;
  problem: InputProblem;
  limit: number | string | null;
  /** English, naming the field: "Refund amount: must be at most 10 (the line's price)". */
  message: string;
}

export type InputCheck = { ok: true; value: ActionInput } | { ok: false; refusal: InputRefusal };

const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_NEWLINES = /[^\P{Cc}\n\r]/u;

/** Custom issues carry their problem and limit in `params`, so the refusal can name them. */
function fail(ctx: z.RefinementCtx, problem: InputProblem, message: string, limit: number | string | null = null): void {
  ctx.addIssue({ code: 'custom', message, params: { problem, limit } });
}

function textSchema(f: { maxLength?: number; pattern?: string; multiline?: boolean }, label: string) {
  const max = f.maxLength ?? MAX_INPUT_TEXT_LENGTH;
  const pattern = f.pattern === undefined ? null : new RegExp(`^(?:${f.pattern})$`, 'u');
  const control = f.multiline ? CONTROL_BUT_NEWLINES : CONTROL;
  return z.string().superRefine((s, ctx) => {
    if (s.length > max) return fail(ctx, 'too-long', `${label}: must be at most ${max} characters`, max);
    if (control.test(s)) return fail(ctx, 'unprintable', `${label}: contains characters that cannot be printed`);
    if (pattern && !pattern.test(s)) fail(ctx, 'pattern', `${label}: "${s}" does not have the expected form`, f.pattern!);
  });
}


/** `bounds` is read when a value is checked: a schema is built once for a declaration and
 *  checks each action against that action's figures (checkInput). */
function fieldSchema(f: InputField, bounds: () => InputBounds): z.ZodType {
  const label = f.label;
  switch (f.type) {
    case 'text':
      return textSchema(f, label);
    case 'list': {
      const item = textSchema(f, label);
      const max = f.max ?? MAX_INPUT_LIST_ITEMS;
      const min = Math.max(f.min ?? 0, f.required ? 1 : 0);
      return z.array(z.unknown()).superRefine((list, ctx) => {
        if (list.length > max) return fail(ctx, 'too-many', `${label}: at most ${max} entries`, max);
        if (list.length < min) return fail(ctx, 'too-few', `${label}: at least ${min} entries`, min);
        for (const entry of list) {
          if (typeof entry !== 'string') return fail(ctx, 'not-text', `${label}: each entry must be text`);
          const r = item.safeParse(entry);
          if (!r.success) {
            const issue = r.error.issues[0]!;
            ctx.addIssue({ code: 'custom', message: issue.message, params: (issue as { params?: Record<string, unknown> }).params });
            return;
          }
        }
      });
    }
    case 'number':
    case 'money':
      return z.number().superRefine((n, ctx) => {
        if (!Number.isFinite(n)) return fail(ctx, 'not-number', `${label}: must be a number`);
        if (f.type === 'number' && f.integer && !Number.isInteger(n)) return fail(ctx, 'not-whole', `${label}: must be a whole number`);
        // Money is a whole number of the currency's minor unit, like every amount the counter keeps.
        if (f.type === 'money' && !Number.isInteger(n)) return fail(ctx, 'not-whole', `${label}: must be a whole number of minor units (cents)`);
        const min = f.min ?? (f.type === 'money' ? 0 : -MAX_QTY);
        if (n < min) return fail(ctx, 'too-small', `${label}: must be at least ${min}`, min);
        const hardMax = f.type === 'money' ? MAX_AMOUNT : MAX_QTY;
        if (n > hardMax) return fail(ctx, 'too-big', `${label}: must be at most ${hardMax}`, hardMax);
        if (f.type === 'number' && f.max !== undefined && n > f.max) return fail(ctx, 'too-big', `${label}: must be at most ${f.max}`, f.max);
        if (f.type !== 'money' || f.max === undefined) return;
        if (typeof f.max === 'number') {
          if (n > f.max) fail(ctx, 'too-big', `${label}: must be at most ${f.max}`, f.max);
        } else if (f.max === 'linePrice') {
          const price = bounds().linePrice ?? 0;
          if (n > price) fail(ctx, 'above-line-price', `${label}: must be at most ${price} (the line's price)`, price);
        } else {
          const total = bounds().orderTotal ?? 0;
          if (n > total) fail(ctx, 'above-order-total', `${label}: must be at most ${total} (the order's total)`, total);
        }
      });
    case 'choice': {
      const own = f.choices?.map((c) => c.value);
      return z.string().superRefine((s, ctx) => {
        const values = own ?? (f.choicesFrom ? bounds().lists?.[f.choicesFrom] : undefined);
        if (values === undefined) {
          if (s.length > MAX_ID_LENGTH || CONTROL.test(s)) fail(ctx, 'not-choice', `${label}: "${s}" is not a value of ${f.choicesFrom}`, '');
          return;
        }
        if (!values.includes(s)) fail(ctx, 'not-choice', `${label}: "${s}" is not one of ${values.join(', ') || '(none set up)'}`, values.join(','));
      });
    }
  }
}

/** Empty text and empty lists count as "not given" (a form sends them for blank fields). */
function given(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function tidy(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
  return value;
}

/**
 * The zod schema of one action's input, built from its declaration and the figures its
 * bounds name. Strict: a field the action does not declare is refused.
 */
export function inputSchemaOf(fields: InputDeclaration, bounds: InputBounds = {}): z.ZodType<ActionInput> {
  return schemaWith(fields, () => bounds);
}

function schemaWith(fields: InputDeclaration, bounds: () => InputBounds): z.ZodType<ActionInput> {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    const schema = fieldSchema(f, bounds);
    shape[f.name] = f.required ? schema : schema.optional();
  }
  return z.strictObject(shape) as unknown as z.ZodType<ActionInput>;
}

/** A declaration's schema, built once (a definition's declarations live as long as it) and
 *  given each check's bounds while it runs: building it was ~4 % of a pushed command's CPU. */
const built = new WeakMap<InputDeclaration, { schema: z.ZodType<ActionInput>; bounds: InputBounds }>();

function checkWith(fields: InputDeclaration, bounds: InputBounds, value: unknown) {
  let entry = built.get(fields);
  if (!entry) {
    const made: { schema?: z.ZodType<ActionInput>; bounds: InputBounds } = { bounds };
    made.schema = schemaWith(fields, () => made.bounds);
    entry = made as { schema: z.ZodType<ActionInput>; bounds: InputBounds };
    built.set(fields, entry);
  }
  // safeParse is synchronous (no async refinements): no other check runs in between.
  entry.bounds = bounds;
  try {
    return entry.schema.safeParse(value);
  } finally {
    entry.bounds = {};
  }
}

const typeWord: Record<InputFieldType, string> = { text: 'text', list: 'a list of text', number: 'a number', money: 'an amount', choice: 'one of the choices' };

/**
 * Checks what an action carries against its declaration. `raw` is what the caller sent
 * (already bounded in size by the command's boundary schema); absent, null or {} is no input.
 */
export function checkInput(fields: InputDeclaration | undefined, raw: unknown, bounds: InputBounds = {}): InputCheck {
  const decl = fields ?? [];
  const no = (problem: InputProblem, field: string, label: string, message: string, limit: number | string | null = null): InputCheck => ({
    ok: false,
    refusal: { field, label, problem, limit, message },
  });
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return no('not-text', '', '', 'The input must be an object of fields');
  const entries = Object.entries(raw as Record<string, unknown>).filter(([, v]) => given(v));
  if (!decl.length && entries.length) {
    const [name] = entries[0]!;
    return no('no-input', name, name, `This action takes no input; "${name}" is not one of its fields`);
  }
  const byName = new Map(decl.map((f) => [f.name, f]));
  const cleaned: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    if (!byName.has(name)) return no('unknown-field', name, name, `"${name}" is not a field of this action; its fields are ${decl.map((f) => f.name).join(', ')}`);
    cleaned[name] = tidy(value);
  }
  for (const f of decl) {
    if (f.required && !given(cleaned[f.name])) return no('missing', f.name, f.label, `${f.label}: is missing`);
    if (cleaned[f.name] !== undefined && !given(cleaned[f.name])) delete cleaned[f.name];
  }
  // Nothing given and nothing required (checked above): the schema would answer {} too. Most
  // actions carry no input, and building the schema was ~5 % of the demo import's time.
  if (Object.keys(cleaned).length === 0) return { ok: true, value: {} };
  const parsed = checkWith(decl, bounds, cleaned);
  if (parsed.success) return { ok: true, value: parsed.data };
  // The first problem, in the declaration's order (the form's order).
  const order = new Map(decl.map((f, i) => [f.name, i]));
  const issue = [...parsed.error.issues].sort((a, b) => (order.get(String(a.path[0])) ?? 0) - (order.get(String(b.path[0])) ?? 0))[0]!;
  const name = String(issue.path[0] ?? '');
  const field = byName.get(name);
  const label = field?.label ?? name;
  const params = (issue as { params?: { problem?: InputProblem; limit?: number | string | null } }).params;
  if (params?.problem) return no(params.problem, name, label, issue.message, params.limit ?? null);
  // A value of the wrong type (zod's own issue).
  const problem: InputProblem = field?.type === 'number' || field?.type === 'money' ? 'not-number' : 'not-text';
  return no(problem, name, label, `${label}: must be ${field ? typeWord[field.type] : 'text'}`);
}

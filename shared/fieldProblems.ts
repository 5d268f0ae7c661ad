// A bad input's problems as data: each zod issue as where it is (path, field, order line),
// what zod found (its issue code, a custom check's own name) and the bound or the expected
// kind. The engine keeps its English sentence as the refusal's `message` for logs; a screen
// words these (renderer/ui/fieldProblemWords.ts) in the reader's language.
import type { z } from 'zod';
import type { FieldProblem } from './api';

/** Names of the engine's own custom checks (zod `params.problem`), each worded on screen. */
export const CUSTOM_PROBLEMS = ['missing', 'unprintable', 'reserved-id', 'order-total', 'too-many-codes', 'too-many-fields', 'same-location', 'date', 'zero', 'badge-chars', 'digits-only', 'pin-length', 'nothing-to-do', 'pattern'] as const;
export type CustomProblem = (typeof CUSTOM_PROBLEMS)[number];

/** Rules a `pattern` problem carries (params.rule): what the field takes, which a screen
 *  words as what to type ("use up to 4 capital letters or digits"), not only "wrong form". */
export const FIELD_RULES = ['upTo4CapitalsOrDigits', 'digits6to12'] as const;
export type FieldRule = (typeof FIELD_RULES)[number];

/** The zod params of a `pattern` check: its rule, and the value's length where the rule is one. */
export function patternParams(rule: FieldRule, length?: number): { problem: 'pattern'; rule: FieldRule; length?: number } {
  return { problem: 'pattern', rule, ...(length === undefined ? {} : { length }) };
}

/** At most this many problems are kept (a hostile input can have thousands). */
const MAX_PROBLEMS = 20;

const asNumber = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);

export function fieldProblem(issue: z.core.$ZodIssue, root?: string): FieldProblem {
  const path = issue.path.map(String);
  const names = path.filter((p, i) => typeof issue.path[i] !== 'number');
  const [first, index] = issue.path;
  const raw = issue as unknown as Record<string, unknown>;
  const params = raw.params as Record<string, unknown> | undefined;
  const limit = asNumber(raw.maximum ?? raw.minimum ?? params?.limit);
  const min = asNumber(params?.min);
  const length = asNumber(params?.length);
  return {
    path: [root, ...path].filter((p) => p !== undefined && p !== '').join('.'),
    field: names.at(-1) ?? root ?? '',
    line: first === 'lines' && typeof index === 'number' ? index + 1 : null,
    code: issue.code,
    ...(typeof params?.problem === 'string' ? { problem: params.problem } : {}),
    ...(typeof params?.rule === 'string' ? { rule: params.rule } : {}),
    ...(length === undefined ? {} : { length }),
    ...(limit === undefined ? {} : { limit }),
    ...(min === undefined ? {} : { min }),
    ...(typeof raw.inclusive === 'boolean' ? { inclusive: raw.inclusive } : {}),
    ...(typeof raw.origin === 'string' ? { origin: raw.origin } : {}),
    ...(typeof raw.expected === 'string' ? { expected: raw.expected } : {}),
    ...(typeof raw.format === 'string' ? { format: raw.format } : {}),
    ...(Array.isArray(raw.keys) ? { keys: raw.keys.map(String).slice(0, MAX_PROBLEMS) } : {}),
  };
}

/** A problem one of the engine's own checks found outside a schema. */
export function customProblem(field: string, problem: CustomProblem): FieldProblem {
  return { path: field, field, line: null, code: 'custom', problem };
}

/** Every problem of a failed parse (the first MAX_PROBLEMS), each once. */
export function fieldProblems(error: z.ZodError, root?: string): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    const p = fieldProblem(issue, root);
    const key = JSON.stringify(p);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
    if (out.length >= MAX_PROBLEMS) break;
  }
  return out;
}

// What every write is: a command with its meta (id, kind, device, operator, time), and
// the few rules all commands share — reserved ids, a digest of the payload, and how a
// bad input becomes a refusal that names its field.
import type { z } from 'zod';
import type { Refused, RefusalCode } from '../api';

export type CommandKind =
  | 'create-order'
  | 'act'
  | 'act-on-order'
  | 'redeem-voucher'
  | 'fire-timer'
  | 'install-workflow'
  | 'set-setting'
  | 'import-demo'
  | `stock:${string}`;

/** What every row a command writes is stamped with (events, ledger movements). */
export interface EventMeta {
  commandId: string;
  deviceId: string;
  operator: string;
  at: number;
}

export interface CommandMeta extends EventMeta {
  kind: CommandKind;
}

/** Ids the engine derives itself; a caller can never take one (a timer's firing is
 *  `timer:<timer id>`, so whichever place fires it first wins and the other is a repeat). */
export const DERIVED_ID_PREFIXES = ['timer:'] as const;

export function isDerivedId(id: string): boolean {
  return DERIVED_ID_PREFIXES.some((p) => id.startsWith(p));
}

export function timerCommandId(timerId: string): string {
  return `timer:${timerId}`;
}

/** A rule that refuses from deep inside a cascade or an effect (the work budget, a bad
 *  definition at run time): thrown, caught by `guarded`, returned as the refusal it carries. */
export class EngineRefusal extends Error {
  constructor(readonly refusal: Refused) {
    super(refusal.message);
  }
}

export function refused(code: RefusalCode, message: string, params?: Refused['params'], details?: unknown): Refused {
  return {
    ok: false,
    code,
    message,
    ...(params ? { params } : {}),
    ...(details === undefined ? {} : { details }),
  };
}

/**
 * Canonical JSON: keys sorted, so two equal payloads give one text whatever their key
 * order. Non-JSON values (functions, symbols, undefined) are left out as JSON.stringify
 * does; cycles cannot occur (payloads have passed their schema or are plain data).
 */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>).sort();
  const parts: string[] = [];
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(k)}:${canonical(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * A digest of a command's kind and payload, stored with its result: the same id sent
 * again with another payload is a conflict, not a repeat. FNV-1a over the canonical JSON,
 * twice with different seeds (64 bits): this tells payloads apart, it is not a signature.
 */
export function commandDigest(kind: CommandKind, payload: unknown): string {
  const text = `${kind}\n${canonical(payload)}`;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Where a problem is, for a clerk: "Line 2: " for an order line, else the field's path ("input.sku: "). */
function whereOf(path: readonly PropertyKey[], root?: string): string {
  const [first, index] = path;
  if (first === 'lines' && typeof index === 'number') return `Line ${index + 1}: `;
  const dotted = [root, ...path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
  return dotted ? `${dotted}: ` : '';
}

/** One sentence per problem, each naming its field. */
export function describeIssues(error: z.ZodError, root?: string): string {
  const sentences = error.issues.map((issue) => `${whereOf(issue.path, root)}${issue.message}`);
  return [...new Set(sentences)].join('; ');
}

/** Parses a command's argument; a bad one becomes `invalid-input` naming the field. */
export function parseArg<S extends z.ZodType>(schema: S, value: unknown, field: string): { ok: true; value: z.output<S> } | { ok: false; refusal: Refused } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, refusal: refused('invalid-input', describeIssues(parsed.error, field), { reason: 'bad-field', field }) };
}

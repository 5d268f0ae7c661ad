// What every write is: a command with its meta (id, kind, device, operator, time), and
// the few rules all commands share — reserved ids, a digest of the payload, and how a
// bad input becomes a refusal that names its field.
import type { z } from 'zod';
import type { Refused, RefusalCode } from '../api';
import { fieldProblems } from '../fieldProblems';

export type CommandKind =
  | 'create-order'
  | 'act'
  | 'act-on-order'
  | 'redeem-voucher'
  | 'fire-timer'
  | 'repair-stock'
  | 'install-workflow'
  | 'set-setting'
  | 'import-demo'
  | 'add-operator'
  | 'update-operator'
  | 'deactivate-operator'
  | 'set-up-operators'
  | 'first-start'
  | 'recover-admin-pin'
  | `stock:${string}`
  | `tracking:${string}`
  | `money:${string}`;

/** What every row a command writes is stamped with (events, ledger movements). */
export interface EventMeta {
  commandId: string;
  deviceId: string;
  operator: string;
  at: number;
}

export interface CommandMeta extends EventMeta {
  kind: CommandKind;
  /** The workflow role the command acts in (act, an action card, creating an order); the
   *  pipeline checks the operator may take it. Absent: the kind's roles (operators/permissions.ts). */
  role?: string;
}

/** Ids the engine derives itself; a caller can never take one (a timer's firing is
 *  `timer:<timer id>`, so whichever place fires it first wins and the other is a repeat;
 *  a demo import batch is `demo:<run>:<batch>`, so a resumed run skips the batches stored;
 *  the start-up stock repair is `repair:<ledger's last row>:<digest>`, so two windows starting
 *  together repair once: engine/stockRepair.ts). */
export const DERIVED_ID_PREFIXES = ['timer:', 'demo:', 'repair:'] as const;

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

/** A payload that contains itself (a script or a structured clone can send one). */
export class CyclicPayloadError extends Error {
  constructor() {
    super('the command data contains itself');
    this.name = 'CyclicPayloadError';
  }
}

type Step = { value: unknown } | { text: string } | { leave: object };

/**
 * Canonical JSON: keys sorted, so two equal payloads give one text whatever their key
 * order. Non-JSON values (functions, symbols, undefined) are left out as JSON.stringify
 * does; a BigInt is written as {"$bigint":"<digits>"}. Walked with an explicit stack, so a
 * payload nested thousands deep (a hostile workflow definition) cannot overflow the call
 * stack; a payload that contains itself throws CyclicPayloadError. For plain JSON the text
 * is the same as JSON.stringify with sorted keys (digests stored earlier stay valid).
 */
function canonical(root: unknown): string {
  const out: string[] = [];
  const open = new Set<object>();
  const stack: Step[] = [{ value: root }];
  const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('text' in step) {
      out.push(step.text);
      continue;
    }
    if ('leave' in step) {
      open.delete(step.leave);
      continue;
    }
    const value = step.value;
    if (typeof value === 'bigint') {
      out.push(`{"$bigint":${JSON.stringify(value.toString())}}`);
      continue;
    }
    if (value === null || typeof value !== 'object') {
      out.push(JSON.stringify(value) ?? 'null');
      continue;
    }
    if (open.has(value)) throw new CyclicPayloadError();
    open.add(value);
    // Pushed in reverse: the stack pops them in order.
    const parts: Step[] = [];
    if (Array.isArray(value)) {
      parts.push({ text: '[' });
      for (let i = 0; i < value.length; i++) parts.push(...(i > 0 ? [{ text: ',' }] : []), { value: value[i] as unknown });
      parts.push({ text: ']' });
    } else {
      const record = value as Record<string, unknown>;
      parts.push({ text: '{' });
      let first = true;
      for (const k of Object.keys(record).sort()) {
        const v = record[k];
        if (skipped(v)) continue;
        parts.push({ text: `${first ? '' : ','}${JSON.stringify(k)}:` }, { value: v });
        first = false;
      }
      parts.push({ text: '}' });
    }
    stack.push({ leave: value });
    for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]!);
  }
  return out.join('');
}

/**
 * A digest of a command's kind and payload, stored with its result: the same id sent
 * again with another payload is a conflict, not a repeat. FNV-1a over the canonical JSON,
 * twice with different seeds (64 bits): this tells payloads apart, it is not a signature.
 */
export function commandDigest(kind: CommandKind, payload: unknown): string {
  return fnv64(`${kind}\n${canonical(payload)}`);
}

/** FNV-1a twice with different seeds: 16 hex digits. */
export function fnv64(text: string): string {
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

/** A value whose fields throw when read (a script's getter or proxy): zod rethrows those. */
export function unreadable(error: unknown, field: string): Refused {
  const reason = error instanceof Error ? error.message || error.name : String(error);
  return refused('invalid-input', `${field}: cannot be read (${reason}); nothing was changed.`, { reason: 'unreadable', field, cause: reason });
}

/** Parses a command's argument; a bad one becomes `invalid-input` naming the field. */
export function parseArg<S extends z.ZodType>(schema: S, value: unknown, field: string): { ok: true; value: z.output<S> } | { ok: false; refusal: Refused } {
  let parsed: z.ZodSafeParseResult<z.output<S>>;
  try {
    parsed = schema.safeParse(value);
  } catch (error) {
    return { ok: false, refusal: unreadable(error, field) };
  }
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, refusal: refused('invalid-input', describeIssues(parsed.error, field), { reason: 'bad-field', field, issues: fieldProblems(parsed.error, field) }) };
}

// Shared by the hostile-input and idempotency properties: the refusal codes, a bound on
// every call, the rows of the whole database, and the hostile values fast-check draws.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { RefusalCode } from '../../api';
import type { EngineCounter } from '../counter';

/** Every refusal code, checked against the union at compile time (a new code must be added here). */
const CODES: Record<RefusalCode, true> = {
  'unknown-role': true,
  'unknown-action': true,
  'wrong-role': true,
  'system-only': true,
  'not-allowed-in-state': true,
  'guard-failed': true,
  'not-found': true,
  'insufficient-stock': true,
  'invalid-input': true,
  ambiguous: true,
  'effect-failed': true,
  'command-id-conflict': true,
  'limit-exceeded': true,
  'storage-failed': true,
  'role-not-permitted': true,
  'sign-in-failed': true,
  'rate-limited': true,
  'no-change': true,
};
export const REFUSAL_CODES = new Set<string>(Object.keys(CODES));

/** A call that neither settles nor rejects within `ms` fails the test (a hang is a bug). */
export async function within<T>(label: string, promise: Promise<T>, ms = 5_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every row of every table. */
export async function tables(counter: EngineCounter): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of counter.db.tables) out[table.name] = await table.toArray();
  return out;
}

/** A refusal as the contract promises it: a known code and a sentence. */
export function expectWellFormedRefusal(result: unknown, label: string): void {
  const r = result as { ok: false; code: unknown; message: unknown };
  expect(typeof r.code === 'string' && REFUSAL_CODES.has(r.code), `${label}: unknown refusal code ${String(r.code)}`).toBe(true);
  expect(typeof r.message === 'string' && r.message.trim().length > 0, `${label}: refusal without a message`).toBe(true);
}

export function isRefusal(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === false;
}

/** Own `__proto__` and `constructor` keys, as a parsed file or a structured clone holds them. */
export const protoKeys = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...JSON.parse('{"__proto__": {"ok": true, "sku": "SKU-1", "qty": 1}, "constructor": {"prototype": {"polluted": 1}}}'),
  ...extra,
});

/** Numbers no quantity or price may be. */
export const badNumber = fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 0.5, -1, 2 ** 53, Number.MIN_VALUE);

/** Text a person never meant: control characters, reserved ids, huge, empty. */
export const badText = fc.oneof(
  fc.constantFrom('', '   ', '\u0000', 'a\u0007b', '\u001b[31mred', 'line\nbreak', 'timer:t-1', '__proto__', 'constructor', 'toString', '=1+2'),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer({ min: 101, max: 200_000 }).map((n) => 'x'.repeat(n)),
);

/** What a script (not a structured clone) can also hand over: a value that contains
 *  itself, and one whose field throws when read. */
function cyclic(): unknown {
  const value: Record<string, unknown> = { sku: 'SKU-1', qty: 1, lines: [] };
  (value.lines as unknown[]).push(value);
  value.self = value;
  return value;
}
function throwingGetter(): unknown {
  const value = Object.defineProperty({ qty: 1 }, 'sku', {
    enumerable: true,
    get() {
      throw new Error('field cannot be read');
    },
  });
  // fast-check prints a counterexample without reading the field.
  return Object.defineProperty(value, fc.toStringMethod, { value: () => '{ qty: 1, get sku() { throw } }' });
}

/** A value of the wrong kind (any kind). */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, false, 0, [], {}, () => 1, Symbol('s'), 10n, new Date(0), new Map([[1, 2]])),
  badNumber,
  badText,
  fc.constant(null).map(() => protoKeys()),
  fc.constant(null).map(cyclic),
  fc.constant(null).map(throwingGetter),
  fc.anything({ maxDepth: 2, maxKeys: 3 }),
);

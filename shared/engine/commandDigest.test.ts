// The command digest is total: any payload a script or a structured clone can send gets a
// digest or a clear error, never a stack overflow; and plain JSON digests as before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandDigest, CyclicPayloadError, fnv64 } from './command';

/** The recursive canonical form digests were stored with before the walk became iterative. */
function recursiveCanonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(recursiveCanonical).join(',')}]`;
  const parts: string[] = [];
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(k)}:${recursiveCanonical(v)}`);
  }
  return `{${parts.join(',')}}`;
}


describe('commandDigest', () => {
  it('keeps the digests already stored with command results (a pinned example)', () => {
    // Stored in every counter's commands table: a change here would turn repeats into conflicts.
    expect(commandDigest('act', { ref: { kind: 'order', id: 'o-1' }, role: 'P', action: 'payment successful', input: null })).toBe('8bb207c130949e1a');
  });

  it('gives plain JSON the digest it had before (stored digests stay valid)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(commandDigest('act', value)).toBe(fnv64(`act\n${recursiveCanonical(value)}`));
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it('ignores key order, and tells a changed payload apart', () => {
    expect(commandDigest('act', JSON.parse('{"a":1,"b":[2,{"c":3,"d":4}]}'))).toBe(commandDigest('act', JSON.parse('{"b":[2,{"d":4,"c":3}],"a":1}')));
    expect(commandDigest('act', { a: 1 })).not.toBe(commandDigest('act', { a: 2 }));
  });

  it('digests a payload nested 100 000 deep without overflowing the stack', () => {
    let deep: unknown = { flag: 'x' };
    for (let i = 0; i < 100_000; i++) deep = { not: deep };
    expect(commandDigest('install-workflow', deep)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('digests BigInts and shared (non-cyclic) references', () => {
    const shared = { x: 1 };
    expect(commandDigest('act', { a: 1n })).not.toBe(commandDigest('act', { a: 2n }));
    expect(commandDigest('act', [shared, shared])).toBe(commandDigest('act', [{ x: 1 }, { x: 1 }]));
  });

  it('throws CyclicPayloadError for a payload that contains itself', () => {
    const cyclic: Record<string, unknown> = { a: [1] };
    (cyclic.a as unknown[]).push(cyclic);
    expect(() => commandDigest('act', cyclic)).toThrow(CyclicPayloadError);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { commandIdSource, commandVoucherCodes, derivedId, newId } from './ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 48-bit millisecond time at the head of a UUIDv7. */
const timeOf = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('newId', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives unique UUIDs that sort in the order they were made, within a millisecond too', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V7);
    // IndexedDB compares string keys code unit by code unit, as this sort does.
    expect([...ids].sort()).toEqual(ids);
  });

  it('puts a later id after an earlier one, and stamps it with the time it was made', async () => {
    const first = newId();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const before = Date.now();
    const later = newId();
    expect(later > first).toBe(true);
    expect(timeOf(later)).toBeGreaterThanOrEqual(before);
    expect(timeOf(later)).toBeLessThanOrEqual(Date.now());
  });

  it('keeps its order when many ids share one millisecond', () => {
    const at = Date.now() + 60_000;
    vi.spyOn(Date, 'now').mockReturnValue(at);
    const ids = Array.from({ length: 5_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(timeOf(ids[0]!)).toBe(at);
  });

  it('keeps its order when the clock steps back', () => {
    const at = Date.now() + 120_000;
    const now = vi.spyOn(Date, 'now').mockReturnValue(at);
    const before = Array.from({ length: 300 }, () => newId());
    now.mockReturnValue(at - 30_000); // the system clock corrected backwards
    const after = Array.from({ length: 300 }, () => newId());
    const ids = [...before, ...after];
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('draws fresh random bytes for every id', () => {
    const ids = Array.from({ length: 1_000 }, () => newId());
    // The last 12 hex digits are random in every id, also past the pool's refills.
    const tails = new Set(ids.map((id) => id.slice(-12)));
    expect(tails.size).toBe(ids.length);
  });
});

describe('ids derived from a command', () => {
  it('are the same for the same command and number, different otherwise, and well-formed UUIDs', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.uniqueArray(fc.nat(1000), { minLength: 2, maxLength: 20 }), (commandId, ns) => {
        const ids = ns.map((n) => derivedId(commandId, n));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ns.map((n) => derivedId(commandId, n))).toEqual(ids);
        for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }),
    );
  });

  it('keep the time of a UUIDv7 command id, so they sort by time like new ids', () => {
    const a = newId();
    const next = commandIdSource(a);
    expect(next().slice(0, 13)).toBe(a.slice(0, 13));
    expect(derivedId('other', 0)).not.toBe(derivedId('other2', 0));
  });
});

describe('attendance codes derived from a command', () => {
  it('are 10 digits, never starting with 0, the same for the same command and apart for others', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.string({ minLength: 1, maxLength: 80 }), (a, b) => {
        const first = commandVoucherCodes(a);
        const again = commandVoucherCodes(a);
        const codes = [first(), first(), first()];
        expect([again(), again(), again()]).toEqual(codes);
        for (const code of codes) expect(code).toMatch(/^[1-9]\d{9}$/);
        expect(new Set(codes).size).toBe(3);
        if (a !== b) expect(commandVoucherCodes(b)()).not.toBe(codes[0]);
      }),
    );
  });
});

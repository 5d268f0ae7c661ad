// Where a service's valid-until ends: a calendar date is the whole day on the counter's
// clock, a date with a time is that instant. Property tests are seeded, so a failure names
// the seed and case that reproduce it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderLineSchema } from './input';
import { validUntilEnd, validUntilSchema } from './validUntil';

const DAY = 86_400_000;
const MIN = 60_000;
const SEED = 0x5eed;
/** What an order line's validUntil accepts (the input schema itself, not a copy). */
const accepted = (s: string) => orderLineSchema.shape.validUntil.safeParse(s).success;

// Years 2 to 9998: written at any offset, the wall-clock date keeps four digits.
const dates = fc.date({ min: new Date('0002-01-01T00:00:00Z'), max: new Date('9998-12-31T23:59:59.999Z'), noInvalidDate: true });
const offsets = fc.integer({ min: -12 * 60, max: 14 * 60 });
const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
/** The instant written as wall-clock time at `offset` minutes east of UTC, with its zone. */
function withZone(at: Date, offset: number): string {
  const local = new Date(at.getTime() + offset * MIN).toISOString().slice(0, 23);
  return `${local}${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

describe('validUntilEnd', () => {
  it('a calendar date lasts until the last millisecond of that day, in UTC by default', () => {
    expect(validUntilEnd('2026-12-31')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59, 999));
    expect(validUntilEnd('2024-02-29')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(validUntilEnd(' 2026-12-31 ')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59, 999));
  });

  it("ends the day on the counter's clock when its UTC offset is given", () => {
    expect(validUntilEnd('2026-12-31', 480)).toBe(Date.UTC(2026, 11, 31, 15, 59, 59, 999)); // UTC+8
    expect(validUntilEnd('2026-12-31', -300)).toBe(Date.UTC(2027, 0, 1, 4, 59, 59, 999)); // UTC-5
    expect(validUntilEnd('2026-12-31', 330)).toBe(Date.UTC(2026, 11, 31, 18, 29, 59, 999)); // UTC+5:30
  });

  it('reads years below 100 as they are written', () => {
    expect(new Date(validUntilEnd('0050-06-30')!).toISOString()).toBe('0050-06-30T23:59:59.999Z');
  });

  it('keeps the exact instant of a date with a time, whatever the offset', () => {
    expect(validUntilEnd('2026-12-31T18:00:00+08:00', -300)).toBe(Date.UTC(2026, 11, 31, 10));
    expect(validUntilEnd('2026-12-31T00:00:00Z', 480)).toBe(Date.UTC(2026, 11, 31));
  });

  it('is null for text that is no date (nothing expires)', () => {
    expect(validUntilEnd('')).toBeNull();
    expect(validUntilEnd('soon')).toBeNull();
  });

  it('property: a calendar date accepted by the input schema ends at the last millisecond of that day at the offset', () => {
    fc.assert(
      fc.property(dates, offsets, (at, offset) => {
        const day = at.toISOString().slice(0, 10);
        expect(accepted(day)).toBe(true);
        const startOfDay = Date.parse(day) - offset * MIN; // midnight of that date on the counter's clock
        const end = validUntilEnd(day, offset)!;
        expect(end).toBeGreaterThanOrEqual(startOfDay);
        expect(end).toBe(startOfDay + DAY - 1);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('property: any string the input schema accepts ends at or after its parsed instant and before the next day (UTC)', () => {
    const candidates = fc.oneof(
      dates.map((d) => d.toISOString().slice(0, 10)),
      dates.map((d) => d.toISOString()),
      fc.tuple(dates, offsets).map(([d, o]) => withZone(d, o)),
      fc.string({ maxLength: 30 }),
      fc.tuple(dates, fc.string({ maxLength: 3 })).map(([d, s]) => d.toISOString().slice(0, 10 + (s.length % 14)) + s),
    );
    fc.assert(
      fc.property(candidates, (s) => {
        fc.pre(accepted(s));
        const parsed = Date.parse(s.trim());
        const end = validUntilEnd(s)!;
        expect(end).not.toBeNull();
        expect(end).toBeGreaterThanOrEqual(parsed);
        expect(end).toBeLessThan(parsed + DAY);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('property: a date with a time and zone keeps its instant at any counter offset', () => {
    fc.assert(
      fc.property(dates, offsets, offsets, (at, zone, counter) => {
        const text = withZone(at, zone);
        expect(accepted(text)).toBe(true);
        expect(validUntilEnd(text, counter)).toBe(at.getTime());
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('validUntilSchema', () => {
  it('accepts a calendar date, or a date and time with its zone', () => {
    for (const s of ['2026-12-31', '2024-02-29', '2026-12-31T18:00:00Z', '2026-12-31T18:00:00.250+08:00', '2026-12-31T18:00:00-05:30']) {
      expect(validUntilSchema.safeParse(s).success, s).toBe(true);
    }
  });

  it("refuses dates that do not exist, and text whose instant depends on the reader's time zone", () => {
    for (const s of ['2026-02-30', '2026-13-01', '2026-12-31T18:00', 'Dec 31 2026', '31/12/2026', '', 'tomorrow']) {
      const r = validUntilSchema.safeParse(s);
      expect(r.success, s).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('valid-until must be a date like 2026-12-31 (or a date and time with its zone, like 2026-12-31T18:00:00+08:00)');
    }
  });
});

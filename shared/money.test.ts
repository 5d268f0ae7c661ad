import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import { formatMoney, minorFromLegacy, parseMoney, splitMoney, sumMoney, timesQty, type CurrencyDigits } from './money';

const digitsArb = fc.constantFrom<CurrencyDigits>(0, 1, 2, 3);
const amountArb = fc.integer({ min: 0, max: LIMITS.MAX_AMOUNT });

describe('parseMoney', () => {
  it.each([
    ['12.5', 2, 1250],
    ['12,50', 2, 1250],
    ['0.05', 2, 5],
    ['.5', 2, 50],
    ['7', 2, 700],
    ['7.', 2, 700],
    ['1 234.56', 2, 123456],
    ["1'234.56", 2, 123456],
    ['  3.10  ', 2, 310],
    ['1500', 0, 1500],
    ['1.234', 3, 1234],
    ['2.50', 1, 25],
  ] as const)('reads %j with %i decimals as %i minor units', (text, digits, minor) => {
    expect(parseMoney(text, digits)).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 'empty'],
    ['-1', 'negative'],
    ['1e3', 'not-a-number'],
    ['12.345', 'too-many-decimals'],
    ['1.2.3', 'not-a-number'],
    ['abc', 'not-a-number'],
    ['NaN', 'not-a-number'],
    ['Infinity', 'not-a-number'],
    ['0x10', 'not-a-number'],
    ['.', 'not-a-number'],
    ['99999999999999999999', 'too-large'],
    ['1000000000.01', 'too-large'],
  ])('refuses %j (%s) with a sentence', (text, reason) => {
    const parsed = parseMoney(text, 2);
    expect(parsed).toMatchObject({ ok: false, reason });
    if (!parsed.ok) expect(parsed.message).toMatch(/^[A-Z"].+\.$/);
  });

  it('property: whatever text comes in, the answer is a whole amount within the limit or a refusal with a message', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), digitsArb, (text, digits) => {
        const parsed = parseMoney(text, digits);
        if (parsed.ok) {
          expect(Number.isSafeInteger(parsed.minor)).toBe(true);
          expect(parsed.minor).toBeGreaterThanOrEqual(0);
          expect(parsed.minor).toBeLessThanOrEqual(LIMITS.MAX_AMOUNT);
        } else expect(parsed.message.length).toBeGreaterThan(5);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: parse ∘ format is the identity on amounts', () => {
    fc.assert(
      fc.property(amountArb, digitsArb, (minor, digits) => {
        expect(parseMoney(formatMoney(minor, digits), digits)).toEqual({ ok: true, minor });
      }),
      { numRuns: 2000 },
    );
  });

  it('property: format ∘ parse gives back the canonical text of a typed decimal', () => {
    const typed = fc.tuple(fc.nat({ max: 999_999 }), fc.nat({ max: 99 })).map(([w, f]) => `${w}.${String(f).padStart(2, '0')}`);
    fc.assert(
      fc.property(typed, (text) => {
        const parsed = parseMoney(text, 2);
        expect(parsed.ok && formatMoney(parsed.minor, 2)).toBe(text);
      }),
    );
  });
});

describe('formatMoney', () => {
  it('writes minor units as plain decimals', () => {
    expect(formatMoney(0)).toBe('0.00');
    expect(formatMoney(5)).toBe('0.05');
    expect(formatMoney(123456)).toBe('1234.56');
    expect(formatMoney(-250)).toBe('-2.50');
    expect(formatMoney(1500, 0)).toBe('1500');
    expect(formatMoney(1234, 3)).toBe('1.234');
  });
  it('refuses a fraction of a minor unit instead of rounding it away', () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError);
  });
});

describe('arithmetic on minor units', () => {
  it('sums exactly where floats would drift (0.10 + 0.20)', () => {
    expect(sumMoney([10, 20])).toBe(30);
    expect(formatMoney(sumMoney(Array.from({ length: 1000 }, () => 10)))).toBe('100.00');
    expect(() => sumMoney([1.5])).toThrow(RangeError);
    expect(() => sumMoney([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
  it('multiplies by a quantity', () => {
    expect(timesQty(333, 3)).toBe(999);
    expect(() => timesQty(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
  });
  it('property: a split adds up to the whole, shares differ by at most one minor unit', () => {
    fc.assert(
      fc.property(amountArb, fc.integer({ min: 1, max: 1000 }), (total, parts) => {
        const shares = splitMoney(total, parts);
        expect(sumMoney(shares)).toBe(total);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('converts old decimal amounts, rounding half away from zero on the decimal text', () => {
    expect(minorFromLegacy(6.5)).toBe(650);
    expect(minorFromLegacy(0.285)).toBe(29);
    expect(minorFromLegacy(1.005)).toBe(101);
    expect(minorFromLegacy(33.333333)).toBe(3333);
    expect(minorFromLegacy(120, 0)).toBe(120);
    expect(minorFromLegacy(Number.NaN)).toBe(0);
  });
});

// The SSCC built from the counter's GS1 company prefix and extension digit: always 18 digits
// with a right check digit, read back by the GS1 parser; a bad setting is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit } from '../barcode/checkDigit';
import { parseGs1 } from '../barcode/gs1';
import { fieldProblems } from '../fieldProblems';
import { DEFAULT_SSCC_SETTING, isSscc, SSCC_DEVICE_MAX, SSCC_PREFIX_MAX, SSCC_PREFIX_MIN, ssccCapacity, ssccFor, ssccSettingSchema } from './sscc';

const prefixes = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: SSCC_PREFIX_MIN, maxLength: SSCC_PREFIX_MAX });
const settings = fc.record({ companyPrefix: prefixes, extension: fc.integer({ min: 0, max: 9 }) });

describe('ssccFor', () => {
  it('is the extension digit, the prefix, the serial and the GS1 check digit', () => {
    expect(ssccFor(1)).toBe('002000000000000011');
    expect(ssccFor(1, DEFAULT_SSCC_SETTING)).toBe('002000000000000011');
    // Extension 3, prefix 0614141, device 12, serial 3456789; weights 3,1,3,… from the right sum to 149: check digit 1.
    expect(ssccFor(3456789, { companyPrefix: '0614141', extension: 3 }, 12)).toBe('306141411234567891');
    // Device 00 (a counter not enrolled) leaves the serial reference as it was.
    expect(ssccFor(3456789, { companyPrefix: '0614141', extension: 3 })).toBe('306141410034567896');
  });

  it('has 18 digits with a right check digit for every valid prefix, extension and serial', () => {
    fc.assert(
      fc.property(settings, fc.double({ min: 0, max: 1, noNaN: true }), (setting, at) => {
        const serial = 1 + Math.floor(at * (ssccCapacity(setting.companyPrefix) - 1));
        const code = ssccFor(serial, setting);
        expect(code).toMatch(/^\d{18}$/);
        expect(isSscc(code)).toBe(true);
        expect(code.slice(1, 1 + setting.companyPrefix.length)).toBe(setting.companyPrefix);
        expect(code[17]).toBe(gs1CheckDigit(code.slice(0, 17)));
      }),
    );
  });

  it('starts at the extension digit and moves to the next one when the serial room is used up', () => {
    const setting = { companyPrefix: '401234567890', extension: 7 };
    // Two of the four serial digits are the device number: 99 serials per extension digit.
    expect(ssccCapacity(setting.companyPrefix)).toBe(999);
    expect(ssccFor(1, setting, 5).slice(0, 17)).toBe('74012345678900501');
    expect(ssccFor(99, setting, 5).slice(0, 17)).toBe('74012345678900599');
    // Where a 2-digit serial would wrap to 00 (a duplicate of nothing yet, then of n = 1).
    expect(ssccFor(100, setting, 5).slice(0, 17)).toBe('84012345678900500');
    expect(ssccFor(101, setting, 5).slice(0, 17)).toBe('84012345678900501');
    expect(ssccFor(300, setting, 5).slice(0, 17)).toBe('04012345678900500');
    expect(ssccFor(999, setting, 5).slice(0, 17)).toBe('64012345678900599');
    expect(() => ssccFor(1_000, setting, 5)).toThrow(/shorter prefix/);
    expect(() => ssccFor(0, setting)).toThrow(RangeError);
    expect(() => ssccFor(1, setting, 100)).toThrow(RangeError);
    expect(() => ssccFor(1, setting, -1)).toThrow(RangeError);
  });

  it('a 12-digit prefix: every serial of every device number up to the capacity has its own code, the next is refused', () => {
    const setting = { companyPrefix: '020000000000', extension: 3 };
    const seen = new Set<string>();
    for (let device = 0; device <= SSCC_DEVICE_MAX; device++) {
      for (let n = 1; n <= ssccCapacity(setting.companyPrefix); n++) seen.add(ssccFor(n, setting, device).slice(0, 17));
      expect(() => ssccFor(1_000, setting, device)).toThrow(RangeError);
    }
    expect(seen.size).toBe(999 * 100);
  });

  it('prefixes of 6 to 12 digits: serials are unique until refusal', () => {
    fc.assert(
      fc.property(
        settings,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        (setting, spots, past) => {
          const capacity = ssccCapacity(setting.companyPrefix);
          expect(capacity).toBe(10 * 10 ** (14 - setting.companyPrefix.length) - 1);
          // Serials anywhere in the room, with the edges of each extension digit's block.
          const room = 10 ** (14 - setting.companyPrefix.length);
          const serials = new Set([1, room - 1, room, room + 1, capacity - 1, capacity, ...spots.map((s) => 1 + Math.floor(s * (capacity - 1)))]);
          const codes = new Map<string, number>();
          for (const n of serials) {
            const code = ssccFor(n, setting);
            expect(codes.get(code), `serials ${codes.get(code)} and ${n} share ${code}`).toBeUndefined();
            codes.set(code, n);
          }
          expect(() => ssccFor(capacity + past, setting)).toThrow(/shorter prefix/);
        },
      ),
    );
  });

  it('is read back by the GS1 parser as AI (00)', () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: SSCC_DEVICE_MAX }), (setting, serial, device) => {
        const code = ssccFor(serial, setting, device);
        const parsed = parseGs1(`00${code}`, ']C1');
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.barcode.sscc).toBe(code);
      }),
    );
  });

  it('refuses to build from a setting that is not valid', () => {
    expect(() => ssccFor(1, { companyPrefix: '12345', extension: 0 })).toThrow();
    expect(() => ssccFor(1, { companyPrefix: '0200000', extension: 10 })).toThrow();
  });
});

describe('the sscc setting', () => {
  it('takes 6 to 12 digits and an extension digit 0-9', () => {
    expect(ssccSettingSchema.safeParse({ companyPrefix: ' 4012345 ', extension: 7 })).toEqual({ success: true, data: { companyPrefix: '4012345', extension: 7 } });
    expect(ssccSettingSchema.safeParse({ companyPrefix: '401234567890', extension: 0 }).success).toBe(true);
  });

  it('refuses anything else, saying what is wrong', () => {
    const message = (value: unknown) => {
      const r = ssccSettingSchema.safeParse(value);
      return r.success ? null : r.error.issues.map((i) => i.message).join('; ');
    };
    expect(message({ companyPrefix: '40123', extension: 0 })).toContain('6 to 12 digits');
    expect(message({ companyPrefix: '4012345678901', extension: 0 })).toContain('6 to 12 digits');
    expect(message({ companyPrefix: '40A2345', extension: 0 })).toContain('6 to 12 digits; this one has 7 characters');
    expect(message({ companyPrefix: '4012345', extension: 10 })).toContain('extension digit');
    expect(message({ companyPrefix: '4012345', extension: 1.5 })).toContain('extension digit');
    expect(message({ companyPrefix: '4012345', extension: 0, more: 1 })).not.toBeNull();
  });

  it('a bad prefix is one problem carrying its rule and length as data (the screens word it)', () => {
    const r = ssccSettingSchema.safeParse({ companyPrefix: ' 40A23 ', extension: 0 });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(fieldProblems(r.error, 'sscc')).toEqual([{ path: 'sscc.companyPrefix', field: 'companyPrefix', line: null, code: 'custom', problem: 'pattern', rule: 'digits6to12', length: 5 }]);
  });

  it('accepts exactly the prefixes that leave an 18-digit SSCC', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.integer({ min: -3, max: 12 }), (companyPrefix, extension) => {
        const ok = ssccSettingSchema.safeParse({ companyPrefix, extension }).success;
        const trimmed = companyPrefix.trim();
        expect(ok).toBe(/^\d{6,12}$/.test(trimmed) && extension >= 0 && extension <= 9);
        if (ok) expect(ssccFor(1, { companyPrefix, extension })).toHaveLength(18);
      }),
    );
  });
});

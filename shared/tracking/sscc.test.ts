// The SSCC built from the counter's GS1 company prefix and extension digit: always 18 digits
// with a right check digit, read back by the GS1 parser; a bad setting is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit } from '../barcode/checkDigit';
import { parseGs1 } from '../barcode/gs1';
import { DEFAULT_SSCC_SETTING, isSscc, serialDigits, SSCC_PREFIX_MAX, SSCC_PREFIX_MIN, ssccFor, ssccSettingSchema } from './sscc';

const prefixes = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: SSCC_PREFIX_MIN, maxLength: SSCC_PREFIX_MAX });
const settings = fc.record({ companyPrefix: prefixes, extension: fc.integer({ min: 0, max: 9 }) });

describe('ssccFor', () => {
  it('is the extension digit, the prefix, the serial and the GS1 check digit', () => {
    expect(ssccFor(1)).toBe('002000000000000011');
    expect(ssccFor(1, DEFAULT_SSCC_SETTING)).toBe('002000000000000011');
    // Extension 3, prefix 0614141, serial 123456789; weights 3,1,3,… from the right sum to 149: check digit 1.
    expect(ssccFor(123456789, { companyPrefix: '0614141', extension: 3 })).toBe('306141411234567891');
  });

  it('has 18 digits with a right check digit for every valid prefix, extension and serial', () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (setting, serial) => {
        const code = ssccFor(serial, setting);
        expect(code).toMatch(/^\d{18}$/);
        expect(isSscc(code)).toBe(true);
        expect(code.slice(0, 1 + setting.companyPrefix.length)).toBe(`${setting.extension}${setting.companyPrefix}`);
        expect(code[17]).toBe(gs1CheckDigit(code.slice(0, 17)));
        // The serial is the low digits of n: consecutive parcels get different codes.
        expect(Number(code.slice(1 + setting.companyPrefix.length, 17))).toBe(serial % 10 ** serialDigits(setting.companyPrefix));
      }),
    );
  });

  it('is read back by the GS1 parser as AI (00)', () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 1, max: 10 ** 6 }), (setting, serial) => {
        const code = ssccFor(serial, setting);
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
    expect(message({ companyPrefix: '40A2345', extension: 0 })).toContain('digits only');
    expect(message({ companyPrefix: '4012345', extension: 10 })).toContain('extension digit');
    expect(message({ companyPrefix: '4012345', extension: 1.5 })).toContain('extension digit');
    expect(message({ companyPrefix: '4012345', extension: 0, more: 1 })).not.toBeNull();
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

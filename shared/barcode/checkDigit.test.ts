import { describe, expect, it } from 'vitest';
import {
  ean13CheckDigit,
  ean8CheckDigit,
  gs1CheckDigit,
  gtin14CheckDigit,
  toGtin14,
  upcaCheckDigit,
  verifyCheckDigit,
  withCheckDigit,
} from './checkDigit';

describe('check digits', () => {
  it('computes EAN-13, EAN-8, UPC-A and GTIN-14 check digits of published examples', () => {
    expect(ean13CheckDigit('400638133393')).toBe('1');
    expect(ean13CheckDigit('590123412345')).toBe('7');
    expect(ean8CheckDigit('9638507')).toBe('4');
    expect(ean8CheckDigit('7351353')).toBe('7');
    expect(upcaCheckDigit('03600029145')).toBe('2');
    expect(gtin14CheckDigit('0950110153000')).toBe('3');
    expect(gs1CheckDigit('10614141123456789')).toBe('7'); // SSCC
  });

  it('refuses bodies of the wrong length or with non-digits', () => {
    expect(() => ean13CheckDigit('40063813339')).toThrow(RangeError);
    expect(() => ean8CheckDigit('96385074')).toThrow(RangeError);
    expect(() => upcaCheckDigit('0360002914')).toThrow(RangeError);
    expect(() => gs1CheckDigit('12a4')).toThrow(RangeError);
    expect(() => gs1CheckDigit('')).toThrow(RangeError);
  });

  it('builds valid codes from 7, 11 and 12 digit bodies', () => {
    expect(withCheckDigit('9638507')).toBe('96385074');
    expect(withCheckDigit('03600029145')).toBe('036000291452');
    expect(withCheckDigit('400638133393')).toBe('4006381333931');
  });

  it('verifies a code and reports expected and actual digit when wrong', () => {
    expect(verifyCheckDigit('4006381333931')).toEqual({ valid: true, expected: '1', got: '1' });
    expect(verifyCheckDigit('4006381333937')).toEqual({ valid: false, expected: '1', got: '7' });
    expect(verifyCheckDigit('96385075').valid).toBe(false);
    expect(verifyCheckDigit('036000291453').valid).toBe(false);
    expect(verifyCheckDigit('x').valid).toBe(false);
    expect(verifyCheckDigit('12a4').valid).toBe(false);
  });

  it('catches every single-digit substitution', () => {
    const code = '4006381333931';
    for (let i = 0; i < code.length; i += 1) {
      for (let d = 0; d <= 9; d += 1) {
        if (String(d) === code[i]) continue;
        const mutated = code.slice(0, i) + d + code.slice(i + 1);
        expect(verifyCheckDigit(mutated).valid, mutated).toBe(false);
      }
    }
  });

  it('normalises retail codes to GTIN-14 so UPC-A, EAN-13 and GS1 (01) compare equal', () => {
    expect(toGtin14('036000291452')).toBe('00036000291452');
    expect(toGtin14('0036000291452')).toBe('00036000291452');
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(toGtin14('09501101530003')).toBe('09501101530003');
    expect(toGtin14('036000291453')).toBeNull();
    expect(toGtin14('4831092275')).toBeNull();
  });
});

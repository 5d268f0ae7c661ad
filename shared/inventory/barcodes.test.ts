import { describe, expect, it } from 'vitest';
import { barcodeForms, barcodeKey, barcodeProblem } from './barcodes';

describe('barcodes', () => {
  it('accepts EAN-13, EAN-8 and UPC-A with a valid check digit', () => {
    expect(barcodeProblem('4006381333931')).toBeNull();
    expect(barcodeProblem('96385074')).toBeNull();
    expect(barcodeProblem('036000291452')).toBeNull();
  });

  it('names the expected check digit when it is wrong', () => {
    expect(barcodeProblem('4006381333932')).toBe('Barcode 4006381333932 is not a valid EAN-13: the check digit should be 1');
    expect(barcodeProblem('96385075')).toMatch(/not a valid EAN-8/);
    expect(barcodeProblem('036000291453')).toMatch(/not a valid UPC-A/);
  });

  it('takes other codes as Code 128 payloads: printable ASCII only', () => {
    expect(barcodeProblem('ABC-123/x')).toBeNull();
    expect(barcodeProblem('1234567')).toBeNull();
    expect(barcodeProblem('Käse')).toMatch(/printable ASCII/);
    expect(barcodeProblem('tab\there')).toMatch(/printable ASCII/);
    expect(barcodeProblem('x'.repeat(49))).toMatch(/longer than 48/);
    expect(barcodeProblem('')).toBe('Barcode is empty');
  });

  it('one GTIN however it is written: UPC-A, EAN-13 and GTIN-14 with leading zeros share a key', () => {
    expect(barcodeKey('036000291452')).toBe('00036000291452');
    expect(barcodeKey('0036000291452')).toBe(barcodeKey('036000291452'));
    expect(barcodeKey('96385074')).toBe('00000096385074');
    expect(barcodeKey('4006381333931')).not.toBe(barcodeKey('006381333931'));
    expect(barcodeKey('ABC-123')).toBe('ABC-123');
    expect(barcodeKey('1234567')).toBe('1234567');
    expect(barcodeForms('036000291452').sort()).toEqual(['00036000291452', '0036000291452', '036000291452']);
    expect(barcodeForms('00000096385074').sort()).toEqual(['00000096385074', '0000096385074', '000096385074', '96385074']);
    expect(barcodeForms('4006381333931')).toEqual(['4006381333931', '04006381333931']);
    expect(barcodeForms('SKU-1')).toEqual(['SKU-1']);
  });
});

import { describe, expect, it } from 'vitest';
import { barcodeProblem } from './barcodes';

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
});

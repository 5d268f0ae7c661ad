import { describe, expect, it } from 'vitest';
import { withCheckDigit } from './checkDigit';
import { GS } from './gs1';
import { MAX_BARCODE_LENGTH, parseBarcode } from './parse';

describe('parseBarcode: retail codes', () => {
  it('reads EAN-13, UPC-A and EAN-8 products with their GTIN-14', () => {
    expect(parseBarcode('4006381333931')).toEqual({ kind: 'product', code: '4006381333931', encoding: 'ean13', gtin: '04006381333931' });
    expect(parseBarcode('036000291452')).toEqual({ kind: 'product', code: '036000291452', encoding: 'upca', gtin: '00036000291452' });
    expect(parseBarcode('96385074')).toEqual({ kind: 'product', code: '96385074', encoding: 'ean8', gtin: '00000096385074' });
  });

  it('gives a 14-digit carton code its GTIN too', () => {
    expect(parseBarcode('09501101530003')).toEqual({ kind: 'product', code: '09501101530003', encoding: 'code128', gtin: '09501101530003' });
    expect(parseBarcode('09501101530004')).toEqual({ kind: 'product', code: '09501101530004', encoding: 'code128' });
  });

  it('answers bad-check-digit for each retail symbology', () => {
    expect(parseBarcode('4006381333932')).toEqual({ kind: 'bad-check-digit', code: '4006381333932', expected: '1', got: '2', encoding: 'ean13' });
    expect(parseBarcode('036000291453')).toEqual({ kind: 'bad-check-digit', code: '036000291453', expected: '2', got: '3', encoding: 'upca' });
    expect(parseBarcode('96385070')).toEqual({ kind: 'bad-check-digit', code: '96385070', expected: '4', got: '0', encoding: 'ean8' });
  });

  it('extracts a variable weight (21.....{NNDDD}) and the product code behind it', () => {
    const code = withCheckDigit('211234512345'); // product 12345, 12.345 kg
    expect(parseBarcode(code)).toEqual({
      kind: 'weight',
      code,
      productCode: withCheckDigit('211234500000'),
      value: 12.345,
      encoding: 'ean13',
    });
    expect(parseBarcode(withCheckDigit('210000100250'))).toMatchObject({ kind: 'weight', value: 0.25 });
  });

  it('extracts a variable price (23.....{NNNDD})', () => {
    const code = withCheckDigit('239876501999');
    expect(parseBarcode(code)).toEqual({
      kind: 'price',
      code,
      productCode: withCheckDigit('239876500000'),
      value: 19.99,
      encoding: 'ean13',
    });
  });

  it('verifies the check digit over the whole printed code, weight included', () => {
    // A scale computes the check digit over all 12 digits, so a label whose check digit
    // only fits the zeroed product code is a misread.
    const zeroedCheck = withCheckDigit('211234500000').slice(-1);
    const wrong = `211234512345${zeroedCheck}`;
    expect(parseBarcode(wrong)).toMatchObject({ kind: 'bad-check-digit', encoding: 'ean13' });
  });
});

describe('parseBarcode: input hygiene', () => {
  it('trims whitespace and the scanner suffix (CR, LF, Tab)', () => {
    for (const raw of ['4831092275\r', '4831092275\n', '4831092275\r\n', '4831092275\t', '  4831092275  ']) {
      expect(parseBarcode(raw)).toEqual({ kind: 'voucher', code: '4831092275' });
    }
  });

  it('strips AIM symbology identifiers from non-GS1 codes too', () => {
    expect(parseBarcode(']E04006381333931')).toMatchObject({ kind: 'product', code: '4006381333931' });
    expect(parseBarcode(']C0SKU-9')).toMatchObject({ kind: 'product', code: 'SKU-9', encoding: 'code128' });
  });

  it('explains empty, oversized and non-text input', () => {
    expect(parseBarcode('')).toEqual({ kind: 'not-recognised', raw: '', reason: 'empty' });
    expect(parseBarcode(' \r\n\t')).toEqual({ kind: 'not-recognised', raw: '', reason: 'empty' });
    expect(parseBarcode(']C1')).toMatchObject({ kind: 'not-recognised', reason: 'empty' });
    const huge = parseBarcode('9'.repeat(MAX_BARCODE_LENGTH + 1));
    expect(huge).toMatchObject({ kind: 'not-recognised', reason: 'too-long' });
    if (huge.kind === 'not-recognised') expect(huge.raw.length).toBeLessThanOrEqual(201);
    expect(parseBarcode(undefined as unknown as string)).toMatchObject({ kind: 'not-recognised', reason: 'not-text' });
    expect(parseBarcode(42 as unknown as string)).toMatchObject({ kind: 'not-recognised', reason: 'not-text' });
  });

  it('does not read control characters or non-ASCII text as Code 128 products', () => {
    expect(parseBarcode('SKU\x001')).toMatchObject({ kind: 'not-recognised', reason: 'no-matching-rule' });
    expect(parseBarcode('Käse')).toMatchObject({ kind: 'not-recognised', reason: 'no-matching-rule' });
    expect(parseBarcode('\ud83d')).toMatchObject({ kind: 'not-recognised' });
  });

  it('reads GS1 data with a GS anywhere as GS1, not as something else', () => {
    expect(parseBarcode(`10LOT${GS}21SER`)).toMatchObject({ kind: 'gs1', batch: 'LOT', serial: 'SER' });
  });

  it('is deterministic and leaves its inputs alone', () => {
    const raw = `]C101${'09501101530003'}10A`;
    expect(parseBarcode(raw)).toEqual(parseBarcode(raw));
  });
});

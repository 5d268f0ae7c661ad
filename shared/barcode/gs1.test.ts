import { describe, expect, it } from 'vitest';
import { GS, parseGs1, toElementString } from './gs1';
import { parseBarcode } from './parse';

const GTIN = '09501101530003';
const opts = { referenceYear: 2025 };
const parse = (raw: string) => parseBarcode(raw, undefined, opts);

describe('GS1 element strings', () => {
  it('reads GTIN, expiry, batch and serial with FNC1 separators and the ]C1 prefix', () => {
    const raw = `]C101${GTIN}17260630` + `10LOT-42${GS}21SN0001${GS}3012`;
    expect(parse(raw)).toEqual({
      kind: 'gs1',
      symbology: ']C1',
      gtin: GTIN,
      expiry: '2026-06-30',
      batch: 'LOT-42',
      serial: 'SN0001',
      quantity: 12,
      elements: [
        { ai: '01', title: 'GTIN', value: GTIN },
        { ai: '17', title: 'USE BY OR EXPIRY', value: '260630' },
        { ai: '10', title: 'BATCH/LOT', value: 'LOT-42' },
        { ai: '21', title: 'SERIAL', value: 'SN0001' },
        { ai: '30', title: 'VAR. COUNT', value: '12' },
      ],
    });
  });

  it('accepts each common symbology prefix', () => {
    for (const prefix of [']C1', ']d2', ']Q3', ']e0']) {
      expect(parse(`${prefix}01${GTIN}10A1`)).toMatchObject({ kind: 'gs1', symbology: prefix, gtin: GTIN, batch: 'A1' });
    }
  });

  it('reads data without any prefix or separator when it starts with a GTIN', () => {
    expect(parse(`01${GTIN}17251231`)).toMatchObject({ kind: 'gs1', gtin: GTIN, expiry: '2025-12-31' });
    expect(parse(`01${GTIN}`)).toMatchObject({ kind: 'gs1', gtin: GTIN });
  });

  it('accepts a leading FNC1 and a redundant FNC1 after fixed-length elements', () => {
    expect(parse(`${GS}01${GTIN}${GS}17251231${GS}10B`)).toMatchObject({ gtin: GTIN, expiry: '2025-12-31', batch: 'B' });
  });

  it('ends a variable-length element at the end of the data when no separator follows', () => {
    // Without FNC1 a variable field swallows everything after it: that is the standard.
    expect(parse(`]C101${GTIN}10ABC21XYZ`)).toMatchObject({ batch: 'ABC21XYZ' });
    expect(parse(`]C101${GTIN}10ABC${GS}21XYZ`)).toMatchObject({ batch: 'ABC', serial: 'XYZ' });
  });

  it('reads the bracketed human-readable form', () => {
    expect(parse(`(01)${GTIN}(15)250200(10)X-1`)).toMatchObject({
      kind: 'gs1',
      gtin: GTIN,
      bestBefore: '2025-02-28', // day 00 = last day of the month
      batch: 'X-1',
    });
  });

  it('reads SSCC, production date, count and net weight with implied decimals', () => {
    const result = parse(`]C100106141411234567897${GS}11240229${GS}02${GTIN}37${'25'}${GS}3102001250`);
    expect(result).toMatchObject({
      kind: 'gs1',
      sscc: '106141411234567897',
      productionDate: '2024-02-29',
      content: GTIN,
      count: 25,
      netWeightKg: 12.5,
    });
    for (const [ai, kg] of [['3100', 1250], ['3101', 125], ['3103', 1.25], ['3105', 0.0125]] as const) {
      expect(parse(`]C101${GTIN}${ai}001250`)).toMatchObject({ netWeightKg: kg });
    }
  });

  it('resolves two-digit years with the GS1 sliding window', () => {
    expect(parseGs1(`01${GTIN}17750101`, undefined, { referenceYear: 2025 })).toMatchObject({ barcode: { expiry: '2075-01-01' } });
    expect(parseGs1(`01${GTIN}17760101`, undefined, { referenceYear: 2025 })).toMatchObject({ barcode: { expiry: '1976-01-01' } });
    expect(parseGs1(`01${GTIN}17100101`, undefined, { referenceYear: 2095 })).toMatchObject({ barcode: { expiry: '2110-01-01' } });
  });

  it('reports a wrong GTIN check digit as bad-check-digit', () => {
    expect(parse(`]C101${GTIN.slice(0, 13)}4`)).toEqual({
      kind: 'bad-check-digit',
      code: '09501101530004',
      expected: '3',
      got: '4',
      encoding: 'gs1',
    });
  });

  it('refuses invalid dates, unknown AIs, short fixed fields and bad characters when marked GS1', () => {
    for (const raw of [
      `]C101${GTIN}17251301`,
      `]C101${GTIN}17250230`,
      `]C1140101`, // AI 14 does not exist
      `]C101${GTIN.slice(0, 10)}`,
      `]C101${GTIN}10${'A'.repeat(21)}`,
      `]C101${GTIN}10A B`,
      `]C1`,
      `(01)123`,
      `(01)${GTIN}garbage`,
    ]) {
      expect(parse(raw), raw).toMatchObject({ kind: 'not-recognised', reason: expect.stringMatching(/invalid-gs1|empty/) });
    }
  });

  it('does not take unmarked internal codes for GS1', () => {
    expect(parse('10ABC')).toMatchObject({ kind: 'product', encoding: 'code128' });
    expect(parse(`01${GTIN.slice(0, 13)}4`)).toMatchObject({ kind: 'product', encoding: 'code128' });
  });

  it('rebuilds a canonical element string with FNC1 only where needed', () => {
    const elements = [
      { ai: '10', value: 'A' },
      { ai: '01', value: GTIN },
      { ai: '21', value: 'S' },
    ];
    expect(toElementString(elements)).toBe(`10A${GS}01${GTIN}21S`);
  });
});

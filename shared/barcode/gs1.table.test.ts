// GS1 read with the library's full AI table: the codes a counter meets that the old
// hand-written table refused, and property tests that the reader stays total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GS, parseGs1, toElementString } from './gs1';
import { parseBarcode } from './parse';
import { PARSED_KINDS } from './types';

const GTIN = '09501101530003';
const SSCC = '106141411234567897';
const opts = { referenceYear: 2026 };
const parse = (raw: string) => parseBarcode(raw, undefined, opts);

describe('GS1 with the complete AI table', () => {
  it('reads a GS1 DataBar with a price (AI 392n), implied decimals exact', () => {
    expect(parse(`]e001${GTIN}3922001299`)).toMatchObject({ kind: 'gs1', symbology: ']e0', gtin: GTIN, price: 12.99 });
    expect(parse(`]e001${GTIN}39210005`)).toMatchObject({ price: 0.5 });
    expect(parse(`]e001${GTIN}39233`)).toMatchObject({ price: 0.003 });
    expect(parse(`01${GTIN}39200042`)).toMatchObject({ kind: 'gs1', price: 42 }); // no prefix: starts with a GTIN
    expect(parse(`(01)${GTIN}(3922)1299`)).toMatchObject({ kind: 'gs1', gtin: GTIN, price: 12.99 });
  });

  it('reads a price with its currency (AI 393n)', () => {
    expect(parse(`]e001${GTIN}3932978001250`)).toMatchObject({ price: 12.5, priceCurrency: '978' });
  });

  it('reads a logistics label: SSCC, content and count', () => {
    expect(parse(`]C100${SSCC}02${GTIN}3724`)).toMatchObject({ kind: 'gs1', sscc: SSCC, content: GTIN, count: 24 });
    expect(parse(`]C100${SSCC}02${GTIN}3724${GS}10L-7`)).toMatchObject({ count: 24, batch: 'L-7' });
  });

  it('reads a pharmacy DataMatrix: GTIN, expiry, lot and serial with FNC1 separators', () => {
    const raw = `]d2${GS}01${GTIN}17271130` + `10LOT42${GS}21SER-123`;
    expect(parse(raw)).toEqual({
      kind: 'gs1',
      symbology: ']d2',
      gtin: GTIN,
      expiry: '2027-11-30',
      batch: 'LOT42',
      serial: 'SER-123',
      elements: [
        { ai: '01', title: 'GTIN', value: GTIN },
        { ai: '17', title: 'USE BY OR EXPIRY', value: '271130' },
        { ai: '10', title: 'BATCH/LOT', value: 'LOT42' },
        { ai: '21', title: 'SERIAL', value: 'SER-123' },
      ],
    });
    // Serial first, then lot: the order of elements is free.
    expect(parse(`]d201${GTIN}21S1${GS}17271130${GS}10L1`)).toMatchObject({ serial: 'S1', expiry: '2027-11-30', batch: 'L1' });
  });

  it('keeps AIs it has no field for as elements (country of origin, internal, NHRN)', () => {
    const result = parse(`]C101${GTIN}422276${GS}91ABC${GS}710PZN1234`);
    expect(result).toMatchObject({ kind: 'gs1', gtin: GTIN });
    expect(result.kind === 'gs1' ? result.elements.map((e) => e.ai) : []).toEqual(['01', '422', '91', '710']);
  });

  it('still checks check digits, real dates, GS1 characters and field lengths', () => {
    expect(parse(`]C100${SSCC.slice(0, 17)}0`)).toMatchObject({ kind: 'bad-check-digit', expected: '7', got: '0' });
    expect(parse(`]C102${GTIN.slice(0, 13)}9`)).toMatchObject({ kind: 'bad-check-digit' });
    for (const raw of [
      `]C101${GTIN}17271301`, // month 13
      `]C101${GTIN}17270229`, // not a leap year
      `]C101${GTIN}10A B`, // space is not in GS1's character set
      `]C101${GTIN}21${'S'.repeat(21)}`,
      `]C101${GTIN}37${'9'.repeat(9)}`,
      `]C101${GTIN}37X1`,
      `]C101${GTIN}3922`, // a price without digits
      `]C101${GTIN}10${GS}21X`, // empty lot
      `]C1140101`, // AI 14 does not exist
    ]) {
      expect(parse(raw), raw).toMatchObject({ kind: 'not-recognised', reason: 'invalid-gs1' });
    }
  });

  it('writes the canonical element string with FNC1 only after elements of no predefined length', () => {
    expect(toElementString([{ ai: '3922', value: '1299' }, { ai: '10', value: 'A' }, { ai: '17', value: '271130' }, { ai: '21', value: 'S' }])).toBe(
      `39221299${GS}10A${GS}1727113021S`,
    );
  });
});

const gs1Chars = fc.constantFrom(...'0123456789ABCXYZabc-./()%&*+', GS, ' ', '\u00e9', '\u0000');
const aiPiece = fc.oneof(
  fc.constantFrom('00', '01', '02', '10', '11', '15', '17', '21', '30', '37', '3103', '3922', '3932', '422', '7003', '8020', '91', '99', '14', '23'),
  fc.stringMatching(/^\d{2,4}$/),
);
const elementish = fc.array(fc.tuple(aiPiece, fc.array(gs1Chars, { maxLength: 24 }).map((cs) => cs.join('')), fc.boolean()), { maxLength: 8 }).map((parts) =>
  parts.map(([ai, data, sep]) => ai + data + (sep ? GS : '')).join(''),
);
const prefix = fc.constantFrom('', ']C1', ']d2', ']e0', ']Q3', GS, '(01)');

describe('GS1 reading is total (property tests)', () => {
  it('parseGs1 never throws and answers ok or an error, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 80 }), elementish), (data) => {
        const outcome = parseGs1(data, undefined, opts);
        expect(typeof outcome.ok).toBe('boolean');
        if (outcome.ok) {
          expect(outcome.barcode.elements.length).toBeGreaterThan(0);
          // What was read reads back the same from its canonical element string.
          const again = parseGs1(outcome.elementString, undefined, opts);
          expect(again.ok && again.barcode.elements).toEqual(outcome.barcode.elements);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('parseBarcode never throws on GS1-looking input and answers plain data of a known kind', () => {
    fc.assert(
      fc.property(prefix, elementish, (p, body) => {
        const parsed = parse(p + body);
        expect(PARSED_KINDS).toContain(parsed.kind);
        if (parsed.kind === 'not-recognised') expect(parsed.reason).not.toBe('internal-error');
        expect(JSON.parse(JSON.stringify(parsed))).toEqual(parsed);
        if (parsed.kind === 'gs1') {
          for (const n of [parsed.price, parsed.count, parsed.quantity, parsed.netWeightKg]) if (n !== undefined) expect(Number.isFinite(n)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

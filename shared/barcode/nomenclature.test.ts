import { describe, expect, it } from 'vitest';
import { withCheckDigit } from './checkDigit';
import { compilePattern, defaultNomenclature, parseNomenclature, type Nomenclature } from './nomenclature';
import { parseBarcode } from './parse';

describe('nomenclature patterns', () => {
  it('compiles the Odoo value syntax into a digit group', () => {
    const compiled = compilePattern('21.....{NNDDD}');
    expect('error' in compiled).toBe(false);
    if ('error' in compiled) return;
    expect(compiled.embedded).toEqual({ integer: 2, decimals: 3 });
    expect(compiled.regex.test('2112345123455')).toBe(true);
    expect(compiled.regex.test('2212345123455')).toBe(false);
  });

  it('matches at the start only (a prefix), `$` anchors the end', () => {
    const prefix = compilePattern('CF:O:');
    const whole = compilePattern('\\d{10}$');
    if ('error' in prefix || 'error' in whole) throw new Error('should compile');
    expect(prefix.regex.test('CF:O:PO-1')).toBe(true);
    expect(prefix.regex.test('XCF:O:PO-1')).toBe(false);
    expect(whole.regex.test('4831092275')).toBe(true);
    expect(whole.regex.test('48310922751')).toBe(false);
  });

  it('reports bad patterns instead of throwing', () => {
    expect(compilePattern('(')).toHaveProperty('error');
    expect(compilePattern('')).toHaveProperty('error');
    expect(compilePattern('2{NN}{DD}')).toHaveProperty('error');
    expect(compilePattern('x'.repeat(300))).toHaveProperty('error');
  });
});

describe('nomenclature validation', () => {
  it('accepts the default nomenclature', () => {
    expect(parseNomenclature(defaultNomenclature)).toEqual({ ok: true, nomenclature: defaultNomenclature });
  });

  it('rejects unknown types and encodings, broken patterns and misplaced values, with a path', () => {
    const bad = {
      name: 'bad',
      rules: [
        { name: 'a', type: 'colour', encoding: 'ean13', pattern: '.*' },
        { name: 'b', type: 'product', encoding: 'qr', pattern: '.*' },
        { name: 'c', type: 'product', encoding: 'any', pattern: '(' },
        { name: 'd', type: 'weight', encoding: 'ean13', pattern: '21' },
        { name: 'e', type: 'product', encoding: 'ean13', pattern: '21{NN}' },
        { name: 'f', type: 'gs1', encoding: 'code128', pattern: '.*' },
      ],
    };
    const result = parseNomenclature(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.rules.0.type',
        '$.rules.1.encoding',
        '$.rules.2.pattern',
        '$.rules.3.pattern',
        '$.rules.4.pattern',
        '$.rules.5.encoding',
      ]),
    );
    expect(parseNomenclature(null).ok).toBe(false);
    expect(parseNomenclature({ name: 'empty', rules: [] }).ok).toBe(false);
  });
});

describe('rule order: first match wins', () => {
  const weight = withCheckDigit('211234512345');

  it('reads a 21-prefixed EAN-13 as a weight with the default order', () => {
    expect(parseBarcode(weight)).toMatchObject({ kind: 'weight', value: 12.345 });
  });

  it('reads the same code as a plain product when the product rule comes first', () => {
    const productFirst: Nomenclature = {
      name: 'product first',
      rules: [
        { name: 'products', type: 'product', encoding: 'ean13', pattern: '.*' },
        { name: 'weights', type: 'weight', encoding: 'ean13', pattern: '21.....{NNDDD}' },
      ],
    };
    expect(parseBarcode(weight, productFirst)).toMatchObject({ kind: 'product', code: weight });
  });

  it('keeps 10-digit vouchers distinct from EAN-8/UPC-A/EAN-13 and Code 128 SKUs', () => {
    expect(parseBarcode('4831092275')).toEqual({ kind: 'voucher', code: '4831092275' });
    expect(parseBarcode('96385074')).toMatchObject({ kind: 'product', encoding: 'ean8' });
    expect(parseBarcode('036000291452')).toMatchObject({ kind: 'product', encoding: 'upca' });
    expect(parseBarcode('48310922751')).toMatchObject({ kind: 'product', encoding: 'code128' });
  });

  it('skips a rule whose encoding does not fit the code', () => {
    const ean8Only: Nomenclature = {
      name: 'ean8 only',
      rules: [{ name: 'ean8', type: 'product', encoding: 'ean8', pattern: '.*' }],
    };
    expect(parseBarcode('4006381333931', ean8Only)).toMatchObject({ kind: 'not-recognised', reason: 'no-matching-rule' });
  });

  it('supports a custom label rule with a named value group', () => {
    const bins: Nomenclature = {
      name: 'bins',
      rules: [{ name: 'bin labels', type: 'location', encoding: 'code128', pattern: '(?<value>BIN-\\d+)$' }],
    };
    expect(parseBarcode('BIN-0042', bins)).toEqual({ kind: 'location', id: 'BIN-0042' });
  });

  it('ignores broken rules handed over without validation', () => {
    const broken = {
      name: 'broken',
      rules: [
        { name: 'bad regex', type: 'product', encoding: 'any', pattern: '(' },
        null,
        { name: 'weight without value', type: 'weight', encoding: 'ean13', pattern: '21' },
        { name: 'products', type: 'product', encoding: 'ean13', pattern: '.*' },
      ],
    } as unknown as Nomenclature;
    expect(parseBarcode('2112345123455', broken)).toMatchObject({ kind: 'product' });
    expect(parseBarcode('x', { name: 'none' } as unknown as Nomenclature)).toMatchObject({ kind: 'not-recognised' });
  });
});

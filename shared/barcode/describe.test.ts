import { describe, expect, it } from 'vitest';
import { describeBarcode } from './describe';
import { parseBarcode } from './parse';
import type { ParsedBarcode } from './types';

describe('describeBarcode', () => {
  it('gives a key, params and an English sentence', () => {
    expect(describeBarcode({ kind: 'order', number: 'PO-000123' })).toEqual({
      key: 'scan.order',
      params: { number: 'PO-000123' },
      text: 'Order PO-000123',
    });
    expect(describeBarcode({ kind: 'role', role: 'S' })).toMatchObject({ key: 'scan.role', params: { role: 'S' }, text: 'Switch to the seller role' });
    expect(describeBarcode({ kind: 'action', action: 'ship the order' }).text).toBe('Action card: ship the order');
  });

  it('summarises GS1 data and explains failures', () => {
    const gs1 = parseBarcode(']C10109501101530003172512311' + '0L1', undefined, { referenceYear: 2025 });
    expect(describeBarcode(gs1)).toEqual({
      key: 'scan.gs1',
      params: { gtin: '09501101530003', batch: 'L1', expiry: '2025-12-31' },
      text: 'GS1: GTIN 09501101530003, lot L1, expires 2025-12-31',
    });
    expect(describeBarcode(parseBarcode('4006381333932'))).toMatchObject({
      key: 'scan.badCheckDigit',
      params: { expected: '1', got: '2' },
    });
    expect(describeBarcode(parseBarcode(''))).toMatchObject({ key: 'scan.notRecognised', text: 'Not recognised (empty scan)' });
  });

  it('has a message for every kind', () => {
    const samples: ParsedBarcode[] = [
      { kind: 'product', code: '1', encoding: 'any' },
      { kind: 'weight', code: '1', productCode: '1', value: 1.5, encoding: 'ean13' },
      { kind: 'price', code: '1', productCode: '1', value: 2, encoding: 'ean13' },
      { kind: 'gs1', elements: [{ ai: '20', title: 'VARIANT', value: '01' }] },
      { kind: 'order', number: 'PO-1' },
      { kind: 'item', id: 'i' },
      { kind: 'refund', id: 'r' },
      { kind: 'voucher', code: '4831092275' },
      { kind: 'location', id: 'l' },
      { kind: 'operator', id: 'o' },
      { kind: 'action', action: 'a' },
      { kind: 'role', role: 'P' },
      { kind: 'bad-check-digit', code: '1', expected: '1', got: '2', encoding: 'ean8' },
      { kind: 'not-recognised', raw: 'x', reason: 'no-matching-rule' },
    ];
    const keys = new Set(samples.map((s) => describeBarcode(s).key));
    expect(keys.size).toBe(samples.length);
    for (const s of samples) expect(describeBarcode(s).text.length).toBeGreaterThan(0);
    expect(describeBarcode(samples[3]).text).toBe('GS1: (20)01');
  });
});

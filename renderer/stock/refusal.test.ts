import { describe, expect, it } from 'vitest';
import { problemsOf } from './refusal';

const FIELDS = ['sku', 'locationId', 'qty', 'reason', 'toLocationId'];

describe('problemsOf', () => {
  it('puts input issues beside their fields and keeps no general message when all are placed', () => {
    const p = problemsOf(
      {
        ok: false,
        code: 'invalid-input',
        message: 'Quantity must be a whole number above zero; Give a reason for the adjustment',
        details: { issues: [{ path: 'qty', message: 'Quantity must be a whole number above zero' }, { path: 'reason', message: 'Give a reason for the adjustment' }] },
      },
      FIELDS,
    );
    expect(p).toEqual({ general: null, fields: { qty: 'Quantity must be a whole number above zero', reason: 'Give a reason for the adjustment' } });
  });

  it('keeps the message general when it is about no field (not enough stock)', () => {
    const p = problemsOf({ ok: false, code: 'insufficient-stock', message: 'Only 5 x A available', details: { sku: 'A', requested: 8 } }, FIELDS);
    expect(p).toEqual({ general: 'Only 5 x A available', fields: {} });
  });

  it('sends unknown sku or location to that field, nested paths to their first part, and maps aliases', () => {
    expect(problemsOf({ ok: false, code: 'not-found', message: "Unknown SKU 'X'", details: { sku: 'X' } }, FIELDS).fields).toEqual({ sku: "Unknown SKU 'X'" });
    expect(problemsOf({ ok: false, code: 'invalid-input', message: 'm', details: { issues: [{ path: 'barcodes.1', message: 'bad' }] } }, ['barcodes']).fields).toEqual({ barcodes: 'bad' });
    expect(problemsOf({ ok: false, code: 'not-found', message: "Unknown location 'Q'", details: { locationId: 'Q' } }, ['id'], { locationId: 'id' }).fields).toEqual({ id: "Unknown location 'Q'" });
  });
});

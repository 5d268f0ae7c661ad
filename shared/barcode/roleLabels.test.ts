// Role cards carry any role code a definition may declare, not a fixed list; the shape is
// what keeps a card printable and readable back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definitionSchema } from '../workflow/schema';
import productOrder from '../workflows/product-order.json';
import { ROLE_CODE } from './roleCode';
import { decodeLabelValue, labelPayload, labelSchema } from './labels';
import { parseBarcode } from './parse';

const roleCode = fc.stringMatching(ROLE_CODE);

describe('role labels', () => {
  it('accepts a custom role code and reads it back', () => {
    expect(labelPayload({ kind: 'role', role: 'W' })).toBe('CF:ROLE:W');
    expect(parseBarcode('CF:ROLE:W')).toEqual({ kind: 'role', role: 'W' });
    expect(parseBarcode('cf:role:qa2')).toEqual({ kind: 'role', role: 'QA2' });
  });

  it('refuses malformed role codes', () => {
    for (const role of ['', 'w!', '1A', 'S S', 'ABCDEFGHI', 'É', 'B\n']) {
      expect(labelSchema.safeParse({ kind: 'role', role }).success, JSON.stringify(role)).toBe(false);
      expect(() => labelPayload({ kind: 'role', role })).toThrow(RangeError);
    }
    expect(decodeLabelValue('role', 'W-1')).toEqual({ invalid: expect.stringContaining('role') });
  });

  it('prints and reads back every code of the role-code shape', () => {
    fc.assert(
      fc.property(roleCode, (role) => {
        expect(parseBarcode(labelPayload({ kind: 'role', role }))).toEqual({ kind: 'role', role });
      }),
    );
  });

  it('never throws decoding any text as a role, and only accepts the role-code shape', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = decodeLabelValue('role', text);
        if ('invalid' in out) expect(ROLE_CODE.test(text.toUpperCase())).toBe(false);
        else expect(out).toEqual({ kind: 'role', role: text.toUpperCase() });
      }),
    );
  });

  it('a definition role code has the same shape: every definition role can be printed on a card', () => {
    const def = structuredClone(productOrder) as { roles: Array<{ code: string; label: string }> };
    def.roles.push({ code: 'W', label: 'Warehouse' });
    expect(definitionSchema.safeParse(def).success).toBe(true);
    def.roles.push({ code: 'w h', label: 'Bad' });
    expect(definitionSchema.safeParse(def).success).toBe(false);
  });
});

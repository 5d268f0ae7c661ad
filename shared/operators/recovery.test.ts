import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newRecoveryCode, normalRecoveryCode } from './recovery';

describe('the admin recovery code', () => {
  it('is 16 unambiguous symbols in groups of four, different each time', () => {
    const a = newRecoveryCode();
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(newRecoveryCode()).not.toBe(a);
  });

  it('reads back the same whatever the case, spacing and look-alike letters', () => {
    const code = newRecoveryCode();
    expect(normalRecoveryCode(code)).toBe(code.replace(/-/g, ''));
    expect(normalRecoveryCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(code.replace(/-/g, ''));
    expect(normalRecoveryCode('o0-il1')).toBe('00111');
  });

  it('normalising never grows the text and is idempotent, for any input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = normalRecoveryCode(s);
        return n.length <= s.length + s.length && normalRecoveryCode(n) === n && !/[\s-]/.test(n);
      }),
    );
  });
});

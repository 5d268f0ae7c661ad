import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLE_CODE } from '../../shared/barcode/roleCode';
import { roleColor } from '../ui/stateColors';
import { currentRole, roleKey } from './roles';

const BUILT_IN = [{ code: 'B' }, { code: 'S' }, { code: 'P' }, { code: 'A' }];
const WITH_W = [...BUILT_IN, { code: 'W' }];

describe('the role to act as', () => {
  it('keeps a role an installed definition knows, whatever its case', () => {
    expect(currentRole('A', BUILT_IN)).toBe('A');
    expect(currentRole('w', WITH_W)).toBe('W');
  });

  it('falls back to the first role for a role no installed definition knows', () => {
    expect(currentRole('W', BUILT_IN)).toBe('B');
    expect(currentRole('W', [{ code: 'S' }, { code: 'B' }])).toBe('S');
  });

  it('gives F1-F4 to the built-in roles, then skips F5 (reload)', () => {
    expect(BUILT_IN.map((r) => roleKey(BUILT_IN, r.code))).toEqual(['F1', 'F2', 'F3', 'F4']);
    expect(roleKey(WITH_W, 'W')).toBe('F6');
    expect(roleKey(WITH_W, 'Z')).toBeUndefined();
    const many = 'BSPAWXYZQ'.split('').map((code) => ({ code }));
    expect(roleKey(many, 'Q')).toBeUndefined(); // the ninth role: listed, no key
  });
});

describe('role colours', () => {
  it('keeps the built-in colours', () => {
    expect(['B', 'S', 'P', 'A'].map(roleColor)).toEqual(['teal', 'blue', 'grape', 'red']);
  });

  it('gives any other code a stable colour that is not a built-in role colour', () => {
    fc.assert(
      fc.property(fc.stringMatching(ROLE_CODE), (code) => {
        fc.pre(!['B', 'S', 'P', 'A'].includes(code));
        expect(roleColor(code)).toBe(roleColor(code.toLowerCase()));
        expect(['teal', 'blue', 'grape', 'red']).not.toContain(roleColor(code));
      }),
    );
  });
});

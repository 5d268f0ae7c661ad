import { describe, expect, it } from 'vitest';
import { maySupervise, permittedRoles } from './permitted';

const roles = [{ code: 'B' }, { code: 'S' }, { code: 'P' }, { code: 'A' }];
const clerk = { id: 'c', name: 'Cleo', badge: 'C', roles: ['S', 'B'], active: true };

describe('the roles the switcher offers', () => {
  it('all of them in single-operator mode or before the mode is known', () => {
    expect(permittedRoles(roles, { anyOperators: false, me: null })).toEqual(roles);
    expect(permittedRoles(roles, { anyOperators: undefined, me: null })).toEqual(roles);
  });

  it("only the signed-in operator's, in the catalog's order; none when no one is signed in", () => {
    expect(permittedRoles(roles, { anyOperators: true, me: clerk }).map((r) => r.code)).toEqual(['B', 'S']);
    expect(permittedRoles(roles, { anyOperators: true, me: null })).toEqual([]);
  });
});

describe('who opens the audit', () => {
  it('anyone in single-operator mode; not known before the mode is', () => {
    expect(maySupervise({ anyOperators: false, me: null })).toBe(true);
    expect(maySupervise({ anyOperators: undefined, me: null })).toBeUndefined();
  });

  it('with operators, only one who may act as Platform or Admin', () => {
    expect(maySupervise({ anyOperators: true, me: clerk })).toBe(false);
    expect(maySupervise({ anyOperators: true, me: null })).toBe(false);
    expect(maySupervise({ anyOperators: true, me: { ...clerk, roles: ['S', 'p'] } })).toBe(true);
    expect(maySupervise({ anyOperators: true, me: { ...clerk, roles: ['A'] } })).toBe(true);
  });
});

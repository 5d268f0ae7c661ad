import { describe, expect, it } from 'vitest';
import type { OperatorRow } from '../db/rows';
import { keepsAnAdmin, mayTakeRole, permissionRefusal, rolesFor } from './permissions';

const clerk: OperatorRow = {
  id: 'op-clerk',
  name: 'Cleo',
  nameKey: 'cleo',
  badge: 'C1',
  roles: ['S', 'B'],
  active: true,
  pinHash: { algorithm: 'PBKDF2-SHA256', iterations: 1, salt: '00', hash: '00' },
  createdAt: 0,
  updatedAt: 0,
};
const gate = { anyOperators: true, operator: clerk };

describe('roles per operator', () => {
  it('an active operator may take their roles, in any case, and no other', () => {
    expect(mayTakeRole(clerk, 'S')).toBe(true);
    expect(mayTakeRole(clerk, ' b ')).toBe(true);
    expect(mayTakeRole(clerk, 'P')).toBe(false);
    expect(mayTakeRole({ ...clerk, active: false }, 'S')).toBe(false);
  });

  it('every command kind needs a role: its own workflow role, else the kind’s', () => {
    const cases: Array<[string, string | undefined, boolean]> = [
      ['act', 'S', true],
      ['act', 'B', true],
      ['act', 'P', false],
      ['act-on-order', 'P', false],
      ['act-on-order', 's', true],
      ['create-order', 'B', true],
      ['redeem-voucher', undefined, true],
      ['stock:receive', undefined, true],
      ['stock:import-products', undefined, true],
      ['install-workflow', undefined, false],
      ['set-setting', undefined, false],
      ['import-demo', undefined, false],
      ['add-operator', undefined, false],
      ['update-operator', undefined, false],
      ['deactivate-operator', undefined, false],
      ['retry-timer', undefined, false],
      ['some-new-kind', undefined, false],
      ['fire-timer', undefined, true],
    ];
    for (const [kind, role, allowed] of cases) {
      const r = permissionRefusal(gate, { kind, operator: clerk.id, ...(role ? { role } : {}) });
      expect(r === undefined, `${kind} as ${role ?? '-'}`).toBe(allowed);
      if (r) expect(r).toMatchObject({ code: 'role-not-permitted', params: { operator: clerk.id, role: rolesFor({ kind, role }).join('/') } });
    }
  });

  it('single-operator mode (no operators) allows everything; an unknown or deactivated operator nothing', () => {
    expect(permissionRefusal({ anyOperators: false, operator: undefined }, { kind: 'install-workflow', operator: 'counter' })).toBeUndefined();
    expect(permissionRefusal({ anyOperators: true, operator: undefined }, { kind: 'act', role: 'B', operator: 'counter' })).toMatchObject({ code: 'role-not-permitted', message: expect.stringContaining('sign in') });
    expect(permissionRefusal({ anyOperators: true, operator: { ...clerk, active: false } }, { kind: 'act', role: 'B', operator: clerk.id })).toMatchObject({ message: expect.stringContaining('deactivated') });
  });

  it('some active admin must remain', () => {
    expect(keepsAnAdmin([clerk, { ...clerk, roles: ['A'] }])).toBe(true);
    expect(keepsAnAdmin([clerk, { ...clerk, roles: ['A'], active: false }])).toBe(false);
    expect(keepsAnAdmin([])).toBe(false);
  });
});

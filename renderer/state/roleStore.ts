// The operator's current workflow role. Remembered across restarts (localStorage).
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const ROLES = ['B', 'S', 'P', 'A'] as const;
export type Role = (typeof ROLES)[number];

/** F1..F4 select the roles in this order. */
export const ROLE_KEYS: Record<Role, string> = { B: 'F1', S: 'F2', P: 'F3', A: 'F4' };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value.toUpperCase());
}

interface RoleState {
  role: Role;
  setRole(role: Role): void;
}

export const useRoleStore = create<RoleState>()(
  persist(
    (set) => ({
      role: 'S',
      setRole: (role) => set({ role }),
    }),
    { name: 'counterflow.role', storage: createJSONStorage(() => localStorage), version: 1 },
  ),
);

export const useRole = (): Role => useRoleStore((s) => s.role);

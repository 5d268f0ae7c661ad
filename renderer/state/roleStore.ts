// The operator's current workflow role. Remembered across restarts (localStorage).
// Which roles exist comes from the installed definitions (the workflow catalog), not from here.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { useWorkflowCatalog } from '../workflow/catalog';
import { currentRole, type Role } from './roles';

export { currentRole, roleKey, type Role } from './roles';

interface RoleState {
  /** As chosen; may name a role no installed definition knows (any more): see currentRole. */
  role: Role;
  setRole(role: Role): void;
}

export const useRoleStore = create<RoleState>()(
  persist(
    (set) => ({
      role: 'S',
      setRole: (role) => set({ role: role.toUpperCase() }),
    }),
    { name: 'counterflow.role', storage: createJSONStorage(() => localStorage), version: 1 },
  ),
);

export function useRole(): Role {
  const { roles } = useWorkflowCatalog();
  const chosen = useRoleStore((s) => s.role);
  return currentRole(chosen, roles);
}

// Pure: which roles the role switcher offers, and who may open supervisors' screens (tested
// without a window).
import { SUPERVISOR_ROLES, normalRole } from '../../shared/operators/permissions';

/** The roles a person at this window may take: every role in single-operator mode. */
export function permittedRoles<R extends { code: string }>(roles: readonly R[], state: { anyOperators: boolean | undefined; me: { roles: readonly string[] } | null }): R[] {
  if (!state.anyOperators) return [...roles];
  const mine = state.me?.roles ?? [];
  return roles.filter((r) => mine.includes(r.code));
}


/** Whether the person at this window may open a supervisors' screen (the audit): anyone in
 *  single-operator mode, else an operator who may act as Platform or Admin; undefined while
 *  the mode is not known yet. */
export function maySupervise(state: { anyOperators: boolean | undefined; me: { roles: readonly string[] } | null }): boolean | undefined {
  if (state.anyOperators === undefined) return undefined;
  if (!state.anyOperators) return true;
  return !!state.me?.roles.some((r) => SUPERVISOR_ROLES.includes(normalRole(r)));
}

// Which role to act as and its function key, from the catalog's roles (pure, for tests).

/** A role code some installed definition declares (B, S, P, A for the built-ins). */
export type Role = string;

/**
 * The role to act as: the chosen one when an installed definition knows it, else the first
 * role. Not written back, so a role whose definition is still loading is not forgotten.
 */
export function currentRole(chosen: string, roles: readonly { code: string }[]): Role {
  const code = chosen.toUpperCase();
  return roles.some((r) => r.code === code) ? code : (roles[0]?.code ?? code);
}

// F5 reloads the window and F10-F12 are the menu, full screen, developer tools (and a
// common scanner suffix), so the ninth role on has no key; the switcher still lists it.
const ROLE_FUNCTION_KEYS = ['F1', 'F2', 'F3', 'F4', 'F6', 'F7', 'F8', 'F9'] as const;

/** The function key for a role, in the catalog's order (F1-F4: B, S, P, A for the built-ins). */
export function roleKey(roles: readonly { code: string }[], code: string): string | undefined {
  const i = roles.findIndex((r) => r.code === code.toUpperCase());
  return i >= 0 ? ROLE_FUNCTION_KEYS[i] : undefined;
}


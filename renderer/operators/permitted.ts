// Pure: which roles the role switcher offers (tested without a window).

/** The roles a person at this window may take: every role in single-operator mode. */
export function permittedRoles<R extends { code: string }>(roles: readonly R[], state: { anyOperators: boolean | undefined; me: { roles: readonly string[] } | null }): R[] {
  if (!state.anyOperators) return [...roles];
  const mine = state.me?.roles ?? [];
  return roles.filter((r) => mine.includes(r.code));
}


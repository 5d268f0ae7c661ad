// Who is signed in in this window, as the UI knows it. The engine worker holds the real
// session (its commands carry that operator and the pipeline checks it); this store mirrors
// it for the screens: the header, the sign-in screen, the role switcher. Every change goes
// through the engine first (signIn / signOut) and is mirrored here from its answer.
import { create } from 'zustand';
import type { OperatorView, SignInInput } from '../../shared/api';
import { counter } from '../engine/client';
import { useRoleStore } from '../state/roleStore';

import { maySupervise } from './permitted';

export { maySupervise, permittedRoles } from './permitted';

interface SessionState {
  /** Whether any operator exists (undefined until read): none = single-operator mode. */
  anyOperators: boolean | undefined;
  /** Who this window's commands are made as; null = no one (the sign-in screen shows). */
  me: OperatorView | null;
  /** Why the sign-in screen shows: after a lock (idle or the Lock button) or not yet signed in. */
  locked: 'idle' | 'button' | null;
  setAnyOperators(any: boolean): void;
  setMe(me: OperatorView | null): void;
}

export const useSession = create<SessionState>()((set) => ({
  anyOperators: undefined,
  me: null,
  locked: null,
  setAnyOperators: (anyOperators) => set({ anyOperators }),
  setMe: (me) => {
    set({ me, ...(me ? { locked: null } : {}) });
    if (me) keepRolePermitted(me);
  },
}));

/** The role the switcher shows must be one the operator may take (the first of theirs). */
function keepRolePermitted(me: OperatorView): void {
  const { role, setRole } = useRoleStore.getState();
  if (!me.roles.includes(role.toUpperCase()) && me.roles[0]) setRole(me.roles[0]);
}

/** Signs in through the engine; the store follows only what the engine accepted. */
export async function signIn(input: SignInInput) {
  const result = await counter.signIn(input);
  if (result.ok) useSession.getState().setMe(result.operator);
  return result;
}

/** Locks the counter: the engine forgets who was signed in, the screen stays underneath. */
export async function lock(why: 'idle' | 'button'): Promise<void> {
  // The screen locks at once (nothing more can be clicked or scanned in); the engine follows.
  useSession.setState({ me: null, locked: why });
  await counter.signOut();
}

/** A fresh badge code for an operator who has none printed yet. */
export function newBadgeCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `OP-${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** Whether this window's operator may open a supervisors' screen (undefined: not known yet). */
export function useMaySupervise(): boolean | undefined {
  return useSession((s) => maySupervise(s));
}

// Keeps the session store in step with the database: whether operators exist (single-operator
// mode when none), and the signed-in operator's row as an admin changes it (roles, name). A
// deactivated operator is locked out at once; the engine refuses their commands anyway.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { db } from '../db';
import { viewOfRow } from './views';
import { lock, useSession } from './session';

export function OperatorSync() {
  const count = useLiveQuery(() => db.operators.count(), []);
  const meId = useSession((s) => s.me?.id);
  const row = useLiveQuery(() => (meId ? db.operators.get(meId) : undefined), [meId]);

  useEffect(() => {
    if (count !== undefined) useSession.getState().setAnyOperators(count > 0);
  }, [count]);

  useEffect(() => {
    if (!row || row.id !== useSession.getState().me?.id) return;
    if (!row.active) void lock('button');
    else useSession.getState().setMe(viewOfRow(row));
  }, [row]);

  return null;
}

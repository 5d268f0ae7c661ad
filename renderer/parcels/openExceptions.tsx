// Open parcel exceptions per order, for the board's cards: one live query for the whole
// board (the open ones are few), not one per card.
import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { db } from '../db';

const OpenExceptions = createContext<ReadonlyMap<string, number>>(new Map());

export function OpenExceptionsProvider({ children }: { children: ReactNode }) {
  const keys = useLiveQuery(() => db.exceptions.where('[open+openedAt]').between([1, Dexie.minKey], [1, Dexie.maxKey]).toArray((rows) => rows.map((r) => r.orderId).join('\n')), []);
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const id of keys ? keys.split('\n').filter(Boolean) : []) map.set(id, (map.get(id) ?? 0) + 1);
    return map;
  }, [keys]);
  return <OpenExceptions.Provider value={counts}>{children}</OpenExceptions.Provider>;
}

export function useOpenExceptions(orderId: string): number {
  return useContext(OpenExceptions).get(orderId) ?? 0;
}

// States the engine has just committed, shown before this window's live queries re-read
// them. After a command the worker answers in ~20-60 ms, but Dexie's change notice, the
// page's re-read and its render take another ~100 ms at 100 000 orders: the operator would
// look at the old state. The entry is ignored as soon as the row itself reaches the
// committed state version (or a later one, from another command or counter).
import { create } from 'zustand';
import type { Applied } from '../../shared/api';

interface Committed {
  state: string;
  stateVersion: number;
}

interface ShownStates {
  committed: Record<string, Committed>;
  show(entityId: string, result: Pick<Applied, 'to' | 'stateVersion'>): void;
  forget(entityId: string): void;
}

export const useShownStates = create<ShownStates>()((set) => ({
  committed: {},
  show: (entityId, { to, stateVersion }) => set((s) => ({ committed: { ...s.committed, [entityId]: { state: to, stateVersion } } })),
  forget: (entityId) =>
    set((s) => {
      const { [entityId]: _gone, ...rest } = s.committed;
      return { committed: rest };
    }),
}));

export interface VersionedRow {
  id: string;
  state: string | null;
  stateVersion: number;
}

/** What a row's state is: the committed one while the row on hand is older. */
export function shownState(row: VersionedRow, committed: Committed | undefined): string | null {
  return committed && row.stateVersion < committed.stateVersion ? committed.state : row.state;
}

/** True while some entity of these rows shows a state its row has not caught up with. */
export function anyAhead(rows: VersionedRow[], committed: Record<string, Committed>): boolean {
  return rows.some((row) => {
    const c = committed[row.id];
    return !!c && row.stateVersion < c.stateVersion;
  });
}

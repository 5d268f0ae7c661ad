// What the sync badge in the header says, from what the engine keeps about sync: nothing
// on a counter with no server; else paused, an error the clerk must act on, offline (the
// server cannot be reached: commands wait), commands waiting, or connected.
import type { SyncStatus } from '../../shared/sync/client';

export type SyncBadgeState =
  | { state: 'none' }
  | { state: 'paused' | 'error' | 'offline' | 'waiting' | 'connected'; pending: number };

export function syncBadgeState(enrolled: boolean, paused: boolean, status: SyncStatus, pending: number): SyncBadgeState {
  if (!enrolled) return { state: 'none' };
  if (paused) return { state: 'paused', pending };
  if (status.locked || (status.lastError && !status.offline)) return { state: 'error', pending };
  if (status.lastError) return { state: 'offline', pending };
  if (pending > 0) return { state: 'waiting', pending };
  return { state: 'connected', pending };
}

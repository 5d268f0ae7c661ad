// Timers fire in exactly one window: the one holding the Web Lock. Other windows wait in
// the lock's queue and take over when the leader closes, so a timer never fires twice.
import { config } from '../config';
import { counter, engineReady } from './client';
import { useUiStore } from '../state/uiStore';

// One lock per database: e2e tests open a fresh db per page and must each have a leader.
const LOCK_NAME = config.dbName === 'counterflow' ? 'counterflow-leader' : `counterflow-leader:${config.dbName}`;
const PERIOD_MS = config.demo ? 1_000 : 15_000;

/** Start competing for leadership; returns a stop function (used on unmount / HMR). */
export function startLeaderLoop(): () => void {
  const abort = new AbortController();
  if (!('locks' in navigator)) {
    console.warn('Web Locks unavailable: timers will not run in this window');
    return () => abort.abort();
  }
  navigator.locks
    .request(LOCK_NAME, { signal: abort.signal }, async () => {
      useUiStore.getState().setLeader(true);
      try {
        await engineReady;
        await runUntilAborted(abort.signal);
      } finally {
        useUiStore.getState().setLeader(false);
      }
    })
    .catch((error: unknown) => {
      if (!abort.signal.aborted) console.error('leader lock failed', error);
    });
  return () => abort.abort();
}

/** Sync rounds: every few seconds while they succeed; after a failure, waits that double
 *  up to a few minutes (a counter offline for hours does not knock every second). */
const SYNC_PERIOD_MS = config.demo ? 1_000 : 5_000;
const SYNC_MAX_BACKOFF_MS = 5 * 60_000;
export function nextSyncDelay(failures: number): number {
  return failures === 0 ? SYNC_PERIOD_MS : Math.min(SYNC_MAX_BACKOFF_MS, SYNC_PERIOD_MS * 2 ** failures);
}

async function runUntilAborted(signal: AbortSignal): Promise<void> {
  void syncUntilAborted(signal);
  while (!signal.aborted) {
    try {
      await counter.runDueTimers();
    } catch (error) {
      // A failing run must not cost the leadership; the next tick tries again.
      console.error('runDueTimers failed', error);
    }
    await sleep(PERIOD_MS, signal);
  }
}

async function syncUntilAborted(signal: AbortSignal): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const outcome = await counter.syncNow();
      failures = outcome.state === 'failed' ? failures + 1 : 0;
    } catch (error) {
      failures += 1;
      console.error('sync round failed', error);
    }
    await sleep(nextSyncDelay(failures), signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const id = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(id);
      resolve();
    }, { once: true });
  });
}

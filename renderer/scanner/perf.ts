// Scan-to-screen timing, for bench/: from the suffix keydown of a scan to the frame that
// shows its result.
//
//   performance.mark('scan:enter')      in the capture handler (startTime = the suffix
//                                       keydown's event.timeStamp), see capture.ts
//   performance.mark('scan:painted')    once the routed result is on screen
//   performance.measure('scan-to-screen', { start, end, detail })
//                                       detail: { id, kind, ok, settle, timedOut }
//
// "On screen": for an engine write ('commit') that names the state it shows, the frame in
// which that entity's badge shows it; for other writes, Dexie's change notice reaches this window,
// the live queries re-run and React commits; for a new screen ('navigate') the screen has
// rendered with no loading indicator left in <main>; for UI state ('local') React commits.
// The paint time is taken just after the first frame that shows a DOM change made after
// the write's notice (rAF, then a task: the frame has been painted by then); later
// cascades (the action panel asking the engine again) are not waited for. Changes to the
// feedback overlay and the toasts are not the result and are ignored. The measurement runs beside the scan queue and never delays a scan.
// bench/ reads performance.getEntriesByName('scan-to-screen', 'measure'); entries with
// detail.timedOut are results that never showed (e.g. a write to a screen not showing it).
import Dexie from 'dexie';
import type { ScanOutcome, Settle } from './types';

const IGNORE = '[data-scan-ignore], .mantine-Notifications-root';
const MAX_WAIT_MS = 2000;

/**
 * Resolves with the time (performance.now()) of the next storagemutated notice Dexie
 * delivers to this window for a table other than the scan log (the log's own writes are
 * not a scan's result), or null after `timeoutMs`.
 */
export function nextDexieChange(timeoutMs = 1500): { promise: Promise<number | null>; cancel(): void } {
  let done: (at: number | null) => void = () => undefined;
  const promise = new Promise<number | null>((resolve) => (done = resolve));
  const listener = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((key) => !/^idb:\/\/[^/]*\/scans(\/|$)/.test(key))) finish(performance.now());
  };
  const timer = setTimeout(() => finish(null), timeoutMs);
  function finish(at: number | null) {
    clearTimeout(timer);
    Dexie.on.storagemutated.unsubscribe(listener);
    done(at);
  }
  Dexie.on.storagemutated.subscribe(listener);
  return { promise, cancel: () => finish(null) };
}

/** Resolves just after the next frame has been painted, with that time; `inFrame` runs
 *  just before that frame is drawn (what it reads is what the frame shows). */
function afterPaint(inFrame?: () => void): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      inFrame?.();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}

function relevant(records: MutationRecord[]): boolean {
  return records.some((r) => {
    const node = r.target instanceof Element ? r.target : r.target.parentElement;
    return !node?.closest(IGNORE);
  });
}

const loading = () => document.querySelector('main [role="status"]') !== null;

/** The state each entity badge on screen shows (a handful of elements). */
function badgeStates(): Map<string, string> {
  const states = new Map<string, string>();
  for (const el of document.querySelectorAll<HTMLElement>('[data-entity-id][data-state]')) states.set(el.dataset.entityId!, el.dataset.state!);
  return states;
}

export interface PaintWatch {
  /**
   * Resolves with the paint time of the scan's result. `change` (for 'commit') resolves
   * with the time Dexie's notice of the write arrived: only DOM changes after it count.
   */
  settled(settle: Settle, change?: Promise<number | null>, shows?: ScanOutcome['shows']): Promise<{ paintedAt: number; timedOut: boolean }>;
}

/** Starts watching the DOM now (before the scan is routed). */
export function watchPaint(): PaintWatch {
  const createdAt = performance.now();
  let lastChange = 0;
  let painting = false;
  /** Each frame painted after DOM changes: when, the latest change it shows, whether a
   *  loading indicator was up, and the states its entity badges showed. */
  const paints: Array<{ at: number; change: number; loading: boolean; states: Map<string, string> }> = [];
  const paintAfterChange = () => {
    painting = true;
    let states = new Map<string, string>();
    void afterPaint(() => (states = badgeStates())).then((at) => {
      painting = false;
      paints.push({ at, change: lastChange, loading: loading(), states });
      if (lastChange > at) paintAfterChange();
    });
  };
  const observer = new MutationObserver((records) => {
    if (!relevant(records)) return;
    lastChange = performance.now();
    if (!painting) paintAfterChange();
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });

  return {
    async settled(settle, change, shows) {
      try {
        if (settle === 'commit' && shows) {
          // The result is on screen in the first frame whose badge for the entity shows the
          // committed state (often painted before the router has finished its message).
          while (performance.now() - createdAt < MAX_WAIT_MS) {
            const shown = paints.find((p) => p.states.get(shows.entityId) === shows.state);
            if (shown) return { paintedAt: shown.at, timedOut: false };
            // Showing without a change since the scan: it showed that state already.
            if (!painting && badgeStates().get(shows.entityId) === shows.state) return { paintedAt: await afterPaint(), timedOut: false };
            await afterPaint();
          }
          return { paintedAt: performance.now(), timedOut: true };
        }
        const since = settle === 'commit' && change ? await change : createdAt;
        const firstPaint = await afterPaint();
        if (settle === 'none' || since === null) return { paintedAt: firstPaint, timedOut: since === null };
        while (performance.now() - createdAt < MAX_WAIT_MS) {
          // The first frame showing a change made after the write's notice (or the scan):
          // the live query's new rows, the new screen without a loading indicator.
          const shown = paints.find((p) => p.change >= since && !(settle === 'navigate' && p.loading));
          if (shown) return { paintedAt: shown.at, timedOut: false };
          // UI-only changes commit within the routing task: nothing changed means nothing to show.
          if (settle === 'local' && !painting && lastChange < since) return { paintedAt: firstPaint, timedOut: false };
          await afterPaint();
        }
        return { paintedAt: performance.now(), timedOut: true };
      } finally {
        observer.disconnect();
      }
    },
  };
}

export function recordScanTiming(enterAt: number, paintedAt: number, detail: Record<string, unknown>): void {
  try {
    performance.mark('scan:painted', { startTime: paintedAt, detail });
    performance.measure('scan-to-screen', { start: enterAt, end: paintedAt, detail });
  } catch {
    // Timing is a diagnostic; never let it break a scan.
  }
}

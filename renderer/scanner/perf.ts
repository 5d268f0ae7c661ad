// Scan-to-screen timing, for bench/: from the suffix keydown of a scan to the frame that
// shows its result.
//
//   performance.mark('scan:enter')      in the capture handler (startTime = the Enter
//                                       keydown's event.timeStamp), see capture.ts
//   performance.mark('scan:painted')    once the routed result is on screen
//   performance.measure('scan-to-screen', { start, end, detail })
//                                       detail: { id, kind, ok, settle, timedOut }
//
// "On screen": for an engine write ('commit'), Dexie's change notice reaches this window,
// the live queries re-run and React commits; for a new screen ('navigate') the screen has
// rendered with no loading indicator left in <main>; for UI state ('local') React commits.
// The paint time is taken after the first frame that follows the last DOM change of that
// update (rAF, then a task: the frame has been painted by then). Changes to the feedback
// overlay and the toasts are not the result and are ignored.
import Dexie from 'dexie';
import type { Settle } from './types';

const IGNORE = '[data-scan-ignore], .mantine-Notifications-root';
const QUIET_FRAMES = 3;
const MAX_WAIT_MS = 2000;

/**
 * Resolves at the next storagemutated notice Dexie delivers to this window for a table
 * other than the scan log (the log's own writes are not a scan's result).
 */
export function nextDexieChange(timeoutMs = 1000): { promise: Promise<boolean>; cancel(): void } {
  let done: (changed: boolean) => void = () => undefined;
  const promise = new Promise<boolean>((resolve) => (done = resolve));
  const listener = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((key) => !/^idb:\/\/[^/]*\/scans(\/|$)/.test(key))) finish(true);
  };
  const timer = setTimeout(() => finish(false), timeoutMs);
  function finish(changed: boolean) {
    clearTimeout(timer);
    Dexie.on.storagemutated.unsubscribe(listener);
    done(changed);
  }
  Dexie.on.storagemutated.subscribe(listener);
  return { promise, cancel: () => finish(false) };
}

function afterPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
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

/**
 * Watches the DOM from now on. `settled(settle, change)` resolves with the paint time of
 * the result: after `change` (Dexie's notice of a write) has come, the paint after the
 * last DOM change before a few quiet frames.
 */
export function watchPaint(): { settled(settle: Settle, change?: Promise<unknown>): Promise<{ paintedAt: number; timedOut: boolean }> } {
  let lastChange = 0;
  let armed = true;
  const observer = new MutationObserver((records) => {
    if (armed && relevant(records)) lastChange = performance.now();
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  return {
    async settled(settle, change) {
      const started = performance.now();
      try {
        if (change) {
          // Only what the write's notice sets off counts.
          armed = false;
          lastChange = 0;
          await change;
          armed = true;
        }
        let paintedAt = await afterPaint();
        // Nothing to wait for after UI-only changes (React committed in this task).
        let seen = lastChange > 0 || settle === 'none' || settle === 'local';
        let quiet = 0;
        while (performance.now() - started < MAX_WAIT_MS) {
          const before = lastChange;
          const frame = await afterPaint();
          if (lastChange !== before) {
            seen = true;
            quiet = 0;
            paintedAt = frame;
            continue;
          }
          if (!seen) continue; // the live query or the new screen has not shown up yet
          if (settle === 'navigate' && loading()) continue;
          quiet += 1;
          if (quiet >= QUIET_FRAMES) return { paintedAt, timedOut: false };
        }
        return { paintedAt, timedOut: true };
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

// The window's start-up order: the first screen renders first; what can wait (the engine
// worker, combobox-based controls) starts at the window's first idle moment, at most 1 s on.
// On this 2-core machine the first mount of Mantine's combobox family (Select, MultiSelect)
// cost the board's cold start ~60 ms; the worker's start competed for the CPU likewise.
// The first screen may also hold that moment back until its data are on screen: the window
// is idle while it waits for IndexedDB, and the worker's start-up reads (the whole stock
// ledger, due timers) then queued the screen's reads behind them.
import { useEffect, useState } from 'react';

const FIRST_IDLE_TIMEOUT_MS = 1000;
/** The longest a screen may hold the first idle moment back. */
export const HOLD_MAX_MS = 3000;

let idle = false;
let holds = 0;
const waiting = new Set<() => void>();

function becomeIdle(): void {
  if (idle || holds > 0) return;
  idle = true;
  waiting.forEach((run) => run());
  waiting.clear();
}

function whenIdle(): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(becomeIdle, { timeout: FIRST_IDLE_TIMEOUT_MS });
  else setTimeout(becomeIdle, 0);
}
whenIdle();

/** Runs `run` once the window has first been idle (at once if it has). */
export function afterFirstIdle(run: () => void): () => void {
  if (idle) {
    run();
    return () => undefined;
  }
  waiting.add(run);
  return () => void waiting.delete(run);
}

/**
 * Holds the first idle moment back until the returned release is called (or HOLD_MAX_MS
 * have passed); then it comes at the next idle moment after that. Nothing once idle.
 */
export function holdFirstIdle(): () => void {
  if (idle) return () => undefined;
  holds += 1;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    holds -= 1;
    if (holds === 0) whenIdle();
  };
  const timer = setTimeout(release, HOLD_MAX_MS);
  return release;
}

/** False until the window has first been idle: render a same-size stand-in until then. */
export function useWindowIdle(): boolean {
  const [ready, setReady] = useState(idle);
  useEffect(() => (ready ? undefined : afterFirstIdle(() => setReady(true))), [ready]);
  return ready;
}

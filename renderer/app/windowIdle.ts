// The window's start-up order: the first screen renders first; what can wait (the engine
// worker, combobox-based controls) starts at the window's first idle moment, at most 1 s on.
// On this 2-core machine the first mount of Mantine's combobox family (Select, MultiSelect)
// cost the board's cold start ~60 ms; the worker's start competed for the CPU likewise.
import { useEffect, useState } from 'react';

const FIRST_IDLE_TIMEOUT_MS = 1000;

let idle = false;
const waiting = new Set<() => void>();

function becomeIdle(): void {
  idle = true;
  waiting.forEach((run) => run());
  waiting.clear();
}
if (typeof requestIdleCallback === 'function') requestIdleCallback(becomeIdle, { timeout: FIRST_IDLE_TIMEOUT_MS });
else setTimeout(becomeIdle, 0);

/** Runs `run` once the window has first been idle (at once if it has). */
export function afterFirstIdle(run: () => void): () => void {
  if (idle) {
    run();
    return () => undefined;
  }
  waiting.add(run);
  return () => void waiting.delete(run);
}

/** False until the window has first been idle: render a same-size stand-in until then. */
export function useWindowIdle(): boolean {
  const [ready, setReady] = useState(idle);
  useEffect(() => (ready ? undefined : afterFirstIdle(() => setReady(true))), [ready]);
  return ready;
}

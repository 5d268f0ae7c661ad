// Timers of synced orders fire on the server too: a firing is the command `timer:<id>`, so
// whichever place fires it first (the server, or a counter that was offline) wins and the
// other is a repeat with no effect (shared/engine/command.ts). A parcel's late timer is one of
// them: the server engine registers the tracking firer, and its exception's id is derived
// from the timer's, so the offline counter's and the server's are one row.
import type { ServerEngine } from './engine';

export const SERVER_DEVICE = 'server';

/** Fires due timers every `periodMs` (none when 0); the returned stop waits for a run under way. */
export function startTimerLoop(engine: ServerEngine, periodMs: number, onError: (error: unknown) => void): () => Promise<void> {
  if (periodMs <= 0) return async () => undefined;
  let running: Promise<unknown> = Promise.resolve();
  const id = setInterval(() => {
    running = running.then(() => engine.commandsFor(SERVER_DEVICE, 'system').runDueTimers()).catch(onError);
  }, periodMs);
  return async () => {
    clearInterval(id);
    await running;
  };
}

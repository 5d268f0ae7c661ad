// Wrong PINs slow the next try down: the wait grows with each wrong PIN in a row
// (0, 0, 1, 2, 4, 8... seconds, at most 15 minutes) and a successful sign-in resets it.
// Pure: it reads the operator's latest sign-in rows, newest first.
import type { SignInRow } from '../db/rows';

export const MAX_SIGN_IN_DELAY_MS = 15 * 60_000;
/** Rows read per operator: past this many wrong PINs in a row the delay is at its cap anyway. */
export const SIGN_IN_ROWS_READ = 32;

/** Delay after `failures` wrong PINs in a row. */
export function delayAfter(failures: number): number {
  if (failures < 2) return 0;
  return Math.min(MAX_SIGN_IN_DELAY_MS, 1000 * 2 ** Math.min(failures - 2, 30));
}

/** Wrong PINs since the last success, and when the latest was. 'rate-limited' tries are
 *  not counted (waiting it out must work) nor are unknown names (no operator to slow down). */
export function failuresInARow(newestFirst: readonly SignInRow[]): { failures: number; lastAt: number | null } {
  let failures = 0;
  let lastAt: number | null = null;
  for (const row of newestFirst) {
    if (row.outcome === 'ok') break;
    if (row.outcome !== 'wrong-pin') continue;
    failures += 1;
    lastAt ??= row.at;
  }
  return { failures, lastAt };
}

/** How long (ms) the operator must still wait before the next PIN is checked; 0 = now. */
export function signInWait(newestFirst: readonly SignInRow[], now: number): number {
  const { failures, lastAt } = failuresInARow(newestFirst);
  if (lastAt === null) return 0;
  const delay = delayAfter(failures);
  // Never more than the delay itself: a clock set back must not lock a person out for hours.
  return Math.min(delay, Math.max(0, lastAt + delay - now));
}

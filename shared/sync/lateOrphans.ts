// A late exception an offline counter opened that the server never made. A parcel's late
// timer fires once, on whichever side fires it first, with one id (`late:<timer id>`), and a
// firing is never pushed. When the server (or another counter, through it) saw the parcel
// move on before its timer was due there, the server's timer ends cancelled, skipped or
// failed and it has no late exception; the counter that fired offline would keep its own,
// since a pulled row never deletes one. So the pulled timer decides: a timer the server did
// not fire leaves no late exception, and no firing, on the counter either.
import { timerCommandId } from '../engine/command';
import type { CounterDb } from '../db/database';
import type { TimerRow } from '../db/rows';
import { lateExceptionId } from '../tracking/decide';
import type { PulledChange } from './tables';

/** Removes the late exceptions (and the firings that opened them) of the page's parcel
 *  timers the server ended without firing. Runs inside the page's transaction. */
export async function dropOrphanLateExceptions(db: CounterDb, changes: readonly PulledChange[]): Promise<number> {
  const ended = changes
    .filter((c) => c.table === 'timers')
    .map((c) => c.row as TimerRow)
    .filter((t) => t.orderId.startsWith('shipment:') && t.status !== 'pending' && t.status !== 'fired');
  // A counter with no exception at all (an empty one catching up) reads nothing more.
  if (ended.length === 0 || (await db.exceptions.count()) === 0) return 0;
  const ids = ended.map((t) => lateExceptionId(t.id));
  const found = await db.exceptions.bulkGet(ids);
  const orphans = ended.filter((_, i) => found[i] !== undefined);
  if (orphans.length === 0) return 0;
  await db.exceptions.bulkDelete(orphans.map((t) => lateExceptionId(t.id)));
  // The local firing's stored result ("fired"); a firing the server stored (skipped) stays.
  const firings = await db.commands.bulkGet(orphans.map((t) => timerCommandId(t.id)));
  const local = firings.filter((f) => f !== undefined && (f.result as { fired?: unknown } | null)?.fired === true).map((f) => f!.id);
  if (local.length) await db.commands.bulkDelete(local);
  return orphans.length;
}

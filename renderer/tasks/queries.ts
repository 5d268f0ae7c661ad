// Live reads for the task monitor, through the [status+dueAt] index: pending soonest
// first, finished (and failed) ones most recent first, each capped. Entities are resolved to what a
// clerk recognises (line number and sku) with two bulk reads.
import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { TimerRow, TimerStatus } from '../../shared/db/rows';
import { db } from '../db';
import type { StatusFilter } from './taskStore';

/** Failed comes right after pending: those timers wait for a person. */
export const STATUSES: TimerStatus[] = ['pending', 'failed', 'fired', 'skipped', 'cancelled'];
/** Most timers held per status; narrow with the filters to see others. */
export const TIMER_LIMIT = 2000;

export interface TimerView extends TimerRow {
  /** Line number and sku of the line the timer acts on (itself or through its refund sheet). */
  line: { lineNo: number; sku: string } | null;
}

const byStatus = (status: TimerStatus) => db.timers.where('[status+dueAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]);

export async function readTimers(filter: StatusFilter): Promise<{ rows: TimerView[]; truncated: boolean }> {
  const statuses = filter === 'all' ? STATUSES : [filter];
  const lists = await Promise.all(
    statuses.map((s) => (s === 'pending' ? byStatus(s) : byStatus(s).reverse()).limit(TIMER_LIMIT + 1).toArray()),
  );
  const truncated = lists.some((l) => l.length > TIMER_LIMIT);
  const timers = lists.flatMap((l) => l.slice(0, TIMER_LIMIT));

  const refundIds = [...new Set(timers.filter((t) => t.target.kind === 'refund').map((t) => t.target.id))];
  const refunds = await db.refunds.bulkGet(refundIds);
  const itemOfRefund = new Map(refunds.filter((r) => !!r).map((r) => [r!.id, r!.itemId]));
  const itemIds = [
    ...new Set(
      timers
        .map((t) => (t.target.kind === 'item' ? t.target.id : t.target.kind === 'refund' ? itemOfRefund.get(t.target.id) : undefined))
        .filter((id): id is string => !!id),
    ),
  ];
  const items = await db.items.bulkGet(itemIds);
  const lineOf = new Map(items.filter((i) => !!i).map((i) => [i!.id, { lineNo: i!.lineNo, sku: i!.sku }]));
  const rows = timers.map((t): TimerView => {
    const itemId = t.target.kind === 'item' ? t.target.id : t.target.kind === 'refund' ? itemOfRefund.get(t.target.id) : undefined;
    return { ...t, line: itemId ? (lineOf.get(itemId) ?? null) : null };
  });
  return { rows, truncated };
}

export function useTimers(filter: StatusFilter) {
  return useLiveQuery(() => readTimers(filter), [filter]);
}

/** How many timers each status has (counted on the index, nothing loaded). */
export function useTimerCounts() {
  return useLiveQuery(async () => {
    const counts = await Promise.all(STATUSES.map((s) => byStatus(s).count()));
    return Object.fromEntries(STATUSES.map((s, i) => [s, counts[i]!])) as Record<TimerStatus, number>;
  }, []);
}

/** Pending timers already due at `now` (re-counted as the clock moves). */
export function useDueCount(now: number) {
  const second = Math.floor(now / 1000);
  return useLiveQuery(
    () => db.timers.where('[status+dueAt]').between(['pending', Dexie.minKey], ['pending', second * 1000], true, true).count(),
    [second],
  );
}

/** The period preset in use (the engine keeps it in settings). */
export function usePeriodPreset() {
  return useLiveQuery(async () => ((await db.settings.get('periodPreset'))?.value === 'demo' ? 'demo' : 'production'), []);
}

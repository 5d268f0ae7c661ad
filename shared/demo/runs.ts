// What a demo import stored about its runs: each batch's command result. Small and free of
// the engine, so a screen can read it straight from the database (Settings → Demo data shows
// a stopped run with a way to resume it) without loading the import itself.
import type { CounterDb } from '../db/database';

/** What one batch stored as its command's result: enough to resume the run after it. */
export interface DemoBatchResult {
  ok: true;
  run: string;
  /** 1-based number of the batch in its run. */
  batch: number;
  /** Orders this batch wrote. */
  orders: number;
  /** Orders the run has written with this batch. */
  written: number;
  /** Orders the run was asked for, and per batch. */
  total: number;
  perBatch: number;
  /** Whether the run ends with this batch (its last one, or stock ran out). */
  last: boolean;
}

/** Command ids of a run's batches sort by run, then by batch number. */
export const DEMO_ID_PREFIX = 'demo:';
export const demoBatchId = (run: string, batch: number) => `${DEMO_ID_PREFIX}${run}:${String(batch).padStart(6, '0')}`;

/** The batches a run of this size takes when every order can be made. */
export const plannedBatches = (r: Pick<DemoBatchResult, 'total' | 'perBatch'>) => Math.max(1, Math.ceil(r.total / r.perBatch));

/** The last batch a run stored (undefined when none was applied). */
export async function lastBatchOf(db: CounterDb, run: string): Promise<DemoBatchResult | undefined> {
  const row = await db.commands.where(':id').startsWith(`${DEMO_ID_PREFIX}${run}:`).last();
  return row?.result as DemoBatchResult | undefined;
}

/** The newest import run that stopped before its end (a closed window, a failed write), if any. */
export async function unfinishedDemoImport(db: CounterDb): Promise<DemoBatchResult | undefined> {
  // Run ids are UUIDv7: the last key under the prefix is the newest run's last batch.
  const row = await db.commands.where(':id').startsWith(DEMO_ID_PREFIX).last();
  const result = row?.result as DemoBatchResult | undefined;
  return result && !result.last ? result : undefined;
}

// Reading the scan log: newest first, through the primary key or the `type` index, with a
// cap that grows as the operator scrolls (the log only ever grows).
import type { ScanRow } from '../../shared/db/rows';
import { db } from '../db';

export type ResultFilter = 'all' | 'ok' | 'failed';

export interface ScanFilter {
  result: ResultFilter;
  /** A parsed kind ('product', 'bad-check-digit'...) or null for every kind. */
  type: string | null;
}

function collection({ result, type }: ScanFilter) {
  const base = type ? db.scans.where('type').equals(type).reverse() : db.scans.toCollection().reverse();
  return result === 'all' ? base : base.filter((row) => row.ok === (result === 'ok'));
}

export function readScans(filter: ScanFilter, limit: number): Promise<ScanRow[]> {
  return collection(filter).limit(limit).toArray();
}

/** Every row the filter matches, oldest first (for export). */
export async function allScans(filter: ScanFilter): Promise<ScanRow[]> {
  return (await collection(filter).toArray()).reverse();
}

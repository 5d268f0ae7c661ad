// What the sync badge and Settings → Sync show, read in one place from the window's database:
// the enrolment, the last status, the commands waiting, and the refusals not dismissed yet.
import type { OutboxRow } from '../../shared/db/rows';
import type { SyncStatus } from '../../shared/sync/client';
import type { SyncConfig } from '../../shared/sync/outbox';
import { db } from '../db';
import { refusedOrderId } from './syncRefusals';

export interface SyncRows {
  config: SyncConfig | undefined;
  status: SyncStatus;
  pending: number;
  /** Newest first, each with the number of the order it named (when it named one). */
  refused: Array<{ row: OutboxRow; orderNumber: string | undefined }>;
}

export async function readSyncRows(): Promise<SyncRows> {
  const [config, status, pending, refused] = await Promise.all([
    db.syncState.get('config'),
    db.syncState.get('status'),
    db.outbox.where('status').equals('pending').count(),
    db.outbox.where('status').equals('refused').toArray(),
  ]);
  const open = refused.filter((r) => !r.dismissed).sort((a, b) => b.seq! - a.seq!);
  const orders = await db.orders.bulkGet(open.map((r) => refusedOrderId(r) ?? ''));
  return {
    config: config?.value as SyncConfig | undefined,
    status: (status?.value as SyncStatus | undefined) ?? {},
    pending,
    refused: open.map((row, i) => ({ row, orderNumber: orders[i]?.number })),
  };
}

// Backup: every table of the database, read in one read transaction (a consistent picture
// even while the engine keeps working), written as chunk lines into Blob parts, so rows
// leave the JS heap chunk by chunk (the browser may keep large blobs on disk).
import { isBackupTable } from './rowSchemas';
import type { CounterDb } from '../db/database';
import { BACKUP_APP, BACKUP_FORMAT, BACKUP_FORMAT_VERSION, ROWS_PER_CHUNK, type BackupHeader } from './format';
import { blockDigestsOf, checksumOf, gzip } from './reader';

export interface BackupMeta {
  deviceId: string;
  deviceName?: string;
  now: () => number;
  /** Gzip the rows (the default); plain lines are for tests that edit a file. */
  compress?: boolean;
}

export interface Backup {
  blob: Blob;
  header: BackupHeader;
  /** A file name a clerk can sort by: counterflow-<device>-<UTC date and time>.cfbackup */
  fileName: string;
}

export function backupFileName(deviceId: string, at: number): string {
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `counterflow-${deviceId.replace(/[^A-Za-z0-9_-]/g, '') || 'counter'}-${stamp}.cfbackup`;
}

export async function writeBackup(db: CounterDb, meta: BackupMeta): Promise<Backup> {
  const parts: Blob[] = [];
  const rowCounts: Record<string, number> = {};
  // The sync outbox and state stay out: they belong to this device's enrolment (its token
  // and cursor), and a restored counter is enrolled afresh (restore clears them).
  const tables = db.tables.filter((t) => isBackupTable(t.name));
  await db.transaction('r', tables, async (tx) => {
    for (const { name } of tables) {
      let rows: unknown[] = [];
      const flush = () => {
        if (rows.length) parts.push(new Blob([JSON.stringify({ table: name, rows }) + '\n']));
        rows = [];
      };
      rowCounts[name] = 0;
      await tx.table(name).each((row: unknown) => {
        rows.push(row);
        rowCounts[name]! += 1;
        if (rows.length >= ROWS_PER_CHUNK) flush();
      });
      flush();
    }
  });
  const lines = new Blob(parts);
  const compress = meta.compress ?? true;
  const body = compress ? await gzip(lines) : lines;
  const createdAt = meta.now();
  const unsigned: Omit<BackupHeader, 'checksum'> = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    app: BACKUP_APP,
    schemaVersion: db.verno,
    deviceId: meta.deviceId,
    ...(meta.deviceName ? { deviceName: meta.deviceName } : {}),
    createdAt,
    rowCounts,
    ...(compress ? { compression: 'gzip' as const } : {}),
  };
  const header: BackupHeader = { ...unsigned, checksum: await checksumOf(JSON.stringify(unsigned), await blockDigestsOf(body)) };
  return {
    blob: new Blob([JSON.stringify(header) + '\n', body], { type: 'application/octet-stream' }),
    header,
    fileName: backupFileName(meta.deviceId, createdAt),
  };
}

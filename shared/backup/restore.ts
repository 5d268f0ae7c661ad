// Restore: read the whole file and check it (header, checksum, schema version, every row)
// before touching anything; then replace every table in one read-write transaction, so a
// failure at any point leaves the database as it was.
import type { Transaction } from 'dexie';
import type { CounterDb } from '../db/database';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, chunkSchema, headerSchema, type BackupHeader, type BackupSummary, type ReadResult, type RefusalReason, type RestoreResult } from './format';
import { Migration, tablesAt } from './migrate';
import { BodyLines, checksumOf, NotOurFile, readHeaderLine, type Wait } from './reader';
import { isBackupTable, rowProblem, type BackupTable } from './rowSchemas';
import { storageFault } from '../db/storageFaults';

export interface ReadOptions {
  /** This counter's device id: a file from another one is flagged. */
  deviceId: string;
}

class Refusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

const NOT_OURS = 'This file is not a Counterflow backup';
const DAMAGED = 'This backup is damaged (cut off or changed after it was made): it cannot be restored. Use another backup file.';

function newerMessage(version: number, current: number): string {
  return `This backup was made by a newer version of Counterflow (data version ${version}; this app reads up to ${current}). Update the app, then restore it.`;
}

async function readHeader(blob: Blob, currentVersion: number, wait?: Wait): Promise<{ header: BackupHeader; unsignedText: string; bodyStart: number }> {
  let line: { text: string; bodyStart: number };
  try {
    line = await readHeaderLine(blob, wait);
  } catch (error) {
    if (error instanceof NotOurFile) {
      // Our header cut off before its end: a backup that was cut off, not someone else's file.
      const start = new TextDecoder().decode(await (wait ?? ((p) => p))(blob.slice(0, 40).arrayBuffer()));
      if (start.startsWith(`{"format":"${BACKUP_FORMAT}"`)) throw new Refusal('damaged', DAMAGED);
      throw new Refusal('not-a-backup', `${NOT_OURS}: ${error.message}.`);
    }
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(line.text);
  } catch {
    throw new Refusal('not-a-backup', `${NOT_OURS}: its first line is not a backup header.`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== BACKUP_FORMAT) {
    throw new Refusal('not-a-backup', `${NOT_OURS}.`);
  }
  const { checksum: _checksum, ...unsigned } = raw as Record<string, unknown>;
  const { schemaVersion, formatVersion } = unsigned;
  if (typeof schemaVersion === 'number' && schemaVersion > currentVersion) throw new Refusal('newer-schema', newerMessage(schemaVersion, currentVersion));
  if (typeof formatVersion === 'number' && formatVersion > BACKUP_FORMAT_VERSION) throw new Refusal('newer-schema', newerMessage(formatVersion, BACKUP_FORMAT_VERSION));
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw new Refusal('damaged', DAMAGED);
  return { header: parsed.data, unsignedText: JSON.stringify(unsigned), bodyStart: line.bodyStart };
}

/**
 * One pass over the file. Reads to the end even after a bad row, so that a damaged file is
 * reported as damaged (the checksum) rather than by whichever row the damage happened to hit.
 * `write` receives each chunk's rows in the current shape (only while every row so far fits).
 */
async function walk(
  blob: Blob,
  currentVersion: number,
  options: ReadOptions,
  wait?: Wait,
  write?: (table: BackupTable, rows: unknown[]) => Promise<unknown>,
): Promise<BackupSummary> {
  const { header, unsignedText, bodyStart } = await readHeader(blob, currentVersion, wait);
  const migration = new Migration(header.schemaVersion);
  const known = new Set<string>(tablesAt(header.schemaVersion));
  const counts: Record<string, number> = {};
  let firstProblem: string | null = null;
  let lineNo = 1;
  const lines = new BodyLines(blob, bodyStart, wait, header.compression ?? 'none');
  for (;;) {
    let line: string | null;
    try {
      line = await lines.next();
    } catch (error) {
      if (error instanceof NotOurFile) throw new Refusal('damaged', DAMAGED);
      throw error;
    }
    if (line === null) break;
    lineNo += 1;
    if (firstProblem) continue;
    let chunk: { table: string; rows: unknown[] };
    try {
      chunk = chunkSchema.parse(JSON.parse(line));
    } catch {
      firstProblem = `line ${lineNo} is not a chunk of rows`;
      continue;
    }
    if (!isBackupTable(chunk.table) || !known.has(chunk.table)) {
      firstProblem = `line ${lineNo} holds rows of an unknown table "${chunk.table.slice(0, 40)}"`;
      continue;
    }
    const table = chunk.table;
    counts[table] = (counts[table] ?? 0) + chunk.rows.length;
    const migrated = migration.rows(table, chunk.rows);
    if (!migrated.ok) {
      firstProblem = `${table}, line ${lineNo}, ${migrated.problem}`;
      continue;
    }
    for (const [i, row] of migrated.rows.entries()) {
      const problem = rowProblem(table, row, { numbered: !migration.regroups });
      if (problem) {
        firstProblem = `${table}, line ${lineNo}, row ${i + 1}: ${problem}`;
        break;
      }
    }
    if (!firstProblem && write) await write(table, migrated.rows);
  }
  if ((await checksumOf(unsignedText, lines.blockDigests, wait)) !== header.checksum) throw new Refusal('damaged', DAMAGED);
  const expected = Object.entries(header.rowCounts).filter(([, n]) => n > 0);
  const found = Object.entries(counts).filter(([, n]) => n > 0);
  if (!firstProblem && (expected.length !== found.length || expected.some(([t, n]) => counts[t] !== n))) throw new Refusal('damaged', DAMAGED);
  if (firstProblem) throw new Refusal('invalid-rows', `This backup holds data this app cannot use (${firstProblem}). Nothing was restored.`);
  if (write) for (const extra of migration.extraRows()) await write(extra.table, extra.rows);
  return {
    deviceId: header.deviceId,
    ...(header.deviceName ? { deviceName: header.deviceName } : {}),
    createdAt: header.createdAt,
    schemaVersion: header.schemaVersion,
    rowCounts: header.rowCounts,
    orders: header.rowCounts.orders ?? 0,
    fromAnotherCounter: header.deviceId !== options.deviceId,
    migrated: migration.needed,
    checksum: header.checksum,
  };
}

function refused(error: unknown): { ok: false; reason: RefusalReason; message: string } {
  if (error instanceof Refusal) return { ok: false, reason: error.reason, message: error.message };
  // A full disk is the likely end of a restore (it writes the whole file at once): said so.
  if (storageFault(error) === 'disk-full') return { ok: false, reason: 'disk-full', message: 'There is not enough free disk space for this backup; nothing was changed. Free some space on this computer, then restore again.' };
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { ok: false, reason: 'write-failed', message: `The restore failed and nothing was changed (${detail}).` };
}

/** Checks a backup file whole and says what it holds; writes nothing. */
export async function readBackup(db: CounterDb, blob: Blob, options: ReadOptions): Promise<ReadResult> {
  try {
    return { ok: true, summary: await walk(blob, db.verno, options) };
  } catch (error) {
    return refused(error);
  }
}

/** Settings key of the last backup taken of (or restored into) this database. */
export const LAST_BACKUP_KEY = 'lastBackup';

export interface LastBackup {
  at: number;
  fileName?: string;
}

/**
 * Replaces the whole database with the backup's rows, or changes nothing. Reads and checks
 * the file whole first (as readBackup does: the file may have changed since), then clears and
 * refills every table in one read-write transaction, checking the checksum again as it goes.
 */
export async function restoreBackup(db: CounterDb, blob: Blob, options: ReadOptions): Promise<RestoreResult> {
  const checked = await readBackup(db, blob, options);
  if (!checked.ok) return checked;
  try {
    const summary = await db.transaction('rw', db.tables, async (tx: Transaction) => {
      for (const table of db.tables) await tx.table(table.name).clear();
      // Keeps the transaction alive while the file is read (Dexie's Transaction.waitFor, public
      // at run time but missing from its typings).
      const keepAlive = tx as Transaction & { waitFor: Wait };
      const restored = await walk(blob, db.verno, options, (p) => keepAlive.waitFor(p), (table, rows) => tx.table(table).bulkAdd(rows));
      if (restored.checksum !== checked.summary.checksum) throw new Refusal('damaged', DAMAGED);
      // The data is now as safe as that file: it is the last backup of what is in the database.
      const last: LastBackup = { at: restored.createdAt };
      await tx.table('settings').put({ key: LAST_BACKUP_KEY, value: last });
      return restored;
    });
    return { ok: true, summary };
  } catch (error) {
    return refused(error);
  }
}

/** Records a backup that reached its file (after the save, not when the blob was made). */
export async function recordBackup(db: CounterDb, last: LastBackup): Promise<void> {
  await db.settings.put({ key: LAST_BACKUP_KEY, value: last });
}

export async function lastBackupOf(db: CounterDb): Promise<LastBackup | null> {
  const row = await db.settings.get(LAST_BACKUP_KEY);
  const value = row?.value as Partial<LastBackup> | undefined;
  return typeof value?.at === 'number' ? { at: value.at, ...(typeof value.fileName === 'string' ? { fileName: value.fileName } : {}) } : null;
}

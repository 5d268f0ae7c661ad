// Daily backups into a folder the clerk chose: the window makes the file (it owns the data),
// this writes it there and keeps the newest N. The folder is chosen in a native dialog and
// kept by the main process; the renderer can only name a file, never a path.
// File system access is passed in, so the rules are unit-tested under Node without Electron.
import path from 'node:path';

export const DEFAULT_KEEP = 14;
export const MAX_KEEP = 365;

/** What the main process remembers (userData/scheduled-backups.json). */
export interface ScheduledBackupConfig {
  folder: string | null;
  keep: number;
}

export interface BackupFs {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
  writeFile(file: string, content: string | Uint8Array, options: { flag: 'wx' }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: true }): Promise<void>;
  readdir(dir: string): Promise<string[]>;
}

/** The names scheduled backups get (and the only files pruning ever deletes). */
const SCHEDULED = /^counterflow-[A-Za-z0-9_-]{1,40}-\d{8}-\d{6}\.cfbackup$/;

export function isScheduledBackupName(name: string): boolean {
  return SCHEDULED.test(name);
}

export function parseConfig(text: string | null): ScheduledBackupConfig {
  try {
    const raw = text ? (JSON.parse(text) as Partial<ScheduledBackupConfig>) : {};
    const keep = Number.isInteger(raw.keep) && raw.keep! >= 1 && raw.keep! <= MAX_KEEP ? raw.keep! : DEFAULT_KEEP;
    return { folder: typeof raw.folder === 'string' && path.isAbsolute(raw.folder) ? raw.folder : null, keep };
  } catch {
    return { folder: null, keep: DEFAULT_KEEP };
  }
}

/** The files to delete so that only the newest `keep` backups stay (names sort by time). */
export function backupsToPrune(names: readonly string[], keep: number): string[] {
  const ours = names.filter(isScheduledBackupName).sort((a, b) => timeOf(a).localeCompare(timeOf(b)) || a.localeCompare(b));
  return ours.slice(0, Math.max(0, ours.length - keep));
}

function timeOf(name: string): string {
  return name.slice(-'20261206-083000.cfbackup'.length);
}

export type ScheduledWriteResult = { ok: true; fileName: string; removed: number } | { ok: false; reason: string };

/** Writes one backup into the folder (next to it, then renamed: never half a file) and prunes. */
export async function writeScheduledBackup(fs: BackupFs, config: ScheduledBackupConfig, fileName: string, content: Uint8Array): Promise<ScheduledWriteResult> {
  if (!config.folder) return { ok: false, reason: 'No backup folder is chosen.' };
  if (!isScheduledBackupName(fileName)) return { ok: false, reason: `Not a backup file name: ${fileName}` };
  const target = path.join(config.folder, fileName);
  const temp = path.join(config.folder, `.${fileName}.tmp`);
  try {
    await fs.rm(temp, { force: true });
    await fs.writeFile(temp, content, { flag: 'wx' });
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    return { ok: false, reason: `The backup could not be written to ${config.folder}: ${error instanceof Error ? error.message : String(error)}` };
  }
  let removed = 0;
  try {
    for (const old of backupsToPrune(await fs.readdir(config.folder), config.keep)) {
      await fs.rm(path.join(config.folder, old), { force: true });
      removed += 1;
    }
  } catch {
    // The new backup is written; an old one left behind is no loss.
  }
  return { ok: true, fileName, removed };
}

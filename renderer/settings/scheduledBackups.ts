// Daily backups in the desktop app: the window that runs the timers (the leader) checks every
// few minutes whether a day has passed since the last backup and, when a folder is chosen,
// has the engine make one and the shell write it there (keeping the newest N).
import i18n from 'i18next';
import { db } from '../db';
import { engineBackup, engineReady } from '../engine/client';
import { platform } from '../platform';
import { useUiStore } from '../state/uiStore';
import { toastRefused } from '../ui/toast';
import { backupOverdue } from './backupDue';

const CHECK_EVERY_MS = 5 * 60_000;
/** After a failed write (folder gone, disk full) wait this long before trying again. */
const RETRY_AFTER_MS = 60 * 60_000;

let failedAt = 0;
let running = false;

/** Makes a backup into the chosen folder when one is due; true when it wrote one. */
export async function runScheduledBackupIfDue(now = Date.now()): Promise<boolean> {
  const host = platform.scheduledBackups;
  if (!host || running || now - failedAt < RETRY_AFTER_MS) return false;
  running = true;
  try {
    const status = await host.status();
    if (!status.folder) return false;
    // The backup module (its row schemas: zod over every table) loads when a folder is set,
    // not with the window's entry.
    const { lastBackupOf } = await import('../../shared/backup/restore');
    if (!backupOverdue(await lastBackupOf(db), now)) return false;
    const made = await engineBackup.backup();
    const written = await host.write(made.fileName, made.blob);
    if (!written.ok) throw new Error(written.reason);
    await engineBackup.recordBackup({ at: made.createdAt, fileName: written.fileName });
    return true;
  } catch (error) {
    failedAt = now;
    toastRefused(i18n.t('settings.backup.daily.failed'), error instanceof Error ? error.message : String(error));
    return false;
  } finally {
    running = false;
  }
}

/** Starts the checks (desktop only); returns a stop function. */
export function startScheduledBackups(): () => void {
  if (!platform.scheduledBackups) return () => undefined;
  const tick = () => {
    if (useUiStore.getState().leader) void runScheduledBackupIfDue();
  };
  void engineReady.then(tick, () => undefined);
  const unsubscribe = useUiStore.subscribe((state, previous) => {
    if (state.leader && !previous.leader) tick();
  });
  const id = setInterval(tick, CHECK_EVERY_MS);
  return () => {
    clearInterval(id);
    unsubscribe();
  };
}

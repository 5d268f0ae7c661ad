// Back up and restore, as the Settings card and the File menu both run them: the engine
// makes and checks the file, the host saves or picks it, this store walks the restore
// through "what the file holds" and the operator's confirmation.
import i18n from 'i18next';
import { create } from 'zustand';
import type { BackupSummary, RefusalReason } from '../../shared/backup';
import { config } from '../config';
import { engineBackup } from '../engine/client';
import { platform } from '../platform';
import { toastOk, toastRefused } from '../ui/toast';

export type RestoreState =
  | { phase: 'idle' }
  | { phase: 'reading'; fileName: string }
  | { phase: 'confirm'; fileName: string; file: Blob; summary: BackupSummary }
  | { phase: 'restoring'; fileName: string; summary: BackupSummary }
  | { phase: 'refused'; fileName: string; reason: RefusalReason; detail: string };

interface BackupFlow {
  restore: RestoreState;
  backingUp: boolean;
  set(patch: Partial<Omit<BackupFlow, 'set'>>): void;
}

export const useBackupFlow = create<BackupFlow>()((set) => ({
  restore: { phase: 'idle' },
  backingUp: false,
  set: (patch) => set(patch),
}));

const { getState } = useBackupFlow;
const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Makes a backup and saves it where the operator says; notes it once the file is saved. */
export async function backUpNow(): Promise<void> {
  if (getState().backingUp) return;
  getState().set({ backingUp: true });
  try {
    const made = await engineBackup.backup();
    const fileName = await platform.saveFile('backup', made.fileName, made.blob);
    if (!fileName) return;
    await engineBackup.recordBackup({ at: made.createdAt, fileName });
    toastOk(t('settings.backup.saved'), fileName);
  } catch (error) {
    toastRefused(t('settings.backup.failed'), messageOf(error));
  } finally {
    getState().set({ backingUp: false });
  }
}

/** Asks for a backup file and checks it whole; the dialog then shows what it holds. */
export async function chooseRestoreFile(): Promise<void> {
  const busy = getState().restore.phase;
  if (busy === 'reading' || busy === 'restoring') return;
  let chosen;
  try {
    chosen = await platform.openFile('backup');
  } catch (error) {
    getState().set({ restore: { phase: 'refused', fileName: '', reason: 'not-a-backup', detail: messageOf(error) } });
    return;
  }
  if (!chosen) return;
  const { fileName, file } = chosen;
  getState().set({ restore: { phase: 'reading', fileName } });
  try {
    const read = await engineBackup.readBackup(file);
    getState().set({
      restore: read.ok ? { phase: 'confirm', fileName, file, summary: read.summary } : { phase: 'refused', fileName, reason: read.reason, detail: read.message },
    });
  } catch (error) {
    getState().set({ restore: { phase: 'refused', fileName, reason: 'write-failed', detail: messageOf(error) } });
  }
}

const RESTORED_KEY = 'counterflow.restored';
/** Tells the other windows on this database that everything under them was replaced. */
const RESTORED_CHANNEL = `counterflow-restored:${config.dbName}`;

/** Other windows start afresh after a restore in one of them (their engines loaded the old workflows). */
export function reloadOnRestoreElsewhere(): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(RESTORED_CHANNEL);
  // This window's own restore reaches its own listener too: that one reloads by itself.
  channel.onmessage = () => {
    if (getState().restore.phase !== 'restoring') window.location.reload();
  };
  return () => channel.close();
}

/** Replaces the database with the confirmed file; on success the window starts afresh. */
export async function confirmRestore(): Promise<void> {
  const state = getState().restore;
  if (state.phase !== 'confirm') return;
  const { fileName, file, summary } = state;
  getState().set({ restore: { phase: 'restoring', fileName, summary } });
  try {
    const result = await engineBackup.restoreBackup(file);
    if (!result.ok) {
      getState().set({ restore: { phase: 'refused', fileName, reason: result.reason, detail: result.message } });
      return;
    }
    // The engine keeps the workflows it loaded at start: start it (and every screen) again
    // on the restored data, and say what happened once the window is back.
    sessionStorage.setItem(RESTORED_KEY, JSON.stringify({ createdAt: result.summary.createdAt, orders: result.summary.orders }));
    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(RESTORED_CHANNEL);
      channel.postMessage('restored');
      channel.close();
    }
    window.location.reload();
  } catch (error) {
    getState().set({ restore: { phase: 'refused', fileName, reason: 'write-failed', detail: messageOf(error) } });
  }
}

export function closeRestore(): void {
  if (getState().restore.phase !== 'restoring') getState().set({ restore: { phase: 'idle' } });
}

/** After the reload that follows a restore: what was restored, once. */
export function takeRestoredNote(): { createdAt: number; orders: number } | null {
  try {
    const raw = sessionStorage.getItem(RESTORED_KEY);
    sessionStorage.removeItem(RESTORED_KEY);
    const note = raw ? (JSON.parse(raw) as { createdAt?: unknown; orders?: unknown }) : null;
    return note && typeof note.createdAt === 'number' && typeof note.orders === 'number' ? { createdAt: note.createdAt, orders: note.orders } : null;
  } catch {
    return null;
  }
}

// When a backup is due: a day after the last one (or at once when there has been none).
import type { LastBackup } from '../../shared/backup';

export const BACKUP_DUE_MS = 24 * 3_600_000;

export function backupOverdue(last: LastBackup | null, now: number): boolean {
  return last === null || now - last.at >= BACKUP_DUE_MS;
}

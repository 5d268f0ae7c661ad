// Whole-database backup and all-or-nothing restore (see format.ts for the file).
export { writeBackup, backupFileName, type Backup, type BackupMeta } from './write';
export { readBackup, restoreBackup, recordBackup, lastBackupOf, LAST_BACKUP_KEY, type LastBackup, type ReadOptions } from './restore';
export { BACKUP_EXTENSION, type BackupHeader, type BackupSummary, type ReadResult, type RestoreResult, type RefusalReason } from './format';

// Backups of this counter: when the last one ran (a warning after a day without one), back up
// now, restore from a file, and how safe the browser keeps the data (storage used, persistence).
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport, IconDatabaseImport, IconShieldCheck } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LAST_BACKUP_KEY, type LastBackup } from '../../shared/backup';
import { db } from '../db';
import { platform } from '../platform';
import { storageStatus, type StorageStatus } from '../platform/storage';
import { formatDateTime, formatDuration, numberFormat, useLocale, useNow } from '../ui/time';
import { backupOverdue } from './backupDue';
import { backUpNow, chooseRestoreFile, useBackupFlow } from './backupFlow';
import { DailyBackups } from './DailyBackups';
import { SettingsCard } from './SettingsCard';


function megabytes(bytes: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}

export function BackupCard() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const now = useNow();
  const backingUp = useBackupFlow((s) => s.backingUp);
  const restoring = useBackupFlow((s) => s.restore.phase !== 'idle');
  const last = useLiveQuery(async () => ((await db.settings.get(LAST_BACKUP_KEY))?.value as LastBackup | undefined) ?? null, []);
  const [storage, setStorage] = useState<StorageStatus | null>(null);

  useEffect(() => {
    let live = true;
    void storageStatus().then((status) => live && setStorage(status));
    return () => {
      live = false;
    };
  }, [last]);

  const overdue = last !== undefined && backupOverdue(last, now);
  return (
    <SettingsCard icon={<IconShieldCheck size={24} />} title={t('settings.backup.title')} description={t('settings.backup.description')} testId="settings-backup">
      <Stack gap={4}>
        <Text fw={600} data-testid="backup-last">
          {last === undefined
            ? '…'
            : last === null
              ? t('settings.backup.never')
              : t('settings.backup.last', { time: formatDateTime(last.at, locale), ago: formatDuration(now - last.at, locale) })}
        </Text>
        {last?.fileName ? (
          <Text fz="sm" c="dimmed">
            {t('settings.backup.file', { file: last.fileName })}
          </Text>
        ) : null}
      </Stack>
      {overdue ? (
        <Alert color="yellow" icon={<IconAlertTriangle />} data-testid="backup-overdue">
          {last ? t('settings.backup.overdue') : t('settings.backup.none')}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" leftSection={<IconDatabaseImport size={20} />} onClick={() => void chooseRestoreFile()} disabled={restoring} data-testid="restore-open">
          {t('settings.backup.restore')}
        </Button>
        <Button leftSection={<IconDatabaseExport size={20} />} onClick={() => void backUpNow()} loading={backingUp} data-testid="backup-now">
          {t('settings.backup.now')}
        </Button>
      </Group>
      {platform.scheduledBackups ? <DailyBackups host={platform.scheduledBackups} /> : null}
      <Stack gap={2} data-testid="storage-status">
        <Text fz="sm" data-testid="storage-used">
          {storage?.usage != null
            ? storage.quota
              ? t('settings.backup.storageUsedOf', { used: megabytes(storage.usage, locale), quota: megabytes(storage.quota, locale) })
              : t('settings.backup.storageUsed', { used: megabytes(storage.usage, locale) })
            : t('settings.backup.storageUnknown')}
        </Text>
        <Text fz="sm" c={storage?.persisted ? undefined : 'orange'} data-testid="storage-persisted">
          {storage?.persisted ? t('settings.backup.persisted') : storage?.persisted === false ? t('settings.backup.notPersisted') : t('settings.backup.persistUnknown')}
        </Text>
      </Stack>
    </SettingsCard>
  );
}

// Daily backups (desktop app): the folder they go to and how many are kept.
import { Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { IconFolder } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduledBackupHost, ScheduledBackupStatus } from '../platform';
import { toastRefused } from '../ui/toast';
import { runScheduledBackupIfDue } from './scheduledBackups';

export function DailyBackups({ host }: { host: ScheduledBackupHost }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ScheduledBackupStatus | null>(null);

  useEffect(() => {
    let live = true;
    void host.status().then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, [host]);

  const run = async (change: () => Promise<ScheduledBackupStatus>) => {
    try {
      const next = await change();
      setStatus(next);
      // A folder just chosen gets its first backup now when one is due.
      if (next.folder) void runScheduledBackupIfDue();
    } catch (error) {
      toastRefused(t('settings.backup.daily.failed'), error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Stack gap={6} data-testid="daily-backups">
      <Text fw={600}>{t('settings.backup.daily.title')}</Text>
      <Text fz="sm" data-testid="daily-backups-folder">
        {status?.folder ? t('settings.backup.daily.folder', { folder: status.folder }) : t('settings.backup.daily.off')}
      </Text>
      <Group align="flex-end">
        <Button variant="default" leftSection={<IconFolder size={20} />} onClick={() => void run(() => host.chooseFolder())} data-testid="daily-backups-choose">
          {t('settings.backup.daily.choose')}
        </Button>
        <NumberInput
          label={t('settings.backup.daily.keep')}
          min={1}
          max={365}
          w={160}
          value={status?.keep ?? ''}
          disabled={!status}
          onBlur={(event) => {
            const keep = Number(event.currentTarget.value);
            if (status && Number.isInteger(keep) && keep >= 1 && keep <= 365 && keep !== status.keep) void run(() => host.setKeep(keep));
          }}
          data-testid="daily-backups-keep"
        />
      </Group>
    </Stack>
  );
}

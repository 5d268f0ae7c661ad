// Sync with a server (issue 22): enrol this counter with a code from the administrator,
// then see how sync goes (last push and pull, commands waiting, the last error), pause
// it, and the commands the server refused with its reason (their effect here was taken back).
import { Alert, Badge, Button, Group, List, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconCloudUpload, IconRefresh } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Refused } from '../../shared/api';
import type { OutboxRow } from '../../shared/db/rows';
import type { SyncConfig } from '../../shared/sync/outbox';
import type { SyncStatus } from '../../shared/sync/client';
import { useCounter } from '../engine/client';
import { toastOk } from '../ui/toast';
import { useRefusalText } from '../workflow/labels';
import { SettingsCard } from './SettingsCard';
import { useRefusedSubject } from './syncRefusals';
import { readSyncRows } from './syncRows';
import { SyncZReports } from './SyncZReports';

type ShownConfig = Omit<SyncConfig, 'token'>;

function useSyncView() {
  return useLiveQuery(async () => {
    const { config, status, pending, refused } = await readSyncRows();
    return {
      config: config ? ({ url: config.url, deviceId: config.deviceId, deviceName: config.deviceName, prefix: config.prefix, cursor: config.cursor, paused: config.paused } satisfies ShownConfig) : undefined,
      status,
      pending,
      refused,
    };
  }, []);
}

export function SyncCard() {
  const { t } = useTranslation();
  const view = useSyncView();
  return (
    <SettingsCard icon={<IconCloudUpload size={24} />} title={t('settings.sync.title')} description={t('settings.sync.description')} testId="settings-sync">
      {view === undefined ? null : view.config ? <SyncStatusView config={view.config} status={view.status} pending={view.pending} refused={view.refused} /> : <EnrolForm />}
    </SettingsCard>
  );
}

function EnrolForm() {
  const { t } = useTranslation();
  const counter = useCounter();
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await counter.syncEnrol(url, code);
      if (!r.ok) setError(r.reason === 'till-open' ? t('settings.sync.tillOpen') : r.reason === 'no-device-number' ? t('settings.sync.noDeviceNumber') : r.message);
      else {
        toastOk(t('settings.sync.enrolled'), t('settings.sync.enrolledDetail', { prefix: r.prefix }));
        void counter.syncNow();
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <TextInput label={t('settings.sync.server')} placeholder="http://192.168.1.20:8787" value={url} onChange={(e) => setUrl(e.currentTarget.value)} data-testid="sync-url" />
        <TextInput label={t('settings.sync.code')} description={t('settings.sync.codeHint')} value={code} onChange={(e) => setCode(e.currentTarget.value)} data-testid="sync-code" />
        {error && (
          <Alert color="red" data-testid="sync-enrol-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={busy} disabled={!url.trim() || !code.trim()} data-testid="sync-enrol">
            {t('settings.sync.enrol')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SyncStatusView({ config, status, pending, refused }: { config: ShownConfig; status: SyncStatus; pending: number; refused: Array<{ row: OutboxRow; orderNumber: string | undefined }> }) {
  const { t, i18n } = useTranslation();
  const counter = useCounter();
  const refusalText = useRefusalText();
  const subject = useRefusedSubject();
  const when = (at: number | undefined) => (at ? new Date(at).toLocaleString(i18n.language) : t('settings.sync.never'));
  const state = config.paused ? 'paused' : status.lastError ? 'error' : 'connected';
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge color={state === 'connected' ? 'green' : state === 'paused' ? 'gray' : 'red'} data-testid="sync-state">
          {t(`settings.sync.state.${state}`)}
        </Badge>
        <Text fz="sm">{t('settings.sync.device', { name: config.deviceName, prefix: config.prefix, url: config.url })}</Text>
      </Group>
      <Text fz="sm">{t('settings.sync.lastPush', { when: when(status.lastPushAt) })}</Text>
      <Text fz="sm">{t('settings.sync.lastPull', { when: when(status.lastPullAt) })}</Text>
      <Text fz="sm" data-testid="sync-pending">
        {t('settings.sync.pending', { count: pending })}
      </Text>
      {status.lastError && (
        <Alert color="red" data-testid="sync-error">
          {status.lastError}
        </Alert>
      )}
      <Group justify="space-between">
        <Switch label={t('settings.sync.pause')} checked={config.paused} onChange={(e) => void counter.syncSetPaused(e.currentTarget.checked)} data-testid="sync-pause" />
        <Button variant="light" leftSection={<IconRefresh size={16} />} onClick={() => void counter.syncNow()} data-testid="sync-now">
          {t('settings.sync.now')}
        </Button>
      </Group>
      <SyncZReports />
      {refused.length > 0 && (
        <Stack gap={4} data-testid="sync-refusals">
          <Text fw={600}>{t('settings.sync.refusedTitle', { count: refused.length })}</Text>
          <List spacing={4}>
            {refused.map(({ row: r, orderNumber }) => (
              <List.Item key={r.commandId} data-testid="sync-refusal">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  {/* The server's own refusal: its code is one the counter knows (same rules). */}
                  <Text fz="sm">
                    <b>{subject(r, orderNumber)}</b> · {new Date(r.at).toLocaleString(i18n.language)} — {r.refusal ? refusalText(r.refusal as Refused, { origin: 'server' }) : ''}
                  </Text>
                  <Button size="compact-xs" variant="subtle" onClick={() => void counter.syncDismiss(r.commandId)}>
                    {t('settings.sync.dismiss')}
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}

// The Z reports the sync server keeps of this counter's closed tills (issue 22): read when
// asked (one request), so the Sync card shows that the server's close adds up as the
// counter's did — expected, counted and the difference, per method.
import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { IconReceipt2 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerZReportSummary } from '../../shared/sync/zReports';
import { useCounter } from '../engine/client';
import { useMethodName, useMoneyFormat } from '../money/useMoney';

export function SyncZReports() {
  const { t, i18n } = useTranslation();
  const counter = useCounter();
  const fmt = useMoneyFormat();
  const methodName = useMethodName();
  const [reports, setReports] = useState<ServerZReportSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    try {
      const r = await counter.syncZReports();
      setError(r.ok ? null : r.message);
      setReports(r.ok ? r.reports : null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} data-testid="sync-z-reports">
      <Button variant="subtle" size="compact-sm" leftSection={<IconReceipt2 size={16} />} loading={busy} onClick={() => void load()} style={{ alignSelf: 'flex-start' }} data-testid="sync-z-load">
        {t('settings.sync.zReports.load')}
      </Button>
      {error && (
        <Alert color="red" data-testid="sync-z-error">
          {error}
        </Alert>
      )}
      {reports && reports.length === 0 && <Text fz="sm">{t('settings.sync.zReports.none')}</Text>}
      {reports && reports.length > 0 && (
        <List spacing={4}>
          {reports.map((z) => (
            <List.Item key={z.tillId} data-testid="sync-z-report">
              <Text fz="sm" fw={600}>
                {t('settings.sync.zReports.closed', { when: z.closedAt === null ? '—' : new Date(z.closedAt).toLocaleString(i18n.language) })}
              </Text>
              {z.methods.map((m) => (
                <Text fz="sm" key={m.method}>
                  {m.counted === null
                    ? t('settings.sync.zReports.methodUncounted', { method: methodName(m.method), expected: fmt(m.expected) })
                    : t('settings.sync.zReports.method', { method: methodName(m.method), expected: fmt(m.expected), counted: fmt(m.counted), difference: fmt(m.difference ?? 0) })}
                </Text>
              ))}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

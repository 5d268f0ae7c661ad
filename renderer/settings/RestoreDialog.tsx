// The restore, step by step: checking the chosen file, what it holds (and whether it comes
// from another counter), the operator's confirmation, and a refusal that says why. Mounted
// from another counter), the operator's confirmation, and a refusal that says why. Loaded
// and mounted by RestoreGate (in the frame) once a restore starts, so the File menu's Restore
// works from every screen.
import { Alert, Button, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BackupSummary } from '../../shared/backup';
import { formatDateTime, numberFormat, useLocale } from '../ui/time';
import { ConfirmBody } from '../ui/ConfirmDialog';
import { closeRestore, confirmRestore, useBackupFlow } from './backupFlow';

/** The tables a clerk recognises, in the order they think of them. */
const SHOWN_TABLES = ['orders', 'items', 'refunds', 'vouchers', 'products', 'locations', 'stockLedger', 'scans'] as const;

export default function RestoreDialog() {
  const { t } = useTranslation();
  const state = useBackupFlow((s) => s.restore);

  const opened = state.phase !== 'idle';
  return (
    <Modal opened={opened} onClose={closeRestore} title={t('settings.backup.restoreTitle')} size="lg" closeOnClickOutside={state.phase !== 'restoring'} withCloseButton={state.phase !== 'restoring'}>
      {state.phase === 'reading' || state.phase === 'restoring' ? (
        <Group gap="sm" role="status" data-testid="restore-busy">
          <Loader size="sm" />
          <Text>{state.phase === 'reading' ? t('settings.backup.checking', { file: state.fileName }) : t('settings.backup.restoring')}</Text>
        </Group>
      ) : null}
      {state.phase === 'confirm' ? <Confirm fileName={state.fileName} summary={state.summary} /> : null}
      {state.phase === 'refused' ? (
        <Stack gap="md">
          <Alert color="red" icon={<IconAlertTriangle />} title={t(`settings.backup.refused.${state.reason}`)} role="alert" data-testid="restore-error">
            <Text>{t('settings.backup.unchanged')}</Text>
            {state.fileName ? (
              <Text fz="sm" mt="xs">
                {t('settings.backup.file', { file: state.fileName })}
              </Text>
            ) : null}
            {state.reason === 'invalid-rows' || state.reason === 'write-failed' || state.reason === 'newer-schema' ? (
              <Text fz="sm" ff="monospace" mt="xs">
                {state.detail}
              </Text>
            ) : null}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={closeRestore} data-testid="restore-close">
              {t('settings.backup.close')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

function Confirm({ fileName, summary }: { fileName: string; summary: BackupSummary }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const number = (n: number) => numberFormat(locale).format(n);
  const device = summary.deviceName ? `${summary.deviceName} (${summary.deviceId})` : summary.deviceId;
  return (
    <ConfirmBody
      confirmLabel={t('settings.backup.confirm')}
      cancelLabel={t('settings.backup.cancel')}
      onConfirm={() => void confirmRestore()}
      onCancel={closeRestore}
      danger
      confirmIcon={<IconDatabaseImport size={20} />}
      testIds={{ cancel: 'restore-cancel', confirm: 'restore-confirm' }}
    >
      <Stack gap="md" data-testid="restore-summary">
        <Text>{t('settings.backup.file', { file: fileName })}</Text>
        <Text fw={600} data-testid="restore-made">
          {t('settings.backup.madeBy', { device, time: formatDateTime(summary.createdAt, locale) })}
        </Text>
        {summary.fromAnotherCounter ? (
          <Alert color="yellow" icon={<IconAlertTriangle />} title={t('settings.backup.otherCounter')} data-testid="restore-other-counter">
            {t('settings.backup.otherCounterDetail', { device })}
          </Alert>
        ) : null}
        <Table withTableBorder striped data-testid="restore-counts">
          <Table.Tbody>
            {SHOWN_TABLES.map((table) => (
              <Table.Tr key={table} data-testid={`restore-count-${table}`}>
                <Table.Td>{t(`settings.backup.tables.${table}`)}</Table.Td>
                <Table.Td ta="right" className="tabular">
                  {number(summary.rowCounts[table] ?? 0)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {summary.migrated ? <Text fz="sm">{t('settings.backup.migrated')}</Text> : null}
        <Alert color="red" variant="light">
          {t('settings.backup.replaceWarning')}
        </Alert>
      </Stack>
    </ConfirmBody>
  );
}

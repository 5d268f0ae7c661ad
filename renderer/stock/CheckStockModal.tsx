// "Do the stored levels agree with the ledger?" — recomputes every level from the
// movements and open reservations, and offers to repair the stored figures if not.
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockCheck } from '../../shared/api';
import { useCounter } from '../engine/client';
import { LoadingState, ErrorView } from '../ui/states';
import { toastOk } from '../ui/toast';
import { modalTitleStyles } from './format';

export function CheckStockModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const [report, setReport] = useState<StockCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [repairing, setRepairing] = useState(false);

  const check = useCallback(() => {
    counter.checkStock().then(setReport, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [counter]);
  useEffect(check, [check]);
  const run = () => {
    setError(null);
    setReport(null);
    check();
  };

  const repair = async () => {
    setRepairing(true);
    try {
      const before = await counter.repairLevels();
      toastOk(t('stock.check.repaired'), t('stock.check.repairedDetail', { count: before.mismatches.length }));
      run();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRepairing(false);
    }
  };

  return (
    <Modal opened onClose={onClose} styles={modalTitleStyles} title={t('stock.check.title')} size="lg" data-testid="check-stock">
      <Stack gap="md">
        {error ? (
          <ErrorView message={error} onRetry={run} />
        ) : !report ? (
          <LoadingState label={t('stock.check.running')} minHeight={100} />
        ) : report.ok ? (
          <Alert color="green" variant="light" icon={<IconCircleCheck />} title={t('stock.check.okTitle')} data-testid="check-ok">
            {t('stock.check.okText')}
          </Alert>
        ) : (
          <>
            <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('stock.check.badTitle', { count: report.mismatches.length })} data-testid="check-bad">
              {t('stock.check.badText')}
            </Alert>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('stock.columns.sku')}</Table.Th>
                  <Table.Th>{t('stock.columns.location')}</Table.Th>
                  <Table.Th>{t('stock.check.figure')}</Table.Th>
                  <Table.Th ta="right">{t('stock.check.stored')}</Table.Th>
                  <Table.Th ta="right">{t('stock.check.fromLedger')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.mismatches.map((m) => {
                  const field = (m as { field?: string }).field ?? 'onHand';
                  return (
                  <Table.Tr key={`${m.sku}|${m.locationId}|${field}`}>
                    <Table.Td ff="monospace">{m.sku}</Table.Td>
                    <Table.Td>{m.locationId}</Table.Td>
                    <Table.Td>{t(field === 'reserved' ? 'stock.columns.reserved' : 'stock.columns.onHand')}</Table.Td>
                    <Table.Td ta="right" className="tabular">{m.stored}</Table.Td>
                    <Table.Td ta="right" className="tabular">{m.fromLedger}</Table.Td>
                  </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </>
        )}
        <Text fz="sm" c="dimmed">
          {t('stock.check.explain')}
        </Text>
        <Group justify="flex-end" gap="sm">
          {report && !report.ok ? (
            <Button color="red" variant="light" loading={repairing} onClick={() => void repair()}>
              {t('stock.check.repair')}
            </Button>
          ) : null}
          <Button variant="default" onClick={run} disabled={!report && !error}>
            {t('stock.check.again')}
          </Button>
          <Button onClick={onClose} data-autofocus data-testid="check-close">
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

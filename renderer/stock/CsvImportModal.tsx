// Import products or stock levels from a CSV file. The engine checks every row first and
// imports all rows or none: when any row is bad, each problem is listed by row and column.
import { Alert, Badge, Button, Code, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCT_COLUMNS } from '../../shared/inventory/csv';
import { useCounter } from '../engine/client';
import { platform } from '../platform';
import { toastOk } from '../ui/toast';
import { modalTitleStyles } from './format';
import { useRefusalText } from '../workflow/labels';

interface RowError {
  row: number;
  column: string | null;
  message: string;
}

const LEVEL_COLUMNS = ['sku', 'locationId', 'onHand'];

function rowErrorsOf(details: unknown): RowError[] {
  const errors = (details as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as RowError[]) : [];
}

export function CsvImportModal({ what, onClose }: { what: 'products' | 'levels'; onClose(): void }) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  const counter = useCounter();
  const [busy, setBusy] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; errors: RowError[] } | null>(null);

  const choose = async () => {
    setRefusal(null);
    const file = await platform.openTextFile('csv');
    if (!file) return;
    setFileName(file.fileName);
    setBusy(true);
    try {
      if (what === 'products') {
        const r = await counter.importProducts(file.content);
        if (!r.ok) return setRefusal({ message: refusalText(r), errors: rowErrorsOf(r.details) });
        toastOk(t('stock.import.done'), t('stock.import.doneProducts', { file: file.fileName, created: r.created, updated: r.updated }));
      } else {
        const r = await counter.importStockLevels(file.content);
        if (!r.ok) return setRefusal({ message: refusalText(r), errors: rowErrorsOf(r.details) });
        toastOk(t('stock.import.done'), t('stock.import.doneLevels', { file: file.fileName, count: r.movements }));
      }
      onClose();
    } catch (error) {
      setRefusal({ message: error instanceof Error ? error.message : String(error), errors: [] });
    } finally {
      setBusy(false);
    }
  };

  const columns = what === 'products' ? [...PRODUCT_COLUMNS] : LEVEL_COLUMNS;
  return (
    <Modal opened onClose={onClose} styles={modalTitleStyles} title={t(`stock.import.title.${what}`)} size="xl" data-testid="csv-import">
      <Stack gap="md">
        <Text>{t(`stock.import.hint.${what}`)}</Text>
        <Group gap={6}>
          <Text fz="sm" c="dimmed">
            {t('stock.import.columns')}
          </Text>
          {columns.map((c) => (
            <Code key={c}>{c}</Code>
          ))}
        </Group>
        <Text fz="sm" c="dimmed">
          {t('stock.import.allOrNothing')}
        </Text>
        {refusal ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('stock.import.refused', { file: fileName ?? '' })} role="alert" data-testid="csv-refusal">
            <Stack gap="sm">
              <Text>{refusal.message}</Text>
              {refusal.errors.length ? (
                <ScrollArea.Autosize mah={300} type="auto">
                  <Table striped withTableBorder data-testid="csv-errors" bg="var(--mantine-color-body)">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={80}>{t('stock.import.row')}</Table.Th>
                        <Table.Th w={160}>{t('stock.import.column')}</Table.Th>
                        <Table.Th>{t('stock.import.problem')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {refusal.errors.map((e, i) => (
                        <Table.Tr key={i} data-testid="csv-error">
                          <Table.Td className="tabular">
                            <Badge variant="light" color="red">
                              {e.row}
                            </Badge>
                          </Table.Td>
                          <Table.Td>{e.column ? <Code>{e.column}</Code> : '—'}</Table.Td>
                          <Table.Td>{e.message}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea.Autosize>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-testid="import-close">
            {t('common.close')}
          </Button>
          <Button leftSection={<IconFileImport size={20} />} loading={busy} onClick={() => void choose()} data-autofocus data-testid="csv-choose">
            {refusal ? t('stock.import.chooseAgain') : t('stock.import.choose')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

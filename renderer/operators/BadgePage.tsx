// An operator's badge, ready to print: name, roles and a Code 128 of the badge payload
// (CF:OP:<badge>), drawn by the labels module's barcode. Scanning it signs that operator in.
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { labelPayload } from '../../shared/barcode/labels';
import { db } from '../db';
import { LinearBarcode } from '../labels/Barcode';
import { printLabels } from '../labels/print';
import { PageHeader } from '../ui/PageHeader';
import { EmptyView, LoadingState } from '../ui/states';
import { toastRefused } from '../ui/toast';
import { useWorkflowWords } from '../workflow/labels';
import classes from './Badge.module.css';

export default function BadgePage() {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { id = '' } = useParams();
  const row = useLiveQuery(async () => (await db.operators.get(id)) ?? null, [id]);
  const print = async () => {
    const result = await printLabels();
    if (!result.ok) toastRefused(t('labels.printFailed'), result.reason);
  };
  if (row === undefined) return <LoadingState />;
  if (row === null) return <EmptyView title={t('operators.badge.missing')} />;
  const payload = labelPayload({ kind: 'operator', id: row.badge });
  return (
    <>
      <div className="no-print">
        <PageHeader title={t('operators.badge.title', { name: row.name })}>
          <Button variant="default" leftSection={<IconArrowLeft size={18} />} component={Link} to="/settings">
            {t('operators.badge.back')}
          </Button>
          <Button leftSection={<IconPrinter size={18} />} onClick={() => void print()} data-testid="badge-print">
            {t('operators.badge.print')}
          </Button>
        </PageHeader>
      </div>
      <Paper className={classes.badge} withBorder data-testid="operator-badge-card">
        <Stack gap={6} align="center">
          <Text fw={800} fz={22} c="#000">
            {row.name}
          </Text>
          <Text fz={12} c="#333">
            {row.roles.map((r) => words.role(r)).join(' · ')}
          </Text>
          <div className={classes.symbol}>
            <LinearBarcode value={payload} height={60} format="CODE128" />
          </div>
          <Group gap={4}>
            <Text ff="monospace" fz={11} c="#000">
              {payload}
            </Text>
          </Group>
        </Stack>
      </Paper>
    </>
  );
}

// Cash taken while no till session is open on this counter belongs to no Z report and is
// missing from the next session's expected cash: both payment forms say so, with the way to
// the till, before the clerk takes it.
import { Alert, Anchor } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { config } from '../config';
import { db } from '../db';

/** Whether a till session is open on this counter (undefined while reading). */
export function useTillOpen(): boolean | undefined {
  return useLiveQuery(async () => (await db.tills.where('[deviceId+status]').equals([config.deviceId, 'open']).count()) > 0, []);
}

export function NoTillWarning({ cash }: { cash: boolean }) {
  const { t } = useTranslation();
  const open = useTillOpen();
  if (!cash || open !== false) return null;
  return (
    <Alert color="yellow" variant="light" p="xs" icon={<IconAlertTriangle size={18} />} data-testid="no-till-warning">
      {t('money.pay.noTill')}{' '}
      <Anchor component={Link} to="/till" fz="sm" fw={700} data-testid="no-till-open">
        {t('money.pay.openTill')}
      </Anchor>
    </Alert>
  );
}

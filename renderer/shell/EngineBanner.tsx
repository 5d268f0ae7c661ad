// While the engine opens the database, and if it could not. "Opening the database" sits at the
// foot of the navbar (EngineStarting), outside the screen: it comes and goes in the first
// second of every start, and above the screen it pushed the board down when it went. A
// failure stays above the screen (EngineBanner): nothing works until it is dealt with.
import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useEngineStatus } from '../engine/client';
import { StorageFaultText } from '../ui/StorageFaultText';

export function EngineStarting() {
  const { t } = useTranslation();
  const status = useEngineStatus();
  if (status.phase !== 'starting') return null;
  return (
    <Group gap="sm" wrap="nowrap" p="xs" role="status" data-testid="engine-starting">
      <Loader size="xs" />
      <Text c="dimmed" fz="sm">
        {t('common.engine.starting')}
      </Text>
    </Group>
  );
}

export function EngineBanner() {
  const { t } = useTranslation();
  const status = useEngineStatus();
  if (status.phase !== 'failed') return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t('common.engine.failed')} mb="md" role="alert" data-testid="engine-failed">
      <Text>{status.fault ? <StorageFaultText fault={status.fault} /> : t('common.engine.failedHint')}</Text>
      <Text ff="monospace" fz="sm" mt="xs">
        {status.message}
      </Text>
      <Button mt="sm" variant="default" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </Button>
    </Alert>
  );
}

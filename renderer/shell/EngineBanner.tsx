// Shown above every screen while the engine opens the database, or if it could not.
import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useEngineStatus } from '../engine/client';

export function EngineBanner() {
  const { t } = useTranslation();
  const status = useEngineStatus();
  if (status.phase === 'ready') return null;
  if (status.phase === 'starting') {
    return (
      <Group gap="sm" mb="md" role="status" data-testid="engine-starting">
        <Loader size="xs" />
        <Text c="dimmed">{t('common.engine.starting')}</Text>
      </Group>
    );
  }
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t('common.engine.failed')} mb="md" role="alert" data-testid="engine-failed">
      <Text>{t('common.engine.failedHint')}</Text>
      <Text ff="monospace" fz="sm" mt="xs">
        {status.message}
      </Text>
      <Button mt="sm" variant="default" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </Button>
    </Alert>
  );
}

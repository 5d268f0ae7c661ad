// A small status line in the header: demo periods on, and whether this window runs timers.
import { Badge, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { config } from '../config';
import { useUiStore } from '../state/uiStore';

export function EngineStatus() {
  const { t } = useTranslation();
  const leader = useUiStore((s) => s.leader);
  return (
    <Group gap="xs" wrap="nowrap" visibleFrom="md">
      {config.demo ? (
        <Badge color="orange" variant="light" size="md">
          {t('common.engine.demo')}
        </Badge>
      ) : null}
      <Tooltip label={leader ? t('common.engine.leader') : t('common.engine.follower')}>
        <Badge
          color={leader ? 'green' : 'gray'}
          variant="dot"
          size="md"
          data-testid="leader-badge"
          data-leader={leader ? 'yes' : 'no'}
        >
          {t('common.device', { id: config.deviceId })}
        </Badge>
      </Tooltip>
    </Group>
  );
}

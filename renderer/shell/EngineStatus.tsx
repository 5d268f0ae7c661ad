// A small status line in the header: whether this window runs timers (the demo periods
// have their own badge, DemoPeriodsBadge, shown at every width).
import { Badge, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { config } from '../config';
import { useUiStore } from '../state/uiStore';

export function EngineStatus() {
  const { t } = useTranslation();
  const leader = useUiStore((s) => s.leader);
  return (
    <Group gap="xs" wrap="nowrap" visibleFrom="md">
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

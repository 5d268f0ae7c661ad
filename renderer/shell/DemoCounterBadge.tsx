// On every screen of the demo counter: its name, and the way back to the shop. Switching
// is always a deliberate click (the window starts anew on the other database).
import { ActionIcon, Badge, Group, Tooltip } from '@mantine/core';
import { IconBuildingStore, IconFlask } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { config, switchCounter } from '../config';

export function DemoCounterBadge() {
  const { t } = useTranslation();
  if (!config.demoCounter) return null;
  return (
    <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
      <Tooltip label={t('common.demoCounter.hint')} multiline w={300}>
        <Badge color="grape" variant="filled" size="lg" tt="none" leftSection={<IconFlask size={16} />} styles={{ label: { overflow: 'visible' } }} data-testid="demo-counter-badge">
          {t('common.demoCounter.name')}
        </Badge>
      </Tooltip>
      {/* An icon: the header must fit a 1366-pixel counter screen with every badge in it. */}
      <Tooltip label={t('common.demoCounter.backToShop')}>
        <ActionIcon size="lg" variant="default" aria-label={t('common.demoCounter.backToShop')} onClick={() => switchCounter('shop')} data-testid="back-to-shop">
          <IconBuildingStore size={20} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

// On every screen while the timers run on the short demo periods (the saved preset, or the
// `?demo=1` start-up switch): a counter on demo lengths cancels unpaid orders in minutes.
import { Badge, Tooltip } from '@mantine/core';
import { IconClockBolt } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { db } from '../db';

export function DemoPeriodsBadge() {
  const { t } = useTranslation();
  const preset = useLiveQuery(async () => (await db.settings.get('periodPreset'))?.value, []);
  if (preset !== 'demo') return null;
  return (
    <Tooltip label={t('common.engine.demoHint')} multiline w={280}>
      <Badge
        color="orange"
        variant="filled"
        size="lg"
        tt="none"
        leftSection={<IconClockBolt size={16} />}
        // Never squeezed into "DEMO PERIO…" by the header: it keeps its width, others give way.
        style={{ flexShrink: 0, overflow: 'visible' }}
        styles={{ label: { overflow: 'visible' } }}
        data-testid="demo-periods-badge"
      >
        {t('common.engine.demo')}
      </Badge>
    </Tooltip>
  );
}

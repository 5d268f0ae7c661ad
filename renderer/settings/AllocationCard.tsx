// Where order lines take their stock from when several locations have it.
import { Group, Radio, Stack, Text } from '@mantine/core';
import { IconArrowsSplit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SettingValue } from '../../shared/settings/settings';
import { useCounter } from '../engine/client';
import { toastOk, toastRefused } from '../ui/toast';
import { SettingsCard } from './SettingsCard';
import type { StoredSettings } from './useSettings';
import { useRefusalText } from '../workflow/labels';
import { AdminNotice, useAdminGate, useConfirmLiveChange } from './liveSettings';

const STRATEGIES: Array<SettingValue<'allocationStrategy'>> = ['priority', 'most-stock'];

export function AllocationCard({ settings }: { settings: StoredSettings }) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  const counter = useCounter();
  const value = settings.allocationStrategy ?? 'priority';
  const gate = useAdminGate();
  const confirm = useConfirmLiveChange();

  const choose = async (next: string) => {
    const r = await counter.setSetting('allocationStrategy', next as SettingValue<'allocationStrategy'>, { role: gate.role });
    if (r.ok) toastOk(t('settings.saved'), t(`settings.allocation.${next}.label`));
    else toastRefused(t('settings.notSaved'), refusalText(r));
  };

  return (
    <SettingsCard icon={<IconArrowsSplit size={24} />} title={t('settings.allocation.title')} description={t('settings.allocation.description')} testId="settings-allocation">
      <AdminNotice gate={gate} />
      {confirm.dialog}
      <Radio.Group
        value={value}
        onChange={(v) => confirm.ask(t('settings.live.allocation', { strategy: t(`settings.allocation.${v}.label`) }), () => choose(v))}
        aria-label={t('settings.allocation.title')}
      >
        <Stack gap="sm">
          {STRATEGIES.map((s) => (
            <Radio.Card key={s} value={s} radius="md" p="md" disabled={!gate.allowed} data-testid={`allocation-${s}`}>
              <Group wrap="nowrap" align="flex-start">
                <Radio.Indicator />
                <div>
                  <Text fw={700}>{t(`settings.allocation.${s}.label`)}</Text>
                  <Text fz="sm" c="dimmed">
                    {t(`settings.allocation.${s}.hint`)}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          ))}
        </Stack>
      </Radio.Group>
    </SettingsCard>
  );
}

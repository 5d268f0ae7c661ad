// Timer periods: the preset (production or the short demo lengths) and per-period
// overrides, with the length each timer will actually use. New timers use the new lengths;
// timers already scheduled keep their due times.
import { Button, Group, NumberInput, SegmentedControl, Table, Text } from '@mantine/core';
import { IconClockHour4, IconDeviceFloppy, IconRestore } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_PRESETS, type PeriodPreset } from '../../shared/settings/periods';
import { useCounter } from '../engine/client';
import { formatDuration, useLocale } from '../ui/time';
import { toastOk, toastRefused } from '../ui/toast';
import { useWorkflowCatalog } from '../workflow/catalog';
import { humanize } from '../workflow/labels';
import { SettingsCard } from './SettingsCard';
import type { StoredSettings } from './useSettings';
import { useRefusalText } from '../workflow/labels';
import { AdminNotice, useAdminGate, useConfirmLiveChange } from './liveSettings';

type Overrides = Record<string, number | string>;

function toSeconds(periods: Record<string, number> | undefined): Overrides {
  const out: Overrides = {};
  for (const [name, ms] of Object.entries(periods ?? {})) out[name] = ms / 1000;
  return out;
}

export function PeriodsCard({ settings }: { settings: StoredSettings }) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  const { locale } = useLocale();
  const counter = useCounter();
  const catalog = useWorkflowCatalog();
  const preset: PeriodPreset = settings.periodPreset === 'demo' ? 'demo' : 'production';
  const stored = settings.periods;
  // The operator's edits, or null while the table follows the stored overrides (so changes
  // made elsewhere, in another window or a script, show while nothing is being edited).
  const [draft, setDraft] = useState<Overrides | null>(null);
  const storedSeconds = useMemo(() => toSeconds(stored), [stored]);
  const overrides = draft ?? storedSeconds;
  const dirty = draft !== null;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const gate = useAdminGate();
  const confirm = useConfirmLiveChange();

  // Every period the presets know, plus any a definition names.
  const names = useMemo(() => {
    const all = new Set(Object.keys(PERIOD_PRESETS.production));
    for (const def of catalog.definitions) for (const p of def.periods) all.add(p);
    return [...all];
  }, [catalog]);

  const choosePreset = async (value: string) => {
    const result = await counter.setSetting('periodPreset', value as PeriodPreset, { role: gate.role });
    if (result.ok) toastOk(t('settings.saved'), t(`settings.periods.preset.${value}`));
    else toastRefused(t('settings.notSaved'), refusalText(result));
  };

  const save = async (next: Overrides) => {
    setSaving(true);
    setError(null);
    const ms: Record<string, number> = {};
    for (const [name, seconds] of Object.entries(next)) {
      if (seconds === '' || seconds === undefined) continue;
      ms[name] = Math.round(Number(seconds) * 1000);
    }
    try {
      const result = await counter.setSetting('periods', ms, { role: gate.role });
      if (!result.ok) return setError(refusalText(result));
      setDraft(null);
      toastOk(t('settings.saved'), t('settings.periods.savedDetail', { count: Object.keys(ms).length }));
    } finally {
      setSaving(false);
    }
  };

  const hasOverrides = Object.values(overrides).some((v) => v !== '' && v !== undefined);

  return (
    <SettingsCard icon={<IconClockHour4 size={24} />} title={t('settings.periods.title')} description={t('settings.periods.description')} testId="settings-periods">
      <AdminNotice gate={gate} />
      {confirm.dialog}
      <Group justify="space-between" align="center">
        <SegmentedControl
          value={preset}
          disabled={!gate.allowed}
          onChange={(v) => confirm.ask(t('settings.live.preset', { preset: t(`settings.periods.preset.${v}`) }), () => choosePreset(v))}
          data={[
            { value: 'production', label: t('settings.periods.preset.production') },
            { value: 'demo', label: t('settings.periods.preset.demo') },
          ]}
          data-testid="settings-preset"
          aria-label={t('settings.periods.presetLabel')}
        />
        <Text fz="sm" c="dimmed" maw={340}>
          {t(`settings.periods.presetHint.${preset}`)}
        </Text>
      </Group>
      <Table verticalSpacing={6} data-testid="periods-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.periods.period')}</Table.Th>
            <Table.Th ta="right">{t('settings.periods.presetLength')}</Table.Th>
            <Table.Th w={160}>{t('settings.periods.override')}</Table.Th>
            <Table.Th ta="right">{t('settings.periods.used')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {names.map((name) => {
            const base = PERIOD_PRESETS[preset][name];
            const raw = overrides[name];
            const override = raw === '' || raw === undefined ? undefined : Number(raw) * 1000;
            const used = override !== undefined && override > 0 ? override : base;
            const label = t(`settings.periods.names.${name}`, { defaultValue: humanize(name) });
            return (
              <Table.Tr key={name} data-testid={`period-${name}`}>
                <Table.Td>
                  <Text fw={600}>{label}</Text>
                  <Text fz="xs" c="dimmed" ff="monospace">
                    {name}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="tabular" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {base !== undefined ? formatDuration(base, locale) : '—'}
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="sm"
                    aria-label={t('settings.periods.overrideFor', { period: label })}
                    placeholder={t('settings.periods.noOverride')}
                    value={raw ?? ''}
                    disabled={!gate.allowed}
                    onChange={(v) => {
                      setDraft((d) => ({ ...(d ?? storedSeconds), [name]: v }));
                    }}
                    min={0.001}
                    decimalScale={3}
                    allowNegative={false}
                    rightSection={<Text fz="xs" c="dimmed">{t('settings.periods.seconds')}</Text>}
                    rightSectionWidth={48}
                    data-testid={`period-override-${name}`}
                  />
                </Table.Td>
                <Table.Td ta="right" fw={700} className="tabular" c={override !== undefined ? 'orange' : undefined} style={{ whiteSpace: 'nowrap' }} data-testid={`period-used-${name}`}>
                  {used !== undefined ? formatDuration(used, locale) : '—'}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {error ? (
        <Text c="red" fz="sm" role="alert">
          {error}
        </Text>
      ) : null}
      <Group justify="space-between">
        <Text fz="sm" c="dimmed">
          {t('settings.periods.appliesTo')}
        </Text>
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconRestore size={18} />}
            disabled={!gate.allowed || (!hasOverrides && Object.keys(stored ?? {}).length === 0)}
            title={gate.reason || undefined}
            onClick={() =>
              confirm.ask(t('settings.live.resetPeriods'), () => {
                setDraft({});
                return save({});
              })
            }
            data-testid="periods-reset"
          >
            {t('settings.periods.reset')}
          </Button>
          <Button
            leftSection={<IconDeviceFloppy size={18} />}
            loading={saving}
            disabled={!dirty || !gate.allowed}
            title={gate.reason || undefined}
            onClick={() => confirm.ask(t('settings.live.periods', { count: Object.values(overrides).filter((v) => v !== '' && v !== undefined).length }), () => save(overrides))}
            data-testid="periods-save"
          >
            {t('settings.periods.save')}
          </Button>
        </Group>
      </Group>
    </SettingsCard>
  );
}

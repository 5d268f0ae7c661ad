// Carriers as data: name, tracking-number pattern and check-digit rule, the customer's
// tracking address; and how long a parcel may go without a checkpoint before it is late.
import { Button, Checkbox, Group, NumberInput, Select, Stack, Table, TextInput } from '@mantine/core';
import { IconTruck } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_RULES, type CarrierRow, type CheckRule } from '../../shared/tracking/carriers';
import { DEFAULT_LATE_AFTER_MS } from '../../shared/tracking/decide';
import { db } from '../db';
import { useCounter } from '../engine/client';
import { toastOk, toastRefused } from '../ui/toast';
import { useRefusalText } from '../workflow/labels';
import { SettingsCard } from './SettingsCard';
import { SsccSettings } from './SsccSettings';
import { AdminNotice, useAdminGate, useConfirmLiveChange } from './liveSettings';
import { LIMITS } from '../../shared/limits';
import type { StoredSettings } from './useSettings';

const HOUR = 3_600_000;
const EMPTY = { id: '', name: '', pattern: '', check: 'none' as CheckRule, trackingUrl: 'https://', active: true };

export function CarriersCard({ settings }: { settings: StoredSettings }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const refusalText = useRefusalText();
  const carriers = useLiveQuery(() => db.carriers.toArray(), []);
  const [form, setForm] = useState<Omit<CarrierRow, 'updatedAt'>>(EMPTY);
  const [hours, setHours] = useState<number | string>((settings.parcelLateAfterMs ?? DEFAULT_LATE_AFTER_MS) / HOUR);

  const save = async () => {
    const r = await counter.saveCarrier(form);
    if (!r.ok) return toastRefused(t('settings.notSaved'), refusalText(r));
    toastOk(t('settings.saved'), form.name);
    setForm(EMPTY);
  };
  // When a parcel counts as late changes how the live counter works: Admin only, confirmed.
  const gate = useAdminGate();
  const confirm = useConfirmLiveChange();
  const saveHours = () =>
    confirm.ask(t('settings.carriers.confirmLate', { hours }), async () => {
      const r = await counter.setSetting('parcelLateAfterMs', Math.round(Number(hours) * HOUR), { role: gate.role });
      if (r.ok) toastOk(t('settings.saved'), t('settings.carriers.lateAfter'));
      else toastRefused(t('settings.notSaved'), refusalText(r));
    });

  return (
    <SettingsCard icon={<IconTruck size={24} />} title={t('settings.carriers.title')} description={t('settings.carriers.description')} testId="settings-carriers">
      <AdminNotice gate={gate} />
      <Group align="end">
        <NumberInput
          label={t('settings.carriers.lateAfter')}
          value={hours}
          onChange={setHours}
          min={1}
          max={LIMITS.MAX_PARCEL_LATE_AFTER_MS / HOUR}
          disabled={!gate.allowed}
          w={220}
          data-testid="carriers-late-hours"
        />
        <Button variant="default" onClick={saveHours} disabled={!gate.allowed} data-testid="carriers-late-save">
          {t('settings.carriers.saveLate')}
        </Button>
      </Group>
      {confirm.dialog}
      <SsccSettings stored={settings.sscc} notice={false} />
      <Table striped data-testid="carriers-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.carriers.name')}</Table.Th>
            <Table.Th>{t('settings.carriers.pattern')}</Table.Th>
            <Table.Th>{t('settings.carriers.check')}</Table.Th>
            <Table.Th>{t('settings.carriers.active')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(carriers ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td ff="monospace">{c.pattern}</Table.Td>
              <Table.Td>{t(`settings.carriers.rule.${c.check}`)}</Table.Td>
              <Table.Td>{c.active ? '✓' : '—'}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" onClick={() => setForm({ id: c.id, name: c.name, pattern: c.pattern, check: c.check, trackingUrl: c.trackingUrl, active: c.active })}>
                  {t('settings.carriers.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap="xs">
        <Group grow>
          <TextInput label={t('settings.carriers.id')} value={form.id} onChange={(e) => setForm({ ...form, id: e.currentTarget.value })} />
          <TextInput label={t('settings.carriers.name')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
        </Group>
        <Group grow>
          <TextInput label={t('settings.carriers.pattern')} value={form.pattern} onChange={(e) => setForm({ ...form, pattern: e.currentTarget.value })} ff="monospace" />
          <Select label={t('settings.carriers.check')} data={CHECK_RULES.map((r) => ({ value: r, label: t(`settings.carriers.rule.${r}`) }))} value={form.check} onChange={(v) => setForm({ ...form, check: (v ?? 'none') as CheckRule })} />
        </Group>
        <TextInput label={t('settings.carriers.url')} description={t('settings.carriers.urlHint')} value={form.trackingUrl} onChange={(e) => setForm({ ...form, trackingUrl: e.currentTarget.value })} />
        <Group justify="space-between">
          <Checkbox label={t('settings.carriers.active')} checked={form.active} onChange={(e) => setForm({ ...form, active: e.currentTarget.checked })} />
          <Button onClick={() => void save()} disabled={!form.id || !form.name || !form.pattern} data-testid="carriers-save">
            {t('settings.carriers.save')}
          </Button>
        </Group>
      </Stack>
    </SettingsCard>
  );
}

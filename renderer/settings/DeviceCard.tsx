// This counter: its id (fixed), a name people recognise, and the prefix that keeps order
// numbers unique when several counters sync (PO-K2-000123).
import { Button, Code, Group, SimpleGrid, Text, TextInput } from '@mantine/core';
import { IconDeviceDesktop, IconDeviceFloppy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { config } from '../config';
import { useCounter } from '../engine/client';
import { toastOk } from '../ui/toast';
import { SettingsCard } from './SettingsCard';
import { useRefusalText } from '../workflow/labels';
import type { StoredSettings } from './useSettings';
import { useAdminGate, useConfirmLiveChange } from './liveSettings';

export function DeviceCard({ settings }: { settings: StoredSettings }) {
  const { t } = useTranslation();
  const counter = useCounter();
  // The refusal in the reader's language, the setting named and its rule said ("use up to 4 …").
  const refusalText = useRefusalText();
  // The operator's edits, or null while the fields follow the stored settings (which
  // another window may change meanwhile).
  const [draft, setDraft] = useState<{ name: string; prefix: string } | null>(null);
  const [errors, setErrors] = useState<{ name?: string; prefix?: string }>({});
  const [saving, setSaving] = useState(false);
  const dirty = draft !== null;
  const name = draft?.name ?? settings.deviceName ?? '';
  const prefix = draft?.prefix ?? settings.devicePrefix ?? '';
  const gate = useAdminGate();
  const confirm = useConfirmLiveChange();
  const prefixChanged = prefix.trim() !== (settings.devicePrefix ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The prefix numbers the live counter's orders: asked once more.
    if (prefixChanged) confirm.ask(t('settings.live.prefix', { prefix: prefix.trim() || '—', example }), save);
    else void save();
  };

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      const next: { name?: string; prefix?: string } = {};
      if (name.trim() !== (settings.deviceName ?? '')) {
        const r = await counter.setSetting('deviceName', name);
        if (!r.ok) next.name = refusalText(r);
      }
      if (prefix.trim() !== (settings.devicePrefix ?? '')) {
        const r2 = await counter.setSetting('devicePrefix', prefix, { role: gate.role });
        if (!r2.ok) next.prefix = refusalText(r2);
      }
      setErrors(next);
      if (!next.name && !next.prefix) {
        setDraft(null);
        toastOk(t('settings.saved'), t('settings.device.savedDetail'));
      }
    } finally {
      setSaving(false);
    }
  };

  const example = `PO-${prefix.trim() ? `${prefix.trim()}-` : ''}000123`;
  return (
    <SettingsCard icon={<IconDeviceDesktop size={24} />} title={t('settings.device.title')} description={t('settings.device.description')} testId="settings-device">
      <form onSubmit={submit} noValidate style={{ containerType: 'inline-size' }}>
        <SimpleGrid type="container" cols={{ base: 1, '560px': 2 }} spacing="md">
          <TextInput
            label={t('settings.device.name')}
            description={t('settings.device.nameHint')}
            placeholder={t('settings.device.namePlaceholder')}
            value={name}
            onChange={(e) => {
              setDraft({ name: e.currentTarget.value, prefix });
            }}
            maxLength={40}
            error={errors.name}
            data-testid="device-name"
          />
          <TextInput
            label={t('settings.device.prefix')}
            description={gate.allowed ? t('settings.device.prefixHint') : gate.reason}
            placeholder="K2"
            value={prefix}
            onChange={(e) => {
              setDraft({ name, prefix: e.currentTarget.value.toUpperCase() });
            }}
            maxLength={4}
            disabled={!gate.allowed}
            error={errors.prefix}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-testid="device-prefix"
          />
        </SimpleGrid>
        <Group justify="space-between" mt="md" wrap="nowrap" align="flex-end">
          <Text fz="sm" c="dimmed">
            {t('settings.device.id')} <Code>{config.deviceId}</Code>
            <br />
            {t('settings.device.example')} <Code data-testid="device-example">{example}</Code>
          </Text>
          <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={saving} disabled={!dirty} data-testid="device-save">
            {t('common.save')}
          </Button>
        </Group>
      </form>
      {confirm.dialog}
    </SettingsCard>
  );
}

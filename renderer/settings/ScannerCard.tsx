// How this counter tells a barcode scanner from a person typing: the largest gap between
// a scan's keys, its shortest length, the key that ends it and an optional prefix. "Test
// your scanner" swaps the form for the test panel (renderer/scanner/ScannerTestPanel.tsx),
// which shows the same profile and tries each change on live scans before it is saved.
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconBarcode, IconDeviceFloppy, IconTestPipe } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCounter } from '../engine/client';
import { LoadingState } from '../ui/states';
import { toastOk } from '../ui/toast';
import { SettingsCard } from './SettingsCard';
import { fieldMessage, type StoredSettings } from './useSettings';

const DEFAULTS = { maxGapMs: 30, minLength: 4, suffix: 'Enter' };

const ScannerTestPanel = lazy(() => import('../scanner/ScannerTestPanel').then((m) => ({ default: m.ScannerTestPanel })));

type Suffix = 'Enter' | 'Tab' | 'other';

export function ScannerCard({ settings }: { settings: StoredSettings }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const stored = settings.scannerProfile ?? DEFAULTS;
  const [maxGapMs, setMaxGapMs] = useState<number | string>(stored.maxGapMs);
  const [minLength, setMinLength] = useState<number | string>(stored.minLength);
  const [suffix, setSuffix] = useState<Suffix>(stored.suffix === 'Enter' || stored.suffix === 'Tab' ? stored.suffix : 'other');
  const [suffixChar, setSuffixChar] = useState(stored.suffix === 'Enter' || stored.suffix === 'Tab' ? '' : stored.suffix);
  const [prefix, setPrefix] = useState((stored as { prefix?: string }).prefix ?? '');
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);

  // The test panel may save a profile too: follow it while nothing is being edited here.
  useEffect(() => {
    if (dirty) return;
    setMaxGapMs(stored.maxGapMs);
    setMinLength(stored.minLength);
    const named = stored.suffix === 'Enter' || stored.suffix === 'Tab';
    setSuffix(named ? (stored.suffix as Suffix) : 'other');
    setSuffixChar(named ? '' : stored.suffix);
    setPrefix((stored as { prefix?: string }).prefix ?? '');
  }, [stored, dirty]);

  const edit = <T,>(setter: (v: T) => void) => (v: T) => {
    setDirty(true);
    setter(v);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const r = await counter.setSetting('scannerProfile', {
        maxGapMs: Number(maxGapMs),
        minLength: Number(minLength),
        suffix: suffix === 'other' ? suffixChar : suffix,
        ...(prefix ? { prefix } : {}),
      });
      if (!r.ok) return setError(fieldMessage('scannerProfile', r.message));
      setDirty(false);
      toastOk(t('settings.saved'), t('settings.scanner.savedDetail'));
    } finally {
      setSaving(false);
    }
  };

  const testToggle = (
    <Button variant="light" leftSection={<IconTestPipe size={18} />} onClick={() => setTesting((v) => !v)} aria-expanded={testing} data-testid="scanner-test-toggle">
      {testing ? t('settings.scanner.hideTest') : t('settings.scanner.test')}
    </Button>
  );

  return (
    <SettingsCard icon={<IconBarcode size={24} />} title={t('settings.scanner.title')} description={t('settings.scanner.description')} testId="settings-scanner">
      {testing ? (
        // Mounted only while open, so it only captures scans then.
        <Stack gap="md">
          <Group>{testToggle}</Group>
          <Suspense fallback={<LoadingState minHeight={80} />}>
            <ScannerTestPanel />
          </Suspense>
        </Stack>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate style={{ containerType: 'inline-size' }}>
          <Stack gap="md">
            <SimpleGrid type="container" cols={{ base: 1, '440px': 2, '900px': 4 }} spacing="md">
              <NumberInput
                label={t('settings.scanner.maxGap')}
                description={t('settings.scanner.maxGapHint')}
                value={maxGapMs}
                onChange={edit(setMaxGapMs)}
                min={5}
                max={200}
                allowDecimal={false}
                rightSection={<Text fz="xs" c="dimmed">ms</Text>}
                data-testid="scanner-max-gap"
              />
              <NumberInput
                label={t('settings.scanner.minLength')}
                description={t('settings.scanner.minLengthHint')}
                value={minLength}
                onChange={edit(setMinLength)}
                min={1}
                max={64}
                allowDecimal={false}
                data-testid="scanner-min-length"
              />
              <Group gap="sm" align="flex-end" wrap="nowrap">
                <Select
                  label={t('settings.scanner.suffix')}
                  description={t('settings.scanner.suffixHint')}
                  value={suffix}
                  onChange={(v) => edit(setSuffix)((v as Suffix) ?? 'Enter')}
                  data={[
                    { value: 'Enter', label: t('settings.scanner.suffixEnter') },
                    { value: 'Tab', label: t('settings.scanner.suffixTab') },
                    { value: 'other', label: t('settings.scanner.suffixOther') },
                  ]}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                  style={{ flex: 1 }}
                  data-testid="scanner-suffix"
                />
                {suffix === 'other' ? (
                  <TextInput
                    aria-label={t('settings.scanner.suffixChar')}
                    placeholder="#"
                    value={suffixChar}
                    onChange={(e) => edit(setSuffixChar)(e.currentTarget.value)}
                    maxLength={2}
                    w={72}
                    data-testid="scanner-suffix-char"
                  />
                ) : null}
              </Group>
              <TextInput
                label={t('settings.scanner.prefix')}
                description={t('settings.scanner.prefixHint')}
                placeholder={t('settings.scanner.prefixNone')}
                value={prefix}
                onChange={(e) => edit(setPrefix)(e.currentTarget.value)}
                maxLength={16}
                data-testid="scanner-prefix"
              />
            </SimpleGrid>
            {error ? (
              <Text c="red.8" fz="sm" role="alert" data-testid="scanner-error">
                {error}
              </Text>
            ) : null}
            <Group justify="space-between">
              {testToggle}
              <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={saving} disabled={!dirty} data-testid="scanner-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </SettingsCard>
  );
}

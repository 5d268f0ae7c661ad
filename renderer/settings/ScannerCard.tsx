// How this counter tells a barcode scanner from a person typing: the largest gap between
// a scan's keys, its shortest length, the key that ends it and an optional prefix. "Test
// your scanner" swaps the form for the test panel (renderer/scanner/ScannerTestPanel.tsx),
// which edits the same form and tries each change on live scans before it is saved.
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconBarcode, IconDeviceFloppy, IconTestPipe } from '@tabler/icons-react';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ScanProfileInputs, useScanProfileEditor } from '../scanner/ScanProfileForm';
import { LoadingState } from '../ui/states';
import { toastOk } from '../ui/toast';
import { useRefusalText } from '../workflow/labels';
import { SettingsCard } from './SettingsCard';

const ScannerTestPanel = lazy(() => import('../scanner/ScannerTestPanel').then((m) => ({ default: m.ScannerTestPanel })));

export function ScannerCard() {
  const { t } = useTranslation();
  const editor = useScanProfileEditor();
  const refusalText = useRefusalText();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const r = await editor.save();
      if (!r.ok) return setError(refusalText(r));
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
            <ScannerTestPanel editor={editor} />
          </Suspense>
        </Stack>
      ) : editor.fields ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="md">
            <ScanProfileInputs fields={editor.fields} errors={editor.errors} onChange={editor.set} />
            {error ? (
              <Text c="red" fz="sm" role="alert" data-testid="scanner-error">
                {error}
              </Text>
            ) : null}
            <Group justify="space-between">
              {testToggle}
              <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={saving} disabled={!editor.changed} data-testid="scanner-save">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <LoadingState minHeight={80} />
      )}
    </SettingsCard>
  );
}

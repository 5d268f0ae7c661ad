// "Test your scanner": while this panel is on screen every scan lands here (and nothing
// else happens): what arrived, control characters made visible, how fast it came and what
// it reads as. The profile (gap, suffix, prefix, minimum length) can be tuned and tried at
// once, then saved for this device.
import { Alert, Badge, Button, Card, Code, Group, Kbd, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconBarcode, IconDeviceFloppy, IconRestore } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeBarcode, type ParsedBarcode } from '../../shared/barcode/index';
import { RESULT_COLOR } from '../ui/stateColors';
import { toastOk, toastRefused } from '../ui/toast';
import type { NearMiss } from './capture';
import { defaultScanProfile } from './detector';
import { onNearMiss } from './ScannerProvider';
import { fieldsOf } from './profileFields';
import { ScanProfileInputs, type ScanProfileEditor } from './ScanProfileForm';
import { useScannerStore } from './scannerStore';
import { useScanTarget } from './targets';
import type { RoutedScan } from './types';
import { keyPart, visibleControls, visibleKey, visibleParts, type VisiblePart } from './visible';
import { useRefusalText } from '../workflow/labels';

const KEEP = 8;
const FAILED: ReadonlySet<ParsedBarcode['kind']> = new Set(['bad-check-digit', 'not-recognised']);

interface TestRow {
  id: number;
  raw: string;
  chars: number;
  duration: number;
  maxGap: number;
  parsed: ParsedBarcode;
  prefix: string;
  suffix: string;
}

function timing(scan: RoutedScan): Pick<TestRow, 'chars' | 'duration' | 'maxGap'> {
  const times = scan.captured.keyTimes;
  let maxGap = 0;
  for (let i = 1; i < times.length; i += 1) maxGap = Math.max(maxGap, times[i]! - times[i - 1]!);
  return { chars: [...scan.code].length, duration: scan.captured.endedAt - scan.captured.startedAt, maxGap };
}

/** Text with its control characters (and named keys) shown as key caps. */
function VisibleText({ text, parts, dimmed }: { text?: string; parts?: VisiblePart[]; dimmed?: boolean }) {
  return (
    <>
      {(parts ?? visibleParts(text ?? '')).map((p, i) =>
        'text' in p ? (
          <span key={i}>{p.text}</span>
        ) : (
          <Kbd key={i} size="xs" mx={2} c={dimmed ? 'dimmed' : undefined} style={{ verticalAlign: 'baseline' }}>
            {p.control}
          </Kbd>
        ),
      )}
    </>
  );
}

/** `editor` is the profile form of the screen that opened the test: edits carry both ways. */
export function ScannerTestPanel({ editor }: { editor: ScanProfileEditor }) {
  const { t } = useTranslation();
  const refusalText = useRefusalText();
  const setTrial = useScannerStore((s) => s.setTrial);
  const muted = useScannerStore((s) => s.muted);
  const setMuted = useScannerStore((s) => s.setMuted);
  const [rows, setRows] = useState<TestRow[]>([]);
  const [miss, setMiss] = useState<NearMiss | null>(null);
  const [saving, setSaving] = useState(false);
  const { check, changed } = editor;
  const activeProfile = check?.ok ? check.profile : (editor.saved ?? defaultScanProfile);

  // A valid, changed profile is tried at once; leaving the panel goes back to the saved one.
  useEffect(() => {
    setTrial(changed && check?.ok ? check.profile : null);
  }, [changed, check, setTrial]);
  useEffect(() => () => setTrial(null), [setTrial]);

  useEffect(
    () =>
      onNearMiss((m) => {
        setMiss(m);
      }),
    [],
  );

  useScanTarget((scan) => {
    const row: TestRow = {
      id: scan.id,
      raw: scan.code,
      parsed: scan.parsed,
      prefix: scan.captured.profile.prefix ?? '',
      suffix: scan.captured.profile.suffix,
      ...timing(scan),
    };
    setRows((r) => [row, ...r].slice(0, KEEP));
    setMiss(null);
    const described = describeBarcode(scan.parsed);
    return {
      ok: !FAILED.has(scan.parsed.kind),
      message: t('scan.test.logged', { what: t(described.key, { ...described.params, defaultValue: described.text }) }),
      title: t('scan.test.title'),
      screen: 'scanner-test',
      settle: 'local',
    };
  });

  const save = async () => {
    setSaving(true);
    try {
      const result = await editor.save();
      if (result.ok) toastOk(t('scan.test.saved'));
      else toastRefused(t('scan.test.saveFailed'), refusalText(result));
    } catch (error) {
      toastRefused(t('scan.test.saveFailed'), error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const suggestGap = miss ? Math.min(200, Math.ceil((Math.round(miss.maxGap) + 10) / 5) * 5) : 0;

  return (
    <Card withBorder radius="md" p="md" data-testid="scanner-test-panel">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <IconBarcode size={26} />
          <Title order={2} size="h3">
            {t('scan.test.title')}
          </Title>
        </Group>
        <Switch label={t('scan.test.sound')} checked={!muted} onChange={(e) => setMuted(!e.currentTarget.checked)} />
      </Group>
      <Text c="dimmed" mb="md">
        {t('scan.test.hint')}
      </Text>

      <Stack gap="md">
        {miss && miss.maxGap > activeProfile.maxGapMs ? (
          <Alert color="yellow" icon={<IconAlertTriangle />} title={t('scan.test.missTitle')} data-testid="scanner-test-miss">
            <Stack gap={6}>
              <Text>
                {t('scan.test.miss', {
                  chars: miss.chars,
                  gap: Math.round(miss.maxGap),
                  setting: activeProfile.maxGapMs,
                  suffix: t(`scan.profile.suffixName.${activeProfile.suffix === 'Tab' ? 'Tab' : activeProfile.suffix === 'Enter' ? 'Enter' : 'other'}`, {
                    char: activeProfile.suffix,
                  }),
                })}
              </Text>
              <Code>
                <VisibleText text={miss.text} />
              </Code>
              <Group>
                <Button size="sm" variant="default" onClick={() => editor.set({ maxGapMs: suggestGap })} data-testid="scanner-test-raise-gap">
                  {t('scan.test.raiseGap', { gap: suggestGap })}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}

        {rows.length === 0 ? (
          <Text fz="lg" fw={600} ta="center" py="lg" c="dimmed" data-testid="scanner-test-empty">
            {t('scan.test.waiting')}
          </Text>
        ) : (
          <Table striped withTableBorder verticalSpacing="xs" data-testid="scanner-test-rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('scan.test.received')}</Table.Th>
                <Table.Th ta="right">{t('scan.test.chars')}</Table.Th>
                <Table.Th ta="right">{t('scan.test.duration')}</Table.Th>
                <Table.Th ta="right">{t('scan.test.maxGap')}</Table.Th>
                <Table.Th>{t('scan.test.readAs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const described = describeBarcode(row.parsed);
                const bad = FAILED.has(row.parsed.kind);
                return (
                  <Table.Tr key={row.id} data-testid="scanner-test-row">
                    <Table.Td>
                      <Code
                        fz="md"
                        style={{ wordBreak: 'break-all' }}
                        data-testid="scanner-test-raw"
                        data-visible={visibleControls(row.prefix) + visibleControls(row.raw) + visibleKey(row.suffix)}
                      >
                        {row.prefix ? (
                          <Text span c="dimmed" inherit>
                            <VisibleText text={row.prefix} />
                          </Text>
                        ) : null}
                        <VisibleText text={row.raw} />
                        <VisibleText parts={[keyPart(row.suffix)]} dimmed />
                      </Code>
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {row.chars}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {t('scan.test.ms', { ms: Math.round(row.duration) })}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {t('scan.test.ms', { ms: Math.round(row.maxGap) })}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <Badge color={bad ? RESULT_COLOR.refused : RESULT_COLOR.ok} variant="light" tt="none" style={{ flexShrink: 0 }}>
                          {t(`scan.kind.${row.parsed.kind}`, { defaultValue: row.parsed.kind })}
                        </Badge>
                        <Text fz="sm" data-testid="scanner-test-parsed">
                          {t(described.key, { ...described.params, defaultValue: described.text })}
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}

        {editor.fields ? (
          <Stack gap="sm">
            <Title order={3} size="h4">
              {t('scan.test.profile')}
            </Title>
            <ScanProfileInputs fields={editor.fields} errors={editor.errors} onChange={editor.set} />
            {changed ? (
              <Text fz="sm" c="dimmed" data-testid="scanner-test-trying">
                {t('scan.test.trying')}
              </Text>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" leftSection={<IconRestore size={20} />} onClick={() => editor.set(fieldsOf(defaultScanProfile))}>
                {t('scan.test.defaults')}
              </Button>
              <Button leftSection={<IconDeviceFloppy size={20} />} onClick={() => void save()} loading={saving} disabled={!check?.ok || !changed} data-testid="scanner-test-save">
                {t('scan.test.save')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}

// The SSCC on parcel labels: the shop's GS1 company prefix and the extension digit in front.
// It changes every label the counter prints from now on, so Admin only, confirmed once more.
import { Button, Code, Group, NumberInput, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SSCC_SETTING, SSCC_PREFIX_MAX, ssccCapacity, ssccFor, type SsccSetting } from '../../shared/tracking/sscc';
import { settingField, settingSchemas } from '../../shared/settings/settings';
import { fieldProblems } from '../../shared/fieldProblems';
import { SSCC_DEVICE_SEQUENCE, SSCC_SEQUENCE } from '../../shared/tracking/plan';
import { readSyncConfig } from '../../shared/sync/outbox';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../db';
import { useCounter } from '../engine/client';
import { toastOk } from '../ui/toast';
import { AdminNotice, useAdminGate, useConfirmLiveChange } from './liveSettings';
import { problemsText } from '../ui/fieldProblemWords';
import { useRefusalText } from '../workflow/labels';
import type { Translate } from '../workflow/explain';

type Problem = { prefix?: string; extension?: string };

/** `notice`: say here why the fields are disabled (off when the card around says it once). */
export function SsccSettings({ stored, notice = true }: { stored: SsccSetting | undefined; notice?: boolean }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const gate = useAdminGate();
  const confirm = useConfirmLiveChange();
  const refusalText = useRefusalText();
  const current = stored ?? DEFAULT_SSCC_SETTING;
  // The operator's edits, or null while the fields follow the stored setting.
  const [draft, setDraft] = useState<{ prefix: string; extension: number | string } | null>(null);
  const [problem, setProblem] = useState<Problem>({});
  const prefix = draft?.prefix ?? current.companyPrefix;
  const extension = draft?.extension ?? current.extension;

  const check = (): SsccSetting | Problem => {
    const p = prefix.trim();
    const out: Problem = {};
    // The prefix is checked by the setting's own schema and worded as the engine's refusal
    // would be (its rule, and how many characters were typed), in the reader's language.
    const parsed = settingSchemas.sscc.shape.companyPrefix.safeParse(p);
    if (!parsed.success) out.prefix = problemsText(fieldProblems(parsed.error).map((q) => ({ ...q, field: settingField('sscc', ['companyPrefix']) })), t as Translate, String);
    const e = typeof extension === 'number' ? extension : Number.NaN;
    if (!Number.isInteger(e) || e < 0 || e > 9) out.extension = t('settings.carriers.sscc.extensionDigit');
    return out.prefix || out.extension ? out : { companyPrefix: p, extension: e };
  };
  const checked = check();
  const valid = 'companyPrefix' in checked ? checked : null;
  // Labels printed so far: a prefix labels ssccCapacity parcels, then shipments are refused.
  const used = useLiveQuery(async () => (await db.sequences.get(SSCC_SEQUENCE))?.value ?? 0, []);
  // The device number the sync server gave this counter (00 until enrolled) is in every label.
  const device = useLiveQuery(async () => (await db.sequences.get(SSCC_DEVICE_SEQUENCE))?.value ?? 0, []) ?? 0;
  const enrolled = useLiveQuery(async () => (await readSyncConfig(db)) !== undefined, []);
  // Whose codes these are: a counter not enrolled shares block 00 with every other such one.
  const deviceNote = enrolled === undefined ? null : !enrolled ? 'deviceNotEnrolled' : device > 0 ? 'deviceEnrolled' : 'deviceWaiting';
  const example = valid ? `(00) ${ssccFor(1, valid, device)}` : '—';

  const save = async (next: SsccSetting) => {
    const r = await counter.setSetting('sscc', next, { role: gate.role });
    if (!r.ok) return setProblem({ prefix: refusalText(r) });
    setDraft(null);
    setProblem({});
    toastOk(t('settings.saved'), t('settings.carriers.sscc.title'));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return setProblem(checked as Problem);
    setProblem({});
    confirm.ask(t('settings.carriers.sscc.confirm', { example }), () => save(valid));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="sscc-settings">
      <Text fw={600}>{t('settings.carriers.sscc.title')}</Text>
      <Text fz="sm" c="dimmed" mb="xs">
        {t('settings.carriers.sscc.hint')}
      </Text>
      {notice ? <AdminNotice gate={gate} /> : null}
      <Group align="start" mt="xs">
        <TextInput
          label={t('settings.carriers.sscc.prefix')}
          value={prefix}
          onChange={(e) => setDraft({ prefix: e.currentTarget.value, extension })}
          maxLength={SSCC_PREFIX_MAX + 2}
          inputMode="numeric"
          disabled={!gate.allowed}
          error={problem.prefix}
          w={220}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="sscc-prefix"
        />
        <NumberInput
          label={t('settings.carriers.sscc.extension')}
          value={extension}
          onChange={(v) => setDraft({ prefix, extension: v })}
          min={0}
          max={9}
          allowDecimal={false}
          allowNegative={false}
          disabled={!gate.allowed}
          error={problem.extension}
          w={160}
          data-testid="sscc-extension"
        />
        <Button type="submit" variant="default" mt={25} disabled={!gate.allowed || draft === null} data-testid="sscc-save">
          {t('settings.carriers.saveLate')}
        </Button>
      </Group>
      <Text fz="sm" mt="xs">
        {t('settings.carriers.sscc.example')} <Code data-testid="sscc-example">{example}</Code>
      </Text>
      {valid ? (
        <Text fz="sm" c="dimmed" data-testid="sscc-room">
          {t('settings.carriers.sscc.room', { capacity: ssccCapacity(valid.companyPrefix).toLocaleString(), used: (used ?? 0).toLocaleString() })}
        </Text>
      ) : null}
      {deviceNote ? (
        <Text fz="sm" mt="xs" {...(deviceNote === 'deviceEnrolled' ? { c: 'dimmed' } : { fw: 500 })} data-testid="sscc-device" data-device={String(device).padStart(2, '0')}>
          {t(`settings.carriers.sscc.${deviceNote}`, { device: String(device).padStart(2, '0') })}
        </Text>
      ) : null}
      {confirm.dialog}
    </form>
  );
}

// The scanner profile of this device (largest gap between keys, shortest code, the key that
// ends a scan, an optional prefix) as a form: checked while it is typed (profileFields.ts),
// saved through the engine. Settings' scanner card and the "test your scanner" panel both
// edit the profile with it.
import { Group, NumberInput, Select, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Refused } from '../../shared/api';
import { useCounter } from '../engine/client';
import { checkFields, fieldsOf, type FieldErrors, type ScanProfileFields, type SuffixChoice } from './profileFields';
import { useSavedScanProfile } from './ScannerProvider';

export type ScanProfileEditor = ReturnType<typeof useScanProfileEditor>;

/**
 * The profile being edited: it follows the saved one until the operator changes a field
 * (the other editor may save meanwhile), and `save` stores it through the engine.
 */
export function useScanProfileEditor() {
  const { t } = useTranslation();
  const counter = useCounter();
  const saved = useSavedScanProfile();
  // The operator's edits, or null while the form shows the saved profile as it is.
  const [draft, setDraft] = useState<ScanProfileFields | null>(null);
  const savedFields = useMemo(() => (saved ? fieldsOf(saved) : null), [saved]);
  const fields = draft ?? savedFields;
  const check = useMemo(() => (fields ? checkFields(fields) : null), [fields]);
  const changed = !!(check?.ok && saved && JSON.stringify(check.profile) !== JSON.stringify(saved));
  return {
    saved,
    fields,
    check,
    changed,
    errors: check && !check.ok ? check.errors : {},
    set(patch: Partial<ScanProfileFields>) {
      setDraft((d) => {
        const base = d ?? savedFields;
        return base ? { ...base, ...patch } : d;
      });
    },
    async save(): Promise<{ ok: true } | Refused> {
      // The save buttons are disabled then; said anyway, in the reader's language.
      if (!check?.ok) return { ok: false, code: 'invalid-input', message: t('scan.profile.invalid') };
      const p = check.profile;
      const result = await counter.setSetting('scannerProfile', {
        maxGapMs: Math.round(p.maxGapMs),
        minLength: p.minLength,
        suffix: p.suffix,
        ...(p.prefix ? { prefix: p.prefix } : {}),
      });
      if (result.ok) setDraft(null);
      return result;
    },
  };
}

/** The profile's inputs; a field that does not hold says what it takes. */
export function ScanProfileInputs({ fields, errors, onChange }: { fields: ScanProfileFields; errors: FieldErrors; onChange(patch: Partial<ScanProfileFields>): void }) {
  const { t } = useTranslation();
  const error = (field: keyof ScanProfileFields) => (errors[field] ? t(`scan.profile.error.${field}`) : undefined);
  return (
    <>
      <Group align="flex-start" grow>
        <NumberInput
          label={t('scan.profile.gap')}
          description={t('scan.profile.gapHint')}
          value={fields.maxGapMs}
          onChange={(v) => onChange({ maxGapMs: v })}
          min={5}
          max={200}
          // Out of range stays as typed and its error says why: clamping on blur would move
          // the error line away under the pointer of the click that left the field.
          clampBehavior="none"
          allowDecimal={false}
          rightSection={<Text fz="xs" c="dimmed">ms</Text>}
          error={error('maxGapMs')}
          data-testid="scanner-max-gap"
        />
        <NumberInput
          label={t('scan.profile.minLength')}
          description={t('scan.profile.minLengthHint')}
          value={fields.minLength}
          onChange={(v) => onChange({ minLength: v })}
          min={1}
          max={64}
          clampBehavior="none"
          allowDecimal={false}
          error={error('minLength')}
          data-testid="scanner-min-length"
        />
      </Group>
      <Group align="flex-start" grow>
        <Select
          label={t('scan.profile.suffix')}
          description={t('scan.profile.suffixHint')}
          value={fields.suffix}
          onChange={(v) => v && onChange({ suffix: v as SuffixChoice })}
          data={(['Enter', 'Tab', 'other'] as const).map((v) => ({ value: v, label: t(`scan.profile.suffixName.${v}`, { char: '…' }) }))}
          allowDeselect={false}
          error={error('suffix')}
          data-testid="scanner-suffix"
        />
        {fields.suffix === 'other' ? (
          <TextInput
            label={t('scan.profile.suffixChar')}
            value={fields.suffixChar}
            onChange={(e) => onChange({ suffixChar: e.currentTarget.value })}
            maxLength={2}
            error={error('suffixChar')}
            data-testid="scanner-suffix-char"
          />
        ) : null}
        <TextInput
          label={t('scan.profile.prefix')}
          description={t('scan.profile.prefixHint')}
          value={fields.prefix}
          onChange={(e) => onChange({ prefix: e.currentTarget.value })}
          maxLength={16}
          error={error('prefix')}
          data-testid="scanner-prefix"
        />
      </Group>
    </>
  );
}

// The small form of an action that carries data (carrier, tracking numbers, a refund's
// reason and amount), built from the transition's declared `input`. Keyboard first: the
// first field has focus, Enter saves (Ctrl+Enter in a memo), Esc cancels. A field marked
// `scan` takes a scanned barcode when it has focus (a tracking number) instead of the
// scan being routed as an order label or product: `data-scan-target="insert"` replaces a
// single field's text, a list field appends each scan (counterflow:scan).
import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { db } from '../../db';
import { parseMoney, type CurrencyDigits } from '../../../shared/money';
import type { InputBounds, InputDeclaration, InputField } from '../../../shared/workflow/input';
import { useMethodName, useMoneyFormat, useMoneySettings } from '../../money/useMoney';
import { SCAN_EVENT, type ScanEventDetail } from '../../scanner';
import { useWorkflowWords } from '../../workflow/labels';

export type FormValues = Record<string, string>;

/** The form's text as the engine takes it: blank fields left out, lists split, numbers as
 *  numbers, amounts (typed with decimals) as minor units of the counter's currency. */
export function inputFromForm(fields: InputDeclaration, values: FormValues, digits: CurrencyDigits): Record<string, string | number | string[]> {
  const out: Record<string, string | number | string[]> = {};
  for (const f of fields) {
    const raw = (values[f.name] ?? '').trim();
    if (!raw) continue;
    if (f.type === 'list') out[f.name] = raw.split(/[\s,;]+/).filter(Boolean);
    else if (f.type === 'money') {
      const amount = parseMoney(raw, digits);
      // Not an amount: sent as typed, so the engine names the field ("must be a number").
      out[f.name] = amount.ok ? amount.minor : raw;
    } else if (f.type === 'number') {
      const n = Number(raw.replace(',', '.'));
      // Not a number: sent as typed, so the engine names the field ("must be a number").
      out[f.name] = Number.isFinite(n) ? n : raw;
    } else out[f.name] = raw;
  }
  return out;
}

export interface FieldError {
  field: string;
  message: string;
}

export function ActionForm({
  title,
  fields,
  bounds,
  busy,
  error,
  onSubmit,
  onCancel,
  defaults,
  aside,
  partners,
  required,
}: {
  /** Fields needed here although the declaration makes them optional (the payment's method
   *  and amount): labelled as needed, and a form without them is not sent. */
  required?: readonly string[];
  /** The action, in words. */
  title: string;
  /** Optional fields that are needed together (a shipment's carrier and tracking number):
   *  each names its partner, so "optional" does not hide that one needs the other. */
  partners?: Readonly<Record<string, string>>;
  /** What the fields hold as the form opens (the balance as the amount to pay). */
  defaults?: FormValues;
  /** Shown under the fields, from what they hold now (the change to give). */
  aside?: (values: FormValues) => ReactNode;
  fields: InputDeclaration;
  bounds: InputBounds;
  busy: boolean;
  /** The engine's refusal of the last try, by field (or '' for the whole input). */
  error: FieldError | null;
  onSubmit: (input: Record<string, string | number | string[]>) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { currency } = useMoneySettings();
  const words = useWorkflowWords();
  const [values, setValues] = useState<FormValues>(defaults ?? {});
  // A needed field left empty, said on the field before anything is sent; the engine's
  // refusal of the last try when there is none.
  const [missing, setMissing] = useState<{ problem: FieldError; before: FieldError | null } | null>(null);
  const shownError = missing && missing.before === error ? missing.problem : error;
  const needed = (f: InputField) => f.required === true || (required?.includes(f.name) ?? false);
  const refs = useRef(new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>());
  const formRef = useRef<HTMLFormElement>(null);

  // The first field has focus when the form opens; the refused field when the engine refuses.
  const focusField = shownError?.field && fields.some((f) => f.name === shownError.field) ? shownError.field : fields[0]?.name;
  useEffect(() => {
    const el = focusField ? refs.current.get(focusField) : undefined;
    el?.focus();
    if (el instanceof HTMLInputElement) el.select();
  }, [focusField, shownError]);

  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const empty = fields.find((f) => needed(f) && !(values[f.name] ?? '').trim());
    if (empty) {
      setMissing({ problem: { field: empty.name, message: t('refusal.invalid-input.action-input', { context: 'missing', field: words.field(empty.name) }) }, before: error });
      return;
    }
    setMissing(null);
    onSubmit(inputFromForm(fields, values, currency.digits));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Enter') return;
    const target = event.target;
    // A memo takes line breaks; Ctrl+Enter saves from it. A choice list saves on Enter too
    // (a native select would not submit the form by itself).
    if (target instanceof HTMLTextAreaElement && !(event.ctrlKey || event.metaKey)) return;
    if (target instanceof HTMLButtonElement) return;
    event.preventDefault();
    submit();
  };

  const multiline = fields.some((f) => f.type === 'text' && f.multiline);
  return (
    <form ref={formRef} onSubmit={submit} onKeyDown={onKeyDown} data-testid="action-form" noValidate>
      <Stack gap="xs">
        <Text fw={700}>{title}</Text>
        {fields.map((f) => (
          <Field
            key={f.name}
            field={f}
            partner={partners?.[f.name]}
            needed={needed(f)}
            bounds={bounds}
            value={values[f.name] ?? ''}
            onChange={(v) => set(f.name, v)}
            error={shownError?.field === f.name ? shownError.message : null}
            register={(el) => {
              if (el) refs.current.set(f.name, el);
              else refs.current.delete(f.name);
            }}
          />
        ))}
        {aside?.(values)}
        {shownError && !fields.some((f) => f.name === shownError.field) ? (
          <Alert color="red" variant="light" p="xs" role="alert" data-testid="action-form-error">
            {shownError.message}
          </Alert>
        ) : null}
        <Text fz="xs" c="dimmed">
          {t(multiline ? 'order.actions.form.hintMultiline' : 'order.actions.form.hint')}
        </Text>
        <Group gap="xs">
          <Button type="submit" loading={busy} data-testid="action-form-submit">
            {t('order.actions.form.submit', { action: title })}
          </Button>
          <Button variant="default" onClick={onCancel} data-testid="action-form-cancel">
            {t('order.actions.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Field({
  field: f,
  partner,
  needed,
  bounds,
  value,
  onChange,
  error,
  register,
}: {
  field: InputField;
  partner: string | undefined;
  needed: boolean;
  bounds: InputBounds;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  register: (el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null) => void;
}) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const money = useMoneyFormat();
  const methodName = useMethodName();
  const { methods } = useMoneySettings();
  const label = words.field(f.name);
  const common = {
    label,
    withAsterisk: needed,
    required: needed,
    description: describe(f, needed, bounds, t, money, partner === undefined ? undefined : words.field(partner)),
    error,
    'data-field': f.name,
    'data-testid': `input-${f.name}`,
  };
  // A choice of carriers offers the carriers this counter has (Settings → Carriers), a choice
  // of payment methods the methods of Settings: both are data.
  const carriers = useLiveQuery(
    async () => (f.type === 'choice' && f.choicesFrom === 'carriers' ? (await db.carriers.toArray()).filter((c) => c.active).sort((a, b) => a.name.localeCompare(b.name)).map((c) => ({ value: c.id, label: c.name })) : null),
    [f.type, f.type === 'choice' ? f.choicesFrom : undefined],
  );
  const listed = f.type === 'choice' && f.choicesFrom === 'paymentMethods' ? methods.map((m) => ({ value: m, label: methodName(m) })) : carriers;
  const listRef = useRef<HTMLInputElement | null>(null);
  const valueRef = useRef(value);
  useEffect(() => {
    valueRef.current = value;
  });

  // A list field keeps every scanned code: each scan is appended, not typed over the last.
  useEffect(() => {
    const el = listRef.current;
    if (!el || f.type !== 'list') return;
    const onScan = (event: Event) => {
      const detail = (event as CustomEvent<ScanEventDetail>).detail;
      event.preventDefault();
      const now = valueRef.current.split(/[\s,;]+/).filter(Boolean);
      if (!now.includes(detail.code)) onChange([...now, detail.code].join(', '));
      detail.outcome = { ok: true, message: t('scan.msg.enteredInField', { code: detail.code }), settle: 'local', quiet: true };
    };
    el.addEventListener(SCAN_EVENT, onScan);
    return () => el.removeEventListener(SCAN_EVENT, onScan);
  }, [f.type, onChange, t]);

  switch (f.type) {
    case 'choice':
      return (
        <NativeSelect
          {...common}
          ref={register}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          data={[
            { value: '', label: t('order.actions.form.choose') },
            ...(f.choices ? f.choices.map((c) => ({ value: c.value, label: words.choice(f.name, c.value) })) : (listed ?? [])),
          ]}
        />
      );
    case 'text':
      if (f.multiline) {
        return <Textarea {...common} ref={register} value={value} autosize minRows={2} maxRows={5} onChange={(e) => onChange(e.currentTarget.value)} />;
      }
      return (
        <TextInput
          {...common}
          ref={register}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          {...(f.scan ? { 'data-scan-target': 'insert' } : {})}
          autoComplete="off"
        />
      );
    case 'list':
      return (
        <TextInput
          {...common}
          ref={(el) => {
            listRef.current = el;
            register(el);
          }}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          {...(f.scan ? { 'data-scan-target': 'append' } : {})}
          autoComplete="off"
        />
      );
    case 'number':
    case 'money':
      return (
        <TextInput
          {...common}
          ref={register}
          value={value}
          inputMode="decimal"
          onChange={(e) => onChange(e.currentTarget.value)}
          autoComplete="off"
        />
      );
  }
}

function describe(f: InputField, needed: boolean, bounds: InputBounds, t: (key: string, options?: Record<string, unknown>) => string, money: (minor: number) => string, partner?: string): string | undefined {
  const parts: string[] = [];
  if (!needed) parts.push(partner === undefined ? t('order.actions.form.optional') : t('order.actions.form.optionalWith', { other: partner }));
  if (f.type === 'list') parts.push(t('order.actions.form.list'));
  else if (f.type === 'text' && f.scan) parts.push(t('order.actions.form.scan'));
  if (f.type === 'money' && f.max !== undefined) {
    const limit = f.max === 'linePrice' ? bounds.linePrice : f.max === 'orderTotal' ? bounds.orderTotal : f.max;
    if (limit !== undefined) parts.push(t('order.actions.form.atMost', { limit: money(limit) }));
  }
  if (f.type === 'number' && f.min !== undefined && f.max !== undefined) parts.push(t('order.actions.form.between', { min: f.min, max: f.max }));
  return parts.length ? parts.join(' · ') : undefined;
}

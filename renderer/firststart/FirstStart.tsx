// First start: a counter nobody has set up yet opens on a short set-up instead of an empty
// board — the shop's name, its currency, who works it (the first admin, or one person alone)
// and whether to look around with demo data first. Done once (the `firstStart` setting);
// "Skip for now" records that too. Everything here is edited later in Settings.
import { Button, FocusTrap, Group, Paper, PasswordInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowRight, IconRocket } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pinSchema } from '../../shared/engine/operatorInput';
import type { FieldProblem, Refused } from '../../shared/api';
import { newId } from '../../shared/ids';
import { SUPPORTED_CURRENCIES } from '../../shared/settings/currency';
import { switchCounter } from '../config';
import { useCounter } from '../engine/client';
import { useRecoveryCode } from '../operators/recoveryCode';
import { newBadgeCode, useSession } from '../operators/session';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { useLocale } from '../ui/time';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useRefusalText } from '../workflow/labels';
import { DEMO_ON_OPEN_KEY } from './demoOnOpen';

type Data = 'empty' | 'demo';
type Field = 'shop' | 'currency' | 'name' | 'pin' | 'again' | 'form';

/** The form's field a refusal names (input.shopName → shop), else the form as a whole. */
function fieldOf(r: Refused): Field {
  const issues = r.params?.issues;
  const first = Array.isArray(issues) ? (issues[0] as FieldProblem | undefined) : undefined;
  const byInput: Record<string, Field> = { shopName: 'shop', currency: 'currency', name: 'name', pin: 'pin' };
  return byInput[first?.field ?? ''] ?? 'form';
}

export default function FirstStartScreen() {
  const { t } = useTranslation();
  const counter = useCounter();
  const { locale } = useLocale();
  const { roles } = useWorkflowCatalog();
  const refusalText = useRefusalText();
  const [shop, setShop] = useState('');
  const [currency, setCurrency] = useState<string>('CNY');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [data, setData] = useState<Data>('empty');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState<'start' | 'skip' | null>(null);

  const currencies = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'currency' });
    return SUPPORTED_CURRENCIES.map((c) => ({ value: c.code, label: `${c.code} · ${names.of(c.code) ?? c.code}` }));
  }, [locale]);

  /** Every problem the form can see itself, each on its field. */
  const check = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (!shop.trim()) found.shop = t('firstStart.error.shop');
    if (!name.trim()) found.name = t('firstStart.error.name');
    if (pin || again) {
      if (!pinSchema.safeParse(pin).success) found.pin = t('firstStart.error.pin');
      else if (pin !== again) found.again = t('operators.field.pinMismatch');
    }
    return found;
  };

  const refusedOn = (field: Field, r: Refused) => setErrors({ [field]: refusalText(r) });
  // One id per filled-in form: a second press while the first is under way, or a resend
  // after a lost answer, has effect once; a changed form is a new set-up to try.
  const commandId = useMemo(() => newId(), [shop, currency, name, pin, data]); // eslint-disable-line react-hooks/exhaustive-deps

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy('start');
    try {
      // One command: the shop, its currency, who works it and the data choice are saved
      // together or not at all (shared/engine/firstStart.ts). With a PIN: the first admin,
      // signed in, shown the recovery code. Without: one person works alone under this name.
      const done = await counter.firstStart(
        { shopName: shop, currency, name, data, ...(pin ? { pin, badge: newBadgeCode(), roles: roles.map((r) => r.code) } : {}) },
        { commandId },
      );
      if (!done.ok) return refusedOn(fieldOf(done), done);
      if (done.operator) useSession.getState().setMe(done.operator);
      if (done.recoveryCode) useRecoveryCode.getState().show(done.recoveryCode);
      if (data === 'demo') openDemoCounter();
    } finally {
      setBusy(null);
    }
  };

  const skip = async () => {
    setBusy('skip');
    try {
      const done = await counter.setSetting('firstStart', { choice: 'skipped', at: Date.now() });
      if (!done.ok) refusedOn('form', done);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="first-start-title"
      data-testid="first-start"
      style={{ position: 'fixed', inset: 0, zIndex: 250, display: 'grid', placeItems: 'center', overflowY: 'auto', background: 'var(--mantine-color-body)' }}
    >
      <FocusTrap active>
        <Paper withBorder shadow="md" radius="md" p="xl" w={640} maw="calc(100vw - 32px)" my="md">
          <form onSubmit={(e) => void start(e)} noValidate>
            <Stack gap="md">
              <Group justify="space-between" wrap="nowrap">
                <Title order={2} id="first-start-title">
                  {t('firstStart.title')}
                </Title>
                <LanguageSwitch />
              </Group>
              <Text fz="sm">{t('firstStart.intro')}</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput label={t('firstStart.shop')} description={t('firstStart.shopHint')} value={shop} onChange={(e) => setShop(e.currentTarget.value)} maxLength={60} error={errors.shop} required data-autofocus data-testid="first-start-shop" />
                <Select
                  label={t('firstStart.currency')}
                  description={t('firstStart.currencyHint')}
                  data={currencies}
                  value={currency}
                  onChange={(v) => v && setCurrency(v)}
                  allowDeselect={false}
                  searchable
                  error={errors.currency}
                  data-testid="first-start-currency"
                />
                <TextInput label={t('firstStart.name')} description={t('firstStart.nameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required data-testid="first-start-name" />
                <div />
                <PasswordInput label={t('firstStart.pin')} description={t('firstStart.pinHint')} value={pin} onChange={(e) => setPin(e.currentTarget.value)} inputMode="numeric" error={errors.pin} data-testid="first-start-pin" />
                <PasswordInput label={t('operators.field.pinAgain')} value={again} onChange={(e) => setAgain(e.currentTarget.value)} inputMode="numeric" error={errors.again} data-testid="first-start-pin-again" />
              </SimpleGrid>
              <Stack gap={6}>
                <Text fw={600} fz="sm" id="first-start-data-label">
                  {t('firstStart.data')}
                </Text>
                <SegmentedControl
                  fullWidth
                  value={data}
                  onChange={(v) => setData(v === 'demo' ? 'demo' : 'empty')}
                  data={[
                    { value: 'empty', label: t('firstStart.empty') },
                    { value: 'demo', label: t('firstStart.demo') },
                  ]}
                  aria-labelledby="first-start-data-label"
                  data-testid="first-start-data"
                />
                <Text fz="sm" c="dimmed" data-testid="first-start-data-hint">
                  {data === 'demo' ? t('firstStart.demoHint') : t('firstStart.emptyHint')}
                </Text>
              </Stack>
              {errors.form ? (
                <Text c="red" fz="sm" role="alert" data-testid="first-start-error">
                  {errors.form}
                </Text>
              ) : null}
              <Text fz="sm" c="dimmed">
                {t('firstStart.later')}
              </Text>
              <Group justify="space-between">
                <Button variant="default" onClick={() => void skip()} loading={busy === 'skip'} disabled={busy === 'start'} data-testid="first-start-skip">
                  {t('firstStart.skip')}
                </Button>
                <Button type="submit" leftSection={data === 'demo' ? <IconRocket size={18} /> : <IconArrowRight size={18} />} loading={busy === 'start'} disabled={busy === 'skip'} data-testid="first-start-submit">
                  {data === 'demo' ? t('firstStart.submitDemo') : t('firstStart.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </FocusTrap>
    </div>
  );
}

/** Demo data lives in the demo counter, never in the shop: open it, with an import of a
 *  hundred orders asked for there. A recovery code on screen is written down first. */
function openDemoCounter(): void {
  const go = () => {
    localStorage.setItem(DEMO_ON_OPEN_KEY, '100');
    window.location.hash = '#/settings';
    switchCounter('demo');
  };
  if (useRecoveryCode.getState().code === null) return go();
  const stop = useRecoveryCode.subscribe((s) => {
    if (s.code !== null) return;
    stop();
    go();
  });
}

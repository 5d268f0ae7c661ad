// The sign-in screen: shown over the current screen (which stays as it was underneath, a
// half-built order included) whenever operators exist and no one is signed in in this window:
// at start, after the Lock button and after the idle lock. Sign in by scanning a badge, or by
// name + PIN; an admin who forgot the PIN resets it with the recovery code. The overlay and
// the badge scans are SignInGate's; this panel is loaded when the lock first shows.
import { Alert, Anchor, Button, Chip, FocusTrap, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconBarcode, IconLock } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { db } from '../db';
import { counter } from '../engine/client';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { useRecoveryCode } from './recoveryCode';
import { signIn, useSession } from './session';
import { useSignInText } from './signInText';

/** The sign-in's panel, loaded when the lock first shows (SignInGate holds the overlay, the
 *  scans and the error). */
export default function SignInScreen({ error, setError }: { error: string | null; setError: (text: string | null) => void }) {
  const { t } = useTranslation();
  const locked = useSession((s) => s.locked);
  const [mode, setMode] = useState<'pin' | 'recover'>('pin');

  return (
    <FocusTrap active>
      <Paper withBorder shadow="xl" radius="lg" p="xl" w={520} maw="94vw">
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <IconLock size={32} />
            <div style={{ flex: 1 }}>
              <Title order={1} size="h2" id="sign-in-title">
                {mode === 'pin' ? t('operators.signIn.title') : t('operators.recover.title')}
              </Title>
              <Text c="dimmed" fz="sm">
                {mode === 'recover' ? t('operators.recover.hint') : locked === 'idle' ? t('operators.signIn.lockedIdle') : locked === 'button' ? t('operators.signIn.locked') : t('operators.signIn.hint')}
              </Text>
            </div>
            {/* The language is chosen before signing in: the header is under the lock. */}
            <LanguageSwitch />
          </Group>
          {error ? (
            <Alert color="red" icon={<IconAlertTriangle size={20} />} data-testid="sign-in-error" role="alert">
              {error}
            </Alert>
          ) : null}
          {mode === 'pin' ? <PinForm onError={setError} /> : <RecoverForm onError={setError} />}
          <Anchor
            component="button"
            type="button"
            fz="sm"
            c="blue.8"
            onClick={() => {
              setError(null);
              setMode(mode === 'pin' ? 'recover' : 'pin');
            }}
            data-testid="sign-in-mode"
          >
            {mode === 'pin' ? t('operators.signIn.forgot') : t('operators.recover.back')}
          </Anchor>
        </Stack>
      </Paper>
    </FocusTrap>
  );
}

function PinForm({ onError }: { onError: (text: string | null) => void }) {
  const { t } = useTranslation();
  const signInText = useSignInText();
  const names = useLiveQuery(async () => (await db.operators.toArray()).filter((o) => o.active).map((o) => o.name).sort((a, b) => a.localeCompare(b)), []);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !pin) {
      onError(t('operators.signIn.needBoth'));
      return;
    }
    setBusy(true);
    try {
      const result = await signIn({ name, pin });
      if (result.ok) onError(null);
      else {
        onError(signInText(result));
        setPin('');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <Group gap="xs" data-testid="sign-in-names" aria-label={t('operators.signIn.pick')} role="group">
          {(names ?? []).map((n) => (
            <Chip key={n} checked={n === name} onChange={() => setName(n)} size="md">
              {n}
            </Chip>
          ))}
        </Group>
        <TextInput label={t('operators.field.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} autoComplete="off" size="md" data-testid="sign-in-name" />
        <PasswordInput
          label={t('operators.field.pin')}
          value={pin}
          onChange={(e) => setPin(e.currentTarget.value)}
          inputMode="numeric"
          autoComplete="off"
          size="md"
          data-autofocus
          data-testid="sign-in-pin"
        />
        {/* blue.8: the theme's primary on white is 4.2:1, short of WCAG AA for this text. */}
        <Button type="submit" size="md" color="blue.8" loading={busy} data-testid="sign-in-submit">
          {t('operators.signIn.submit')}
        </Button>
        <Group gap="xs" c="dimmed" wrap="nowrap">
          <IconBarcode size={20} />
          <Text fz="sm">{t('operators.signIn.scanHint')}</Text>
        </Group>
      </Stack>
    </form>
  );
}

function RecoverForm({ onError }: { onError: (text: string | null) => void }) {
  const { t } = useTranslation();
  const signInText = useSignInText();
  const showCode = useRecoveryCode((s) => s.show);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pin !== again) {
      onError(t('operators.field.pinMismatch'));
      return;
    }
    setBusy(true);
    try {
      const result = await counter.recoverAdminPin({ name, code, pin });
      if (!result.ok) {
        onError(signInText(result));
        return;
      }
      onError(null);
      showCode(result.recoveryCode);
      useSession.getState().setMe(result.operator);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <TextInput label={t('operators.recover.adminName')} value={name} onChange={(e) => setName(e.currentTarget.value)} autoComplete="off" data-testid="recover-name" />
        <TextInput label={t('operators.recover.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} autoComplete="off" ff="monospace" data-testid="recover-code" />
        <PasswordInput label={t('operators.field.newPin')} description={t('operators.field.pinHint')} value={pin} onChange={(e) => setPin(e.currentTarget.value)} inputMode="numeric" data-testid="recover-pin" />
        <PasswordInput label={t('operators.field.pinAgain')} value={again} onChange={(e) => setAgain(e.currentTarget.value)} inputMode="numeric" data-testid="recover-pin-again" />
        <Button type="submit" color="blue.8" loading={busy} data-testid="recover-submit">
          {t('operators.recover.submit')}
        </Button>
      </Stack>
    </form>
  );
}


// First start: the counter works in single-operator mode until someone sets up operators.
// This form creates the first admin (every role), signs this window in as them, and shows
// the admin recovery code once (RecoveryCodeDialog).
import { Button, Group, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCounter } from '../engine/client';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useRefusalText } from '../workflow/labels';
import { useRecoveryCode } from './recoveryCode';
import { newBadgeCode, useSession } from './session';

export function SetUpForm() {
  const { t } = useTranslation();
  const counter = useCounter();
  const { roles } = useWorkflowCatalog();
  const refusalText = useRefusalText();
  const showCode = useRecoveryCode((s) => s.show);
  const [name, setName] = useState('');
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pin !== again) {
      setError(t('operators.field.pinMismatch'));
      return;
    }
    setBusy(true);
    try {
      const result = await counter.setUpOperators({ name, badge: badge.trim() || newBadgeCode(), roles: roles.map((r) => r.code), pin });
      if (!result.ok) {
        setError(refusalText(result));
        return;
      }
      setError(null);
      showCode(result.recoveryCode);
      useSession.getState().setMe(result.operator);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="operators-setup">
      <Stack gap="md">
        <Text fz="sm">{t('operators.setup.explain')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('operators.setup.adminName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-testid="setup-name" />
          <TextInput label={t('operators.field.badge')} description={t('operators.field.badgeHint')} value={badge} onChange={(e) => setBadge(e.currentTarget.value)} data-testid="setup-badge" />
          <PasswordInput label={t('operators.field.pin')} description={t('operators.field.pinHint')} value={pin} onChange={(e) => setPin(e.currentTarget.value)} inputMode="numeric" required data-testid="setup-pin" />
          <PasswordInput label={t('operators.field.pinAgain')} value={again} onChange={(e) => setAgain(e.currentTarget.value)} inputMode="numeric" required data-testid="setup-pin-again" />
        </SimpleGrid>
        {error ? (
          <Text c="red" fz="sm" role="alert" data-testid="setup-error">
            {error}
          </Text>
        ) : null}
        <Group justify="space-between" wrap="nowrap">
          <Text fz="sm" c="dimmed">
            {t('operators.setup.skip')}
          </Text>
          <Button type="submit" leftSection={<IconUserPlus size={18} />} loading={busy} data-testid="setup-submit">
            {t('operators.setup.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

// First start: the counter works in single-operator mode until someone sets up operators.
// This form creates the first admin (every role), signs this window in as them, and shows
// the admin recovery code once (RecoveryCodeDialog). Or, for a one-person shop, it is
// skipped: the name typed becomes the single operator's, which every change then carries
// (the `singleOperatorName` setting; without it, the configured id "counter").
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconUser, IconUserPlus } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { db } from '../db';
import { useCounter } from '../engine/client';
import { toastOk } from '../ui/toast';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useRefusalText } from '../workflow/labels';
import { OperatorFields, pinMismatch, type OperatorFieldValues } from './OperatorFields';
import { useRecoveryCode } from './recoveryCode';
import { newBadgeCode, useSession } from './session';

export function SetUpForm() {
  const { t } = useTranslation();
  const counter = useCounter();
  const { roles } = useWorkflowCatalog();
  const refusalText = useRefusalText();
  const showCode = useRecoveryCode((s) => s.show);
  const single = useLiveQuery(async () => {
    const value = (await db.settings.get('singleOperatorName'))?.value;
    return typeof value === 'string' ? value : null;
  }, []);
  const [values, setValues] = useState<OperatorFieldValues>({ name: '', badge: '', roles: [], pin: '', again: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'setup' | 'alone' | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pinMismatch(values)) {
      setError(t('operators.field.pinMismatch'));
      return;
    }
    setBusy('setup');
    try {
      const { name, badge, pin } = values;
      const result = await counter.setUpOperators({ name, badge: badge.trim() || newBadgeCode(), roles: roles.map((r) => r.code), pin });
      if (!result.ok) {
        setError(refusalText(result));
        return;
      }
      setError(null);
      showCode(result.recoveryCode);
      useSession.getState().setMe(result.operator);
    } finally {
      setBusy(null);
    }
  };

  // Skipped: single-operator mode stays, under the name typed (only the name is needed).
  const workAlone = async () => {
    if (!values.name.trim()) {
      setError(t('operators.setup.aloneNeedsName'));
      return;
    }
    setBusy('alone');
    try {
      const result = await counter.setSetting('singleOperatorName', values.name);
      if (!result.ok) {
        setError(refusalText(result));
        return;
      }
      setError(null);
      toastOk(t('operators.setup.aloneSaved', { name: values.name.trim() }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="operators-setup">
      <Stack gap="md">
        {single ? (
          <Alert icon={<IconUser size={20} />} color="blue" data-testid="single-operator" data-name={single}>
            {t('operators.setup.aloneAs', { name: single })}
          </Alert>
        ) : null}
        <Text fz="sm">{t('operators.setup.explain')}</Text>
        <OperatorFields values={values} onChange={setValues} mode="setup" testIds="setup" />
        {error ? (
          <Text c="red" fz="sm" role="alert" data-testid="setup-error">
            {error}
          </Text>
        ) : null}
        <Group justify="space-between" wrap="nowrap" align="flex-end">
          <Stack gap={4}>
            <Text fz="sm" c="dimmed">
              {t('operators.setup.skip')}
            </Text>
            <Button variant="default" leftSection={<IconUser size={18} />} onClick={() => void workAlone()} loading={busy === 'alone'} data-testid="setup-alone">
              {t('operators.setup.alone')}
            </Button>
          </Stack>
          <Button type="submit" leftSection={<IconUserPlus size={18} />} loading={busy === 'setup'} data-testid="setup-submit">
            {t('operators.setup.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

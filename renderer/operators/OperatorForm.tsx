// Add or change an operator (admin only; the engine checks that too): name, badge, roles and
// PIN. Changing leaves the PIN as it is unless a new one is typed.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorView } from '../../shared/api';
import { useCounter } from '../engine/client';
import { toastOk } from '../ui/toast';
import { useRefusalText } from '../workflow/labels';
import { OperatorFields, pinMismatch, type OperatorFieldValues } from './OperatorFields';
import { useDiscardGuard } from '../ui/useDiscardGuard';
import { newBadgeCode } from './session';

export function OperatorForm({ editing, onClose }: { editing: OperatorView | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const refusalText = useRefusalText();
  const existing = editing === 'new' ? null : editing;
  const [values, setValues] = useState<OperatorFieldValues>(() => ({
    name: existing?.name ?? '',
    badge: existing?.badge ?? newBadgeCode(),
    roles: existing?.roles ?? ['S'],
    pin: '',
    again: '',
  }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const guard = useDiscardGuard(onClose);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pinMismatch(values)) {
      setError(t('operators.field.pinMismatch'));
      return;
    }
    const { name, badge, roles, pin } = values;
    setBusy(true);
    try {
      const result = existing
        ? await counter.updateOperator({ id: existing.id, name, badge, roles, ...(pin ? { pin } : {}) })
        : await counter.addOperator({ name, badge, roles, pin });
      if (!result.ok) {
        setError(refusalText(result));
        return;
      }
      toastOk(existing ? t('operators.admin.saved', { name: result.operator.name }) : t('operators.admin.added', { name: result.operator.name }));
      onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={guard.requestClose} title={existing ? t('operators.admin.editTitle', { name: existing.name }) : t('operators.admin.addTitle')} size="lg" centered>
      <form onSubmit={(e) => void submit(e)} onInput={guard.edited} noValidate data-testid="operator-form">
        <Stack gap="md">
          <OperatorFields values={values} onChange={setValues} mode={existing ? 'edit' : 'add'} testIds="operator" />
          {error ? (
            <Text c="red" fz="sm" role="alert" data-testid="operator-form-error">
              {error}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="operator-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      {guard.question}
    </Modal>
  );
}

// Add or change an operator (admin only; the engine checks that too): name, badge, roles and
// PIN. Changing leaves the PIN as it is unless a new one is typed.
import { Button, Checkbox, Group, Modal, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorView } from '../../shared/api';
import { useCounter } from '../engine/client';
import { toastOk } from '../ui/toast';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useRefusalText, useWorkflowWords } from '../workflow/labels';
import { newBadgeCode } from './session';

export function OperatorForm({ editing, onClose }: { editing: OperatorView | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const words = useWorkflowWords();
  const { roles: catalog } = useWorkflowCatalog();
  const refusalText = useRefusalText();
  const existing = editing === 'new' ? null : editing;
  const [name, setName] = useState(existing?.name ?? '');
  const [badge, setBadge] = useState(existing?.badge ?? newBadgeCode());
  const [roles, setRoles] = useState<string[]>(existing?.roles ?? ['S']);
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
    <Modal opened onClose={onClose} title={existing ? t('operators.admin.editTitle', { name: existing.name }) : t('operators.admin.addTitle')} size="lg" centered>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="operator-form">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('operators.field.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-autofocus data-testid="operator-name" />
            <TextInput label={t('operators.field.badge')} value={badge} onChange={(e) => setBadge(e.currentTarget.value)} required ff="monospace" data-testid="operator-badge" />
          </SimpleGrid>
          <Checkbox.Group label={t('operators.field.roles')} description={t('operators.field.rolesHint')} value={roles} onChange={setRoles} data-testid="operator-roles">
            <Group gap="md" mt="xs">
              {catalog.map((r) => (
                <Checkbox key={r.code} value={r.code} label={`${r.code} · ${words.role(r.code)}`} data-testid={`operator-role-${r.code}`} />
              ))}
            </Group>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <PasswordInput
              label={existing ? t('operators.field.newPin') : t('operators.field.pin')}
              description={existing ? t('operators.field.newPinHint') : t('operators.field.pinHint')}
              value={pin}
              onChange={(e) => setPin(e.currentTarget.value)}
              inputMode="numeric"
              required={!existing}
              data-testid="operator-pin"
            />
            <PasswordInput label={t('operators.field.pinAgain')} value={again} onChange={(e) => setAgain(e.currentTarget.value)} inputMode="numeric" data-testid="operator-pin-again" />
          </SimpleGrid>
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
    </Modal>
  );
}

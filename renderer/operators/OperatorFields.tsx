// The fields of an operator, as the first-start set-up and the admin's form both ask for
// them: name, badge, roles (the admin's form only: the first admin takes every role) and
// the PIN typed twice. The forms keep the values; this draws them and checks the two PINs.
import { Checkbox, Group, PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useWorkflowWords } from '../workflow/labels';

export interface OperatorFieldValues {
  name: string;
  badge: string;
  roles: string[];
  pin: string;
  again: string;
}

interface Props {
  values: OperatorFieldValues;
  onChange(values: OperatorFieldValues): void;
  /** 'setup': the first admin (no roles to pick, an empty badge is made up); 'add' and 'edit':
   *  the admin's form ('edit' keeps the PIN unless a new one is typed). */
  mode: 'setup' | 'add' | 'edit';
  /** Prefix of the fields' test ids: `${testIds}-name`, `${testIds}-pin-again`... */
  testIds: string;
}

/** Whether the PIN typed twice differs (the form then says so before asking the engine). */
export function pinMismatch(values: Pick<OperatorFieldValues, 'pin' | 'again'>): boolean {
  return values.pin !== values.again;
}

export function OperatorFields({ values, onChange, mode, testIds }: Props) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { roles: catalog } = useWorkflowCatalog();
  const set = (patch: Partial<OperatorFieldValues>) => onChange({ ...values, ...patch });
  const editing = mode === 'edit';
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label={mode === 'setup' ? t('operators.setup.adminName') : t('operators.field.name')}
          value={values.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          required
          data-autofocus
          data-testid={`${testIds}-name`}
        />
        <TextInput
          label={t('operators.field.badge')}
          description={mode === 'setup' ? t('operators.field.badgeHint') : undefined}
          value={values.badge}
          onChange={(e) => set({ badge: e.currentTarget.value })}
          required={mode !== 'setup'}
          ff="monospace"
          data-testid={`${testIds}-badge`}
        />
      </SimpleGrid>
      {mode === 'setup' ? null : (
        <Checkbox.Group label={t('operators.field.roles')} description={t('operators.field.rolesHint')} value={values.roles} onChange={(roles) => set({ roles })} data-testid={`${testIds}-roles`}>
          <Group gap="md" mt="xs">
            {catalog.map((r) => (
              <Checkbox key={r.code} value={r.code} label={`${r.code} · ${words.role(r.code)}`} data-testid={`${testIds}-role-${r.code}`} />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <PasswordInput
          label={editing ? t('operators.field.newPin') : t('operators.field.pin')}
          description={editing ? t('operators.field.newPinHint') : t('operators.field.pinHint')}
          value={values.pin}
          onChange={(e) => set({ pin: e.currentTarget.value })}
          inputMode="numeric"
          required={!editing}
          data-testid={`${testIds}-pin`}
        />
        <PasswordInput
          label={t('operators.field.pinAgain')}
          value={values.again}
          onChange={(e) => set({ again: e.currentTarget.value })}
          inputMode="numeric"
          required={!editing}
          data-testid={`${testIds}-pin-again`}
        />
      </SimpleGrid>
    </>
  );
}

// Settings → Operators. Before any exist: the first-start set-up (single-operator mode until
// then). After: the admin's list (add, change, deactivate or turn back on, print a badge)
// and the idle lock time. Others see who may manage it. Every change is an engine command.
import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { IconPencil, IconPlayerPlay, IconPrinter, IconUserOff, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { OperatorView } from '../../shared/api';
import { ADMIN_ROLE } from '../../shared/operators/permissions';
import { db } from '../db';
import { useCounter } from '../engine/client';
import { SettingsCard } from '../settings/SettingsCard';
import { toastOk, toastRefused } from '../ui/toast';
import { useRefusalText } from '../workflow/labels';
import { OperatorForm } from './OperatorForm';
import { useSession } from './session';
import { SetUpForm } from './SetUpForm';
import { viewOfRow } from './views';

/** Idle lock choices, in seconds (0 = never). */
const LOCK_CHOICES = [0, 30, 60, 120, 300, 600, 900, 1800, 3600];

export function OperatorsCard() {
  const { t } = useTranslation();
  const any = useSession((s) => s.anyOperators);
  const me = useSession((s) => s.me);
  const isAdmin = !!me?.roles.includes(ADMIN_ROLE);
  return (
    <SettingsCard icon={<IconUsers size={24} />} title={t('operators.admin.title')} description={t('operators.admin.description')} testId="settings-operators">
      {any === false ? <SetUpForm /> : isAdmin ? <OperatorAdmin /> : <Text c="dimmed">{t('operators.admin.adminOnly')}</Text>}
    </SettingsCard>
  );
}

function OperatorAdmin() {
  const { t } = useTranslation();
  const counter = useCounter();
  const refusalText = useRefusalText();
  const me = useSession((s) => s.me);
  const operators = useLiveQuery(async () => (await db.operators.toArray()).map(viewOfRow).sort((a, b) => a.name.localeCompare(b.name)), []);
  const lockAfter = useLiveQuery(async () => (await db.settings.get('lockAfterSeconds'))?.value, []);
  const [editing, setEditing] = useState<OperatorView | 'new' | null>(null);

  const setActive = async (op: OperatorView, active: boolean) => {
    const result = active ? await counter.updateOperator({ id: op.id, active: true }) : await counter.deactivateOperator(op.id);
    if (result.ok) toastOk(active ? t('operators.admin.reactivated', { name: op.name }) : t('operators.admin.deactivated', { name: op.name }));
    else toastRefused(t('operators.admin.notChanged'), refusalText(result));
  };

  const saveLock = async (value: string | null) => {
    const result = await counter.setSetting('lockAfterSeconds', Number(value ?? 0));
    if (result.ok) toastOk(t('settings.saved'), t('operators.lock.saved'));
    else toastRefused(t('settings.notSaved'), refusalText(result));
  };

  const lockLabel = (s: number) => (s === 0 ? t('operators.lock.never') : s < 60 ? t('operators.lock.seconds', { count: s }) : t('operators.lock.minutes', { count: s / 60 }));

  return (
    <>
      <Group justify="space-between" align="flex-end">
        <Select
          label={t('operators.lock.label')}
          description={t('operators.lock.hint')}
          data={LOCK_CHOICES.map((s) => ({ value: String(s), label: lockLabel(s) }))}
          value={String(typeof lockAfter === 'number' ? lockAfter : 0)}
          onChange={(v) => void saveLock(v)}
          allowDeselect={false}
          w={260}
          data-testid="lock-after"
        />
        <Button leftSection={<IconUserPlus size={18} />} onClick={() => setEditing('new')} data-testid="operator-add">
          {t('operators.admin.add')}
        </Button>
      </Group>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="operators-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('operators.field.name')}</Table.Th>
            <Table.Th>{t('operators.field.badge')}</Table.Th>
            <Table.Th>{t('operators.field.roles')}</Table.Th>
            <Table.Th>{t('operators.admin.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(operators ?? []).map((op) => (
            <Table.Tr key={op.id} data-testid="operator-row" data-name={op.name}>
              <Table.Td fw={700}>
                {op.name}
                {op.id === me?.id ? (
                  <Text span c="dimmed" fz="sm">
                    {' '}
                    {t('operators.admin.you')}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ff="monospace">{op.badge}</Table.Td>
              <Table.Td>{op.roles.join(' ')}</Table.Td>
              <Table.Td>
                <Badge color={op.active ? 'green' : 'gray'} variant="light">
                  {op.active ? t('operators.admin.active') : t('operators.admin.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(op)} data-testid="operator-edit">
                    {t('operators.admin.edit')}
                  </Button>
                  <Button size="xs" variant="default" leftSection={<IconPrinter size={16} />} component={Link} to={`/operators/${encodeURIComponent(op.id)}/badge`} data-testid="operator-badge-print">
                    {t('operators.admin.badge')}
                  </Button>
                  {op.active ? (
                    <Button size="xs" variant="light" color="red" leftSection={<IconUserOff size={16} />} onClick={() => void setActive(op, false)} data-testid="operator-deactivate">
                      {t('operators.admin.deactivate')}
                    </Button>
                  ) : (
                    <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={16} />} onClick={() => void setActive(op, true)} data-testid="operator-reactivate">
                      {t('operators.admin.reactivate')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing ? <OperatorForm editing={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

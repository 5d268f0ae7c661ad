// The header's "who is working": the signed-in operator and a Lock button (the counter then
// shows the sign-in screen over the current screen). Nothing in single-operator mode.
// Also runs what the whole window needs while operators exist: the idle lock.
import { Button, Group, Text } from '@mantine/core';
import { IconLock, IconUserCircle } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { db } from '../db';
import { useIdleLock } from './idle';
import { lock, useSession } from './session';

export function HeaderOperator() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const any = useSession((s) => s.anyOperators);
  const lockAfter = useLiveQuery(async () => (await db.settings.get('lockAfterSeconds'))?.value, []);
  useIdleLock(typeof lockAfter === 'number' ? lockAfter : undefined);
  if (!any || !me) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Group gap={6} wrap="nowrap" data-testid="header-operator" title={t('operators.header.signedInAs', { name: me.name })}>
        <IconUserCircle size={22} />
        <Text fw={700} truncate maw={160}>
          {me.name}
        </Text>
      </Group>
      <Button variant="default" leftSection={<IconLock size={18} />} onClick={() => void lock('button')} data-testid="lock-button" title={t('operators.header.lockHint')}>
        {t('operators.header.lock')}
      </Button>
    </Group>
  );
}

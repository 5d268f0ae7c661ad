// Parcel exceptions: every exception with its age, filtered by open/all and type; each links
// to its order, where it is worked.
import { Anchor, Badge, Group, SegmentedControl, Select, Table, Text } from '@mantine/core';
import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EXCEPTION_TYPES } from '../../shared/tracking/rows';
import { db } from '../db';
import { PageHeader } from '../ui/PageHeader';
import { EmptyView, LoadingState } from '../ui/states';
import { formatDuration, useLocale, useNow } from '../ui/time';
import { stateWord } from './words';

const LIMIT = 500;

export default function ExceptionsPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const now = useNow();
  const [which, setWhich] = useState<'open' | 'all'>('open');
  const [type, setType] = useState<string | null>(null);
  const rows = useLiveQuery(
    () =>
      which === 'open'
        ? db.exceptions.where('[open+openedAt]').between([1, Dexie.minKey], [1, Dexie.maxKey]).reverse().limit(LIMIT).toArray()
        : db.exceptions.orderBy('openedAt').reverse().limit(LIMIT).toArray(),
    [which],
  );
  const shown = rows?.filter((r) => !type || r.type === type);
  return (
    <>
      <PageHeader title={t('parcels.exceptions.title')}>
        <Group gap="xs">
          <SegmentedControl value={which} onChange={(v) => setWhich(v as 'open' | 'all')} data={[{ value: 'open', label: t('parcels.exceptions.open') }, { value: 'all', label: t('parcels.exceptions.all') }]} data-testid="exceptions-which" />
          <Select placeholder={t('parcels.exceptions.anyType')} clearable data={EXCEPTION_TYPES.map((x) => ({ value: x, label: t(`parcels.exceptionType.${x}`) }))} value={type} onChange={setType} data-testid="exceptions-type" />
        </Group>
      </PageHeader>
      {shown === undefined ? (
        <LoadingState />
      ) : shown.length === 0 ? (
        <EmptyView title={t('parcels.exceptions.none')} />
      ) : (
        <Table striped data-testid="exceptions-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('parcels.col.order')}</Table.Th>
              <Table.Th>{t('parcels.exceptions.type')}</Table.Th>
              <Table.Th>{t('parcels.exceptions.state')}</Table.Th>
              <Table.Th>{t('parcels.print.tracking')}</Table.Th>
              <Table.Th>{t('parcels.exceptions.owner')}</Table.Th>
              <Table.Th>{t('parcels.exceptions.ageCol')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e) => (
              <Table.Tr key={e.id} data-testid="exception-row" data-type={e.type} data-state={e.state}>
                <Table.Td>
                  <Anchor component={Link} to={`/orders/${e.orderId}`}>
                    {e.orderNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`parcels.exceptionType.${e.type}`)}</Table.Td>
                <Table.Td>
                  <Badge color={e.open ? 'orange' : 'gray'}>{stateWord(t, 'exception', e.state)}</Badge>
                </Table.Td>
                <Table.Td ff="monospace">{e.trackingNumber}</Table.Td>
                <Table.Td>{e.owner ?? '—'}</Table.Td>
                <Table.Td>
                  <Text fz="sm">{formatDuration(Math.max(0, (e.closedAt ?? now) - e.openedAt), locale, true)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

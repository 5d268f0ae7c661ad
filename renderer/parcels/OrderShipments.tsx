// The order's parcels: its shipments with their checkpoints and carrier links (and a QR code
// of each for the customer's phone), a form that ships the order through its own "ship the
// order" action (the one ship path), and its exceptions,
// worked here (actions of the exception workflow, owner, notes).
import { Anchor, Badge, Button, Card, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconPrinter, IconTruckDelivery } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { trackingLink } from '../../shared/tracking/carriers';
import { trackingMachines } from '../../shared/tracking/definitions';
import { EXCEPTION_TYPES, type ExceptionRow, type ExceptionType } from '../../shared/tracking/rows';
import { db } from '../db';
import { useCounter } from '../engine/client';
import { toastOk, toastRefused } from '../ui/toast';
import { formatDateTime, formatDuration, useLocale, useNow } from '../ui/time';
import { QrCode } from './QrCode';
import { stateWord } from './words';
import { useRole } from '../state/roleStore';
import { useRefusalText, useWorkflowWords } from '../workflow/labels';

/** The order's own ship step (the built-in product order's): the card ships through it. */
const SHIP_ACTION = 'ship the order';

export function OrderShipments({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const data = useLiveQuery(async () => {
    const [shipments, checkpoints, exceptions, carriers] = await Promise.all([
      db.shipments.where('orderId').equals(orderId).toArray(),
      db.checkpoints.where('orderId').equals(orderId).toArray(),
      db.exceptions.where('orderId').equals(orderId).toArray(),
      db.carriers.toArray(),
    ]);
    return { shipments: shipments.sort((a, b) => a.createdAt - b.createdAt), checkpoints, exceptions: exceptions.sort((a, b) => b.openedAt - a.openedAt), carriers };
  }, [orderId]);
  if (!data) return null;
  const carrierOf = (id: string) => data.carriers.find((c) => c.id === id);
  return (
    <Card withBorder padding="md" data-testid="order-shipments">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>{t('parcels.order.title')}</Title>
        </Group>
        {data.shipments.length === 0 ? <Text c="dimmed">{t('parcels.order.none')}</Text> : null}
        {data.shipments.map((s) => {
          const carrier = carrierOf(s.carrierId);
          const cps = data.checkpoints.filter((c) => c.shipmentId === s.id).sort((a, b) => a.at - b.at);
          return (
            <Card key={s.id} withBorder padding="sm" data-testid="shipment" data-state={s.state}>
              <Group justify="space-between">
                <Group gap="xs">
                  <IconTruckDelivery size={20} />
                  <Text fw={600}>{carrier?.name ?? s.carrierId}</Text>
                  {s.trackingNumbers.map((n) => (
                    <Anchor key={n} href={carrier ? trackingLink(carrier, n) : undefined} target="_blank" rel="noreferrer" ff="monospace" data-testid="shipment-tracking">
                      {n}
                    </Anchor>
                  ))}
                  <Badge variant="light" data-testid="shipment-state">
                    {stateWord(t, 'shipment', s.state)}
                  </Badge>
                  {s.direction === 'return' ? <Badge color="grape">{t('parcels.order.return')}</Badge> : null}
                </Group>
                <Button component={Link} to={`/parcels/print?shipment=${s.id}`} size="xs" variant="default" leftSection={<IconPrinter size={16} />} data-testid="shipment-print-label">
                  {t('parcels.order.printLabel')}
                </Button>
              </Group>
              <Group justify="space-between" align="start" wrap="nowrap">
                <Text fz="sm" c="dimmed">
                  {t('parcels.order.parcels', { count: s.parcels.length })}
                  {s.signedBy ? ` · ${t('parcels.order.signedBy', { name: s.signedBy })}` : ''}
                </Text>
                {carrier ? (
                  <Group gap="xs" wrap="nowrap">
                    {s.trackingNumbers.map((n) => (
                      <QrCode key={n} text={trackingLink(carrier, n)} label={t('parcels.order.qr', { carrier: carrier.name, tracking: n })} />
                    ))}
                  </Group>
                ) : null}
              </Group>
              {cps.length ? (
                <Table fz="sm" mt="xs">
                  <Table.Tbody>
                    {cps.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>{formatDateTime(c.at, locale)}</Table.Td>
                        <Table.Td>{t(`parcels.kind.${c.kind}`)}</Table.Td>
                        <Table.Td>{t('parcels.order.parcelNo', { no: c.parcelNo })}</Table.Td>
                        <Table.Td>{c.place}</Table.Td>
                        <Table.Td>{c.operator}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
              <OpenException shipmentId={s.id} />
            </Card>
          );
        })}
        <AddShipment orderId={orderId} carriers={data.carriers.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))} />
        {data.exceptions.map((e) => (
          <ExceptionCard key={e.id} exception={e} />
        ))}
      </Stack>
    </Card>
  );
}

/**
 * Ships the order from its parcels card: the order's own "ship the order" with this card's
 * carrier, tracking numbers and parcel count — the one ship path, with its rules (a paid
 * order, the Seller's step), its stock commit and its timeline step. An unpaid order is
 * refused with the reason, and nothing is shipped.
 */
function AddShipment({ orderId, carriers }: { orderId: string; carriers: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const role = useRole();
  const words = useWorkflowWords();
  const refusalText = useRefusalText();
  const [carrier, setCarrier] = useState<string | null>(null);
  const [tracking, setTracking] = useState('');
  const [parcels, setParcels] = useState<number | string>(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    const count = Math.max(1, Number(parcels) || 1);
    const result = await counter.act({ kind: 'order', id: orderId }, role, SHIP_ACTION, {
      carrier: carrier ?? '',
      trackingNumbers: tracking.split(/[,;\s]+/).filter(Boolean),
      parcels: count,
    });
    setBusy(false);
    if (!result.ok) {
      const text = refusalText(result);
      setError(text);
      return toastRefused(t('parcels.order.addFailed'), text);
    }
    setError(null);
    setTracking('');
    toastOk(t('parcels.order.added', { tracking: tracking.split(/[,;\s]+/).filter(Boolean).join(', ') }));
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap={4}>
        <Group align="end" data-testid="add-shipment">
          <Select label={t('parcels.order.carrier')} data={carriers} value={carrier} onChange={setCarrier} w={180} data-testid="add-shipment-carrier" />
          <TextInput label={t('parcels.order.tracking')} value={tracking} onChange={(e) => setTracking(e.currentTarget.value)} data-scan-target="insert" style={{ flex: 1 }} data-testid="add-shipment-tracking" />
          <NumberInput label={t('parcels.order.parcelCount')} value={parcels} onChange={setParcels} min={1} max={99} w={100} />
          <Button type="submit" loading={busy} disabled={!carrier || !tracking.trim()} data-testid="add-shipment-submit">
            {t('parcels.order.add')}
          </Button>
        </Group>
        <Text fz="xs" c="dimmed" data-testid="add-shipment-hint">
          {t('parcels.order.addHint', { action: words.action(SHIP_ACTION) })}
        </Text>
        {error ? (
          <Text fz="sm" c="red" role="alert" data-testid="add-shipment-error">
            {error}
          </Text>
        ) : null}
      </Stack>
    </form>
  );
}

function OpenException({ shipmentId }: { shipmentId: string }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const refusalText = useRefusalText();
  const [type, setType] = useState<string | null>(null);
  const open = async () => {
    const result = await counter.openException({ shipmentId, type: (type ?? 'damaged') as ExceptionType });
    if (!result.ok) return toastRefused(t('parcels.exceptions.openFailed'), refusalText(result));
    setType(null);
  };
  return (
    <Group mt="xs" gap="xs">
      <Select placeholder={t('parcels.exceptions.report')} data={EXCEPTION_TYPES.map((x) => ({ value: x, label: t(`parcels.exceptionType.${x}`) }))} value={type} onChange={setType} size="xs" w={200} />
      <Button size="xs" variant="light" color="orange" disabled={!type} onClick={() => void open()} leftSection={<IconAlertTriangle size={14} />}>
        {t('parcels.exceptions.open')}
      </Button>
    </Group>
  );
}

export function ExceptionCard({ exception: e }: { exception: ExceptionRow }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const now = useNow();
  const counter = useCounter();
  const refusalText = useRefusalText();
  const [note, setNote] = useState('');
  const [owner, setOwner] = useState(e.owner ?? '');
  const [tracking, setTracking] = useState('');
  const actions = trackingMachines().exception.actions(e.state);
  const work = async (action: string | null) => {
    const result = await counter.workException({
      exceptionId: e.id,
      ...(action ? { action } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(owner.trim() && owner.trim() !== e.owner ? { owner: owner.trim() } : {}),
      ...(action === 'reship' && tracking.trim() ? { trackingNumber: tracking.trim() } : {}),
    });
    if (!result.ok) return toastRefused(t('parcels.exceptions.workFailed'), refusalText(result));
    setNote('');
    setTracking('');
  };
  return (
    <Card withBorder padding="sm" data-testid="exception" data-state={e.state} data-type={e.type} style={{ borderColor: e.open ? 'var(--mantine-color-orange-6)' : undefined }}>
      <Group justify="space-between">
        <Group gap="xs">
          <IconAlertTriangle size={18} color="var(--mantine-color-orange-6)" />
          <Text fw={600}>{t(`parcels.exceptionType.${e.type}`)}</Text>
          <Badge color={e.open ? 'orange' : 'gray'} data-testid="exception-state">
            {stateWord(t, 'exception', e.state)}
          </Badge>
          <Text fz="sm" c="dimmed" ff="monospace">
            {e.trackingNumber}
          </Text>
        </Group>
        <Text fz="sm" c="dimmed">
          {t('parcels.exceptions.age', { age: formatDuration(Math.max(0, (e.closedAt ?? now) - e.openedAt), locale, true) })}
        </Text>
      </Group>
      {e.notes.length ? (
        <Stack gap={2} mt="xs">
          {e.notes.map((n, i) => (
            <Text key={i} fz="sm">
              {formatDateTime(n.at, locale)} · {n.operator}
              {n.action ? ` · ${t(`parcels.action.${n.action}`, { defaultValue: n.action })}` : ''}
              {n.text ? ` — ${n.text}` : ''}
            </Text>
          ))}
        </Stack>
      ) : null}
      {e.open ? (
        <Stack gap="xs" mt="xs">
          <Group grow align="end">
            <TextInput size="xs" label={t('parcels.exceptions.owner')} value={owner} onChange={(ev) => setOwner(ev.currentTarget.value)} data-testid="exception-owner" />
            <TextInput size="xs" label={t('parcels.exceptions.note')} value={note} onChange={(ev) => setNote(ev.currentTarget.value)} data-testid="exception-note" />
            {actions.includes('reship') ? (
              <TextInput size="xs" label={t('parcels.exceptions.reshipTracking')} value={tracking} onChange={(ev) => setTracking(ev.currentTarget.value)} data-scan-target="insert" data-testid="exception-reship-tracking" />
            ) : null}
          </Group>
          <Group gap="xs">
            {actions.map((a) => (
              <Button key={a} size="xs" variant="light" onClick={() => void work(a)} data-testid={`exception-action-${a.replace(/\s+/g, '-')}`}>
                {t(`parcels.action.${a}`, { defaultValue: a })}
              </Button>
            ))}
            <Button size="xs" variant="default" onClick={() => void work(null)} disabled={!note.trim() && (!owner.trim() || owner.trim() === e.owner)}>
              {t('parcels.exceptions.save')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Card>
  );
}

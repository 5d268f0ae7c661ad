// Every event of the order, oldest first: who (operator, role), what (action), from -> to,
// when; timers scheduled, fired, skipped and cancelled; stock and voucher movements.
import { Badge, Group, Text, Timeline as MTimeline } from '@mantine/core';
import {
  IconArrowRight,
  IconBox,
  IconClockCancel,
  IconClockCheck,
  IconClockPause,
  IconClockPlus,
  IconFlag,
  IconNote,
  IconReceiptRefund,
  IconTicket,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EventRow, EventType } from '../../shared/db/rows';
import { StateBadge } from '../ui/StateBadge';
import { ROLE_COLOR, type StateFamily } from '../ui/stateColors';
import { EmptyView } from '../ui/states';
import { formatDateTime, useLocale } from '../ui/time';
import { useWorkflowWords } from '../workflow/labels';
import type { OrderData } from './useOrderData';

const ICON: Record<EventType, Icon> = {
  transition: IconArrowRight,
  'refund-opened': IconReceiptRefund,
  'refunds-closed': IconReceiptRefund,
  'vouchers-issued': IconTicket,
  'vouchers-changed': IconTicket,
  'voucher-redeemed': IconTicket,
  'flag-set': IconFlag,
  'timer-scheduled': IconClockPlus,
  'timer-extended': IconClockPlus,
  'timer-fired': IconClockCheck,
  'timer-skipped': IconClockPause,
  'timer-cancelled': IconClockCancel,
  stock: IconBox,
  note: IconNote,
};

const COLOR: Partial<Record<EventType, string>> = {
  transition: 'blue',
  'refund-opened': 'orange',
  'refunds-closed': 'orange',
  'timer-fired': 'green',
  'timer-skipped': 'orange',
  'timer-cancelled': 'gray',
  stock: 'teal',
};

export function Timeline({ data }: { data: OrderData }) {
  const { t } = useTranslation();
  const { events } = data;
  if (!events.length) return <EmptyView size="sm" title={t('order.timeline.empty')} />;
  return (
    <MTimeline bulletSize={28} lineWidth={2} active={events.length - 1} data-testid="timeline">
      {events.map((e) => (
        <EventItem key={e.id} event={e} data={data} />
      ))}
    </MTimeline>
  );
}

function EventItem({ event: e, data, ...rest }: { event: EventRow; data: OrderData }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { locale } = useLocale();
  const Icon = ICON[e.type] ?? IconNote;
  const family: StateFamily = e.entity.kind;
  const subject = subjectLabel(e, data, t);
  const title = e.type === 'transition' ? words.action(e.action) : t(`order.timeline.type.${e.type}`, { what: e.action ? words.timer(e.action, '') : '' });
  return (
    <MTimeline.Item
      {...rest}
      bullet={<Icon size={16} />}
      color={COLOR[e.type] ?? 'gray'}
      data-testid="timeline-event"
      data-type={e.type}
      data-action={e.action}
      title={
        <Group gap={8} wrap="wrap">
          {e.role ? (
            <Badge color={ROLE_COLOR[e.role as 'B'] ?? 'gray'} variant="filled" size="sm" w={28} px={0}>
              {e.role}
            </Badge>
          ) : null}
          <Text fw={700}>{title}</Text>
          <Text c="dimmed" fz="sm">
            {subject}
          </Text>
        </Group>
      }
    >
      {e.from !== null || e.to !== null ? (
        <Group gap={6} mt={4}>
          {e.from !== null ? (
            <>
              <StateBadge family={family} state={e.from} size="sm" />
              <IconArrowRight size={14} />
            </>
          ) : null}
          <StateBadge family={family} state={e.to} size="sm" />
          {e.postAction ? (
            <Text fz="sm" c="dimmed">
              · {words.postAction(e.postAction)}
            </Text>
          ) : null}
        </Group>
      ) : null}
      {e.detail ? (
        <Text fz="sm" mt={2}>
          {detailText(e, locale)}
        </Text>
      ) : null}
      <Text fz="xs" c="dimmed" mt={2} className="tabular">
        {formatDateTime(e.at, locale)} · {e.operator || t('order.timeline.system')}
      </Text>
    </MTimeline.Item>
  );
}

/** Scheduled timers carry their due time as an ISO string: show it in local time. */
function detailText(e: EventRow, locale: string): string {
  if (e.detail && (e.type === 'timer-scheduled' || e.type === 'timer-extended') && !Number.isNaN(Date.parse(e.detail))) {
    return `→ ${formatDateTime(Date.parse(e.detail), locale)}`;
  }
  return e.detail ?? '';
}

function subjectLabel(e: EventRow, data: OrderData, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (e.entity.kind === 'order') return t('order.timeline.onOrder');
  const itemId = e.entity.kind === 'item' ? e.entity.id : data.refunds.find((r) => r.id === e.entity.id)?.itemId;
  const line = data.items.find((i) => i.id === itemId)?.lineNo ?? '?';
  return e.entity.kind === 'item' ? t('order.timeline.onLine', { line }) : t('order.timeline.onSheet', { line });
}

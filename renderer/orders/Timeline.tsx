// Every event of the order, oldest first: who (operator, role), what (action), from -> to,
// when; timers scheduled, fired, skipped and cancelled; stock and voucher movements.
//
// Plain elements with Mantine's Timeline classes and variables (its look, light and dark),
// not its components: a demo order has ~10 steps of ~12 components each, and building
// them was ~12 ms of the ~50 ms from a scanned label to the order's page painted.
import { Timeline as MTimeline } from '@mantine/core';
import { useCallback, useMemo, type CSSProperties } from 'react';
import {
  IconArrowRight,
  IconBox,
  IconCash,
  IconClockCancel,
  IconClockCheck,
  IconClockPause,
  IconClockPlus,
  IconFlag,
  IconNote,
  IconReceiptRefund,
  IconTicket,
  IconClockExclamation,
  type Icon,
} from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { EventRow, EventType } from '../../shared/db/rows';
import type { CurrencyDigits } from '../../shared/money';
import { db } from '../db';
import { LogisticsItem } from '../parcels/TimelineItem';
import { mergeTimeline } from '../parcels/timelineEntries';
import { FilledBadge } from '../ui/FilledBadge';
import { StateBadge } from '../ui/StateBadge';
import { roleColor } from '../ui/stateColors';
import { EmptyView } from '../ui/states';
import { useCurrencyDigits } from '../ui/currencyDigits';
import { formatDateTime, useLocale } from '../ui/time';
import type { Translate } from '../workflow/explain';
import { useWorkflowWords, type WorkflowWords } from '../workflow/labels';
import { withCarrierNames } from '../workflow/words';
import { eventDetailText, eventStates, eventTitle } from './eventText';
import classes from './Timeline.module.css';
import type { OrderData } from './useOrderData';

const ICON: Record<EventType, Icon> = {
  transition: IconArrowRight,
  payment: IconCash,
  'refund-opened': IconReceiptRefund,
  'refunds-closed': IconReceiptRefund,
  'refund-kind-changed': IconReceiptRefund,
  'vouchers-issued': IconTicket,
  'vouchers-changed': IconTicket,
  'voucher-redeemed': IconTicket,
  'flag-set': IconFlag,
  'timer-scheduled': IconClockPlus,
  'timer-extended': IconClockPlus,
  'timer-fired': IconClockCheck,
  'timer-skipped': IconClockPause,
  'timer-cancelled': IconClockCancel,
  'timer-failed': IconClockExclamation,
  stock: IconBox,
  inspection: IconBox,
  note: IconNote,
};

const COLOR: Partial<Record<EventType, string>> = {
  transition: 'blue',
  'refund-opened': 'orange',
  'refunds-closed': 'orange',
  'refund-kind-changed': 'orange',
  'timer-fired': 'green',
  'timer-skipped': 'orange',
  'timer-cancelled': 'gray',
  'timer-failed': 'red',
  stock: 'teal',
  payment: 'green',
  inspection: 'orange',
};

// Mantine's Timeline with bulletSize 28 and lineWidth 2.
const ROOT_VARS = { '--tl-bullet-size': 'calc(1.75rem * var(--mantine-scale))', '--tl-line-width': 'calc(0.125rem * var(--mantine-scale))' } as CSSProperties;
const tl = MTimeline.classes;
/** The single-operator name a counter has until someone types one (renderer/config.ts). */
const DEFAULT_OPERATOR = 'counter';

export function Timeline({ data }: { data: OrderData }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { locale } = useLocale();
  const digits = useCurrencyDigits();
  const orderId = data.order.id;
  // The order's shipments, their scans and its parcel exceptions, merged in by time.
  const logistics = useLiveQuery(async () => {
    const [shipments, checkpoints, exceptions] = await Promise.all([
      db.shipments.where('orderId').equals(orderId).toArray(),
      db.checkpoints.where('orderId').equals(orderId).toArray(),
      db.exceptions.where('orderId').equals(orderId).toArray(),
    ]);
    return { shipments, checkpoints, exceptions, carriers: await db.carriers.toArray() };
  }, [orderId]);
  // Who did it, by name: events carry the operator's id (a UUID once operators are set up),
  // or the single-operator name, whose default is the word "counter".
  const operators = useLiveQuery(async () => new Map((await db.operators.toArray()).map((o) => [o.id, o.name])), []);
  const who = useCallback(
    (operator: string) => (!operator ? t('order.timeline.system') : (operators?.get(operator) ?? (operator === DEFAULT_OPERATOR ? t('order.timeline.thisCounter') : operator))),
    [operators, t],
  );
  // A payment in full takes the order's "payment successful" in the role the workflow gives it
  // (the Platform: payment inputs are the platform's in the reference workflows), in the same
  // command as the payment, whose own step records the role the operator took the money in.
  const actedAs = useMemo(() => new Map(data.events.filter((e) => e.type === 'payment' && e.role).map((e) => [e.commandId, e.role])), [data.events]);
  const entries = mergeTimeline(data.events, logistics);
  // A choice of carriers is data: its value is a carrier's code, shown by the carrier's name.
  const carriers = logistics?.carriers;
  const stepWords = useMemo((): WorkflowWords => withCarrierNames(words, carriers ?? []), [words, carriers]);
  if (!entries.length) return <EmptyView size="sm" title={t('order.timeline.empty')} />;
  // Every step is reached (the last one is the current step); the line is coloured up to it.
  return (
    <div className={tl.root} data-align="left" style={ROOT_VARS} data-testid="timeline">
      {/* Keyed by position: steps are only ever appended and hold no state, so from one
          order to the next React updates the steps in place instead of building them anew. */}
      {entries.map((e, i) =>
        e.kind === 'event' ? (
          <EventItem key={i} event={e.event} data={data} lineActive={i < entries.length - 1} t={t} words={stepWords} locale={locale} who={who} actedAs={e.event.type === 'transition' ? actedAs.get(e.event.commandId) : undefined} digits={digits} />
        ) : (
          <LogisticsItem key={i} entry={e} lineActive={i < entries.length - 1} />
        ),
      )}
    </div>
  );
}

interface EventItemProps {
  event: EventRow;
  data: OrderData;
  lineActive: boolean;
  t: Translate;
  words: WorkflowWords;
  locale: string;
  who: (operator: string) => string;
  /** The role the operator acted in, when this step was taken in another one for them. */
  actedAs?: string | undefined;
  /** The shop currency's minor-unit digits: amounts as the rest of the app shows them. */
  digits: CurrencyDigits;
}

function EventItem({ event: e, data, lineActive, t, words, locale, who, actedAs, digits }: EventItemProps) {
  const Icon = ICON[e.type] ?? IconNote;
  const { family, from, to } = eventStates(e);
  const subject = subjectLabel(e, data, t);
  const title = eventTitle(e, t, words);
  const detail = e.detail || e.data ? eventDetailText(e, t, words, (at) => formatDateTime(at, locale), digits) : '';
  const color = { '--tli-color': `var(--mantine-color-${COLOR[e.type] ?? 'gray'}-filled)` } as CSSProperties;
  return (
    <div
      className={tl.item}
      style={color}
      data-active
      data-line-active={lineActive || undefined}
      data-testid="timeline-event"
      data-type={e.type}
      data-action={e.action}
    >
      <div className={tl.itemBullet} data-with-child data-align="left" data-active>
        <Icon size={16} />
      </div>
      <div className={tl.itemBody}>
        <div className={`${tl.itemTitle} ${classes.title}`}>
          {e.role ? (
            <FilledBadge color={roleColor(e.role)} size="sm" className={classes.role} data-role={e.role}>
              {words.role(e.role)}
            </FilledBadge>
          ) : null}
          <span className={classes.what}>{title}</span>
          <span className={classes.dimmed}>{subject}</span>
        </div>
        {from !== null || to !== null ? (
          <div className={classes.states}>
            {from !== null ? (
              <>
                {from.map((s) => (
                  <StateBadge key={s} family={family} state={s} size="sm" />
                ))}
                <IconArrowRight size={14} />
              </>
            ) : null}
            {(to ?? [null]).map((s, i) => (
              <StateBadge key={s ?? i} family={family} state={s} size="sm" />
            ))}
            {e.postAction ? <span className={classes.dimmed}>· {words.postAction(e.postAction)}</span> : null}
          </div>
        ) : null}
        {detail ? <div className={classes.detail}>{detail}</div> : null}
        <div className={`${classes.when} tabular`}>
          {formatDateTime(e.at, locale)} · <span data-testid="timeline-operator">{who(e.operator)}</span>
          {actedAs && e.role && actedAs !== e.role ? (
            <>
              {' '}
              <span data-testid="timeline-acted-as" data-acted-as={actedAs}>
                {t('order.timeline.actedAs', { role: words.role(actedAs), step: words.role(e.role) })}
              </span>
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function subjectLabel(e: EventRow, data: OrderData, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (e.entity.kind === 'order') return t('order.timeline.onOrder');
  const itemId = e.entity.kind === 'item' ? e.entity.id : data.refunds.find((r) => r.id === e.entity.id)?.itemId;
  const line = data.items.find((i) => i.id === itemId)?.lineNo ?? '?';
  return e.entity.kind === 'item' ? t('order.timeline.onLine', { line }) : t('order.timeline.onSheet', { line });
}

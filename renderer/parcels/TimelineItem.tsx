// A shipment, a checkpoint or a parcel exception as a step of the order's timeline: what
// happened, with what it carried (carrier, tracking numbers, parcels; the place, the parcel
// and who signed; the exception's type and note), in the timeline's own look.
import { Timeline as MTimeline } from '@mantine/core';
import { IconAlertTriangle, IconScan, IconTruckDelivery, IconTruckReturn } from '@tabler/icons-react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import classes from '../orders/Timeline.module.css';
import { formatDateTime, useLocale } from '../ui/time';
import type { TimelineEntry } from './timelineEntries';
import { stateWord } from './words';

const tl = MTimeline.classes;

export function LogisticsItem({ entry, lineActive }: { entry: Exclude<TimelineEntry, { kind: 'event' }>; lineActive: boolean }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  let Icon = IconTruckDelivery;
  let color = 'indigo';
  let title: string;
  let detail: string;
  let states: [string | null, string] | null = null;
  let machine = 'shipment';
  let operator: string | null;
  const sep = t('parcels.listSeparator');
  switch (entry.kind) {
    case 'shipment': {
      const s = entry.shipment;
      if (s.direction === 'return') Icon = IconTruckReturn;
      title = t(s.direction === 'return' ? 'parcels.timeline.returnCreated' : 'parcels.timeline.shipmentCreated');
      detail = t('parcels.timeline.shipmentDetail', { carrier: entry.carrier, tracking: s.trackingNumbers.join(sep), count: s.parcels.length });
      operator = s.operator;
      break;
    }
    case 'checkpoint': {
      const c = entry.checkpoint;
      Icon = IconScan;
      color = 'teal';
      title = t('parcels.timeline.checkpoint', { kind: t(`parcels.kind.${c.kind}`, { defaultValue: c.kind }) });
      detail = [
        t('parcels.timeline.parcel', { no: c.parcelNo, count: entry.shipment?.parcels.length ?? c.parcelNo, tracking: c.trackingNumber }),
        c.place ? t('parcels.timeline.place', { place: c.place }) : '',
        c.signedBy ? t('parcels.order.signedBy', { name: c.signedBy }) : '',
      ]
        .filter(Boolean)
        .join(' · ');
      states = c.from === c.to ? null : [c.from, c.to];
      operator = c.operator;
      break;
    }
    case 'exception': {
      const e = entry.exception;
      Icon = IconAlertTriangle;
      color = 'red';
      machine = 'exception';
      const type = t(`parcels.exceptionType.${e.type}`, { defaultValue: e.type });
      if (entry.note === null) {
        title = t('parcels.timeline.exceptionOpened', { type });
        const first = e.notes.find((n) => n.at === e.openedAt && !n.action);
        detail = [t('parcels.timeline.tracking', { tracking: e.trackingNumber }), first?.text ?? ''].filter(Boolean).join(' · ');
        operator = first?.operator ?? null;
      } else {
        const n = entry.note;
        title = n.action ? t('parcels.timeline.exceptionAction', { type, action: t(`parcels.action.${n.action}`, { defaultValue: n.action }) }) : t('parcels.timeline.exceptionNote', { type });
        detail = n.text;
        operator = n.operator;
      }
      break;
    }
  }
  const style = { '--tli-color': `var(--mantine-color-${color}-filled)` } as CSSProperties;
  return (
    <div className={tl.item} style={style} data-active data-line-active={lineActive || undefined} data-testid="timeline-event" data-type={entry.kind}>
      <div className={tl.itemBullet} data-with-child data-align="left" data-active>
        <Icon size={16} />
      </div>
      <div className={tl.itemBody}>
        <div className={`${tl.itemTitle} ${classes.title}`}>
          <span className={classes.what}>{title}</span>
        </div>
        {states ? (
          <div className={classes.states}>
            {states[0] !== null ? `${stateWord(t, machine, states[0])} → ` : ''}
            {stateWord(t, machine, states[1])}
          </div>
        ) : null}
        {detail ? <div className={classes.detail}>{detail}</div> : null}
        <div className={`${classes.when} tabular`}>
          {formatDateTime(entry.at, locale)} · {operator || t('order.timeline.system')}
        </div>
      </div>
    </div>
  );
}

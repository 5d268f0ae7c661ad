// One order on a board: number, buyer, lines, age, next timer, refund badge. Clicking
// (or Enter on the focused card) opens the order.
import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconReceiptRefund } from '@tabler/icons-react';
import { memo } from 'react';
import { Link } from 'react-router-dom';
import { CountdownBadge, countdownOf, type Timer } from '../ui/TimerCountdown';
import { useCardWords } from './cardWords';
import { formatDuration, useNow } from '../ui/time';
import classes from './OrderCard.module.css';
import type { CardData } from './queries';
import { useOpenExceptions } from '../parcels/openExceptions';

function Age({ createdAt }: { createdAt: number }) {
  const { t, locale } = useCardWords();
  const now = useNow();
  return <span className={`${classes.dimmed} tabular`}>{t('common.age', { time: formatDuration(Math.max(0, now - createdAt), locale, true) })}</span>;
}

/** Every live-query refresh brings new row objects: re-render a card only when what it
 *  shows changed (keep in step with the fields read below). */
function sameCard({ data: a }: { data: CardData }, { data: b }: { data: CardData }): boolean {
  return (
    a.order.id === b.order.id &&
    a.order.number === b.order.number &&
    a.order.createdAt === b.order.createdAt &&
    a.order.buyerName === b.order.buyerName &&
    a.order.buyerId === b.order.buyerId &&
    a.order.lineCount === b.order.lineCount &&
    a.openRefunds === b.openRefunds &&
    a.nextTimer?.id === b.nextTimer?.id &&
    a.nextTimer?.dueAt === b.nextTimer?.dueAt
  );
}

function CardCountdown({ timer }: { timer: Timer }) {
  const { t, words, locale } = useCardWords();
  return <CountdownBadge countdown={countdownOf(timer, useNow(), t, words, locale, true)} size="sm" miw={0} style={{ flexShrink: 1 }} />;
}

export const OrderCard = memo(function OrderCard({ data }: { data: CardData }) {
  const { t } = useCardWords();
  const { order, nextTimer, openRefunds } = data;
  const exceptions = useOpenExceptions(order.id);
  // Plain elements styled by a CSS module: a board paints dozens of cards on its first
  // frame, and Mantine's layout components resolve their style props on every render.
  return (
    <Link
      to={`/orders/${order.id}`}
      className={classes.card}
      data-testid="order-card"
      data-order-number={order.number}
      aria-label={`${order.number} ${order.buyerName || order.buyerId}`}
    >
      <div className={classes.row}>
        <span className={classes.number}>{order.number}</span>
        <Age createdAt={order.createdAt} />
      </div>
      <div className={classes.row}>
        <span className={classes.buyer}>{order.buyerName || order.buyerId}</span>
        <span className={classes.dimmed} style={{ whiteSpace: 'nowrap' }}>
          {t('common.lines', { count: order.lineCount })}
        </span>
      </div>
      {nextTimer || openRefunds || exceptions ? (
        // One row, always: the slot height is fixed for the virtualiser; the countdown shrinks.
        <div className={classes.marks}>
          {openRefunds ? (
            <Badge color="orange" variant="filled" size="sm" leftSection={<IconReceiptRefund size={14} />} data-testid="refund-badge" style={{ flex: 'none' }}>
              {t('boards.refunds', { count: openRefunds })}
            </Badge>
          ) : null}
          {exceptions ? (
            <Badge color="red" variant="filled" size="sm" leftSection={<IconAlertTriangle size={14} />} data-testid="exception-badge" style={{ flex: 'none' }}>
              {t('boards.exceptions', { count: exceptions })}
            </Badge>
          ) : null}
          {nextTimer ? <CardCountdown timer={nextTimer} /> : null}
        </div>
      ) : null}
    </Link>
  );
}, sameCard);

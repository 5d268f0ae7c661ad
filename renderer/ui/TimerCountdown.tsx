// "auto-cancel in 23 hr": what a pending timer will do and when. Overdue timers say so.
import { Badge, type BadgeProps } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TimerRow } from '../../shared/db/rows';
import type { Translate } from '../workflow/explain';
import { useWorkflowWords, type WorkflowWords } from '../workflow/labels';
import { formatDateTime, formatDuration, useLocale, useNow } from './time';

export type Timer = Pick<TimerRow, 'action' | 'key' | 'dueAt'>;

interface Countdown {
  text: string;
  /** The text and the due date and time, for the tooltip. */
  title: string;
  overdue: boolean;
}

/** The countdown's words at `now`. `compact`: one unit only ("3 days"). */
export function countdownOf(timer: Timer, now: number, t: Translate, words: WorkflowWords, locale: string, compact: boolean): Countdown {
  const left = timer.dueAt - now;
  const what = words.timer(timer.action, timer.key);
  const text = left > 0 ? t('common.timer.in', { what, time: formatDuration(left, locale, compact) }) : t('common.timer.due', { what });
  return { text, title: `${text} · ${formatDateTime(timer.dueAt, locale)}`, overdue: left <= 0 };
}

interface Props extends Omit<BadgeProps, 'children'> {
  timer: Timer;
}

export function TimerCountdown({ timer, ...rest }: Props) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { locale } = useLocale();
  return <CountdownBadge countdown={countdownOf(timer, useNow(), t as Translate, words, locale, false)} {...rest} />;
}

/** The badge itself, for callers that have the words at hand (board cards). */
export function CountdownBadge({ countdown: { text, title, overdue }, ...rest }: Omit<BadgeProps, 'children'> & { countdown: Countdown }) {
  // A native tooltip: each Mantine Tooltip sets up its own floating element logic on render.
  return (
    <Badge
      title={title}
      variant="light"
      color={overdue ? 'orange' : 'blue'}
      leftSection={<IconClockHour4 size={14} />}
      tt="none"
      fw={600}
      className="tabular"
      data-testid="timer-countdown"
      {...rest}
    >
      {text}
    </Badge>
  );
}

// "auto-cancel in 23 hr": what a pending timer will do and when. Overdue timers say so.
import { Badge, type BadgeProps } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TimerRow } from '../../shared/db/rows';
import { useWorkflowWords } from '../workflow/labels';
import { formatDateTime, formatDuration, useLocale, useNow } from './time';

interface Props extends Omit<BadgeProps, 'children'> {
  timer: Pick<TimerRow, 'action' | 'key' | 'dueAt'>;
  /** One unit only ("3 days"), for board cards. */
  compact?: boolean;
}

export function TimerCountdown({ timer, compact = false, ...rest }: Props) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { locale } = useLocale();
  const now = useNow();
  const left = timer.dueAt - now;
  const what = words.timer(timer.action, timer.key);
  const text = left > 0 ? t('common.timer.in', { what, time: formatDuration(left, locale, compact) }) : t('common.timer.due', { what });
  // A native tooltip: boards show dozens of these, and each Mantine Tooltip sets up its
  // own floating element logic on render.
  return (
    <Badge
      title={`${text} · ${formatDateTime(timer.dueAt, locale)}`}
      variant="light"
      color={left > 0 ? 'blue' : 'orange'}
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

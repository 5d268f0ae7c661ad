// Task monitor: every durable timer across all orders (pending, failed, fired, skipped,
// cancelled) with its due time, order, entity, role, action and outcome; "run due now" fires
// what is due in this window's engine and says how many fired. A timer whose firing failed
// too often shows why, and "Retry now" puts it back to be fired.
import { Anchor, Badge, Box, Button, Group, Kbd, SegmentedControl, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconClockHour4, IconPlayerPlay, IconRefresh, IconSearch } from '@tabler/icons-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { TimerStatus } from '../../shared/db/rows';
import { useCounter } from '../engine/client';
import { useUiStore } from '../state/uiStore';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { PageHeader } from '../ui/PageHeader';
import { roleColor, timerColor } from '../ui/stateColors';
import { EmptyView, LoadingState } from '../ui/states';
import { formatDuration, useLocale, useNow } from '../ui/time';
import { toastOk, toastRefused } from '../ui/toast';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useWorkflowWords } from '../workflow/labels';
import { formatStamp } from '../stock/format';
import { VirtualTable, type VirtualColumn } from '../stock/VirtualTable';
import { STATUSES, TIMER_LIMIT, useDueCount, usePeriodPreset, useTimerCounts, useTimers, type TimerView } from './queries';

/** A parcel's late timer is kept under its shipment (shared/tracking/decide.ts); its order is its target. */
const orderOfTimer = (r: { orderId: string; target: { id: string } }) => (r.orderId.startsWith('shipment:') ? r.target.id : r.orderId);
import { useTaskStore, type StatusFilter } from './taskStore';

export default function TasksPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const counter = useCounter();
  const now = useNow();
  const due = useDueCount(now);
  const [running, setRunning] = useState(false);
  const [lastRun, setLastRun] = useState<{ fired: number; at: number } | null>(null);

  const runDue = async () => {
    if (running) return;
    setRunning(true);
    try {
      const fired = await counter.runDueTimers();
      setLastRun({ fired, at: Date.now() });
      toastOk(t('tasks.run.done'), t('tasks.run.fired', { count: fired }));
    } catch (error) {
      toastRefused(t('tasks.run.failed'), error instanceof Error ? error.message : String(error));
    } finally {
      setRunning(false);
    }
  };
  useHotkeys([['r', () => void runDue()]]);

  return (
    <Box h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--app-shell-padding))" mih={480} style={{ display: 'flex', flexDirection: 'column' }}>
      <PageHeader title={t('tasks.title')}>
        {lastRun ? (
          <Text c="dimmed" fz="sm" data-testid="run-result">
            {t('tasks.run.last', { count: lastRun.fired, time: formatStamp(lastRun.at, locale) })}
          </Text>
        ) : null}
        <Button
          leftSection={<IconPlayerPlay size={20} />}
          rightSection={
            <Group gap={6} wrap="nowrap">
              {due ? (
                <Badge color="orange" variant="white" size="md" className="tabular" data-testid="due-count">
                  {due}
                </Badge>
              ) : null}
              <Kbd size="xs">R</Kbd>
            </Group>
          }
          loading={running}
          onClick={() => void runDue()}
          data-testid="run-due"
        >
          {t('tasks.run.button')}
        </Button>
      </PageHeader>
      <ErrorBoundary>
        <TasksBody />
      </ErrorBoundary>
    </Box>
  );
}

function TasksBody() {
  const { t } = useTranslation();
  const store = useTaskStore();
  const counts = useTimerCounts();
  const timers = useTimers(store.status);
  const leader = useUiStore((s) => s.leader);
  const preset = usePeriodPreset();
  const [text] = useDebouncedValue(store.text.trim().toLowerCase(), 150);
  const words = useWorkflowWords();
  const filterRef = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => filterRef.current?.focus()]]);

  const rows = useMemo(() => {
    if (!timers) return undefined;
    if (!text) return timers.rows;
    return timers.rows.filter((r) =>
      [r.orderNumber, r.action ?? '', r.setFlag ?? '', r.key, r.role, r.outcome ?? '', words.timer(r.action, r.key), r.line?.sku ?? '']
        .join('\u0000')
        .toLowerCase()
        .includes(text),
    );
  }, [timers, text, words]);

  const total = counts ? STATUSES.reduce((n, s) => n + counts[s], 0) : undefined;
  const options = [...STATUSES, 'all' as const].map((s) => ({
    value: s,
    label: `${t(`tasks.status.${s}`)}${counts ? ` · ${s === 'all' ? total : counts[s]}` : ''}`,
  }));

  let body;
  if (rows === undefined || counts === undefined) body = <LoadingState />;
  else if (total === 0)
    body = <EmptyView size="lg" icon={<IconClockHour4 />} title={t('tasks.empty.none')} description={t('tasks.empty.noneHint')} />;
  else if (rows.length === 0)
    body = <EmptyView icon={<IconSearch />} title={t('tasks.empty.noMatch', { status: t(`tasks.status.${store.status}`) })} />;
  else body = <TimersTable rows={rows} footer={timers?.truncated ? t('tasks.truncated', { count: TIMER_LIMIT }) : undefined} />;

  return (
    <>
      <Group gap="sm" mb="xs" wrap="nowrap">
        <SegmentedControl
          value={store.status}
          onChange={(status) => store.set({ status: status as StatusFilter })}
          data={options}
          data-testid="task-status"
          aria-label={t('tasks.filter.status')}
        />
        <TextInput
          ref={filterRef}
          aria-label={t('tasks.filter.text')}
          placeholder={t('tasks.filter.textPlaceholder')}
          leftSection={<IconSearch size={18} />}
          rightSection={<Kbd size="xs">/</Kbd>}
          value={store.text}
          onChange={(e) => store.set({ text: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape') store.set({ text: '' });
          }}
          style={{ flex: 1, maxWidth: 360 }}
          data-testid="task-filter"
        />
      </Group>
      <Group gap="md" mb="md">
        <Text c="dimmed" fz="sm" data-testid="timer-runner">
          {leader ? t('tasks.runner.leader') : t('tasks.runner.follower')}
        </Text>
        {preset ? (
          <Anchor component={Link} to="/settings" fz="sm" data-testid="period-preset">
            {t(`tasks.preset.${preset}`)}
          </Anchor>
        ) : null}
      </Group>
      <Box style={{ flex: 1, minHeight: 0 }}>{body}</Box>
    </>
  );
}

function TimersTable({ rows, footer }: { rows: TimerView[]; footer?: string }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const words = useWorkflowWords();
  const navigate = useNavigate();
  const now = useNow();
  const { english } = useWorkflowCatalog();
  // The retry column is there only while a shown timer needs it.
  const anyFailed = useMemo(() => rows.some((r) => r.status === 'failed'), [rows]);

  // A fired action's outcome is the state the entity moved to: show its label.
  const outcomeText = useCallback(
    (r: TimerView) => {
      if (!r.outcome) return '—';
      const family = r.target.kind;
      if (r.status === 'fired' && r.action && english[family][r.outcome] !== undefined) {
        return t('tasks.outcome.now', { state: words.state(family, r.outcome) });
      }
      return r.outcome;
    },
    [english, t, words],
  );

  const columns = useMemo<Array<VirtualColumn<TimerView>>>(
    () => [
      {
        key: 'status',
        header: t('tasks.columns.status'),
        width: 124,
        render: (r) => (
          <Badge color={timerColor(r.status)} variant={r.status === 'pending' || r.status === 'failed' ? 'filled' : 'light'} size="md" data-testid="timer-status">
            {t(`tasks.status.${r.status}`)}
          </Badge>
        ),
      },
      {
        key: 'due',
        header: t('tasks.columns.due'),
        width: 190,
        render: (r) => {
          const left = r.dueAt - now;
          return (
            <Stack gap={0}>
              {r.status === 'pending' ? (
                <Text fw={700} c={left > 0 ? undefined : 'orange'} className="tabular" data-testid="timer-due">
                  {left > 0 ? t('tasks.due.in', { time: formatDuration(left, locale) }) : t('tasks.due.now', { time: formatDuration(-left, locale) })}
                </Text>
              ) : (
                <Text fw={600} className="tabular" data-testid="timer-due">
                  {r.doneAt ? t(r.status === 'failed' ? 'tasks.due.failed' : 'tasks.due.done', { time: formatDuration(now - r.doneAt, locale) }) : '—'}
                </Text>
              )}
              <Text fz="xs" c="dimmed" className="tabular">
                {t('tasks.due.at', { time: formatStamp(r.dueAt, locale) })}
              </Text>
            </Stack>
          );
        },
      },
      {
        key: 'order',
        header: t('tasks.columns.order'),
        width: 200,
        render: (r) => (
          <Stack gap={0}>
            <Anchor component={Link} to={`/orders/${orderOfTimer(r)}`} ff="monospace" fw={700} tabIndex={-1} data-testid="timer-order">
              {r.orderNumber}
            </Anchor>
            <Text fz="xs" c="dimmed" truncate data-testid="timer-entity">
              {r.target.kind === 'order'
                ? t('tasks.entity.order')
                : r.target.kind === 'item'
                  ? t('tasks.entity.item', { line: r.line?.lineNo ?? '?', sku: r.line?.sku ?? '' })
                  : t('tasks.entity.refund', { line: r.line?.lineNo ?? '?' })}
            </Text>
          </Stack>
        ),
      },
      {
        key: 'role',
        header: t('tasks.columns.role'),
        width: 64,
        render: (r) => {
          const role = r.role.toUpperCase();
          return (
            <Tooltip label={words.role(role)}>
              <Badge color={roleColor(role)} variant="light" size="lg" w={40} px={0} ta="center">
                {role}
              </Badge>
            </Tooltip>
          );
        },
      },
      {
        key: 'action',
        header: t('tasks.columns.action'),
        render: (r) => (
          <Stack gap={0}>
            <Text fw={600} truncate data-testid="timer-action">
              {words.timer(r.action, r.key)}
            </Text>
            <Text fz="xs" c="dimmed" truncate>
              {r.action ? t('tasks.action.does', { action: words.action(r.action) }) : t('tasks.action.flag', { flag: r.setFlag ?? r.key })}
            </Text>
          </Stack>
        ),
      },
      {
        key: 'outcome',
        header: t('tasks.columns.outcome'),
        width: 210,
        render: (r) => (r.lastError && (r.status === 'failed' || r.status === 'pending') ? <FailureCell timer={r} /> : (
          <Tooltip label={r.outcome} disabled={!r.outcome} multiline maw={360}>
            <Text fz="sm" c={r.outcome ? undefined : 'dimmed'} truncate data-testid="timer-outcome">
              {outcomeText(r)}
            </Text>
          </Tooltip>
        )),
      },
      ...(anyFailed
        ? [
            {
              key: 'retry',
              header: t('tasks.columns.retry'),
              width: 144,
              render: (r: TimerView) => (r.status === 'failed' ? <RetryButton timer={r} /> : null),
            },
          ]
        : []),
    ],
    [t, locale, words, now, outcomeText, anyFailed],
  );

  return (
    <VirtualTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      rowHeight={60}
      rowProps={(r) => ({ 'data-status': r.status as TimerStatus, 'data-order': r.orderNumber })}
      onRowActivate={(r) => navigate(`/orders/${orderOfTimer(r)}`)}
      ariaLabel={t('tasks.tableLabel')}
      testId="timers-table"
      rowTestId="timer-row"
      footer={footer}
    />
  );
}

/** Why a timer's firing failed, and how often it was tried (failed, or pending a retry). */
function FailureCell({ timer }: { timer: TimerView }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const attempts = timer.attempts ?? 0;
  return (
    <Tooltip label={t('tasks.failure.reason', { reason: timer.lastError })} multiline maw={420}>
      <Stack gap={0}>
        <Text fz="sm" fw={600} c={`${timerColor('failed')}.8`} truncate data-testid="timer-error">
          {timer.lastError}
        </Text>
        <Text fz="xs" c="dimmed" truncate data-testid="timer-attempts" data-attempts={attempts}>
          {timer.status === 'failed'
            ? t('tasks.failure.attempts', { count: attempts })
            : t('tasks.failure.retrying', { count: attempts, time: formatStamp(timer.dueAt, locale) })}
        </Text>
      </Stack>
    </Tooltip>
  );
}

/** Puts a failed timer back to be fired now; the toast says what happened. */
function RetryButton({ timer }: { timer: TimerView }) {
  const { t } = useTranslation();
  const counter = useCounter();
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      const result = await counter.retryTimer(timer.id);
      if (result.ok) toastOk(t('tasks.retry.done'), t('tasks.retry.doneHint', { order: timer.orderNumber }));
      else toastRefused(t('tasks.retry.failed'), result.message);
    } catch (error) {
      toastRefused(t('tasks.retry.failed'), error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="compact-sm"
      variant="light"
      color={timerColor('failed')}
      leftSection={<IconRefresh size={16} />}
      loading={busy}
      onClick={() => void retry()}
      aria-label={t('tasks.retry.label', { order: timer.orderNumber })}
      data-testid="timer-retry"
    >
      {t('tasks.retry.button')}
    </Button>
  );
}

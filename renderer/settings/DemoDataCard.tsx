// Demo data: realistic products, locations and orders in many states, driven through the
// real workflow by the engine — only ever in the demo counter, a database of its own beside
// the shop's. In the shop this card opens the demo counter; there it generates, leads back,
// and deletes the demo counter. Progress is the live order count as batches are written.
// An import stopped midway (the window closed) shows here with a way to finish it: each
// batch is one stored command, so the run resumes at the batch after the last one stored.
import { Alert, Button, Group, Modal, Progress, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconBuildingStore, IconDatabasePlus, IconFlask, IconPlayerPlay, IconSparkles, IconTrash } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderTotal } from '../boards/queries';
import { db } from '../db';
import { plannedBatches, unfinishedDemoImport } from '../../shared/demo/runs';
import { useCounter } from '../engine/client';
import { formatDuration, numberFormat, useLocale, useNow } from '../ui/time';
import { toastOk, toastRefused } from '../ui/toast';
import { SettingsCard } from './SettingsCard';
import { config, deleteDemoCounter, switchCounter } from '../config';
import { takeDemoOnOpen } from '../firststart/demoOnOpen';

const COUNTS = [10, 100, 1_000, 10_000, 100_000];

interface Run {
  requested: number;
  startCount: number;
  startedAt: number;
}

export function DemoDataCard() {
  return config.demoCounter ? <DemoCounterCard /> : <ShopDemoCard />;
}

/** In the shop: demo data never comes here; the demo counter is one deliberate click away. */
function ShopDemoCard() {
  const { t } = useTranslation();
  return (
    <SettingsCard icon={<IconSparkles size={24} />} title={t('settings.demo.title')} description={t('settings.demo.description')} testId="settings-demo">
      <Alert color="grape" variant="light" icon={<IconFlask size={18} />} data-testid="demo-shop-note">
        {t('settings.demo.shopNote')}
      </Alert>
      <Group justify="flex-end">
        <Button color="grape" leftSection={<IconFlask size={20} />} onClick={() => switchCounter('demo')} data-testid="open-demo-counter">
          {t('settings.demo.open')}
        </Button>
      </Group>
    </SettingsCard>
  );
}

function DemoCounterCard() {
  const { t } = useTranslation();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { locale } = useLocale();
  const counter = useCounter();
  // Asked for at first start ("load demo data"): taken once, started once the card shows.
  const [askedAtStart] = useState(takeDemoOnOpen);
  const [count, setCount] = useState(askedAtStart ? String(askedAtStart) : '100');
  const [run, setRun] = useState<Run | null>(null);
  const [result, setResult] = useState<{ orders: number; products: number; ms: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const orders = useLiveQuery(orderTotal, []);
  // Re-read as commands are stored: a batch landing (here or in another window) moves it on.
  const stopped = useLiveQuery(() => unfinishedDemoImport(db), []);
  const now = useNow();
  const number = (n: number) => numberFormat(locale).format(n);

  /** Runs an import (a new one, or the rest of a stopped one) with progress and its outcome. */
  const runImport = async (requested: number, start: () => Promise<{ orders: number; products: number } | null>, words: { done: string; detail: string; failed: string }) => {
    setResult(null);
    setError(null);
    const started: Run = { requested, startCount: orders ?? 0, startedAt: Date.now() };
    setRun(started);
    try {
      const r = await start();
      if (!r) return; // another window finished it meanwhile
      const ms = Date.now() - started.startedAt;
      setResult({ ...r, ms });
      toastOk(t(words.done), t(words.detail, { orders: number(r.orders), products: number(r.products) }));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setError(message);
      toastRefused(t(words.failed), message);
    } finally {
      setRun(null);
    }
  };
  const generate = () => {
    const requested = Number(count);
    return runImport(requested, () => counter.importDemo({ orders: requested }), { done: 'settings.demo.done', detail: 'settings.demo.doneDetail', failed: 'settings.demo.failed' });
  };
  const started = useRef(false);
  useEffect(() => {
    if (started.current || askedAtStart === null || orders === undefined) return;
    started.current = true;
    void runImport(askedAtStart, () => counter.importDemo({ orders: askedAtStart }), { done: 'settings.demo.done', detail: 'settings.demo.doneDetail', failed: 'settings.demo.failed' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the order count is first known
  }, [orders]);
  const resume = () =>
    stopped && runImport(stopped.total - stopped.written, () => counter.resumeDemoImport(), { done: 'settings.demo.resumed', detail: 'settings.demo.resumedDetail', failed: 'settings.demo.resumeFailed' });

  const written = run && orders !== undefined ? Math.max(0, orders - run.startCount) : 0;
  const percent = run ? Math.min(100, (written / run.requested) * 100) : 0;

  return (
    <SettingsCard icon={<IconSparkles size={24} />} title={t('settings.demo.title')} description={t('settings.demo.description')} testId="settings-demo">
      <Stack gap={6}>
        <Text fw={600} fz="sm" id="demo-count-label">
          {t('settings.demo.count')}
        </Text>
        <SegmentedControl
          fullWidth
          value={count}
          onChange={setCount}
          data={COUNTS.map((n) => ({ value: String(n), label: number(n) }))}
          disabled={run !== null}
          aria-labelledby="demo-count-label"
          data-testid="demo-count"
        />
      </Stack>
      <Text fz="sm" c="dimmed">
        {Number(count) >= 10_000 ? t('settings.demo.bigHint') : t('settings.demo.counterHint')} {t('settings.demo.current', { count: orders ?? 0, formatted: number(orders ?? 0) })}
      </Text>
      <Group justify="space-between">
        <Group gap="xs">
          <Button variant="default" leftSection={<IconBuildingStore size={18} />} onClick={() => switchCounter('shop')} disabled={run !== null} data-testid="demo-back-to-shop">
            {t('common.demoCounter.backToShop')}
          </Button>
          <Button variant="subtle" color="red" leftSection={<IconTrash size={18} />} onClick={() => setConfirmDelete(true)} disabled={run !== null} data-testid="delete-demo-counter">
            {t('settings.demo.delete')}
          </Button>
        </Group>
        <Button leftSection={<IconDatabasePlus size={20} />} onClick={() => void generate()} loading={run !== null} data-testid="demo-generate">
          {t('settings.demo.generate', { count: Number(count), formatted: number(Number(count)) })}
        </Button>
      </Group>
      {stopped && !run ? (
        <Alert color="yellow" variant="light" data-testid="demo-stopped" data-batch={stopped.batch} data-batches={plannedBatches(stopped)}>
          <Group justify="space-between" wrap="nowrap">
            <Text fz="sm">
              {t('settings.demo.stopped', { batch: number(stopped.batch), batches: number(plannedBatches(stopped)), written: number(stopped.written), total: number(stopped.total) })}
            </Text>
            <Button leftSection={<IconPlayerPlay size={18} />} onClick={() => void resume()} data-testid="demo-resume">
              {t('settings.demo.resume')}
            </Button>
          </Group>
        </Alert>
      ) : null}
      {run ? (
        <Stack gap={6} data-testid="demo-progress" role="status" aria-live="polite">
          {/* Orders are written in batches: until the first one lands, show that work is going on. */}
          <Progress value={written > 0 ? percent : 100} color={written > 0 ? undefined : 'gray'} animated striped size="xl" radius="md" />
          <Text fz="sm" className="tabular">
            {written > 0
              ? t('settings.demo.progress', { done: number(Math.min(written, run.requested)), total: number(run.requested), time: formatDuration(now - run.startedAt, locale) })
              : t('settings.demo.preparing', { total: number(run.requested), time: formatDuration(now - run.startedAt, locale) })}
          </Text>
        </Stack>
      ) : null}
      {result ? (
        <Alert color="green" variant="light" data-testid="demo-result" withCloseButton onClose={() => setResult(null)}>
          {t('settings.demo.result', { orders: number(result.orders), products: number(result.products), time: formatDuration(result.ms, locale) })}
        </Alert>
      ) : null}
      {error ? (
        <Alert color="red" variant="light" role="alert" data-testid="demo-error">
          {error}
        </Alert>
      ) : null}
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('settings.demo.deleteTitle')} centered data-testid="confirm-delete-demo">
        <Stack gap="md">
          <Text>{t('settings.demo.deleteText', { count: orders ?? 0, formatted: number(orders ?? 0) })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)} data-testid="delete-demo-cancel">
              {t('settings.live.cancel')}
            </Button>
            <Button color="red" leftSection={<IconTrash size={18} />} onClick={deleteDemoCounter} data-testid="delete-demo-ok">
              {t('settings.demo.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </SettingsCard>
  );
}

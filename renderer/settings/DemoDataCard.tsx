// Demo data: realistic products, locations and orders in many states, driven through the
// real workflow by the engine. Progress is the live order count as batches are written.
import { Alert, Button, Group, Progress, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDatabasePlus, IconSparkles } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderTotal } from '../boards/queries';
import { useCounter } from '../engine/client';
import { formatDuration, numberFormat, useLocale, useNow } from '../ui/time';
import { toastOk, toastRefused } from '../ui/toast';
import { SettingsCard } from './SettingsCard';

const COUNTS = [10, 100, 1_000, 10_000, 100_000];

interface Run {
  requested: number;
  startCount: number;
  startedAt: number;
}

export function DemoDataCard() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const counter = useCounter();
  const [count, setCount] = useState('100');
  const [run, setRun] = useState<Run | null>(null);
  const [result, setResult] = useState<{ orders: number; products: number; ms: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const orders = useLiveQuery(orderTotal, []);
  const now = useNow();
  const number = (n: number) => numberFormat(locale).format(n);

  const generate = async () => {
    const requested = Number(count);
    setResult(null);
    setError(null);
    const started: Run = { requested, startCount: orders ?? 0, startedAt: Date.now() };
    setRun(started);
    try {
      const r = await counter.importDemo({ orders: requested });
      const ms = Date.now() - started.startedAt;
      setResult({ ...r, ms });
      toastOk(t('settings.demo.done'), t('settings.demo.doneDetail', { orders: number(r.orders), products: number(r.products) }));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setError(message);
      toastRefused(t('settings.demo.failed'), message);
    } finally {
      setRun(null);
    }
  };

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
        {Number(count) >= 10_000 ? t('settings.demo.bigHint') : t('settings.demo.hint')} {t('settings.demo.current', { count: orders ?? 0, formatted: number(orders ?? 0) })}
      </Text>
      <Group justify="flex-end">
        <Button leftSection={<IconDatabasePlus size={20} />} onClick={() => void generate()} loading={run !== null} data-testid="demo-generate">
          {t('settings.demo.generate', { count: Number(count), formatted: number(Number(count)) })}
        </Button>
      </Group>
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
    </SettingsCard>
  );
}

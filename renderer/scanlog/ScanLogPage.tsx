// The scan log: every scan this counter read, newest first (time, what was scanned, what it
// read as, on which screen, the result and its message), filtered by result and kind, and
// exported as CSV. The list renders only the rows in view and loads more as it scrolls.
import { Badge, Box, Button, Group, SegmentedControl, Select, Text, Tooltip } from '@mantine/core';
import { IconBarcode, IconCircleCheck, IconCircleX, IconDatabaseExport } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PARSED_KINDS } from '../../shared/barcode/index';
import type { ScanRow } from '../../shared/db/rows';
import { db } from '../db';
import { platform } from '../platform';
import { visibleControls } from '../scanner/visible';
import { useMenuCommand } from '../shell/menuCommands';
import { PageHeader } from '../ui/PageHeader';
import { RESULT_COLOR } from '../ui/stateColors';
import { EmptyView, LoadingState } from '../ui/states';
import { dateTimeFormat, useLocale } from '../ui/time';
import { toastOk, toastRefused } from '../ui/toast';
import { scansToCsv } from './csv';
import { allScans, readScans, type ResultFilter, type ScanFilter } from './queries';
import classes from './ScanLogPage.module.css';

const PAGE = 200;
const ROW_HEIGHT = 58;
const today = () => new Date().toISOString().slice(0, 10);

const SCREEN_KEYS: Record<string, string> = {
  boards: 'nav.boards',
  'create-order': 'nav.createOrder',
  'order-detail': 'scanlog.screen.orderDetail',
  stock: 'nav.stock',
  tasks: 'nav.tasks',
  workflows: 'nav.workflows',
  scans: 'nav.scanLog',
  settings: 'nav.settings',
  labels: 'nav.labels',
  'scanner-test': 'scanlog.screen.scannerTest',
};

function useTimeFormat() {
  const { locale } = useLocale();
  const time = dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const date = dateTimeFormat(locale, { month: 'short', day: 'numeric' });
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  return (at: number) => (at >= start.getTime() ? time.format(at) : `${date.format(at)} ${time.format(at)}`);
}

export default function ScanLogPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<ScanFilter>({ result: 'all', type: null });
  const [limit, setLimit] = useState(PAGE);
  const [exporting, setExporting] = useState(false);
  const rows = useLiveQuery(() => readScans(filter, limit), [filter.result, filter.type, limit]);
  const total = useLiveQuery(() => db.scans.count(), []);
  const formatTime = useTimeFormat();
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows?.length ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows?.[index]?.seq ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : 0;

  // Near the end of what is loaded: load the next page.
  useEffect(() => {
    if (rows && rows.length >= limit && lastIndex >= rows.length - 20) setLimit((l) => l + PAGE);
  }, [lastIndex, rows, limit]);

  const change = (patch: Partial<ScanFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setLimit(PAGE);
    scrollRef.current?.scrollTo({ top: 0 });
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const all = await allScans(filter);
      const saved = await platform.saveTextFile('csv', `scan-log-${today()}.csv`, scansToCsv(all));
      if (saved) toastOk(t('scanlog.exported', { count: all.length }), saved);
    } catch (error) {
      toastRefused(t('scanlog.exportFailed'), error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  };

  // The File menu's Export CSV exports the log as filtered on screen.
  useMenuCommand('export-csv', () => void exportCsv());

  const kindLabel = (kind: string) => t(`scan.kind.${kind}`, { defaultValue: kind });
  const screenLabel = (screen: string) => (SCREEN_KEYS[screen] ? t(SCREEN_KEYS[screen]!) : screen);

  return (
    <Box className={classes.page}>
      <PageHeader title={t('scanlog.title')}>
        <Text c="dimmed" className="tabular" data-testid="scanlog-total">
          {total === undefined ? '' : t('scanlog.total', { count: total })}
        </Text>
        <Button
          variant="default"
          leftSection={<IconDatabaseExport size={20} />}
          onClick={() => void exportCsv()}
          loading={exporting}
          disabled={!rows?.length}
          data-testid="scanlog-export"
        >
          {t('scanlog.export')}
        </Button>
      </PageHeader>

      <Group gap="sm" mb="md" align="flex-end" data-testid="scanlog-filters">
        <SegmentedControl
          value={filter.result}
          onChange={(v) => change({ result: v as ResultFilter })}
          data={[
            { value: 'all', label: t('scanlog.filter.all') },
            { value: 'ok', label: t('scanlog.filter.ok') },
            { value: 'failed', label: t('scanlog.filter.failed') },
          ]}
          aria-label={t('scanlog.filter.result')}
          data-testid="scanlog-filter-result"
        />
        <Select
          aria-label={t('scanlog.filter.type')}
          placeholder={t('scanlog.filter.anyType')}
          value={filter.type}
          onChange={(v) => change({ type: v })}
          data={PARSED_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          clearable
          w={240}
          data-testid="scanlog-filter-type"
        />
      </Group>

      {rows === undefined ? (
        <LoadingState />
      ) : rows.length === 0 ? (
        <EmptyView
          icon={<IconBarcode />}
          title={t(filter.result === 'all' && !filter.type ? 'scanlog.empty' : 'scanlog.emptyFiltered')}
          description={t('scanlog.emptyHint')}
        />
      ) : (
        <Box className={classes.table} role="table" aria-label={t('scanlog.title')} aria-rowcount={rows.length} data-testid="scanlog">
          <div className={`${classes.row} ${classes.head}`} role="row">
            <div role="columnheader">{t('scanlog.col.time')}</div>
            <div role="columnheader">{t('scanlog.col.raw')}</div>
            <div role="columnheader">{t('scanlog.col.type')}</div>
            <div role="columnheader">{t('scanlog.col.screen')}</div>
            <div role="columnheader">{t('scanlog.col.result')}</div>
          </div>
          <div ref={scrollRef} className={classes.scroll}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const row = rows[item.index] as ScanRow;
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={item.index + 1}
                    className={`${classes.row} ${row.ok ? '' : classes.failed}`}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                    data-testid="scanlog-row"
                  >
                    <div role="cell" className="tabular">
                      {formatTime(row.at)}
                    </div>
                    <div role="cell" className={classes.raw} title={visibleControls(row.raw)} data-testid="scanlog-raw">
                      {visibleControls(row.raw)}
                    </div>
                    <div role="cell">
                      <Badge variant="light" color={row.ok ? 'gray' : RESULT_COLOR.refused} tt="none" size="md">
                        {kindLabel(row.type)}
                      </Badge>
                    </div>
                    <div role="cell" className={classes.dim}>
                      {screenLabel(row.screen)}
                    </div>
                    <div role="cell" className={classes.result} data-testid="scanlog-result" data-ok={String(row.ok)}>
                      {row.ok ? (
                        <IconCircleCheck size={22} color={`var(--mantine-color-${RESULT_COLOR.ok}-filled)`} aria-label={t('scanlog.ok')} />
                      ) : (
                        <IconCircleX size={22} color={`var(--mantine-color-${RESULT_COLOR.refused}-filled)`} aria-label={t('scanlog.failed')} />
                      )}
                      <Tooltip label={row.message} multiline maw={480} openDelay={500}>
                        <Text truncate="end" fz="sm" data-testid="scanlog-message">
                          {row.message}
                        </Text>
                      </Tooltip>
                    </div>
                  </div>
                );
              })}
            </div>
          </div>
        </Box>
      )}
    </Box>
  );
}

// The till: open a session with a float, see the day as it goes, close it with the counted
// cash; the difference is recorded and the Z report (per method, per operator, orders and
// refunds) can be printed and saved as CSV.
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCashRegister, IconFileSpreadsheet, IconLock, IconLockOpen } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TillRow } from '../../shared/db/rows';
import { zReport, type ZLine, type ZReport } from '../../shared/payments/till';
import { zReportCsv } from '../../shared/payments/zReportCsv';
import { formatMoney } from '../../shared/money';
import { config } from '../config';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { db } from '../db';
import { useCounter } from '../engine/client';
import { platform } from '../platform';
import { PageHeader } from '../ui/PageHeader';
import { formatDateTime, useLocale } from '../ui/time';
import { toastOk, toastRefused } from '../ui/toast';
import { MoneyInput } from './MoneyInput';
import { PageStyle, PaperControls } from './PrintPage';
import classes from './Print.module.css';
import { usePaperWidth, type PaperWidth } from './paper';
import { useMethodName, useMoneyFormat, useMoneyRefusalText, useMoneySettings } from './useMoney';

const SHEET_CLASS: Record<PaperWidth, string> = { '58': classes.w58!, '80': classes.w80!, a4: classes.a4! };

function useTillReport(till: TillRow | undefined, methods: string[]): ZReport | undefined {
  return useLiveQuery(async () => (till ? zReport(till, await db.payments.where('tillId').equals(till.id).toArray(), methods) : undefined), [till, methods.join()]);
}

export default function TillPage() {
  const { t } = useTranslation();
  const { methods } = useMoneySettings();
  const open = useLiveQuery(() => db.tills.where('[deviceId+status]').equals([config.deviceId, 'open']).first(), []);
  const closed = useLiveQuery(async () => (await db.tills.orderBy('openedAt').reverse().limit(20).toArray()).filter((r) => r.status === 'closed'), []) ?? [];
  const [shownId, setShownId] = useState<string | null>(null);
  const shown = closed.find((c) => c.id === shownId) ?? (open ? undefined : closed[0]);
  const openReport = useTillReport(open ?? undefined, methods);
  const shownReport = useTillReport(shown, methods);
  return (
    <Stack gap="md">
      <div className={classes.controls}>
        <PageHeader title={t('money.till.title')} />
      </div>
      {open ? <OpenTill till={open} report={openReport} onClosed={setShownId} /> : <OpenTillForm />}
      {shownReport && !open ? <ZReportView report={shownReport} /> : null}
      {closed.length ? (
        <Card withBorder radius="md" p="md" className={classes.controls}>
          <Title order={2} size="h5" mb="xs">
            {t('money.till.history')}
          </Title>
          <Stack gap={4}>
            {closed.map((c) => (
              <ClosedRow key={c.id} till={c} onShow={() => setShownId(c.id)} active={c.id === shown?.id} />
            ))}
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}

function ClosedRow({ till, onShow, active }: { till: TillRow; onShow: () => void; active: boolean }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const fmt = useMoneyFormat();
  return (
    <Group justify="space-between">
      <Text fz="sm">
        {formatDateTime(till.openedAt, locale)} – {till.closedAt ? formatDateTime(till.closedAt, locale) : ''}
      </Text>
      <Group gap="xs">
        <Badge color={till.difference === 0 ? 'green' : 'orange'} variant="light" className="tabular">
          {t('money.till.difference')}: {fmt(till.difference ?? 0)}
        </Badge>
        <Button size="xs" variant={active ? 'filled' : 'default'} onClick={onShow}>
          {t('money.till.showReport')}
        </Button>
      </Group>
    </Group>
  );
}

function OpenTillForm() {
  const { t } = useTranslation();
  const counter = useCounter();
  const refusalText = useMoneyRefusalText();
  const { currency } = useMoneySettings();
  const [float, setFloat] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (float === null) return;
    setBusy(true);
    try {
      const result = await counter.openTill({ float });
      if (!result.ok) toastRefused(t('money.till.openRefused'), refusalText(result));
      else toastOk(t('money.till.opened'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder radius="md" p="md" className={classes.controls}>
      <form onSubmit={submit}>
        <Group align="flex-end">
          {/* The till is what this screen is for: the float takes the keys at once. */}
          <MoneyInput label={t('money.till.float')} description={t('money.till.floatHint')} placeholder={formatMoney(0, currency.digits)} value={float} onChange={setFloat} digits={currency.digits} autoFocus data-testid="till-float" />
          <Button type="submit" loading={busy} disabled={float === null} leftSection={<IconLockOpen size={18} />} data-testid="till-open">
            {t('money.till.open')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

function OpenTill({ till, report, onClosed }: { till: TillRow; report: ZReport | undefined; onClosed: (id: string) => void }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const counter = useCounter();
  const fmt = useMoneyFormat();
  const refusalText = useMoneyRefusalText();
  const { currency } = useMoneySettings();
  const [counted, setCounted] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // Closing ends the session for good: the count and the difference are shown once more first.
  const [asking, setAsking] = useState(false);
  const countedRef = useRef<HTMLInputElement>(null);
  // "Keep it open": back in the count, to correct it or press Enter again.
  const keepOpen = () => {
    setAsking(false);
    requestAnimationFrame(() => countedRef.current?.focus());
  };
  const expected = report?.expectedCash ?? till.float;
  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (counted !== null) setAsking(true);
  };
  const submit = async () => {
    setAsking(false);
    if (counted === null) return;
    setBusy(true);
    try {
      const result = await counter.closeTill({ counted, ...(note.trim() ? { note: note.trim() } : {}) });
      if (!result.ok) return toastRefused(t('money.till.closeRefused'), refusalText(result));
      toastOk(t('money.till.closed'), t('money.till.differenceIs', { difference: fmt(result.report.difference ?? 0) }));
      onClosed(result.tillId);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder radius="md" p="md" className={classes.controls} data-testid="till-open-session">
      <Group mb="sm">
        <IconCashRegister />
        <Text fw={700}>{t('money.till.openSince', { at: formatDateTime(till.openedAt, locale) })}</Text>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="md">
        <Fact label={t('money.till.float')} value={fmt(till.float)} />
        <Fact label={t('money.z.payments')} value={fmt(report?.totals.payments ?? 0)} />
        <Fact label={t('money.z.refunds')} value={fmt(report?.totals.refunds ?? 0)} />
        <Fact label={t('money.till.expected')} value={fmt(report?.expectedCash ?? till.float)} testId="till-expected" />
      </SimpleGrid>
      {asking && counted !== null ? (
        <ConfirmDialog
          title={t('money.till.confirmTitle')}
          testId="confirm-close-till"
          confirmLabel={t('money.till.close')}
          cancelLabel={t('money.till.keepOpen')}
          confirmIcon={<IconLock size={18} />}
          onConfirm={() => void submit()}
          onCancel={keepOpen}
          testIds={{ confirm: 'confirm-close-till-ok', cancel: 'confirm-close-till-cancel' }}
        >
          <Text data-testid="confirm-close-till-figures">
            {t(counted === expected ? 'money.till.confirmEven' : counted < expected ? 'money.till.confirmShort' : 'money.till.confirmOver', {
              counted: fmt(counted),
              expected: fmt(expected),
              difference: fmt(Math.abs(counted - expected)),
            })}
          </Text>
          <Text fz="sm" c="dimmed">
            {t('money.till.confirmFinal')}
          </Text>
        </ConfirmDialog>
      ) : null}
      <form onSubmit={ask}>
        <Group align="flex-end">
          <MoneyInput label={t('money.till.counted')} placeholder={formatMoney(0, currency.digits)} value={counted} onChange={setCounted} digits={currency.digits} ref={countedRef} data-testid="till-counted" />
          <TextInput label={t('money.till.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={200} />
          <Button type="submit" color="orange" loading={busy} disabled={counted === null} leftSection={<IconLock size={18} />} data-testid="till-close">
            {t('money.till.close')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text fw={700} className="tabular" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

function ZReportView({ report }: { report: ZReport }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const fmt = useMoneyFormat();
  const methodName = useMethodName();
  const { shopName, deviceName, currency } = useMoneySettings();
  const [width, setWidth] = usePaperWidth();
  const save = async () => {
    const saved = await platform.saveTextFile('csv', `z-report-${new Date(report.openedAt).toISOString().slice(0, 10)}.csv`, zReportCsv(report, currency.digits));
    if (saved) toastOk(t('money.z.saved', { file: saved }));
  };
  const lines = (title: string, rows: ZLine[], name: (k: string) => string, testId: string) => (
    <>
      <div className={classes.strong}>{title}</div>
      <table className={classes.table} data-testid={testId}>
        <thead>
          <tr>
            <th />
            <th className={classes.num}>{t('money.z.payments')}</th>
            <th className={classes.num}>{t('money.z.refunds')}</th>
            <th className={classes.num}>{t('money.z.net')}</th>
            <th className={classes.num}>{t('money.z.orders')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={l.key} data-key={l.key}>
              <td>{name(l.key)}</td>
              <td className={classes.num}>{fmt(l.payments)}</td>
              <td className={classes.num}>{fmt(l.refunds)}</td>
              <td className={classes.num}>{fmt(l.net)}</td>
              <td className={classes.num}>{l.orders}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
  return (
    <Stack gap="sm">
      <PageStyle width={width} />
      <Group justify="flex-end" className={classes.controls}>
        <Button variant="default" leftSection={<IconFileSpreadsheet size={18} />} onClick={() => void save()} data-testid="z-export">
          {t('money.z.export')}
        </Button>
        <PaperControls width={width} onWidth={setWidth} onPrint={() => void platform.print()} pdfName="z-report.pdf" />
      </Group>
      <div className={`${classes.sheet} ${SHEET_CLASS[width]}`} data-testid="z-report">
        {shopName ? <div className={classes.shop}>{shopName}</div> : null}
        {deviceName ? <div className={classes.center}>{deviceName}</div> : null}
        <div className={`${classes.center} ${classes.strong}`}>{t('money.z.title')}</div>
        <div className={classes.center}>
          {formatDateTime(report.openedAt, locale)} – {report.closedAt ? formatDateTime(report.closedAt, locale) : ''}
        </div>
        <hr className={classes.rule} />
        {lines(t('money.z.byMethod'), report.byMethod, methodName, 'z-by-method')}
        <hr className={classes.rule} />
        {lines(t('money.z.byOperator'), report.byOperator, (k) => k, 'z-by-operator')}
        {report.givenBack?.length ? (
          <div data-testid="z-given-back">
            <hr className={classes.rule} />
            <div className={classes.strong}>{t('money.z.givenBack')}</div>
            {report.givenBack.map((g) => (
              <div key={g.paymentId} className={classes.row} data-refund={g.refundId ?? ''}>
                <span>
                  {g.orderNumber} · {methodName(g.method)}
                  {g.refundId ? ` · ${t('money.z.refundSheet')}` : ''}
                </span>
                <span>{fmt(g.amount)}</span>
              </div>
            ))}
          </div>
        ) : null}
        <hr className={classes.rule} />
        <div className={classes.row}>
          <span>{t('money.z.total')}</span>
          <span>{fmt(report.totals.net)}</span>
        </div>
        <div className={classes.row}>
          <span>{t('money.z.counts')}</span>
          <span>{t('money.z.countsValue', { payments: report.totals.paymentCount, refunds: report.totals.refundCount, orders: report.totals.orders })}</span>
        </div>
        <hr className={classes.rule} />
        <div className={classes.row}>
          <span>{t('money.till.float')}</span>
          <span>{fmt(report.float)}</span>
        </div>
        <div className={classes.row}>
          <span>{t('money.till.expected')}</span>
          <span>{fmt(report.expectedCash)}</span>
        </div>
        <div className={classes.row}>
          <span>{t('money.till.counted')}</span>
          <span>{report.counted === null ? '—' : fmt(report.counted)}</span>
        </div>
        <div className={`${classes.row} ${classes.strong}`}>
          <span>{t('money.till.difference')}</span>
          <span data-testid="z-difference">{report.difference === null ? '—' : fmt(report.difference)}</span>
        </div>
        {report.reversals ? <Alert mt="xs">{t('money.z.reversals', { count: report.reversals })}</Alert> : null}
      </div>
    </Stack>
  );
}

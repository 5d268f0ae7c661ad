// Audit: who did what, as which role, from which counter, when — every stored command,
// sign-in attempt and scan, filtered by operator, kind, role, order and dates, exported as
// CSV, with a summary per operator for the dates chosen (orders created, actions, stock
// movements, sign-ins, scans). Reads only; the rows are the engine's own records. For
// supervisors: SupervisorsOnly turns everyone else away.
import { Alert, Button, Paper, ScrollArea, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconFileTypeCsv, IconLock } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMaySupervise } from '../operators/session';
import { platform } from '../platform';
import { useMenuCommand } from '../shell/menuCommands';
import { PageHeader } from '../ui/PageHeader';
import { EmptyView, LoadingState } from '../ui/states';
import { formatDateTime, useLocale } from '../ui/time';
import { toastOk, toastRefused } from '../ui/toast';
import { useWorkflowWords } from '../workflow/labels';
import { auditCsv, auditRows, daySummary, filterRows, type AuditRow } from './audit';
import { readAudit } from './queries';

/** Rows drawn at once; the CSV has them all. */
const SHOWN = 400;
const DAY = 86_400_000;

/** 'YYYY-MM-DD' of a local day, and back to its local midnight. */
const dayText = (at: number) => {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const dayStart = (text: string) => {
  const [y, m, d] = text.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).getTime();
};

/** The route: supervisors (Platform or Admin, or anyone in single-operator mode) only. The
 *  audit reads the database directly, so this is a screen's rule, not the engine's. */
export default function AuditScreen() {
  const { t } = useTranslation();
  const may = useMaySupervise();
  if (may === undefined) return <LoadingState />;
  if (may) return <AuditPage />;
  return (
    <Stack gap="md">
      <PageHeader title={t('audit.title')} />
      <Alert color="orange" icon={<IconLock size={20} />} title={t('audit.supervisorsOnly.title')} data-testid="audit-refused" role="alert">
        {t('audit.supervisorsOnly.text')}
      </Alert>
    </Stack>
  );
}

function AuditPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const words = useWorkflowWords();
  const [today] = useState(() => dayText(Date.now()));
  const [fromDay, setFromDay] = useState(today);
  const [toDay, setToDay] = useState(today);
  const [operator, setOperator] = useState<string | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [order, setOrder] = useState('');
  const [exporting, setExporting] = useState(false);

  const from = /^\d{4}-\d{2}-\d{2}$/.test(fromDay) ? dayStart(fromDay) : dayStart(today);
  // The end day is included whole: up to the next local midnight (a DST day is 23 or 25 h).
  const to = /^\d{4}-\d{2}-\d{2}$/.test(toDay) ? dayStart(dayText(dayStart(toDay) + DAY + 3_600_000 * 3)) : from + DAY;
  const data = useLiveQuery(() => readAudit(from, Math.max(to, from)), [from, to]);

  const all = useMemo(() => (data ? auditRows(data) : []), [data]);
  const rows = useMemo(() => filterRows(all, { operator, kind, role, action, order, from, to }), [all, operator, kind, role, action, order, from, to]);
  const summary = useMemo(() => daySummary(all), [all]);
  const nameOf = (id: string) => data?.names.get(id) ?? (id || t('audit.unknownOperator'));
  // i18next reads ':' as a namespace separator: stock:receive is stored as stock-receive.
  const kindLabel = (k: string) => t(`audit.kind.${k.replace(':', '-')}`, { defaultValue: k });

  const operatorChoices = useMemo(() => [...new Set(all.map((r) => r.operator).filter(Boolean))].map((id) => ({ value: id, label: data?.names.get(id) ?? id })), [all, data]);
  const kindChoices = useMemo(() => [...new Set(all.map((r) => r.kind))].sort().map((k) => ({ value: k, label: kindLabel(k) })), [all]); // eslint-disable-line react-hooks/exhaustive-deps
  const actionChoices = useMemo(() => [...new Set(all.map((r) => r.action).filter((a): a is string => !!a))].sort().map((a) => ({ value: a, label: words.action(a) })), [all, words]);
  const roleChoices = useMemo(() => [...new Set(all.map((r) => r.role).filter((r): r is string => !!r))].sort().map((r) => ({ value: r, label: `${r} · ${words.role(r)}` })), [all, words]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const saved = await platform.saveTextFile('csv', `audit-${fromDay}-${toDay}.csv`, auditCsv(rows, nameOf));
      if (saved) toastOk(t('audit.exported', { count: rows.length }), saved);
    } catch (error) {
      toastRefused(t('audit.exportFailed'), error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  };
  useMenuCommand('export-csv', () => void exportCsv());

  const what = (r: AuditRow) => {
    if (r.kind === 'sign-in') return t(`audit.signIn.${r.outcome ?? 'ok'}`, { method: t(`audit.method.${r.method ?? 'pin'}`), defaultValue: `${r.method}: ${r.outcome}` });
    if (r.scan) return t(r.scan.ok ? 'audit.scan.ok' : 'audit.scan.refused', { code: r.scan.raw, type: t(`scan.kind.${r.scan.type}`, { defaultValue: r.scan.type }) });
    const parts = [kindLabel(r.kind)];
    if (r.action) parts.push(words.action(r.action));
    if (r.from !== null || r.to) parts.push(`${r.from ? words.state('order', r.from) : '—'} → ${r.to ? words.state('order', r.to) : '—'}`);
    if (r.stockMovements) parts.push(t('audit.movements', { count: r.stockMovements }));
    return parts.join(' · ');
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('audit.title')}>
        <Button leftSection={<IconFileTypeCsv size={20} />} onClick={() => void exportCsv()} loading={exporting} disabled={!rows.length} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </PageHeader>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 2, md: 4, xl: 7 }} spacing="sm">
          <TextInput type="date" label={t('audit.filter.from')} value={fromDay} onChange={(e) => setFromDay(e.currentTarget.value)} data-testid="audit-from" />
          <TextInput type="date" label={t('audit.filter.to')} value={toDay} onChange={(e) => setToDay(e.currentTarget.value)} data-testid="audit-to" />
          <Select label={t('audit.filter.operator')} placeholder={t('audit.filter.everyone')} data={operatorChoices} value={operator} onChange={setOperator} clearable data-testid="audit-operator" />
          <Select label={t('audit.filter.kind')} placeholder={t('audit.filter.allKinds')} data={kindChoices} value={kind} onChange={setKind} clearable searchable data-testid="audit-kind" />
          <Select label={t('audit.filter.role')} placeholder={t('audit.filter.anyRole')} data={roleChoices} value={role} onChange={setRole} clearable data-testid="audit-role" />
          <Select label={t('audit.filter.action')} placeholder={t('audit.filter.anyAction')} data={actionChoices} value={action} onChange={setAction} clearable searchable data-testid="audit-action" />
          <TextInput label={t('audit.filter.order')} placeholder="PO-000123" value={order} onChange={(e) => setOrder(e.currentTarget.value)} data-testid="audit-order" />
        </SimpleGrid>
      </Paper>

      {data === undefined ? (
        <LoadingState />
      ) : (
        <>
          <Paper withBorder p="md" radius="md" data-testid="audit-summary">
            <Title order={2} size="h4" mb="sm">
              {fromDay === toDay ? t('audit.summary.day', { day: fromDay }) : t('audit.summary.range', { from: fromDay, to: toDay })}
            </Title>
            {summary.length === 0 ? (
              <Text c="dimmed">{t('audit.empty')}</Text>
            ) : (
              <Table striped verticalSpacing={6} className="tabular">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('audit.col.operator')}</Table.Th>
                    <Table.Th ta="right">{t('audit.summary.ordersCreated')}</Table.Th>
                    <Table.Th ta="right">{t('audit.summary.actions')}</Table.Th>
                    <Table.Th ta="right">{t('audit.summary.stockMovements')}</Table.Th>
                    <Table.Th ta="right">{t('audit.summary.signIns')}</Table.Th>
                    <Table.Th ta="right">{t('audit.summary.failedSignIns')}</Table.Th>
                    <Table.Th ta="right">{t('audit.summary.scans')}</Table.Th>
                    <Table.Th ta="right">{t('audit.summary.commands')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {summary.map((d) => (
                    <Table.Tr key={d.operator} data-testid="audit-summary-row" data-operator={nameOf(d.operator)}>
                      <Table.Td fw={700}>{nameOf(d.operator)}</Table.Td>
                      <Table.Td ta="right" data-col="ordersCreated">{d.ordersCreated}</Table.Td>
                      <Table.Td ta="right" data-col="actions">{d.actions}</Table.Td>
                      <Table.Td ta="right" data-col="stockMovements">{d.stockMovements}</Table.Td>
                      <Table.Td ta="right" data-col="signIns">{d.signIns}</Table.Td>
                      <Table.Td ta="right" data-col="failedSignIns">{d.failedSignIns}</Table.Td>
                      <Table.Td ta="right" data-col="scans">{d.scans}</Table.Td>
                      <Table.Td ta="right" data-col="commands">{d.commands}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>

          {rows.length === 0 ? (
            <EmptyView title={t('audit.empty')} description={t('audit.emptyHint')} />
          ) : (
            <Paper withBorder radius="md">
              <ScrollArea.Autosize mah="60vh">
                <Table striped highlightOnHover stickyHeader verticalSpacing={6} data-testid="audit-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('audit.col.time')}</Table.Th>
                      <Table.Th>{t('audit.col.operator')}</Table.Th>
                      <Table.Th>{t('audit.col.role')}</Table.Th>
                      <Table.Th>{t('audit.col.what')}</Table.Th>
                      <Table.Th>{t('audit.col.order')}</Table.Th>
                      <Table.Th>{t('audit.col.device')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.slice(0, SHOWN).map((r) => (
                      <Table.Tr key={r.key} data-testid="audit-row" data-kind={r.kind} data-action={r.action ?? ''}>
                        <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(r.at, locale)}
                        </Table.Td>
                        <Table.Td fw={600} data-col="operator">
                          {nameOf(r.operator)}
                        </Table.Td>
                        <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }} data-col="role">
                          {r.role ? `${r.role} · ${words.role(r.role)}` : null}
                        </Table.Td>
                        <Table.Td data-col="what">{what(r)}</Table.Td>
                        <Table.Td>{r.orderId ? <Link to={`/orders/${encodeURIComponent(r.orderId)}`}>{r.orderNumber ?? r.orderId}</Link> : null}</Table.Td>
                        <Table.Td ff="monospace" fz="sm" data-col="device">
                          {r.deviceId}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
              {rows.length > SHOWN ? (
                <Text c="dimmed" fz="sm" p="sm">
                  {t('audit.more', { shown: SHOWN, count: rows.length })}
                </Text>
              ) : null}
            </Paper>
          )}
        </>
      )}
    </Stack>
  );
}

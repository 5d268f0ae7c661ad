// Workflow view: the installed definitions, each machine drawn as a state diagram, the
// states of a chosen order's entities highlighted (?order=<id>), import of a definition
// file (every problem listed with its JSON path) and export of the selected one.
import { Alert, Badge, Box, Button, Code, Group, NavLink, Paper, ScrollArea, Select, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconDownload, IconFileImport, IconReceipt, IconTopologyStar3 } from '@tabler/icons-react';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { useSearchParams } from 'react-router-dom';
import type { OrderRow } from '../../shared/db/rows';
import { Workflow } from '../../shared/workflow/interpreter';
import type { WorkflowDefinition } from '../../shared/workflow/schema';
import { db } from '../db';
import { useCounter } from '../engine/client';
import { platform } from '../platform';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { PageHeader } from '../ui/PageHeader';
import type { StateFamily } from '../ui/stateColors';
import { EmptyView, LoadingState } from '../ui/states';
import { dateTimeFormat, useLocale } from '../ui/time';
import { toastOk, toastRefused } from '../ui/toast';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useWorkflowWords } from '../workflow/labels';
import { useInstalledWorkflows, useOrderData, useOrderOptions, type InstalledWorkflow, type OrderData } from './queries';
import { WorkflowDiagram, type DiagramWords } from './WorkflowDiagram';
import { readWorkflowFile } from '../../shared/workflow/file';

interface ImportProblems {
  fileName: string;
  problems: Array<{ path: string; message: string }>;
}

export default function WorkflowsPage() {
  const { t } = useTranslation();
  const counter = useCounter();
  const [params, setParams] = useSearchParams();
  const workflows = useInstalledWorkflows();
  const [problems, setProblems] = useState<ImportProblems | null>(null);
  const [importing, setImporting] = useState(false);

  const patch = useCallback(
    (next: Record<string, string | null>) => {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(next)) {
            if (v === null) p.delete(k);
            else p.set(k, v);
          }
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const orderId = params.get('order');
  const orderData = useOrderData(orderId);
  const order = orderData && orderData !== 'missing' ? orderData : null;

  // The selected definition: from the URL, else the chosen order's, else the first.
  const selected = useMemo(() => {
    if (!workflows?.length) return undefined;
    const id = params.get('wf') ?? order?.order.workflowId;
    const version = Number(params.get('v') ?? order?.order.workflowVersion ?? NaN);
    return (
      workflows.find((w) => w.id === id && w.version === version) ??
      workflows.find((w) => w.id === id) ??
      workflows[0]
    );
  }, [workflows, params, order]);

  const importFile = async () => {
    const file = await platform.openTextFile('workflow');
    if (!file) return;
    setImporting(true);
    try {
      const read = readWorkflowFile(file.content);
      if (!read.ok) {
        const message = read.problem === 'not-json' ? t('workflows.import.notJson', { message: read.message }) : t(`workflows.import.${read.problem}`, { line: read.line });
        setProblems({ fileName: file.fileName, problems: [{ path: '$', message }] });
        return;
      }
      const result = await counter.installWorkflow(read.json);
      if (!result.ok) {
        setProblems({ fileName: file.fileName, problems: result.problems });
        return;
      }
      setProblems(null);
      toastOk(t('workflows.import.done'), t('workflows.import.doneDetail', { id: result.id, version: result.version }));
      patch({ wf: result.id, v: String(result.version), m: null });
    } catch (error) {
      toastRefused(t('workflows.import.failed'), error instanceof Error ? error.message : String(error));
    } finally {
      setImporting(false);
    }
  };

  const exportSelected = async () => {
    if (!selected) return;
    const name = `${selected.id}-v${selected.version}.json`;
    const saved = await platform.saveTextFile('workflow', name, `${JSON.stringify(selected.definition, null, 2)}\n`);
    if (saved) toastOk(t('workflows.export.done'), saved);
  };

  return (
    <Box h="calc(100dvh - var(--app-shell-header-height) - 2 * var(--app-shell-padding))" mih={560} style={{ display: 'flex', flexDirection: 'column' }}>
      <PageHeader title={t('workflows.title')}>
        <Button variant="default" leftSection={<IconFileImport size={20} />} onClick={() => void importFile()} loading={importing} data-testid="workflow-import">
          {t('workflows.import.button')}
        </Button>
        <Button variant="default" leftSection={<IconDownload size={20} />} onClick={() => void exportSelected()} disabled={!selected} data-testid="workflow-export">
          {t('workflows.export.button')}
        </Button>
      </PageHeader>
      {problems ? <ProblemsPanel problems={problems} onClose={() => setProblems(null)} /> : null}
      <ErrorBoundary resetKey={selected ? `${selected.id}@${selected.version}` : ''}>
        {workflows === undefined ? (
          <LoadingState />
        ) : workflows.length === 0 || !selected ? (
          <EmptyView icon={<IconTopologyStar3 />} title={t('workflows.empty')} description={t('workflows.emptyHint')} />
        ) : (
          <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
            <DefinitionList workflows={workflows} selected={selected} onSelect={(w) => patch({ wf: w.id, v: String(w.version), m: null })} />
            <Stack gap="sm" style={{ flex: 1, minWidth: 0, minHeight: 0 }}>
              <DefinitionView
                key={`${selected.id}@${selected.version}`}
                workflow={selected}
                machineName={params.get('m')}
                onMachine={(m) => patch({ m })}
                orderId={orderId}
                orderData={orderData}
                onOrder={(id, data) => patch(id && data ? { order: id, wf: data.workflowId, v: String(data.workflowVersion), m: null } : { order: null })}
              />
            </Stack>
          </Group>
        )}
      </ErrorBoundary>
    </Box>
  );
}

function ProblemsPanel({ problems, onClose }: { problems: ImportProblems; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle />}
      title={t('workflows.import.refused', { file: problems.fileName, count: problems.problems.length })}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onClose}
      mb="md"
      role="alert"
      data-testid="import-problems"
    >
      <Text fz="sm" mb="xs">
        {t('workflows.import.nothingInstalled')}
      </Text>
      <ScrollArea.Autosize mah={150} type="auto">
        <Table withTableBorder striped bg="var(--mantine-color-body)" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="40%">{t('workflows.import.path')}</Table.Th>
              <Table.Th>{t('workflows.import.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.problems.map((p, i) => (
              <Table.Tr key={i} data-testid="import-problem">
                <Table.Td>
                  <Code data-testid="import-problem-path" style={{ wordBreak: 'break-all' }}>
                    {p.path}
                  </Code>
                </Table.Td>
                <Table.Td fz="sm">{p.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Alert>
  );
}

function DefinitionList({ workflows, selected, onSelect }: { workflows: InstalledWorkflow[]; selected: InstalledWorkflow; onSelect(w: InstalledWorkflow): void }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <Paper withBorder radius="md" w={240} style={{ flex: 'none', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Text fz="xs" fw={700} tt="uppercase" c="dimmed" px="md" pt="sm" pb={6}>
        {t('workflows.installed')}
      </Text>
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Stack gap={2} p={6} role="list" aria-label={t('workflows.installed')} data-testid="workflow-list">
          {workflows.map((w) => {
            const active = w.id === selected.id && w.version === selected.version;
            return (
              <NavLink
                key={`${w.id}@${w.version}`}
                component="button"
                role="listitem"
                active={active}
                aria-current={active ? 'true' : undefined}
                onClick={() => onSelect(w)}
                label={
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <Text fw={700} truncate>
                      {definitionLabel(t, w.definition)}
                    </Text>
                    <Badge size="sm" variant={active ? 'filled' : 'light'} className="tabular" data-testid="workflow-version">
                      v{w.version}
                    </Badge>
                  </Group>
                }
                description={
                  <>
                    <Text span ff="monospace" fz="xs" display="block">
                      {w.id}
                    </Text>
                    <Text span fz="xs" c="dimmed" display="block">
                      {t('workflows.installedAt', { time: dateTimeFormat(locale, { dateStyle: 'medium' }).format(w.installedAt) })}
                    </Text>
                  </>
                }
                data-testid="workflow-item"
                data-workflow={`${w.id}@${w.version}`}
                styles={{ root: { borderRadius: 'var(--mantine-radius-md)' } }}
              />
            );
          })}
        </Stack>
      </ScrollArea>
    </Paper>
  );
}

/** A definition's name: translated for the built-in ids, the definition's own label otherwise. */
function definitionLabel(t: (k: string, o?: Record<string, unknown>) => string, def: WorkflowDefinition): string {
  return t(`workflows.definition.${def.id}`, { defaultValue: def.label });
}

/** Where each entity of the order is, per machine: state code -> ["order PO-1", "line 2"]. */
function marksOf(def: WorkflowDefinition, machineName: string, data: OrderData, t: (k: string, o?: Record<string, unknown>) => string): Map<string, string[]> {
  const marks = new Map<string, string[]>();
  const add = (state: string | null, who: string) => {
    if (!state) return;
    marks.set(state, [...(marks.get(state) ?? []), who]);
  };
  const machine = def.machines[machineName];
  if (!machine) return marks;
  const lineOf = new Map(data.items.map((i) => [i.id, i.lineNo]));
  if (machine.entity === 'order') add(data.order.state, data.order.number);
  if (machine.entity === 'item') for (const i of data.items) add(i.state, t('workflows.mark.line', { line: i.lineNo }));
  if (machine.entity === 'refund') {
    const wf = new Workflow(def);
    const ctx = { order: data.order, items: data.items, refunds: data.refunds, vouchers: data.vouchers };
    for (const r of data.refunds) {
      const name = wf.machineName({ kind: 'refund', state: r.state, itemId: r.itemId, refundKind: r.kind }, ctx);
      if (name === machineName) add(r.state, t('workflows.mark.sheet', { line: lineOf.get(r.itemId) ?? '?' }));
    }
  }
  if (machine.entity === 'voucher') {
    const counts = new Map<string, number>();
    for (const v of data.vouchers) counts.set(v.state, (counts.get(v.state) ?? 0) + 1);
    for (const [state, count] of counts) add(state, t('workflows.mark.codes', { count }));
  }
  return marks;
}

function DefinitionView({
  workflow,
  machineName,
  onMachine,
  orderId,
  orderData,
  onOrder,
}: {
  workflow: InstalledWorkflow;
  machineName: string | null;
  onMachine(m: string): void;
  orderId: string | null;
  orderData: OrderData | null | 'missing' | undefined;
  onOrder(id: string | null, order: { workflowId: string; workflowVersion: number } | null): void;
}) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { english, roles } = useWorkflowCatalog();
  const def = workflow.definition;
  const machineNames = Object.keys(def.machines);
  const current = machineName && def.machines[machineName] ? machineName : machineNames[0]!;
  const order = orderData && orderData !== 'missing' ? orderData : null;
  const sameWorkflow = order !== null && order.order.workflowId === def.id && order.order.workflowVersion === def.version;

  const allMarks = useMemo(() => {
    const out = new Map<string, Map<string, string[]>>();
    for (const name of machineNames) out.set(name, sameWorkflow && order ? marksOf(def, name, order, t) : new Map());
    return out;
  }, [def, order, sameWorkflow, t]); // eslint-disable-line react-hooks/exhaustive-deps

  // Labels for each machine's diagram: translated where the definition uses the built-in
  // wording, the definition's own words otherwise (custom workflows).
  const wordsByMachine = useMemo(() => {
    // The window's name for the role (translated) where this definition's label is the
    // catalog's; this definition's own label where it names the role differently.
    const role = (code: string) => {
      const upper = code.toUpperCase();
      const own = def.roles.find((r) => r.code.toUpperCase() === upper)?.label;
      const known = roles.find((r) => r.code === upper)?.label;
      return own === undefined || own === known ? words.role(upper) : own;
    };
    const out = new Map<string, DiagramWords>();
    for (const [name, m] of Object.entries(def.machines)) {
      const family = m.entity as StateFamily;
      out.set(name, {
        state: (code) => {
          const own = m.states[code];
          const label = own ? (own.display ?? own.label) : code;
          return english[family][code] === label ? words.state(family, code) : label;
        },
        action: words.action,
        role,
      });
    }
    return out;
  }, [def, english, roles, words]);

  return (
    <>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div style={{ minWidth: 0 }}>
          <Title order={2} size="h3" data-testid="workflow-title">
            {definitionLabel(t, def)}{' '}
            <Text span c="dimmed" fw={500} fz="md">
              {def.id} · v{def.version}
            </Text>
          </Title>
          <Text fz="sm" c="dimmed">
            {t('workflows.summary', {
              machines: machineNames.length,
              roles: def.roles.map((r) => r.code).join(' '),
              periods: def.periods.length,
            })}
          </Text>
        </div>
        <OrderPicker value={orderId} onChange={onOrder} />
      </Group>
      {orderId && orderData === 'missing' ? (
        <Alert color="orange" variant="light" py="xs" data-testid="order-missing">
          {t('workflows.order.missing')}
        </Alert>
      ) : null}
      {order && !sameWorkflow ? (
        <Alert color="blue" variant="light" py="xs">
          {t('workflows.order.otherWorkflow', { number: order.order.number, id: order.order.workflowId, version: order.order.workflowVersion })}{' '}
          <Button size="compact-sm" variant="light" onClick={() => onOrder(order.order.id, order.order)}>
            {t('workflows.order.show')}
          </Button>
        </Alert>
      ) : null}
      <Tabs value={current} onChange={(v) => v && onMachine(v)} keepMounted={false} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Tabs.List>
          {machineNames.map((name) => {
            const m = def.machines[name]!;
            const count = [...(allMarks.get(name)?.values() ?? [])].reduce((n, who) => n + who.length, 0);
            return (
              <Tabs.Tab
                key={name}
                value={name}
                rightSection={count ? <Badge size="sm" color="dark" circle>{count}</Badge> : null}
                data-testid="machine-tab"
              >
                {t(`workflows.machine.${def.id}.${name}`, { defaultValue: m.label })}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {machineNames.map((name) => {
          const m = def.machines[name]!;
          return (
            <Tabs.Panel key={name} value={name} pt="sm" style={{ flex: 1, minHeight: 0 }}>
              <DiagramWithLegend machine={m} family={m.entity as StateFamily} words={wordsByMachine.get(name)!} marks={allMarks.get(name) ?? EMPTY_MARKS} />
            </Tabs.Panel>
          );
        })}
      </Tabs>
    </>
  );
}

const EMPTY_MARKS: ReadonlyMap<string, string[]> = new Map();

function DiagramWithLegend({ machine, family, words, marks }: { machine: WorkflowDefinition['machines'][string]; family: StateFamily; words: DiagramWords; marks: ReadonlyMap<string, string[]> }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} h="100%">
      <Box style={{ flex: 1, minHeight: 0 }}>
        <WorkflowDiagram machine={machine} family={family} words={words} marks={marks} />
      </Box>
      <Group gap="md" c="dimmed" wrap="wrap" data-testid="diagram-legend">
        <Legend swatch={<span style={{ display: 'inline-block', width: 26, borderTop: '2px solid currentColor' }} />} text={t('workflows.legend.person')} />
        <Legend swatch={<span style={{ display: 'inline-block', width: 26, borderTop: '2px dashed currentColor' }} />} text={t('workflows.legend.system')} />
        <Legend swatch={<span style={{ display: 'inline-block', width: 16, height: 12, border: '3px double currentColor', borderRadius: 3 }} />} text={t('workflows.legend.terminal')} />
        <Legend swatch={<Text span c="orange" fw={700}>*</Text>} text={t('workflows.legend.guard')} />
        <Legend swatch={<span>↻</span>} text={t('workflows.legend.loop')} />
      </Group>
    </Stack>
  );
}

function Legend({ swatch, text }: { swatch: ReactNode; text: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      {swatch}
      <Text fz="xs" c="dimmed">
        {text}
      </Text>
    </Group>
  );
}

function OrderPicker({ value, onChange }: { value: string | null; onChange(id: string | null, order: { workflowId: string; workflowVersion: number } | null): void }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 150);
  const chosen = useLiveQuery(async () => (value ? ((await db.orders.get(value)) ?? null) : null), [value]);
  const label = (o: OrderRow) => `${o.number} · ${words.state('order', o.state)}`;
  // The chosen order's label in the box is not a search: list the newest orders then.
  const options = useOrderOptions(chosen && debounced === label(chosen) ? '' : debounced, value);
  const data = (options ?? []).map((o) => ({ value: o.id, label: label(o) }));
  return (
    <Select
      aria-label={t('workflows.order.label')}
      placeholder={t('workflows.order.placeholder')}
      leftSection={<IconReceipt size={18} />}
      data={data}
      value={value}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      onChange={(id) => onChange(id, options?.find((x) => x.id === id) ?? null)}
      nothingFoundMessage={t('workflows.order.none')}
      w={340}
      style={{ flex: 'none' }}
      comboboxProps={{ withinPortal: true }}
      data-testid="workflow-order"
    />
  );
}

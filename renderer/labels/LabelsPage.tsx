// Labels: order labels, product labels, location labels and action cards (one per action a
// role takes by hand in a workflow, plus role cards), with real Code 128 / EAN-13 and QR
// symbols. The sheet on the right is what prints (A4, laid out in mm). `/labels?order=<id>`
// opens with that order's label ready, `&parts=1` with its lines' and refund sheets' labels
// too (the link from the order detail): the cards that act on a line or a sheet need them.
import { Badge, Button, Checkbox, Chip, Group, NumberInput, ScrollArea, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPrinter, IconSearch, IconTags } from '@tabler/icons-react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useElementSize } from '@mantine/hooks';
import { useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { ItemRow, LocationRow, OrderRow, ProductRow, RefundRow } from '../../shared/db/rows';
import { barcodeForms } from '../../shared/inventory/barcodes';
import { db } from '../db';
import { roleKey, useRole, type Role } from '../state/roleStore';
import { PageHeader } from '../ui/PageHeader';
import { roleColor as roleMantineColor } from '../ui/stateColors';
import { EmptyView } from '../ui/states';
import { formatDateTime, formatMoney, useLocale } from '../ui/time';
import { toastRefused } from '../ui/toast';
import { findScannedProduct } from '../scanner/products';
import { useScanTarget } from '../scanner/targets';
import { useWorkflowCatalog } from '../workflow/catalog';
import { useWorkflowWords } from '../workflow/labels';
import { actionCards } from './cards';
import { ActionCard, LocationLabel, OrderLabel, PartLabel, ProductLabel, RoleCard } from './LabelCards';
import classes from './Labels.module.css';
import { useMenuCommand } from '../shell/menuCommands';
import { printLabels } from './print';
import { PdfButton } from '../ui/PdfButton';

type Tab = 'orders' | 'products' | 'locations' | 'actions';
const TABS: Tab[] = ['orders', 'products', 'locations', 'actions'];
const LIST_LIMIT = 30;

const roleColor = (role: Role) => `var(--mantine-color-${roleMantineColor(role)}-filled)`;
const today = () => new Date().toISOString().slice(0, 10);

function toggle<T>(set: Set<T>, value: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

function repeat<T>(items: T[], copies: number): Array<{ item: T; copy: number }> {
  return items.flatMap((item) => Array.from({ length: copies }, (_, copy) => ({ item, copy })));
}

export default function LabelsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab') as Tab | null;
  const tab: Tab = tabParam && TABS.includes(tabParam) ? tabParam : 'orders';
  const tabs = (
    <SegmentedControl
      value={tab}
      onChange={(v) => setParams({ tab: v }, { replace: true })}
      data={TABS.map((v) => ({ value: v, label: t(`labels.tab.${v}`) }))}
      data-testid="labels-tab"
    />
  );
  switch (tab) {
    case 'orders':
      return <OrderPicker tabs={tabs} initial={params.get('order')} initialParts={params.get('parts') === '1'} />;
    case 'products':
      return <ProductPicker tabs={tabs} initial={params.get('sku')} />;
    case 'locations':
      return <LocationPicker tabs={tabs} />;
    case 'actions':
      return <ActionPicker tabs={tabs} />;
  }
}

/** Header with print and PDF, the picker on the left, the sheet (what prints) on the right. */
function LabelsLayout({ tab, tabs, controls, cards }: { tab: Tab; tabs: ReactNode; controls: ReactNode; cards: ReactNode[] }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const { ref: previewRef, width } = useElementSize();
  // 210 mm at 96 dpi, plus the preview's padding.
  const zoom = width ? Math.min(1, Math.max(0.4, (width - 8) / 794)) : 1;

  const print = async () => {
    setBusy(true);
    try {
      const result = await printLabels();
      if (!result.ok) toastRefused(t('labels.printFailed'), result.reason);
    } finally {
      setBusy(false);
    }
  };
  // The File menu's Print prints the sheet, with the same report as the button.
  useMenuCommand('print', () => {
    if (cards.length && !busy) void print();
  });

  return (
    <div>
      <div className={classes.controls}>
        <PageHeader title={t('labels.title')}>
          {tabs}
          <PdfButton fileName={`labels-${tab}-${today()}.pdf`} disabled={!cards.length || busy} testId="labels-pdf" />
          <Button leftSection={<IconPrinter size={20} />} onClick={() => void print()} disabled={!cards.length || busy} data-testid="labels-print">
            {t('labels.print', { count: cards.length })}
          </Button>
        </PageHeader>
      </div>
      <div className={classes.layout}>
        <Stack className={classes.controls} gap="md">
          {controls}
        </Stack>
        <div className={classes.preview} ref={previewRef}>
          {cards.length ? (
            // On screen the A4 sheet shrinks to fit the preview; print uses its real size.
            <div className={classes.sheet} style={{ '--sheet-zoom': zoom } as CSSProperties} data-testid="label-sheet">
              {cards}
            </div>
          ) : (
            <EmptyView icon={<IconTags />} title={t('labels.nothing')} description={t(`labels.nothingHint.${tab}`)} />
          )}
        </div>
      </div>
    </div>
  );
}

function Copies({ value, onChange }: { value: number; onChange(n: number): void }) {
  const { t } = useTranslation();
  return (
    <NumberInput
      label={t('labels.copies')}
      value={value}
      onChange={(v) => onChange(Math.max(1, Math.min(50, Number(v) || 1)))}
      min={1}
      max={50}
      allowDecimal={false}
      w={140}
      data-testid="labels-copies"
    />
  );
}

function PickList({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <ScrollArea.Autosize mah={380} type="auto" offsetScrollbars>
      <Stack gap={6} data-testid={testId}>
        {children}
      </Stack>
    </ScrollArea.Autosize>
  );
}

interface OrderParts {
  items: ItemRow[];
  refunds: RefundRow[];
  products: Map<string, string>;
}

function OrderPicker({ tabs, initial, initialParts }: { tabs: ReactNode; initial: string | null; initialParts: boolean }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const words = useWorkflowWords();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(() => new Set(initial ? [initial] : []));
  const [copies, setCopies] = useState(1);
  const [withParts, setWithParts] = useState(initialParts);
  const q = query.trim().toUpperCase();
  // Scanning an order label here adds it to the sheet (a re-print), rather than opening it.
  useScanTarget(
    async (scan) => {
      if (scan.parsed.kind !== 'order') return null;
      const number = scan.parsed.number;
      const order = await db.orders.where('number').equals(number).first();
      if (!order) return { ok: false, message: t('scan.msg.orderMissing', { number }) };
      setSelected((set) => toggle(set, order.id, true));
      return { ok: true, message: t('labels.added', { what: order.number }), settle: 'local' };
    },
    { kinds: ['order'] },
  );
  const found = useLiveQuery(
    () => (q ? db.orders.where('number').startsWith(q).limit(LIST_LIMIT).toArray() : db.orders.orderBy('createdAt').reverse().limit(LIST_LIMIT).toArray()),
    [q],
  );
  const ids = [...selected];
  const chosen = useLiveQuery(async () => (await db.orders.bulkGet(ids)).filter((o): o is OrderRow => !!o), [ids.join('|')]);
  // The chosen orders' lines and refund sheets, with their products' names.
  const parts = useLiveQuery(async (): Promise<OrderParts | null> => {
    if (!withParts || !ids.length) return null;
    const [items, refunds] = await Promise.all([db.items.where('orderId').anyOf(ids).toArray(), db.refunds.where('orderId').anyOf(ids).toArray()]);
    const skus = [...new Set(items.map((i) => i.sku))];
    const rows = await db.products.bulkGet(skus);
    return { items, refunds, products: new Map(rows.filter((p): p is ProductRow => !!p).map((p) => [p.sku, p.name])) };
  }, [withParts, ids.join('|')]);
  const partCards = (order: OrderRow, copy: number): ReactNode[] => {
    if (!parts) return [];
    const lines = parts.items.filter((i) => i.orderId === order.id).sort((a, b) => a.lineNo - b.lineNo);
    const lineOf = new Map(lines.map((i) => [i.id, i]));
    return [
      ...lines.map((i) => (
        <PartLabel
          key={`${i.id}-${copy}`}
          kind="item"
          id={i.id}
          heading={t('labels.part.line', { number: order.number, line: i.lineNo })}
          name={`${i.sku} · ${parts.products.get(i.sku) ?? ''}`}
          detail={t('labels.part.qty', { qty: i.qty })}
          kindLabel={t('labels.kind.item')}
          stateLabel={i.state ? words.state('item', i.state) : ''}
        />
      )),
      ...parts.refunds
        .filter((r) => r.orderId === order.id)
        .map((r) => {
          const line = lineOf.get(r.itemId);
          return (
            <PartLabel
              key={`${r.id}-${copy}`}
              kind="refund"
              id={r.id}
              heading={t('labels.part.refund', { number: order.number, line: line?.lineNo ?? '?' })}
              name={words.refundKind(r.kind)}
              detail={line ? `${line.sku} · ${parts.products.get(line.sku) ?? ''}` : ''}
              kindLabel={t('labels.kind.refund')}
              stateLabel={r.state ? words.state('refund', r.state) : ''}
            />
          );
        }),
    ];
  };
  const cards = (chosen ?? []).length
    ? repeat(chosen ?? [], copies).flatMap(({ item, copy }) => [
        <OrderLabel
          key={`${item.id}-${copy}`}
          order={item}
          lines={t('common.lines', { count: item.lineCount })}
          created={formatDateTime(item.createdAt, locale)}
          kindLabel={t('labels.kind.order')}
          stateLabel={words.state('order', item.state)}
        />,
        ...partCards(item, copy),
      ])
    : [];

  const controls = (
    <Stack gap="sm">
      <TextInput
        label={t('labels.findOrder')}
        placeholder="PO-000123"
        leftSection={<IconSearch size={18} />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-testid="labels-find-order"
      />
      <PickList testId="labels-orders">
        {(found ?? []).map((o) => (
          <Checkbox
            key={o.id}
            checked={selected.has(o.id)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setSelected((s) => toggle(s, o.id, on));
            }}
            label={
              <Group gap={8} wrap="nowrap">
                <Text ff="monospace" fw={700}>
                  {o.number}
                </Text>
                <Text c="dimmed" truncate>
                  {o.buyerName || o.buyerId}
                </Text>
              </Group>
            }
            data-testid="labels-pick"
          />
        ))}
        {found && !found.length ? <Text c="dimmed">{t('labels.noneFound')}</Text> : null}
      </PickList>
      <Switch
        checked={withParts}
        onChange={(e) => setWithParts(e.currentTarget.checked)}
        label={t('labels.withParts')}
        description={t('labels.withPartsHint')}
        data-testid="labels-with-parts"
      />
      <Copies value={copies} onChange={setCopies} />
    </Stack>
  );
  return <LabelsLayout tab="orders" tabs={tabs} controls={controls} cards={cards} />;
}

function ProductPicker({ tabs, initial }: { tabs: ReactNode; initial: string | null }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(() => new Set(initial ? [initial] : []));
  const [copies, setCopies] = useState(1);
  const q = query.trim();
  // Scanning a product here adds its label to the sheet.
  useScanTarget(
    async (scan) => {
      const lookup = await findScannedProduct(scan.parsed);
      if ('notProduct' in lookup) return null;
      if ('missing' in lookup) return { ok: false, message: t('scan.msg.productMissing', { code: lookup.missing }) };
      const { sku } = lookup.found.product;
      setSelected((set) => toggle(set, sku, true));
      return { ok: true, message: t('labels.added', { what: `${sku} · ${lookup.found.product.name}` }), settle: 'local' };
    },
    { kinds: ['product', 'weight', 'price', 'gs1'] },
  );
  const found = useLiveQuery(async () => {
    if (!q) return db.products.orderBy('sku').limit(LIST_LIMIT).toArray();
    const [bySku, byName, byCode] = await Promise.all([
      db.products.where('sku').startsWithIgnoreCase(q).limit(LIST_LIMIT).toArray(),
      db.products.where('name').startsWithIgnoreCase(q).limit(LIST_LIMIT).toArray(),
      db.products.where('barcodes').anyOf(barcodeForms(q)).limit(LIST_LIMIT).toArray(),
    ]);
    const seen = new Set<string>();
    return [...byCode, ...bySku, ...byName].filter((p) => !seen.has(p.sku) && seen.add(p.sku)).slice(0, LIST_LIMIT);
  }, [q]);
  const skus = [...selected];
  const chosen = useLiveQuery(async () => (await db.products.bulkGet(skus)).filter((p): p is ProductRow => !!p), [skus.join('|')]);
  const cards = repeat(chosen ?? [], copies).map(({ item, copy }) => (
    <ProductLabel key={`${item.sku}-${copy}`} product={item} price={formatMoney(item.price, locale)} />
  ));

  const controls = (
    <Stack gap="sm">
      <TextInput
        label={t('labels.findProduct')}
        placeholder={t('labels.findProductHint')}
        leftSection={<IconSearch size={18} />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-testid="labels-find-product"
      />
      <PickList testId="labels-products">
        {(found ?? []).map((p) => (
          <Checkbox
            key={p.sku}
            checked={selected.has(p.sku)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setSelected((s) => toggle(s, p.sku, on));
            }}
            label={
              <Group gap={8} wrap="nowrap">
                <Text ff="monospace" fw={700}>
                  {p.sku}
                </Text>
                <Text c="dimmed" truncate>
                  {p.name}
                </Text>
              </Group>
            }
            data-testid="labels-pick"
          />
        ))}
        {found && !found.length ? <Text c="dimmed">{t('labels.noneFound')}</Text> : null}
      </PickList>
      <Copies value={copies} onChange={setCopies} />
    </Stack>
  );
  return <LabelsLayout tab="products" tabs={tabs} controls={controls} cards={cards} />;
}

function LocationPicker({ tabs }: { tabs: ReactNode }) {
  const { t } = useTranslation();
  const locations = useLiveQuery(() => db.locations.orderBy('priority').limit(500).toArray(), []);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [copies, setCopies] = useState(1);
  const chosen = (locations ?? []).filter((l) => selected.has(l.id));
  useScanTarget(
    async (scan) => {
      if (scan.parsed.kind !== 'location') return null;
      const id = scan.parsed.id;
      const location = await db.locations.get(id);
      if (!location) return { ok: false, message: t('scan.msg.locationMissing', { id }) };
      setSelected((set) => toggle(set, id, true));
      return { ok: true, message: t('labels.added', { what: location.name }), settle: 'local' };
    },
    { kinds: ['location'] },
  );
  const cards = repeat(chosen, copies).map(({ item, copy }) => (
    <LocationLabel key={`${item.id}-${copy}`} location={item as LocationRow} kindLabel={t('labels.kind.location')} />
  ));

  const controls = (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fw={600}>{t('labels.locations')}</Text>
        <Button variant="subtle" size="compact-md" onClick={() => setSelected(new Set((locations ?? []).map((l) => l.id)))}>
          {t('labels.selectAll')}
        </Button>
      </Group>
      <PickList testId="labels-locations">
        {(locations ?? []).map((l) => (
          <Checkbox
            key={l.id}
            checked={selected.has(l.id)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setSelected((s) => toggle(s, l.id, on));
            }}
            label={
              <Group gap={8} wrap="nowrap">
                <Text fw={700}>{l.name}</Text>
                <Text ff="monospace" c="dimmed">
                  {l.id}
                </Text>
                {l.active === false ? <Badge color="gray">{t('labels.closed')}</Badge> : null}
              </Group>
            }
            data-testid="labels-pick"
          />
        ))}
        {locations && !locations.length ? <Text c="dimmed">{t('labels.noLocations')}</Text> : null}
      </PickList>
      <Copies value={copies} onChange={setCopies} />
    </Stack>
  );
  return <LabelsLayout tab="locations" tabs={tabs} controls={controls} cards={cards} />;
}

function ActionPicker({ tabs }: { tabs: ReactNode }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { definitions, roles } = useWorkflowCatalog();
  const currentRole = useRole();
  const [picked, setRole] = useState<Role>(currentRole);
  // A role whose workflow was removed while this page was open: back to the first role.
  const role = roles.some((r) => r.code === picked) ? picked : (roles[0]?.code ?? picked);
  const [withRoles, setWithRoles] = useState(true);
  // The newest version of each workflow.
  const workflows = useMemo(() => {
    const latest = new Map<string, (typeof definitions)[number]>();
    for (const d of definitions) if ((latest.get(d.id)?.version ?? 0) < d.version) latest.set(d.id, d);
    // By id, so the first (the one picked) does not change when one workflow gets a new version.
    return [...latest.values()].sort((a, b) => a.id.localeCompare(b.id));
  }, [definitions]);
  const [workflowId, setWorkflowId] = useState<string | null>(null);
  const workflow = workflows.find((w) => w.id === workflowId) ?? workflows[0];
  const list = workflow ? actionCards(workflow, role) : [];
  const [skipped, setSkipped] = useState<Set<string>>(new Set());
  const chosen = list.filter((c) => !skipped.has(c.action));
  const roleName = (r: Role) => words.role(r);

  const cards: ReactNode[] = [
    ...chosen.map((c) => (
      <ActionCard
        key={`a-${c.action}`}
        action={c.action}
        title={words.action(c.action)}
        subtitle={t('labels.action.appliesTo', {
          where: c.entities.map((e) => t(`labels.action.on.${e}`, { defaultValue: e })).join(' · '),
          workflow: workflow?.label ?? '',
        })}
        roleBadge={`${role} · ${roleName(role)}`}
        color={roleColor(role)}
        kindLabel={t('labels.kind.action')}
      />
    )),
    ...(withRoles
      ? roles.map(({ code: r }) => (
          <RoleCard
            key={`r-${r}`}
            role={r}
            title={t('labels.role.title', { role: roleName(r) })}
            subtitle={roleKey(roles, r) ? t('labels.role.hint', { key: roleKey(roles, r) }) : t('labels.role.hintNoKey')}
            color={roleColor(r)}
            kindLabel={t('labels.kind.role')}
          />
        ))
      : []),
  ];

  const controls = (
    <Stack gap="sm">
      <Select
        label={t('labels.workflow')}
        value={workflow?.id ?? null}
        onChange={setWorkflowId}
        data={workflows.map((w) => ({ value: w.id, label: `${w.label} (v${w.version})` }))}
        allowDeselect={false}
        data-testid="labels-workflow"
      />
      <div>
        <Text fw={600} fz="sm" mb={4}>
          {t('labels.cardsFor')}
        </Text>
        <Chip.Group
          multiple={false}
          value={role}
          onChange={(v) => {
            setRole(v);
            setSkipped(new Set());
          }}
        >
          <Group gap="xs" data-testid="labels-role">
            {roles.map(({ code: r }) => (
              <Chip key={r} value={r} color={roleMantineColor(r)} variant="filled" size="md">
                {`${r} · ${roleName(r)}`}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </div>
      <PickList testId="labels-actions">
        {list.map((c) => (
          <Checkbox
            key={c.action}
            checked={!skipped.has(c.action)}
            onChange={(e) => {
              const on = !e.currentTarget.checked;
              setSkipped((s) => toggle(s, c.action, on));
            }}
            label={words.action(c.action)}
            data-testid="labels-pick"
          />
        ))}
        {!list.length ? <Text c="dimmed">{t('labels.noActions', { role: roleName(role) })}</Text> : null}
      </PickList>
      <Switch checked={withRoles} onChange={(e) => setWithRoles(e.currentTarget.checked)} label={t('labels.withRoles')} data-testid="labels-with-roles" />
    </Stack>
  );
  return <LabelsLayout tab="actions" tabs={tabs} controls={controls} cards={cards} />;
}

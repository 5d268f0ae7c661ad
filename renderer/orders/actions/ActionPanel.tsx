// The actions the current role may take on this order now, as large numbered buttons
// (keys 1-9), then what is not possible now and why, then what other roles could do.
import { Alert, Badge, Button, Card, Group, Kbd, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActResult } from '../../../shared/api';
import type { EntityRef } from '../../../shared/db/rows';
import { useCounter } from '../../engine/client';
import { roleKey, useRole, type Role } from '../../state/roleStore';
import { anyAhead, useShownStates } from '../../state/shownStates';
import { StateBadge } from '../../ui/StateBadge';
import { roleColor } from '../../ui/stateColors';
import { ErrorView, LoadingState } from '../../ui/states';
import { toastOk, toastRefused } from '../../ui/toast';
import { useShortcuts } from '../../ui/useShortcuts';
import { useWorkflowCatalog } from '../../workflow/catalog';
import { useExplainText, useRefusalText, useWorkflowWords } from '../../workflow/labels';
import type { OrderData } from '../useOrderData';
import classes from './ActionPanel.module.css';
import { useActionPanels, type PanelData } from './useActionPanels';
import { actionRowOf, actionTargetOf, inputBoundsOf, inputDefaultsOf } from '../../../shared/engine/panels';
import type { InputBounds, InputDeclaration } from '../../../shared/workflow/input';
import { ActionForm, type FieldError } from './ActionForm';
import { norm } from '../../../shared/workflow/check';
import { useScanTarget, useScannerStore } from '../../scanner';
import { usePaymentForm } from '../../money/paymentForm';
import { usePayRequest } from '../../money/payRequest';
import { PAYMENT_ACTION } from '../../../shared/payments/actionPayment';
import { useMoneyFormat, useMoneyRefusalText } from '../../money/useMoney';

/** A shipment effect's carrier and tracking numbers are given both or neither (the engine's
 *  rule, decide/perform.ts): each field names the other. */
function partnersOf(wf: Parameters<typeof actionRowOf>[0] | undefined, data: OrderData, ref: EntityRef, role: string, action: string): Record<string, string> | undefined {
  const row = wf ? actionRowOf(wf, data, ref, role, action) : undefined;
  const pairs: Record<string, string> = {};
  for (const effect of row?.effects ?? []) {
    if (effect.kind !== 'shipment') continue;
    pairs[effect.carrier] = effect.trackingNumbers;
    pairs[effect.trackingNumbers] = effect.carrier;
  }
  return Object.keys(pairs).length ? pairs : undefined;
}

/** Enough to answer "why can't I…?" without pushing the next line's buttons off screen. */
const UNAVAILABLE_SHOWN = 3;

/** An action that asks something before it is taken: its form, or "are you sure?". */
type Pending = { ref: EntityRef; action: string; askedFor: string } & (
  | { kind: 'form'; fields: InputDeclaration; bounds: InputBounds; defaults: Record<string, string>; error: FieldError | null }
  | { kind: 'confirm'; key: string | null; scanned?: boolean }
);

interface LastResult {
  targetId: string;
  action: string;
  result: ActResult;
}

export function ActionPanel({ data }: { data: OrderData }) {
  const { t } = useTranslation();
  const role = useRole();
  const catalog = useWorkflowCatalog();
  const roleShortcut = roleKey(catalog.roles, role);
  const counter = useCounter();
  const words = useWorkflowWords();
  // Money refusals (more than owed, short tendered) are worded with their amounts.
  const refusalText = useMoneyRefusalText();
  const panels = useActionPanels(data, role);
  const [acting, setActing] = useState(false);
  const show = useShownStates((s) => s.show);
  // The buttons come from the rows on hand: while a committed state is shown ahead of
  // them, they would offer the old state's actions, so they wait for the re-read.
  const behind = useShownStates((s) => anyAhead([data.order, ...data.items, ...data.refunds], s.committed));
  const busy = acting || behind;
  const [last, setLast] = useState<LastResult | null>(null);
  const [pending, setPendingState] = useState<Pending | null>(null);
  const paymentForm = usePaymentForm(data.order, pending?.kind === 'form' ? pending.action : undefined);
  const fmt = useMoneyFormat();
  // Read by the key handlers: a key pressed twice quickly must not confirm twice.
  const pendingRef = useRef<Pending | null>(null);
  const setPending = (p: Pending | null) => {
    pendingRef.current = p;
    setPendingState(p);
  };
  // A question or form belongs to the order and role it was asked for.
  const askedFor = `${data.order.id}:${role}`;
  useEffect(() => {
    if (pendingRef.current && pendingRef.current.askedFor !== askedFor) {
      pendingRef.current = null;
      setPendingState(null);
    }
  }, [askedFor]);

  const apply = async (ref: EntityRef, action: string, input?: Record<string, string | number | string[]>): Promise<ActResult | null> => {
    if (busy) return null;
    setActing(true);
    // The entity the action moves, resolved before it runs: a line's refund action moves its
    // sheet, and the state shown ahead of the live query must be the sheet's, not the line's.
    const wf = catalog.workflow(data.order.workflowId, data.order.workflowVersion);
    const moved = (wf && actionTargetOf(wf, data, ref, role, action)?.ref) ?? ref;
    try {
      const result = await counter.act(ref, role, action, input);
      // A refused field keeps the form open, its field marked: nothing else to say. That is
      // also a refusal of what an effect made of a field (a tracking number's check digit).
      const form = pendingRef.current?.kind === 'form' ? pendingRef.current : null;
      const field = !result.ok && result.code === 'invalid-input' ? result.params?.field : undefined;
      if (form && !result.ok && (result.params?.reason === 'action-input' || form.fields.some((f) => f.name === field))) {
        setPending({ ...form, error: { field: String(result.params?.field ?? ''), message: refusalText(result) } });
        return result;
      }
      if (form) setPending(null);
      if (result.ok) show(moved.id, result);
      setLast({ targetId: ref.id, action, result });
      const title = t('order.actions.applied', { action: words.action(action) });
      if (result.ok && result.payment) {
        // The action took money: what is still owed, or the change to give.
        const p = result.payment;
        const owed = p.paidInFull ? t('money.pay.paidInFull', { number: data.order.number }) : t('money.pay.partly', { balance: fmt(p.balance) });
        toastOk(title, p.change ? `${owed} ${t('money.pay.giveChange', { change: fmt(p.change) })}` : owed);
      } else if (result.ok) {
        const family = ref.kind === 'order' ? 'order' : ref.kind === 'item' ? 'item' : 'refund';
        const detail = result.postAction
          ? t('order.actions.movedWithPost', { state: words.state(family, result.to), post: words.postAction(result.postAction) })
          : t('order.actions.moved', { state: words.state(family, result.to) });
        toastOk(title, detail);
      } else {
        toastRefused(t('order.actions.refused', { action: words.action(action) }), refusalText(result));
      }
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setLast({ targetId: ref.id, action, result: { ok: false, code: 'effect-failed', message } });
      toastRefused(t('order.actions.refused', { action: words.action(action) }), message);
      return null;
    } finally {
      setActing(false);
    }
  };

  /**
   * A person asks for an action (a button, its number key): one that carries data opens
   * its form, one that cancels or refunds (`confirm`) asks once more, the rest run now.
   * What it asks comes from the row the engine would take (a line's may be its sheet's).
   */
  const request = (ref: EntityRef, action: string, key: string | null) => {
    if (busy) return;
    const open = pendingRef.current;
    if (open && open.ref.id === ref.id && open.action === action) return;
    const wf = catalog.workflow(data.order.workflowId, data.order.workflowVersion);
    const row = wf ? actionRowOf(wf, data, ref, role, action) : undefined;
    if (row?.input?.length) setPending({ kind: 'form', ref, action, askedFor, fields: row.input, bounds: inputBoundsOf(data, ref), defaults: inputDefaultsOf(wf!, data, ref, row), error: null });
    else if (row?.confirm) setPending({ kind: 'confirm', ref, action, askedFor, key });
    else void apply(ref, action);
  };

  const confirmPending = () => {
    const p = pendingRef.current;
    if (p?.kind !== 'confirm') return;
    setPending(null);
    void apply(p.ref, p.action);
  };
  const abortPending = () => setPending(null);

  // A scanned action card that cancels, refunds or needs data asks here too: the card again
  // (or Enter) confirms. Other cards go on to the scanner's routing (the engine applies them).
  useScanTarget(
    (scan) => {
      if (scan.parsed.kind !== 'action') return null;
      const action = scan.parsed.action;
      const words2 = words.action(action);
      const open = pendingRef.current;
      if (open && norm(open.action) === norm(action)) {
        if (open.kind === 'confirm') {
          confirmPending();
          return { ok: true, message: t('scan.msg.actionConfirmed', { action: words2 }), settle: 'local' };
        }
        return { ok: true, message: t('scan.msg.actionForm', { action: words2 }), settle: 'local' };
      }
      if (open) setPending(null);
      const wf = catalog.workflow(data.order.workflowId, data.order.workflowVersion);
      if (!wf || busy) return null;
      const focus = useScannerStore.getState().focus;
      const preferred = focus?.orderId === data.order.id ? (focus.ref.kind === 'refund' ? data.refunds.find((r) => r.id === focus.ref.id)?.itemId : focus.ref.kind === 'item' ? focus.ref.id : undefined) : undefined;
      const places: EntityRef[] = [{ kind: 'order', id: data.order.id }, ...data.items.map((i): EntityRef => ({ kind: 'item', id: i.id }))];
      const possible = places.filter((ref) => actionRowOf(wf, data, ref, role, action));
      const ref = possible.find((r) => r.id === preferred) ?? possible.find((r) => r.kind === 'order') ?? (possible.length === 1 ? possible[0] : undefined);
      const row = ref ? actionRowOf(wf, data, ref, role, action) : undefined;
      if (!ref || !row) return null;
      if (row.input?.some((f) => f.required)) {
        setPending({ kind: 'form', ref, action: row.action, askedFor, fields: row.input, bounds: inputBoundsOf(data, ref), defaults: inputDefaultsOf(wf, data, ref, row), error: null });
        return { ok: true, message: t('scan.msg.actionForm', { action: words2 }), settle: 'local' };
      }
      if (row.confirm) {
        setPending({ kind: 'confirm', ref, action: row.action, askedFor, key: null, scanned: true });
        return { ok: true, message: t('scan.msg.actionAsks', { action: words2 }), settle: 'local' };
      }
      return null;
    },
    { kinds: ['action'] },
  );


  // The panels get one callback for the page's life, so they are not rendered again when
  // only the panel's busy state flips (the fieldset disables their buttons).
  // Number keys run the current role's actions in the order they are shown.
  const numbered: Array<{ ref: EntityRef; action: string }> =
    panels.phase === 'ready' ? panels.panels.flatMap((p) => p.mine.map((action) => ({ ref: p.target.ref, action }))) : [];
  const keyOf = (ref: EntityRef, action: string): string | null => {
    const i = numbered.findIndex((e) => e.ref.id === ref.id && e.action === action);
    return i >= 0 && i < 9 ? String(i + 1) : null;
  };
  const requestLatest = useRef(request);
  const keyOfLatest = useRef(keyOf);
  const applyLatest = useRef(apply);
  useLayoutEffect(() => {
    requestLatest.current = request;
    keyOfLatest.current = keyOf;
    applyLatest.current = apply;
  });
  // The payment panel's "Take payment" opens this action's form: one form for the money.
  const paySeq = useRef(usePayRequest.getState().seq);
  useEffect(
    () =>
      usePayRequest.subscribe((s) => {
        if (s.seq === paySeq.current) return;
        paySeq.current = s.seq;
        const ref: EntityRef = { kind: 'order', id: data.order.id };
        if (s.orderId === data.order.id) requestLatest.current(ref, PAYMENT_ACTION, keyOfLatest.current(ref, PAYMENT_ACTION));
      }),
    [data.order.id],
  );
  // Unavailable actions still ask the engine (which refuses and says why): no form, no question.
  const onApply = useCallback((ref: EntityRef, action: string) => requestLatest.current(ref, action, keyOfLatest.current(ref, action)), []);
  const onTry = useCallback((ref: EntityRef, action: string) => void applyLatest.current(ref, action), []);

  // While an action asks once more, only its own key, Enter and Esc mean anything: one key
  // alone never cancels an order. While its form is open, the form has the keys.
  useShortcuts(
    pending?.kind === 'confirm'
      ? [
          ...(pending.key ? [{ combo: pending.key, run: confirmPending }] : []),
          { combo: 'Enter', run: confirmPending },
          { combo: 'Escape', run: abortPending, inFields: true },
        ]
      : pending?.kind === 'form'
        ? [{ combo: 'Escape', run: abortPending }]
        : numbered.slice(0, 9).map((entry, i) => ({ combo: String(i + 1), run: () => request(entry.ref, entry.action, String(i + 1)) })),
  );

  // Number keys run through the panels in order: each panel's first key follows the last one's.
  const firstShortcuts: number[] = [];
  if (panels.phase === 'ready') {
    let next = 0;
    for (const panel of panels.panels) {
      firstShortcuts.push(next);
      next += panel.mine.length;
    }
  }
  return (
    <Card withBorder radius="md" p="md" data-testid="action-panel" aria-busy={busy}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h3">
          {t('order.actions.title')}
        </Title>
        <Badge color={roleColor(role)} variant="filled" size="lg" tt="none" data-testid="acting-role">
          {roleShortcut ? t('order.actions.actingAs', { role: words.role(role), key: roleShortcut }) : words.role(role)}
        </Badge>
      </Group>
      {pending ? (
        <Paper withBorder p="sm" mb="sm" radius="md" data-testid={pending.kind === 'form' ? 'action-form-panel' : 'action-confirm'} data-action={pending.action}>
          {pending.kind === 'form' ? (
            <ActionForm
              key={`${pending.ref.id}:${pending.action}`}
              title={words.action(pending.action)}
              fields={pending.fields}
              bounds={pending.bounds}
              busy={busy}
              error={pending.error}
              onSubmit={(input) => void apply(pending.ref, pending.action, input)}
              onCancel={abortPending}
              partners={partnersOf(catalog.workflow(data.order.workflowId, data.order.workflowVersion), data, pending.ref, role, pending.action)}
              {...(paymentForm ?? {})}
              defaults={{ ...pending.defaults, ...paymentForm?.defaults }}
            />
          ) : (
            <Stack gap="xs" role="alertdialog" aria-label={t('order.actions.confirm.ask', { action: words.action(pending.action) })}>
              <Text fw={700}>{t('order.actions.confirm.ask', { action: words.action(pending.action) })}</Text>
              <Text fz="sm">
                {pending.key
                  ? t('order.actions.confirm.keys', { key: pending.key })
                  : t(pending.scanned ? 'order.actions.confirm.keysScan' : 'order.actions.confirm.keysNoKey')}
              </Text>
              <Group gap="xs">
                <Button color="red" onClick={confirmPending} data-testid="action-confirm-yes">
                  {t('order.actions.confirm.yes', { action: words.action(pending.action) })}
                </Button>
                <Button variant="default" onClick={abortPending} data-testid="action-confirm-no">
                  {t('order.actions.confirm.no')}
                </Button>
              </Group>
            </Stack>
          )}
        </Paper>
      ) : null}
      {panels.phase === 'loading' ? <LoadingState minHeight={120} /> : null}
      {panels.phase === 'error' ? <ErrorView message={panels.message} /> : null}
      {panels.phase === 'ready' ? (
        // One attribute disables every button while a command runs or its state is shown
        // ahead of the rows: a scanned card's new state paints without re-rendering them.
        <fieldset disabled={busy} className={classes.buttons}>
          <Stack gap="md">
            {panels.panels.map((panel, index) => {
              return (
                <TargetPanel
                  key={panel.target.ref.id}
                  panel={panel}
                  role={role}
                  firstShortcut={firstShortcuts[index] ?? 0}
                  last={last?.targetId === panel.target.ref.id ? last : null}
                  onApply={onApply}
                  onTry={onTry}
                  hideIfEmpty={panel.target.kind === 'item'}
                />
              );
            })}
          </Stack>
        </fieldset>
      ) : null}
    </Card>
  );
}

const TargetPanel = memo(function TargetPanel({
  panel,
  role,
  firstShortcut,
  last,
  onApply,
  onTry,
  hideIfEmpty,
}: {
  panel: PanelData;
  role: Role;
  firstShortcut: number;
  last: LastResult | null;
  onApply: (ref: EntityRef, action: string) => void;
  onTry: (ref: EntityRef, action: string) => void;
  hideIfEmpty: boolean;
}) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const explain = useExplainText();
  const { target, mine, others, unavailable } = panel;
  const [showAll, setShowAll] = useState(false);
  const shownUnavailable = showAll ? unavailable : unavailable.slice(0, UNAVAILABLE_SHOWN);
  const empty = mine.length === 0 && unavailable.length === 0 && others.length === 0;
  if (empty && hideIfEmpty && !last) return null;
  const title =
    target.kind === 'order'
      ? t('order.actions.orderTarget')
      : t('order.actions.lineTarget', { line: target.item?.lineNo ?? '', sku: target.item?.sku ?? '' });

  return (
    <Stack gap={8} data-testid={target.kind === 'order' ? 'panel-order' : `panel-line-${target.item?.lineNo ?? ''}`}>
      <Group gap="xs" wrap="wrap">
        <Text fw={700}>{title}</Text>
        <StateBadge family={target.kind} state={target.state} size="md" />
        {target.sheet ? (
          <>
            <Text fz="sm" c="dimmed">
              {t('order.actions.sheet', { kind: words.refundKind(target.sheet.kind) })}
            </Text>
            <StateBadge family="refund" state={target.sheet.state} size="md" />
          </>
        ) : null}
      </Group>

      {mine.length ? (
        <Stack gap={8}>
          {mine.map((action, i) => {
            const n = firstShortcut + i + 1;
            return (
              <Button
                key={action}
                size="lg"
                fullWidth
                justify="space-between"
                color={roleColor(role)}
                onClick={() => onApply(target.ref, action)}
                rightSection={n <= 9 ? <Kbd size="sm">{n}</Kbd> : null}
                data-testid="action-button"
                data-action={action}
                styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
              >
                {words.action(action)}
              </Button>
            );
          })}
        </Stack>
      ) : (
        <Text c="dimmed" fz="sm" data-testid="no-actions">
          {t('order.actions.noneForRole', { role: words.role(role) })}
        </Text>
      )}

      {last ? <ResultLine last={last} family={target.kind} /> : null}

      {unavailable.length ? (
        <Stack gap={4} mt={4}>
          <Text fz="sm" fw={700} c="dimmed">
            {t('order.actions.notNow')}
          </Text>
          {shownUnavailable.map((e) => (
            // Still a button: pressing it asks the engine, which refuses and says why.
            <Button
              key={e.action}
              variant="default"
              size="sm"
              fullWidth
              justify="space-between"
              onClick={() => onTry(target.ref, e.action)}
              data-testid="unavailable-action"
              data-action={e.action}
              c="dimmed"
              styles={{ label: { whiteSpace: 'normal', textAlign: 'left', display: 'block', overflow: 'visible' }, inner: { height: 'auto' }, root: { height: 'auto', paddingBlock: 6 } }}
            >
              <Text span fw={600} fz="sm">
                {words.action(e.action)}
              </Text>
              <Text span fz="xs" c="dimmed" display="block">
                {t(`order.actions.reason.${e.reason ?? 'other'}`)} · {explain(e.detail, target.kind)}
              </Text>
            </Button>
          ))}
          {unavailable.length > UNAVAILABLE_SHOWN ? (
            <Button variant="subtle" size="xs" onClick={() => setShowAll((v) => !v)} data-testid="toggle-unavailable">
              {showAll ? t('order.actions.showFewer') : t('order.actions.showAll', { count: unavailable.length })}
            </Button>
          ) : null}
        </Stack>
      ) : null}

      {others.length ? (
        <Stack gap={2} mt={4} data-testid="other-roles">
          <Text fz="sm" fw={700} c="dimmed">
            {t('order.actions.otherRoles')}
          </Text>
          {others.map(({ role: r, actions }) => (
            <Group key={r} gap={6} wrap="nowrap" align="flex-start">
              <Badge color={roleColor(r)} variant="light" size="md" w={34} px={0} style={{ flex: 'none' }}>
                {r}
              </Badge>
              <Text fz="sm">{actions.map((a) => words.action(a)).join(' · ')}</Text>
            </Group>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
});

function ResultLine({ last, family }: { last: LastResult; family: 'order' | 'item' }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const refusalText = useRefusalText();
  const { result, action } = last;
  if (result.ok) {
    const to = words.state(family, result.to);
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck />} p="xs" data-testid="action-result" data-ok="true">
        <Text fz="sm" fw={600}>
          {t('order.actions.applied', { action: words.action(action) })}
        </Text>
        <Text fz="sm">
          {result.postAction
            ? t('order.actions.movedWithPost', { state: to, post: words.postAction(result.postAction) })
            : t('order.actions.moved', { state: to })}
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle />} p="xs" role="alert" data-testid="action-result" data-ok="false">
      <Text fz="sm" fw={600}>
        {t('order.actions.refused', { action: words.action(action) })}
      </Text>
      <Text fz="sm">{refusalText(result)}</Text>
      <Text fz="xs" c="dimmed">
        {t('order.actions.nothingChanged')}
      </Text>
    </Alert>
  );
}

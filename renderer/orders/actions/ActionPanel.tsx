// The actions the current role may take on this order now, as large numbered buttons
// (keys 1-9), then what is not possible now and why, then what other roles could do.
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
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
import { mantineClass, useBadgeVars, useButtonVars } from '../../ui/mantineLook';
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
  const roleLook = { ...useBadgeVars({ variant: 'filled', color: roleColor(role), size: 'lg' }), textTransform: 'none' } as const;
  return (
    <div className={`${mantineClass.card} ${classes.card}`} data-with-border="true" data-orientation="vertical" data-testid="action-panel" aria-busy={busy}>
      <div className={classes.head}>
        <h2 className={classes.title}>{t('order.actions.title')}</h2>
        <div className={mantineClass.badge} data-variant="filled" data-size="lg" data-testid="acting-role" style={roleLook}>
          <span className={mantineClass.badgeLabel}>
            {roleShortcut ? t('order.actions.actingAs', { role: words.role(role), key: roleShortcut }) : words.role(role)}
          </span>
        </div>
      </div>
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
          <div className={classes.targets}>
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
          </div>
        </fieldset>
      ) : null}
    </div>
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
  const mineLook = useButtonVars({ color: roleColor(role), size: 'lg', justify: 'space-between' });
  const notNowLook = { height: 'auto', paddingBlock: 6, ...useButtonVars({ variant: 'default', size: 'sm', justify: 'space-between' }), color: 'var(--mantine-color-dimmed)' };
  const toggleLook = useButtonVars({ variant: 'subtle', size: 'xs' });
  const shownUnavailable = showAll ? unavailable : unavailable.slice(0, UNAVAILABLE_SHOWN);
  const empty = mine.length === 0 && unavailable.length === 0 && others.length === 0;
  if (empty && hideIfEmpty && !last) return null;
  const title =
    target.kind === 'order'
      ? t('order.actions.orderTarget')
      : t('order.actions.lineTarget', { line: target.item?.lineNo ?? '', sku: target.item?.sku ?? '' });

  return (
    <div className={classes.target} data-testid={target.kind === 'order' ? 'panel-order' : `panel-line-${target.item?.lineNo ?? ''}`}>
      <div className={classes.targetHead}>
        <p className={classes.strong}>{title}</p>
        <StateBadge family={target.kind} state={target.state} size="md" />
        {target.sheet ? (
          <>
            <p className={classes.smallDimmed}>{t('order.actions.sheet', { kind: words.refundKind(target.sheet.kind) })}</p>
            <StateBadge family="refund" state={target.sheet.state} size="md" />
          </>
        ) : null}
      </div>

      {mine.length ? (
        <div className={classes.mine}>
          {mine.map((action, i) => {
            const n = firstShortcut + i + 1;
            return (
              <button
                key={action}
                type="button"
                className={mantineClass.button}
                data-size="lg"
                data-block="true"
                data-with-right-section={n <= 9 ? 'true' : undefined}
                onClick={() => onApply(target.ref, action)}
                data-testid="action-button"
                data-action={action}
                style={mineLook}
              >
                <span className={mantineClass.buttonInner}>
                  <span className={mantineClass.buttonLabel} style={WRAP}>
                    {words.action(action)}
                  </span>
                  {n <= 9 ? (
                    <span className={mantineClass.buttonSection} data-position="right">
                      <kbd className={mantineClass.kbd} data-size="sm">
                        {n}
                      </kbd>
                    </span>
                  ) : null}
                </span>
              </button>
            );
          })}
        </div>
      ) : (
        <p className={classes.smallDimmed} data-testid="no-actions">
          {t('order.actions.noneForRole', { role: words.role(role) })}
        </p>
      )}

      {last ? <ResultLine last={last} family={target.kind} /> : null}

      {unavailable.length ? (
        <div className={classes.list}>
          <p className={classes.heading}>{t('order.actions.notNow')}</p>
          {shownUnavailable.map((e) => (
            // Still a button: pressing it asks the engine, which refuses and says why.
            <button
              key={e.action}
              type="button"
              className={mantineClass.button}
              data-variant="default"
              data-size="sm"
              data-block="true"
              onClick={() => onTry(target.ref, e.action)}
              data-testid="unavailable-action"
              data-action={e.action}
              style={notNowLook}
            >
              <span className={mantineClass.buttonInner} style={AUTO_HEIGHT}>
                <span className={mantineClass.buttonLabel} style={WRAP_BLOCK}>
                  <span className={classes.smallStrong}>{words.action(e.action)}</span>
                  <span className={classes.reason}>
                    {t(`order.actions.reason.${e.reason ?? 'other'}`)} · {explain(e.detail, target.kind)}
                  </span>
                </span>
              </span>
            </button>
          ))}
          {unavailable.length > UNAVAILABLE_SHOWN ? (
            <button type="button" className={mantineClass.button} data-variant="subtle" data-size="xs" onClick={() => setShowAll((v) => !v)} data-testid="toggle-unavailable" style={toggleLook}>
              <span className={mantineClass.buttonInner}>
                <span className={mantineClass.buttonLabel}>{showAll ? t('order.actions.showFewer') : t('order.actions.showAll', { count: unavailable.length })}</span>
              </span>
            </button>
          ) : null}
        </div>
      ) : null}

      {others.length ? (
        <div className={classes.others} data-testid="other-roles">
          <p className={classes.heading}>{t('order.actions.otherRoles')}</p>
          {others.map(({ role: r, actions }) => (
            <OtherRole key={r} role={r}>
              {actions.map((a) => words.action(a)).join(' · ')}
            </OtherRole>
          ))}
        </div>
      ) : null}
    </div>
  );
});

/** Button label styles as the panel's Mantine Buttons had them (`styles` props). */
const WRAP = { whiteSpace: 'normal', textAlign: 'left' } as const;
const WRAP_BLOCK = { ...WRAP, display: 'block', overflow: 'visible' } as const;
const AUTO_HEIGHT = { height: 'auto' } as const;
const ROLE_BADGE = { flex: '0 0 auto', paddingInline: 0, width: 'calc(2.125rem * var(--mantine-scale))' } as const;

function OtherRole({ role, children }: { role: string; children: React.ReactNode }) {
  const look = { ...useBadgeVars({ variant: 'light', color: roleColor(role), size: 'md' }), ...ROLE_BADGE };
  return (
    <div className={classes.other}>
      <div className={mantineClass.badge} data-variant="light" data-size="md" style={look}>
        <span className={mantineClass.badgeLabel}>{role}</span>
      </div>
      <p className={classes.small}>{children}</p>
    </div>
  );
}

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

// The actions the current role may take on this order now, as large numbered buttons
// (keys 1-9), then what is not possible now and why, then what other roles could do.
import { Alert, Badge, Button, Card, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
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

/** Enough to answer "why can't I…?" without pushing the next line's buttons off screen. */
const UNAVAILABLE_SHOWN = 3;

interface LastResult {
  targetId: string;
  action: string;
  result: ActResult;
}

export function ActionPanel({ data }: { data: OrderData }) {
  const { t } = useTranslation();
  const role = useRole();
  const roleShortcut = roleKey(useWorkflowCatalog().roles, role);
  const counter = useCounter();
  const words = useWorkflowWords();
  const refusalText = useRefusalText();
  const panels = useActionPanels(data, role);
  const [acting, setActing] = useState(false);
  const show = useShownStates((s) => s.show);
  // The buttons come from the rows on hand: while a committed state is shown ahead of
  // them, they would offer the old state's actions, so they wait for the re-read.
  const behind = useShownStates((s) => anyAhead([data.order, ...data.items, ...data.refunds], s.committed));
  const busy = acting || behind;
  const [last, setLast] = useState<LastResult | null>(null);

  const apply = async (ref: EntityRef, action: string) => {
    if (busy) return;
    setActing(true);
    try {
      const result = await counter.act(ref, role, action);
      if (result.ok) show(ref.id, result);
      setLast({ targetId: ref.id, action, result });
      const title = t('order.actions.applied', { action: words.action(action) });
      if (result.ok) {
        const family = ref.kind === 'order' ? 'order' : ref.kind === 'item' ? 'item' : 'refund';
        const detail = result.postAction
          ? t('order.actions.movedWithPost', { state: words.state(family, result.to), post: words.postAction(result.postAction) })
          : t('order.actions.moved', { state: words.state(family, result.to) });
        toastOk(title, detail);
      } else {
        toastRefused(t('order.actions.refused', { action: words.action(action) }), refusalText(result));
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setLast({ targetId: ref.id, action, result: { ok: false, code: 'effect-failed', message } });
      toastRefused(t('order.actions.refused', { action: words.action(action) }), message);
    } finally {
      setActing(false);
    }
  };

  // The panels get one callback for the page's life, so they are not rendered again when
  // only the panel's busy state flips (the fieldset disables their buttons).
  const applyLatest = useRef(apply);
  useLayoutEffect(() => {
    applyLatest.current = apply;
  });
  const onApply = useCallback((ref: EntityRef, action: string) => void applyLatest.current(ref, action), []);

  // Number keys run the current role's actions in the order they are shown.
  const numbered: Array<{ ref: EntityRef; action: string }> =
    panels.phase === 'ready' ? panels.panels.flatMap((p) => p.mine.map((action) => ({ ref: p.target.ref, action }))) : [];
  useShortcuts(
    numbered.slice(0, 9).map((entry, i) => ({ combo: String(i + 1), run: () => void apply(entry.ref, entry.action) })),
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
  hideIfEmpty,
}: {
  panel: PanelData;
  role: Role;
  firstShortcut: number;
  last: LastResult | null;
  onApply: (ref: EntityRef, action: string) => void;
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
              onClick={() => onApply(target.ref, e.action)}
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

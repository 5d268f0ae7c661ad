// A workflow state as a coloured badge with its translated label; the code is in the tooltip.
import { useEffect, type ReactNode } from 'react';
import { shownState, useShownStates, type VersionedRow } from '../state/shownStates';
import { useWorkflowWords } from '../workflow/labels';
import { FilledBadge, type FilledBadgeProps } from './FilledBadge';
import { stateColor, type StateFamily } from './stateColors';

interface Props extends Omit<FilledBadgeProps, 'color' | 'children'> {
  family: StateFamily;
  state: string | null | undefined;
}

export function StateBadge({ family, state, ...rest }: Props) {
  const words = useWorkflowWords();
  // A native tooltip: an order's timeline shows two badges per step, and each Mantine
  // Tooltip sets up its floating element on render (~3 ms of a scanned order's page here).
  return (
    <FilledBadge title={state ?? '—'} color={stateColor(family, state)} data-state={state ?? ''} {...rest}>
      {words.state(family, state)}
    </FilledBadge>
  );
}

/**
 * The state of a workflow row (order, line, refund sheet). A state the engine has just
 * committed shows at once, before this window's live query re-reads the row.
 */
export function RowStateBadge({ family, row, empty = null, ...rest }: Omit<Props, 'state'> & { row: VersionedRow; empty?: ReactNode }) {
  const committed = useShownStates((s) => s.committed[row.id]);
  const forget = useShownStates((s) => s.forget);
  const caughtUp = !!committed && row.stateVersion >= committed.stateVersion;
  useEffect(() => {
    if (caughtUp) forget(row.id);
  }, [caughtUp, forget, row.id]);
  const state = shownState(row, committed);
  // "No state yet" (a line before the order is paid) shows `empty` instead of a badge.
  if (state === null) return <>{empty}</>;
  return <StateBadge family={family} state={state} data-entity-id={row.id} {...rest} />;
}

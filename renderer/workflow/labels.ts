// Workflow words for people. States and actions are named in English by the workflow
// definitions (a state's `display` wins over its `label`: HS reads "finished payment").
// They are translated through `wf.*` i18n keys, with the definition's English as the fallback,
// so a custom workflow still reads sensibly in any language.
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, createElement, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { db } from '../db';
import type { StateFamily } from '../ui/stateColors';

/** English display labels of the built-in workflows, used until definitions are installed. */
const BUILT_IN: Record<StateFamily, Record<string, string>> = {
  order: {
    WP: 'waiting for payment',
    FP: 'finished payment',
    FS: 'finished shipping',
    HS: 'finished payment',
    ST: 'successful transaction',
    CT: 'closed transaction',
    WA: 'waiting for accounting',
    FA: 'finished accounting',
  },
  item: { FP: 'paid', WR: 'waiting for refund', FR: 'finished refund', CR: 'closed refund' },
  refund: {
    WSR: 'waiting for seller response',
    WSA: 'waiting for seller response after return',
    PPR: 'platform processing refund',
    SRR: 'seller rejected refund',
    CSI: 'customer service involved',
    CSA: 'customer service involved after return',
    WBS: 'waiting for buyer to ship back',
    PFR: 'platform finished refund',
    CCR: 'customer closed refund',
    PCR: 'platform closed refund',
  },
  voucher: { Un: 'unused', Us: 'used', Re: 'refunded', Ex: 'expired' },
};

interface DefinitionLike {
  machines?: Record<string, { entity?: string; states?: Record<string, { label?: string; display?: string }> }>;
}

function isFamily(value: unknown): value is StateFamily {
  return value === 'order' || value === 'item' || value === 'refund' || value === 'voucher';
}

/** English labels from the installed definitions (all versions; later ones win). */
function labelsFrom(definitions: unknown[]): Record<StateFamily, Record<string, string>> {
  const out: Record<StateFamily, Record<string, string>> = { order: {}, item: {}, refund: {}, voucher: {} };
  for (const definition of definitions) {
    const machines = (definition as DefinitionLike | null)?.machines ?? {};
    for (const machine of Object.values(machines)) {
      if (!isFamily(machine.entity)) continue;
      for (const [code, state] of Object.entries(machine.states ?? {})) {
        const text = state.display ?? state.label;
        if (text) out[machine.entity][code] = text;
      }
    }
  }
  return out;
}

export function humanize(code: string): string {
  return code.replace(/_/g, ' ');
}

export interface WorkflowWords {
  /** The label people see for a state, e.g. state('order', 'HS') -> "finished payment". */
  state(family: StateFamily, code: string | null | undefined): string;
  action(name: string): string;
  postAction(name: string): string;
  refundKind(kind: string): string;
  orderType(type: string): string;
}

const EnglishLabels = createContext<Record<StateFamily, Record<string, string>>>(BUILT_IN);

/** Reads the installed definitions once for the whole window (not once per badge). */
export function WorkflowLabelsProvider({ children }: { children: ReactNode }) {
  const installed = useLiveQuery(async () => labelsFrom((await db.workflows.toArray()).map((w) => w.definition)), []);
  const english = useMemo(() => {
    const merged = { ...BUILT_IN };
    if (installed) for (const f of Object.keys(merged) as StateFamily[]) merged[f] = { ...BUILT_IN[f], ...installed[f] };
    return merged;
  }, [installed]);
  return createElement(EnglishLabels.Provider, { value: english }, children);
}

export function useWorkflowWords(): WorkflowWords {
  const { t } = useTranslation();
  const english = useContext(EnglishLabels);

  const state = useCallback(
    (family: StateFamily, code: string | null | undefined) => {
      if (!code) return t('common.none');
      return t(`wf.state.${family}.${code}`, { defaultValue: english[family][code] ?? code });
    },
    [t, english],
  );
  const action = useCallback((name: string) => t(`wf.action.${name}`, { defaultValue: name }), [t]);
  const postAction = useCallback((name: string) => t(`wf.post.${name}`, { defaultValue: humanize(name) }), [t]);
  const refundKind = useCallback((kind: string) => t(`wf.refundKind.${kind}`, { defaultValue: humanize(kind) }), [t]);
  const orderType = useCallback((type: string) => t(`wf.orderType.${type}`, { defaultValue: type }), [t]);
  return useMemo(() => ({ state, action, postAction, refundKind, orderType }), [state, action, postAction, refundKind, orderType]);
}

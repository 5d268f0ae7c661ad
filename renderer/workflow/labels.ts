// Workflow words for people. States and actions are named in English by the workflow
// definitions (a state's `display` wins over its `label`: HS reads "finished payment").
// They are translated through `wf.*` i18n keys, with the definition's English as the
// fallback, so a custom workflow still reads sensibly in any language.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExplainDetail } from '../../shared/api';
import type { StateFamily } from '../ui/stateColors';
import { useWorkflowCatalog } from './catalog';
import { explainText, type Translate } from './explain';

const FAMILIES: StateFamily[] = ['order', 'item', 'refund', 'voucher'];

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
  /** What a pending timer will do, e.g. "auto-cancel" for `no payment`. */
  timer(action: string | null, key: string): string;
}

export function useWorkflowWords(): WorkflowWords {
  const { t } = useTranslation();
  const { english } = useWorkflowCatalog();

  const state = useCallback(
    (family: StateFamily, code: string | null | undefined) => {
      if (!code) return t('common.none');
      // A line's panel can move its refund sheet: look the code up in the other families too.
      const owner = english[family][code] !== undefined ? family : (FAMILIES.find((f) => english[f][code] !== undefined) ?? family);
      return t(`wf.state.${owner}.${code}`, { defaultValue: english[owner][code] ?? code });
    },
    [t, english],
  );
  const action = useCallback((name: string) => t(`wf.action.${name}`, { defaultValue: name }), [t]);
  const postAction = useCallback((name: string) => t(`wf.post.${name}`, { defaultValue: humanize(name) }), [t]);
  const refundKind = useCallback((kind: string) => t(`wf.refundKind.${kind}`, { defaultValue: humanize(kind) }), [t]);
  const orderType = useCallback((type: string) => t(`wf.orderType.${type}`, { defaultValue: type }), [t]);
  const timer = useCallback(
    (name: string | null, key: string) =>
      name ? t(`wf.timer.${name}`, { defaultValue: action(name) }) : t(`wf.timerKey.${key}`, { defaultValue: humanize(key) }),
    [t, action],
  );
  return useMemo(
    () => ({ state, action, postAction, refundKind, orderType, timer }),
    [state, action, postAction, refundKind, orderType, timer],
  );
}

/** Why an action is (not) possible, in the reader's language (see explain.ts). */
export function useExplainText(): (detail: ExplainDetail, family: StateFamily) => string {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  return useCallback((detail, family) => explainText(detail, family, t as Translate, words), [t, words]);
}

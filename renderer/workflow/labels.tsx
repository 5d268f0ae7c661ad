// Workflow words for people. States and actions are named in English by the workflow
// definitions (a state's `display` wins over its `label`: HS reads "finished payment").
// They are translated through `wf.*` i18n keys, with the definition's English as the
// fallback, so a custom workflow still reads sensibly in any language.
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExplainDetail } from '../../shared/api';
import type { StateFamily } from '../ui/stateColors';
import { useWorkflowCatalog, type WorkflowCatalog } from './catalog';
import { explainText, type Translate } from './explain';
import { refusalText, type RefusalLike } from '../ui/refusal';

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
  /** A role's name: translated for the built-ins, else the newest definition's label. */
  role(code: string): string;
  /** An action input field's label, e.g. field('carrier') -> "Carrier". */
  field(name: string): string;
  /** A choice of a field, e.g. choice('carrier', 'sf') -> "SF Express"; the value when unknown. */
  choice(field: string, value: string): string;
}

/** The words for one language and one set of installed workflows. */
function workflowWords(t: Translate, english: WorkflowCatalog['english'], roles: WorkflowCatalog['roles'], inputLabels: WorkflowCatalog['inputLabels']): WorkflowWords {
  const state = (family: StateFamily, code: string | null | undefined) => {
    if (!code) return t('common.none');
    // A line's panel can move its refund sheet: look the code up in the other families too.
    const owner = english[family][code] !== undefined ? family : (FAMILIES.find((f) => english[f][code] !== undefined) ?? family);
    return t(`wf.state.${owner}.${code}`, { defaultValue: english[owner][code] ?? code });
  };
  const action = (name: string) => t(`wf.action.${name}`, { defaultValue: name });
  return {
    state,
    action,
    postAction: (name) => t(`wf.post.${name}`, { defaultValue: humanize(name) }),
    refundKind: (kind) => t(`wf.refundKind.${kind}`, { defaultValue: humanize(kind) }),
    orderType: (type) => t(`wf.orderType.${type}`, { defaultValue: type }),
    timer: (name, key) => (name ? t(`wf.timer.${name}`, { defaultValue: action(name) }) : t(`wf.timerKey.${key}`, { defaultValue: humanize(key) })),
    field: (name) => t(`wf.field.${name}`, { defaultValue: inputLabels.fields[name] ?? humanize(name) }),
    // Only a declared choice is looked up: free text (a memo) is never used as a key.
    choice: (field, value) => {
      const label = inputLabels.choices[`${field}.${value}`];
      return label === undefined ? value : t(`wf.choice.${field}.${value}`, { defaultValue: label });
    },
    role: (code) => {
      const upper = code.toUpperCase();
      return t(`common.role.${upper}`, { defaultValue: roles.find((r) => r.code === upper)?.label ?? code });
    },
  };
}

const WordsContext = createContext<WorkflowWords | null>(null);

// One translation hook for the whole window: every badge and timeline step asking i18next
// itself set up its own hook and language listener (two per step of an order's timeline).
export function WorkflowWordsProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { english, roles, inputLabels } = useWorkflowCatalog();
  const words = useMemo(() => workflowWords(t as Translate, english, roles, inputLabels), [t, english, roles, inputLabels]);
  return <WordsContext.Provider value={words}>{children}</WordsContext.Provider>;
}

/** The words in the window's language; a new language gives new words. */
export function useWorkflowWords(): WorkflowWords {
  const words = useContext(WordsContext);
  if (!words) throw new Error('Workflow words need a WorkflowWordsProvider above them.');
  return words;
}

/** Why an action is (not) possible, in the reader's language (see explain.ts). */
export function useExplainText(): (detail: ExplainDetail, family: StateFamily) => string {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  return useCallback((detail, family) => explainText(detail, family, t as Translate, words), [t, words]);
}

/** A refusal in the reader's language, from its code and facts (see ui/refusal.ts). */
export function useRefusalText(): (refusal: RefusalLike) => string {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  return useCallback((refusal) => refusalText(refusal, t as Translate, words), [t, words]);
}

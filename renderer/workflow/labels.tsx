// Workflow words for people. States and actions are named in English by the workflow
// definitions (a state's `display` wins over its `label`: HS reads "finished payment").
// They are translated through `wf.*` i18n keys, with the definition's English as the
// fallback, so a custom workflow still reads sensibly in any language.
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExplainDetail } from '../../shared/api';
import type { StateFamily } from '../ui/stateColors';
import { useWorkflowCatalog } from './catalog';
import { explainText, type Translate } from './explain';
import { refusalText, type RefusalLike } from '../ui/refusal';
import { useCurrencyDigits } from '../ui/currencyDigits';
import { workflowWords, type WorkflowWords } from './words';

export { humanize, workflowWords, type WorkflowWords } from './words';

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

/** A refusal in the reader's language, from its code and facts (see ui/refusal.ts), its
 *  amounts with the shop currency's digits. */
export function useRefusalText(): (refusal: RefusalLike, options?: { origin?: 'counter' | 'server' }) => string {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const digits = useCurrencyDigits();
  return useCallback((refusal, options) => refusalText(refusal, t as Translate, words, { digits, ...options }), [t, words, digits]);
}

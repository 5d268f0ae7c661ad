// The words a board card needs (translations, workflow words, locale), read once by the
// board and handed to its cards. Each card asking i18next itself set up ~6 translation
// hooks, each with its own language listener; and i18next interpolated the same few texts
// anew for every card (~25 ms of a cold board's first render here): the answers are kept,
// for one language (a new one builds a new provider value).
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { remembering } from '../ui/remembering';
import { useLocale } from '../ui/time';
import type { Translate } from '../workflow/explain';
import { useWorkflowWords, type WorkflowWords } from '../workflow/labels';

export interface CardWords {
  t: Translate;
  words: WorkflowWords;
  locale: string;
}

const CardWordsContext = createContext<CardWords | null>(null);

export function CardWordsProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const words = useWorkflowWords();
  const { locale } = useLocale();
  const value = useMemo(
    (): CardWords => ({ t: remembering<Parameters<Translate>>(t as Translate), words: { ...words, timer: remembering(words.timer) }, locale }),
    [t, words, locale],
  );
  return <CardWordsContext.Provider value={value}>{children}</CardWordsContext.Provider>;
}

export function useCardWords(): CardWords {
  const value = useContext(CardWordsContext);
  if (!value) throw new Error('A board card needs a CardWordsProvider above it.');
  return value;
}

// i18next set-up. Keys are grouped by screen (boards.*, order.*, stock.*, tasks.*,
// workflow.*, settings.*, scan.*, common.*, nav.*) so people can add keys with few conflicts.
// Workflow states and actions (`wf.*`) come from the definitions in English; their
// translations live in wf.<lang>.json and English is always the fallback (see labels.ts).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import wfEn from './wf.en.json';
import { mergeWords, type Words } from './words';

// Screens may keep their words beside them, in renderer/<screen>/locales/{en,zh}.json;
// they are deep-merged over the files above (same key layout: `stock.*`, `tasks.*`...).
// English is the fallback and always here; Chinese is its own chunk (zh.ts), loaded only
// when the window is or turns Chinese: half the words the entry parsed at every start.
const enScreens = import.meta.glob<Words>('../*/locales/en.json', { eager: true, import: 'default' });

let zhLoading: Promise<Words> | null = null;
/** The Chinese words (loaded once; a failed load is tried again next time). */
function chineseWords(): Promise<Words> {
  zhLoading ??= import('./zh').then(
    (m) => m.zhWords,
    (error: unknown) => {
      zhLoading = null;
      throw error;
    },
  );
  return zhLoading;
}

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANG_KEY = 'counterflow.lang';

function initialLanguage(): Language {
  const saved = localStorage.getItem(LANG_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** BCP 47 tags for <html lang> and Intl formatting. */
export const LOCALE: Record<Language, string> = { en: 'en', zh: 'zh-CN' };

const firstLanguage = initialLanguage();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: mergeWords(en, wfEn, enScreens) } },
  lng: firstLanguage,
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes already
  returnEmptyString: false,
});

document.documentElement.lang = LOCALE[currentLanguage()];

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'zh' ? 'zh' : 'en';
}

export async function setLanguage(lang: Language): Promise<void> {
  if (lang === 'zh' && !i18n.hasResourceBundle('zh', 'translation')) i18n.addResourceBundle('zh', 'translation', await chineseWords());
  localStorage.setItem(LANG_KEY, lang);
  await i18n.changeLanguage(lang);
  document.documentElement.lang = LOCALE[lang];
}

/**
 * Resolves once the window's language has its words: at once in English; a Chinese window
 * loads its chunk first, and main.tsx renders only then, so no key ever shows as itself
 * (should the chunk fail to load, the window shows English, the fallback).
 */
export const languageReady: Promise<void> = firstLanguage === 'zh' ? setLanguage('zh').catch(() => undefined) : Promise.resolve();

export default i18n;

// i18next set-up. Keys are grouped by screen (boards.*, order.*, stock.*, tasks.*,
// workflow.*, settings.*, scan.*, common.*, nav.*) so people can add keys with few conflicts.
// Workflow states and actions (`wf.*`) come from the definitions in English; their
// translations live in wf.<lang>.json and English is always the fallback (see labels.ts).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import wfEn from './wf.en.json';
import wfZh from './wf.zh.json';
import zh from './zh.json';

// Screens may keep their words beside them, in renderer/<screen>/locales/{en,zh}.json;
// they are deep-merged over the files above (same key layout: `stock.*`, `tasks.*`...).
type Words = { [key: string]: string | Words };
const screenLocales = import.meta.glob<Words>('../*/locales/*.json', { eager: true, import: 'default' });

function deepMerge(target: Words, source: Words): Words {
  const out: Words = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = out[key];
    out[key] = typeof value === 'object' && typeof existing === 'object' ? deepMerge(existing, value) : value;
  }
  return out;
}

function withScreenWords(lang: string, base: Words): Words {
  return Object.entries(screenLocales)
    .filter(([path]) => path.endsWith(`/locales/${lang}.json`))
    // A plain comparison: the first localeCompare sets up ICU's collator, ~10 ms of a cold start.
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .reduce((words, [, file]) => deepMerge(words, file), base);
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

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: withScreenWords('en', { ...en, wf: wfEn }) },
    zh: { translation: withScreenWords('zh', { ...zh, wf: wfZh }) },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes already
  returnEmptyString: false,
});

document.documentElement.lang = LOCALE[currentLanguage()];

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'zh' ? 'zh' : 'en';
}

export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(LANG_KEY, lang);
  await i18n.changeLanguage(lang);
  document.documentElement.lang = LOCALE[lang];
}

export default i18n;

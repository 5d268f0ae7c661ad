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
    en: { translation: { ...en, wf: wfEn } },
    zh: { translation: { ...zh, wf: wfZh } },
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

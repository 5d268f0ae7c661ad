// Test kit: the app's words as it loads them (main file, wf words, every screen's locales) and
// a refusal reader in en or zh over them, for the tests of refusal wording.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import type { Refused } from '../../shared/api';
import productOrder from '../../shared/workflows/product-order.json';
import type { Translate } from '../workflow/explain';
import type { WorkflowWords } from '../workflow/labels';
import { refusalText, type RefusalOptions } from './refusal';

export type Words = { [key: string]: string | Words };

function merge(target: Words, source: Words): Words {
  const out: Words = { ...target };
  for (const [k, v] of Object.entries(source)) {
    const old = out[k];
    out[k] = typeof v === 'object' && typeof old === 'object' ? merge(old, v) : v;
  }
  return out;
}

/** A language's words as the app loads them: the main file, wf words, every screen's locales. */
function wordsOf(lang: 'en' | 'zh'): Words {
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Words;
  let words: Words = { ...read(`renderer/i18n/${lang}.json`), wf: read(`renderer/i18n/wf.${lang}.json`) };
  for (const dir of readdirSync('renderer').sort()) {
    const path = join('renderer', dir, 'locales', `${lang}.json`);
    try {
      words = merge(words, read(path));
    } catch {
      // no locales folder here
    }
  }
  return words;
}

export const RESOURCES = { en: wordsOf('en'), zh: wordsOf('zh') };

export async function reader(lng: 'en' | 'zh', options: RefusalOptions = {}) {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, fallbackLng: 'en', interpolation: { escapeValue: false }, resources: { en: { translation: RESOURCES.en }, zh: { translation: RESOURCES.zh } } });
  const t = i18n.t.bind(i18n) as unknown as Translate;
  const english = productOrder.machines.order.states as Record<string, { label: string }>;
  const words = {
    state: (family: string, code: string | null | undefined) => (code ? t(`wf.state.${family}.${code}`, { defaultValue: english[code]?.label ?? code }) : ''),
    action: (a: string) => t(`wf.action.${a}`, { defaultValue: a }),
    field: (name: string) => t(`wf.field.${name}`, { defaultValue: name }),
    role: (r: string) => t(`common.role.${r}`, { defaultValue: r }),
    isMoney: (name: string) => name === 'amount',
  };
  return (r: Pick<Refused, 'code' | 'message' | 'params'>) => refusalText(r, t, words as unknown as WorkflowWords, options);
}


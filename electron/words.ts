// The shell's own words (menu, dialog titles, file filters, About), in the app's languages.
// The renderer tells the main process which language the app speaks (setLanguage); these
// files mirror the key layout of the renderer's locale files but live here, because
// electron/ never imports renderer/.
import type { FileKind, ShellLanguage } from './ipc-contract';
import en from './locales/en.json';
import zh from './locales/zh.json';

export type ShellWords = typeof en;

// zh must have every key en has (a compile error otherwise).
const WORDS: Readonly<Record<ShellLanguage, ShellWords>> = { en, zh };

export function wordsFor(language: ShellLanguage): ShellWords {
  return WORDS[language];
}

/** Fills `{{name}}` placeholders. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

export function dialogTitle(words: ShellWords, kind: FileKind, mode: 'open' | 'save'): string {
  return words.dialog[kind][mode];
}

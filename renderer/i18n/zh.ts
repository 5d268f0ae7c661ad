// The Chinese words, in a chunk of their own: a window in English (the fallback, always in
// the entry) does not load them; a window in Chinese loads them before its first render, and
// a switch to Chinese before the switch (index.ts), so no key ever shows as itself.
import wfZh from './wf.zh.json';
import { mergeWords, type Words } from './words';
import zh from './zh.json';

const screens = import.meta.glob<Words>('../*/locales/zh.json', { eager: true, import: 'default' });

export const zhWords: Words = mergeWords(zh, wfZh, screens);

// Every word the UI shows exists in both languages: each en/zh locale pair has exactly the
// same keys (nested keys flattened to dotted paths). A missing key would show English to a
// Chinese reader, or a raw key to anyone.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FLAG_TEXT, NOT_FLAG_TEXT } from '../../shared/workflow/describe';
import { BUILT_IN_DEFINITIONS, compileWorkflow } from '../../shared/workflows';

const RENDERER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type Words = { [key: string]: unknown };

/** `{ a: { b: 'x' } }` -> ['a.b']. */
export function flatKeys(words: Words, prefix = ''): string[] {
  return Object.entries(words).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? flatKeys(value as Words, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * Whether a language's keys answer for `key` the way i18next looks it up: a plural form
 * (`x_one`) is answered by any form of the same key (Chinese has only `_other`), and a
 * context form (`stock.one_shipped`) by the key without its context.
 */
function answers(keys: ReadonlySet<string>, key: string): boolean {
  if (keys.has(key)) return true;
  const base = key.replace(PLURAL, '');
  if (base !== key && [...keys].some((k) => k.replace(PLURAL, '') === base)) return true;
  const withoutContext = base.replace(/_[^._]+$/, '');
  return withoutContext !== base && (keys.has(withoutContext) || [...keys].some((k) => k.replace(PLURAL, '') === withoutContext));
}

/** What each file of a pair lacks that the other has, as readable lines; empty when they match. */
export function keyMismatch(enFile: string, en: readonly string[], zhFile: string, zh: readonly string[]): string[] {
  const enSet = new Set(en);
  const zhSet = new Set(zh);
  const missingInZh = en.filter((k) => !answers(zhSet, k));
  const missingInEn = zh.filter((k) => !answers(enSet, k));
  return [
    ...(missingInZh.length ? [`${zhFile} lacks: ${missingInZh.join(', ')}`] : []),
    ...(missingInEn.length ? [`${enFile} lacks: ${missingInEn.join(', ')}`] : []),
  ];
}

const read = (file: string): Words => JSON.parse(readFileSync(path.join(RENDERER, file), 'utf8')) as Words;

/** renderer/i18n/{en,zh}.json and every screen's locales/{en,zh}.json. */
function localePairs(): [string, string][] {
  const screens = readdirSync(RENDERER, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      try {
        return readdirSync(path.join(RENDERER, d.name, 'locales')).length ? [d.name] : [];
      } catch {
        return [];
      }
    });
  return [['i18n/en.json', 'i18n/zh.json'], ...screens.map((s): [string, string] => [`${s}/locales/en.json`, `${s}/locales/zh.json`])];
}

/**
 * The English side of `wf.*`: wf.en.json, plus the words the built-in definitions and
 * shared/workflow/describe.ts already say in English (states, actions, post-actions, flags),
 * which labels.tsx and explain.ts use as the fallback rather than repeat them in wf.en.json.
 */
function englishWorkflowKeys(): string[] {
  const keys = new Set(flatKeys(read('i18n/wf.en.json')));
  for (const { definition: def } of BUILT_IN_DEFINITIONS.map(compileWorkflow)) {
    for (const machine of Object.values(def.machines)) {
      for (const code of Object.keys(machine.states)) keys.add(`state.${machine.entity}.${code}`);
      for (const row of machine.transitions) {
        keys.add(`action.${row.action}`);
        // Action input: field labels and choices, named by the definition in English.
        for (const field of row.input ?? []) {
          keys.add(`field.${field.name}`);
          if (field.type === 'choice') for (const c of field.choices ?? []) keys.add(`choice.${field.name}.${c.value}`);
        }
      }
    }
    for (const name of Object.keys(def.postActions)) keys.add(`post.${name}`);
  }
  for (const flag of Object.keys(FLAG_TEXT)) keys.add(`flag.${flag}`);
  for (const flag of Object.keys(NOT_FLAG_TEXT)) keys.add(`flagNot.${flag}`);
  return [...keys];
}

describe('locale files', () => {
  it('finds the screen locale folders', () => {
    expect(localePairs().length).toBeGreaterThan(1);
  });

  it.each(localePairs())('%s and %s have the same keys', (enFile, zhFile) => {
    expect(keyMismatch(`renderer/${enFile}`, flatKeys(read(enFile)), `renderer/${zhFile}`, flatKeys(read(zhFile)))).toEqual([]);
  });

  it('wf.zh.json translates exactly the workflow words there are in English', () => {
    const english = englishWorkflowKeys();
    expect(keyMismatch('renderer/i18n/wf.en.json (with the built-in definitions)', english, 'renderer/i18n/wf.zh.json', flatKeys(read('i18n/wf.zh.json')))).toEqual([]);
  });
});

// Product order v2 named its carriers in the definition (v3 takes them from the carriers
// table); counters keep v2 and its orders, so their timelines still show these choices.
const V2_CARRIERS = ['sf', 'ems', 'zto', 'yto', 'jd', 'dhl', 'ups', 'fedex', 'other'];

describe('words of earlier built-in versions', () => {
  it.each(['carrier', 'courier'])('the v2 %s choices are worded in both languages', (field) => {
    const expected = V2_CARRIERS.map((v) => `choice.${field}.${v}`);
    const en = new Set(flatKeys(read('i18n/wf.en.json')));
    const zh = new Set(flatKeys(read('i18n/wf.zh.json')));
    expect(expected.filter((k) => !en.has(k))).toEqual([]);
    expect(expected.filter((k) => !zh.has(k))).toEqual([]);
  });
});

describe('keyMismatch', () => {
  it('flattens nested keys and names what each side lacks', () => {
    const en = flatKeys({ a: { b: 'x', c: 'y' }, d: 'z' });
    const zh = flatKeys({ a: { b: '甲' }, e: '乙' });
    expect(en).toEqual(['a.b', 'a.c', 'd']);
    expect(keyMismatch('en.json', en, 'zh.json', zh)).toEqual(['zh.json lacks: a.c, d', 'en.json lacks: e']);
    expect(keyMismatch('en.json', en, 'zh.json', en)).toEqual([]);
  });
});

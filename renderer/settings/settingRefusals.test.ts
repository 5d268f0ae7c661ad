// A refused setting names the setting (or its part) in the reader's language, never
// "this field": whatever value is sent, every problem's field has words in en and zh.
import fc from 'fast-check';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { isFieldProblems, problemText } from '../ui/fieldProblemWords';
import { RESOURCES } from '../ui/refusalReader.testkit';
import { settingFieldNames, settingSchemas, type SettingKey } from '../../shared/settings/settings';
import { testCounter } from '../../shared/engine/testing/counter';
import type { Translate } from '../workflow/explain';

async function translator(lng: 'en' | 'zh'): Promise<Translate> {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, fallbackLng: 'en', interpolation: { escapeValue: false }, resources: { en: { translation: RESOURCES.en }, zh: { translation: RESOURCES.zh } } });
  return i18n.t.bind(i18n) as unknown as Translate;
}

const UNNAMED = { en: 'this field', zh: '此项' } as const;
const KEYS = Object.keys(settingSchemas) as SettingKey[];

describe('setting refusals name the setting', () => {
  it('every field a setting problem can carry has words in en and zh', () => {
    for (const lang of ['en', 'zh'] as const) {
      const names = (RESOURCES[lang].refusal as { fieldName: Record<string, string> }).fieldName;
      for (const field of settingFieldNames()) expect(names[field], `${lang} refusal.fieldName.${field}`).toBeTruthy();
    }
  });

  it('whatever value is sent, the refusal words each problem with the setting named (property)', async () => {
    const { counter } = await testCounter();
    const t = { en: await translator('en'), zh: await translator('zh') };
    const money = (minor: number) => String(minor);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KEYS), fc.oneof(fc.anything(), fc.record({ code: fc.string(), digits: fc.integer() }), fc.record({ companyPrefix: fc.string(), extension: fc.double() }), fc.dictionary(fc.string(), fc.anything())), async (key, value) => {
        const r = await (counter.setSetting as (k: unknown, v: unknown, o?: unknown) => ReturnType<typeof counter.setSetting>)(key, value, { role: 'A' });
        if (r.ok || r.params?.reason !== 'bad-field') return;
        const issues = r.params.issues;
        expect(isFieldProblems(issues)).toBe(true);
        if (!isFieldProblems(issues)) return;
        for (const p of issues) {
          for (const lang of ['en', 'zh'] as const) expect(problemText(p, t[lang], money), `${key} ${JSON.stringify(p)}`).not.toContain(UNNAMED[lang]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a part of a setting is named by itself: the currency code, the GS1 company prefix', async () => {
    const { counter } = await testCounter();
    const en = await translator('en');
    const words = async (key: SettingKey, value: unknown) => {
      const r = await (counter.setSetting as (k: unknown, v: unknown, o?: unknown) => ReturnType<typeof counter.setSetting>)(key, value, { role: 'A' });
      if (r.ok || !isFieldProblems(r.params?.issues)) throw new Error('expected a bad field');
      return r.params.issues.map((p) => problemText(p, en, String)).join('; ');
    };
    expect(await words('currency', { code: 'yen', digits: 0 })).toMatch(/^the currency code /);
    expect(await words('sscc', { companyPrefix: '12', extension: 0 })).toMatch(/^the GS1 company prefix /);
    expect(await words('periods', { payment: -5 })).toMatch(/^the timer period overrides /);
    expect(await words('shopName', '')).toMatch(/^the shop name /);
  });
});

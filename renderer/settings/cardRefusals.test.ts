// The Device, Scanner and SSCC cards show a refused setting as the worded refusal: whatever
// value is sent (and in whichever role), en and zh name the setting, and zh never shows the
// engine's English sentence. A value against a rule says what to type, in both languages.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Refused } from '../../shared/api';
import type { EngineCounter } from '../../shared/engine/counter';
import { testCounter } from '../../shared/engine/testing/counter';
import type { SettingKey } from '../../shared/settings/settings';
import i18next from 'i18next';
import { isFieldProblems, problemText } from '../ui/fieldProblemWords';
import type { Translate } from '../workflow/explain';
import { reader, RESOURCES } from '../ui/refusalReader.testkit';

let counter: EngineCounter;
beforeAll(async () => {
  counter = (await testCounter()).counter;
});
afterAll(async () => {
  await counter.close();
});

type Lang = 'en' | 'zh';
const names = (lang: Lang) => (RESOURCES[lang].refusal as { fieldName: Record<string, string> }).fieldName;
const send = (key: SettingKey, value: unknown, role?: string) => (counter.setSetting as (k: unknown, v: unknown, o?: unknown) => Promise<{ ok: true } | Refused>)(key, value, role === undefined ? undefined : { role });

/** The names a refusal must show: each problem's field, or the setting a role refusal is about. */
function namedFields(r: Refused): string[] {
  if (isFieldProblems(r.params?.issues)) return r.params.issues.map((p) => p.field);
  if (r.params?.reason === 'admin-setting') return [String(r.params.setting)];
  return [];
}

// What the three cards send, and what a script or a broken form might send instead.
const text = fc.oneof(fc.string({ maxLength: 16 }), fc.constantFrom('', ' ', 'K-2', 'k2', 'K2345', '40123', '40A2345', '4012345678901', '４０１２３４５', 'Ｋ２', '\u0000'));
const anyValue = fc.oneof(text, fc.integer(), fc.double(), fc.constantFrom(null, undefined, true, [], {}), fc.anything({ maxDepth: 2 }));
const values: fc.Arbitrary<[SettingKey, unknown]> = fc.oneof(
  fc.tuple(fc.constant<SettingKey>('devicePrefix'), anyValue),
  fc.tuple(fc.constant<SettingKey>('deviceName'), anyValue),
  fc.tuple(fc.constant<SettingKey>('sscc'), fc.oneof(anyValue, fc.record({ companyPrefix: fc.oneof(text, anyValue), extension: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double(), anyValue) }, { requiredKeys: [] }))),
  fc.tuple(
    fc.constant<SettingKey>('scannerProfile'),
    fc.oneof(anyValue, fc.record({ maxGapMs: fc.oneof(fc.integer({ min: -10, max: 300 }), anyValue), minLength: fc.oneof(fc.integer({ min: -1, max: 80 }), anyValue), suffix: fc.oneof(text, anyValue), prefix: fc.oneof(text, anyValue) }, { requiredKeys: [] })),
  ),
);

describe('the settings cards word a refused setting', () => {
  it('any value: en and zh name the setting, zh never shows the engine sentence (property)', async () => {
    const read = { en: await reader('en'), zh: await reader('zh') };
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(values, fc.constantFrom(undefined, 'A', 'S'), async ([key, value], role) => {
        const r = await send(key, value, role);
        if (r.ok) return;
        refusals += 1;
        const fields = namedFields(r);
        expect(fields.length, `${key} ${r.code} ${JSON.stringify(r.params)}`).toBeGreaterThan(0);
        for (const lang of ['en', 'zh'] as const) {
          const shown = read[lang](r);
          for (const field of fields) expect(shown, `${lang} ${key}: ${shown}`).toContain(names(lang)[field]);
        }
        const zh = read.zh(r);
        expect(zh).not.toContain(r.message);
        // No English sentence of the engine's (unknown keys show as sent; A–Z names letters).
        // Longest first, so a key inside another leaves nothing of it behind.
        const typed = (isFieldProblems(r.params?.issues) ? r.params.issues.flatMap((p) => p.keys ?? []) : []).sort((a, b) => b.length - a.length);
        const words = typed.reduce((left, key) => left.split(key).join(''), zh.replace(/A–Z|SSCC|GS1/g, ''));
        expect(words, zh).not.toMatch(/[A-Za-z]{3,}/);
      }),
      { numRuns: 300 },
    );
    expect(refusals).toBeGreaterThan(100);
    // 300 commands through the engine: room for a loaded machine.
  }, 60_000);

  it('a value against a rule says what to type: the order-number prefix and the GS1 company prefix', async () => {
    const en = await reader('en');
    const zh = await reader('zh');
    const prefix = await send('devicePrefix', 'K-2', 'A');
    expect(prefix.ok).toBe(false);
    if (prefix.ok) return;
    expect(en(prefix)).toBe('the order-number prefix is not in the right form: use up to 4 capital letters or digits (A–Z, 0–9)');
    expect(zh(prefix)).toBe('输入有误：订单号前缀格式不对：最多填 4 个大写字母或数字（A–Z、0–9）');
    const sscc = await send('sscc', { companyPrefix: '40123', extension: 0 }, 'A');
    expect(sscc.ok).toBe(false);
    if (sscc.ok) return;
    expect(en(sscc)).toBe('the GS1 company prefix is not in the right form: use 6 to 12 digits; this one has 5 characters');
    expect(zh(sscc)).toBe('输入有误：GS1 厂商识别代码格式不对：请填 6 到 12 位数字；当前为 5 个字符');
  });

  it('a live setting refused to a non-Admin names the setting', async () => {
    const r = await send('devicePrefix', 'K2', 'S');
    expect(r).toMatchObject({ ok: false, code: 'role-not-permitted' });
    if (r.ok) return;
    expect((await reader('en'))(r)).toContain('Only the Admin role may change the order-number prefix');
    expect((await reader('zh'))(r)).toContain('只有管理员角色可以更改订单号前缀');
  });

  it('a rule this build has no words for reads as "not in the right form", never the engine sentence', async () => {
    for (const [lng, expected] of [['en', 'the order-number prefix is not in the right form'], ['zh', '订单号前缀格式不对']] as const) {
      const i18n = i18next.createInstance();
      await i18n.init({ lng, fallbackLng: 'en', interpolation: { escapeValue: false }, resources: { en: { translation: RESOURCES.en }, zh: { translation: RESOURCES.zh } } });
      const t = i18n.t.bind(i18n) as unknown as Translate;
      const p = { path: 'devicePrefix', field: 'devicePrefix', line: null, code: 'custom', problem: 'pattern', rule: 'fromANewerBuild', length: 3 };
      expect(problemText(p, t, String)).toBe(expected);
    }
  });
});

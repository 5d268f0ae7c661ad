// A refusal is worded by where it came from: this counter's own, or the shop's server
// refusing a pushed command (a synced counter). A server refusal never says "this counter"
// for what the server did not find.
import { describe, expect, it } from 'vitest';
import { REFUSAL_SITUATIONS } from '../../shared/refusals';
import { reader, RESOURCES, type Words } from './refusalReader.testkit';

const SERVER = { en: /the shop's server/i, zh: /店铺服务器/ };

/** Every refusal situation whose words name this counter as where something is (not). */
function countersWords(lang: 'en' | 'zh'): Array<[string, string]> {
  const refusal = RESOURCES[lang].refusal as Words;
  const out: Array<[string, string]> = [];
  for (const [code, reasons] of Object.entries(refusal)) {
    if (typeof reasons !== 'object') continue;
    for (const [reason, text] of Object.entries(reasons)) if (typeof text === 'string' && /this counter|本柜台|此柜台/.test(text)) out.push([code, reason]);
  }
  return out;
}

describe('refusals by where they came from', () => {
  it('every situation worded "on this counter" has words of its own for the server, in en and zh, that name the server', () => {
    const server = (lang: 'en' | 'zh') => RESOURCES[lang].refusalAtServer as Record<string, Record<string, string>>;
    for (const lang of ['en', 'zh'] as const) {
      // Signing in is never sent to the server (its refusals are always this counter's).
      const local = countersWords(lang).filter(([code]) => code !== 'sign-in-failed');
      expect(local.length).toBeGreaterThan(5);
      for (const [code, reason] of local) {
        const text = server(lang)[code]?.[reason];
        expect(text, `${lang} refusalAtServer.${code}.${reason}`).toBeTruthy();
        expect(text).toMatch(SERVER[lang]);
      }
      // Only situations the engine has: no stray words.
      for (const [code, reasons] of Object.entries(server(lang))) {
        for (const reason of Object.keys(reasons)) expect(Object.keys((REFUSAL_SITUATIONS as Record<string, object>)[code] ?? {}), `${code}.${reason}`).toContain(reason);
      }
    }
  });

  it('a parcel scan the server refused says the shop server has no such parcel; the counter\'s own says this counter', async () => {
    const refusal = { code: 'not-found' as const, message: 'No parcel with tracking number or SSCC 1Z999 on this counter.', params: { reason: 'unknown-parcel', code: '1Z999' } };
    expect((await reader('en'))(refusal)).toBe('No parcel with tracking number or SSCC 1Z999 on this counter.');
    expect((await reader('en', { origin: 'server' }))(refusal)).toBe("The shop's server has no parcel with tracking number or SSCC 1Z999.");
    expect((await reader('zh', { origin: 'server' }))(refusal)).toBe('店铺服务器上没有运单号或 SSCC 为 1Z999 的包裹。');
    expect((await reader('zh', { origin: 'server' }))(refusal)).not.toMatch(/本柜台/);
  });

  it('a situation with no words of its own at the server reads as on the counter', async () => {
    const refusal = { code: 'not-found' as const, message: "Unknown SKU 'X'", params: { reason: 'unknown-sku', sku: 'X' } };
    expect((await reader('en', { origin: 'server' }))(refusal)).toBe((await reader('en'))(refusal));
  });
});

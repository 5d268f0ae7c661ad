// Refusals in the reader's language, from the engine's code and facts; the English
// message for anything this build cannot word.
import fc from 'fast-check';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import wfEn from '../i18n/wf.en.json';
import wfZh from '../i18n/wf.zh.json';
import zh from '../i18n/zh.json';
import productOrder from '../../shared/workflows/product-order.json';
import type { Refused } from '../../shared/api';
import { refusalText } from './refusal';
import type { Translate } from '../workflow/explain';
import type { WorkflowWords } from '../workflow/labels';

async function reader(lng: 'en' | 'zh'): Promise<(r: Pick<Refused, 'code' | 'message' | 'params'>) => string> {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    resources: { en: { translation: { ...en, wf: wfEn } }, zh: { translation: { ...zh, wf: wfZh } } },
  });
  const t = i18n.t.bind(i18n) as unknown as Translate;
  const english = productOrder.machines.order.states as Record<string, { label: string; display?: string }>;
  const state = (family: string, code: string | null | undefined) =>
    code ? t(`wf.state.${family}.${code}`, { defaultValue: english[code]?.display ?? english[code]?.label ?? code }) : '';
  const action = (a: string) => t(`wf.action.${a}`, { defaultValue: a });
  const field = (name: string) => t(`wf.field.${name}`, { defaultValue: name === 'amount' ? 'Refund amount' : name });
  const words = { state, action, field, postAction: (p: string) => p, refundKind: (k: string) => k, orderType: (o: string) => o, timer: (a: string | null, k: string) => a ?? k, isMoney: (name: string) => name === 'amount' };
  return (r) => refusalText(r, t, words as unknown as WorkflowWords);
}

const shortfall: Refused = {
  ok: false,
  code: 'insufficient-stock',
  message: 'Only 5 x SKU-1 available (Main 5); 7 requested',
  params: { reason: 'insufficient', sku: 'SKU-1', requested: 7, available: 5, where: 'Main 5', verb: 'requested', from: null },
};

describe('refusalText', () => {
  it('words a refused action input by its field and problem', async () => {
    const over: Refused = {
      ok: false,
      code: 'invalid-input',
      message: '"request refund": Refund amount: must be at most 1250 (the line\'s price); nothing was changed.',
      params: { reason: 'action-input', action: 'request refund', field: 'amount', label: 'Refund amount', problem: 'above-line-price', limit: 1250 },
    };
    expect((await reader('en'))(over)).toBe("Refund amount can be at most 12.50, the line's price");
    expect((await reader('zh'))(over)).toBe('退款金额不能超过该行金额 12.50');
    const extra = { ...over, params: { ...over.params, field: 'weight', label: 'weight', problem: 'unknown-field', limit: null } };
    expect((await reader('zh'))(extra)).toBe('此操作不需要“weight”');
  });

  it('words a stock shortfall with its facts, in English and in Chinese', async () => {
    expect((await reader('en'))(shortfall)).toBe('Only 5 x SKU-1 available (Main 5); 7 requested');
    const zhText = (await reader('zh'))(shortfall);
    expect(zhText).toBe('仅有 5 件 SKU-1 可用（Main 5）；需要 7 件');
    const none = { ...shortfall, params: { ...shortfall.params, available: 0, where: '', verb: 'transfer', from: 'Back' } };
    expect((await reader('zh'))(none)).toBe('没有可用的 SKU-1；需从 Back 调出 7 件');
  });

  it('names states, roles and actions by the UI words', async () => {
    const zhR = await reader('zh');
    const state: Refused = {
      ok: false,
      code: 'not-allowed-in-state',
      message: '"payment successful" is not allowed in finished payment (FP); it is allowed in WP.',
      params: { action: 'payment successful', kind: 'order', state: 'FP', allowed: 'WP,' },
    };
    const text = zhR(state);
    expect(text).toContain('已付款');
    expect(text).toContain('等待付款、创建订单时');
    expect(text).not.toMatch(/FP|WP/);
    const role: Refused = { ok: false, code: 'wrong-role', message: 'x', params: { action: 'ship the order', role: 'B', roles: 'S,P' } };
    expect(zhR(role)).toMatch(/^只有卖家或平台可以执行“.+”；当前角色是买家。$/);
    const guard: Refused = { ok: false, code: 'guard-failed', message: 'x', params: { action: 'extend', kind: 'order', guard: JSON.stringify({ not: { hasRefund: true } }) } };
    expect(zhR(guard)).toContain('没有进行中的退款单');
  });

  it('words operator refusals: a role not permitted, a failed sign-in, the wrong-PIN wait', async () => {
    const [enR, zhR] = await Promise.all([reader('en'), reader('zh')]);
    const notPermitted: Refused = { ok: false, code: 'role-not-permitted', message: 'x', params: { reason: 'role', operator: 'op-1', role: 'P', name: 'Cleo' } };
    expect(enR(notPermitted)).toBe('Cleo may not act as P; nothing was changed. Ask someone who may, or an admin to give Cleo this role.');
    expect(zhR(notPermitted)).toContain('Cleo 不能以 P 身份操作');
    const wait: Refused = { ok: false, code: 'rate-limited', message: 'x', params: { waitSeconds: 4 } };
    expect(zhR(wait)).toBe('PIN 错误次数过多：请等待 4 秒后再试。');
    expect(enR({ code: 'sign-in-failed', message: 'x', params: { reason: 'unknown-badge' } })).toBe('This badge belongs to no operator on this counter.');
  });

  it('words each stock situation from its reason', async () => {
    const zhR = await reader('zh');
    expect(zhR({ code: 'not-found', message: "Unknown SKU 'X-1'", params: { reason: 'unknown-sku', sku: 'X-1' } })).toBe('未知的 SKU “X-1”');
    expect(zhR({ code: 'invalid-input', message: 'Barcode 1 already belongs to A', params: { reason: 'barcode-taken', barcode: '1', sku: 'A' } })).toBe('条码 1 已属于 A');
    expect(zhR({ code: 'invalid-input', message: '2 problems in the file; nothing was imported', params: { reason: 'file-problems', problems: 2 } })).toBe('文件中有 2 个问题；未导入任何内容');
    expect((await reader('en'))({ code: 'invalid-input', message: 'x', params: { reason: 'file-problems', problems: 1 } })).toBe('1 problem in the file; nothing was imported');
  });

  it('keeps the engine text a failure carries, and the place of a bad field', async () => {
    const zhR = await reader('zh');
    expect(zhR({ code: 'storage-failed', message: 'x', params: { reason: 'disk full' } })).toBe('未保存任何内容：disk full。请重试；如果一直失败，请重启应用。');
    expect(zhR({ code: 'invalid-input', message: 'Line 2: quantity must be at least 1.', params: { reason: 'bad-field', field: 'lines.1.qty', line: 2 } })).toBe('第 2 行：输入有误：quantity must be at least 1.');
  });

  it('falls back to the English message for a code, situation or facts it does not know', async () => {
    const zhR = await reader('zh');
    expect(zhR({ code: 'not-found', message: 'No params here.' })).toBe('No params here.');
    expect(zhR({ code: 'not-found', message: 'A new situation.', params: { reason: 'from-a-newer-engine' } })).toBe('A new situation.');
    expect(zhR({ code: 'guard-failed', message: 'Bad guard.', params: { action: 'a', guard: '{not json' } })).toBe('Bad guard.');
    expect(zhR({ code: 'mystery' as Refused['code'], message: 'Mystery.', params: {} })).toBe('Mystery.');
  });

  it('never throws and never answers with an empty text, whatever the params', async () => {
    const zhR = await reader('zh');
    const codes: Refused['code'][] = ['unknown-role', 'unknown-action', 'wrong-role', 'system-only', 'not-allowed-in-state', 'guard-failed', 'not-found', 'insufficient-stock', 'invalid-input', 'ambiguous', 'effect-failed', 'command-id-conflict', 'limit-exceeded', 'storage-failed'];
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.string({ minLength: 1 }), fc.dictionary(fc.constantFrom('reason', 'sku', 'state', 'allowed', 'roles', 'role', 'guard', 'kind', 'action', 'problems', 'status', 'line', 'field'), value), (code, message, params) => {
        const text = zhR({ code, message, params });
        expect(typeof text).toBe('string');
        expect(text.length).toBeGreaterThan(0);
      }),
    );
  });
});

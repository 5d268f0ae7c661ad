// The action panel's "why not" in the reader's language, from the engine's ExplainDetail.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import wfEn from '../i18n/wf.en.json';
import wfZh from '../i18n/wf.zh.json';
import zh from '../i18n/zh.json';
import productOrder from '../../shared/workflows/product-order.json';
import { explainText, type Translate } from './explain';
import type { WorkflowWords } from './labels';

async function reader(lng: 'en' | 'zh'): Promise<{ t: Translate; words: WorkflowWords }> {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    resources: { en: { translation: { ...en, wf: wfEn } }, zh: { translation: { ...zh, wf: wfZh } } },
  });
  const t = i18n.t.bind(i18n) as unknown as Translate;
  // As labels.ts does: the translation, else the definition's English label.
  const english = productOrder.machines.order.states as Record<string, { label: string; display?: string }>;
  const state = (family: string, code: string | null | undefined) =>
    code ? t(`wf.state.${family}.${code}`, { defaultValue: english[code]?.display ?? english[code]?.label ?? code }) : '';
  const words = { state, action: (a: string) => a, postAction: (p: string) => p, refundKind: (k: string) => k, orderType: (o: string) => o, timer: (a: string | null, k: string) => a ?? k, role: (r: string) => t(`common.role.${r}`, { defaultValue: r === 'W' ? 'Warehouse' : r }) };
  return { t, words: words as WorkflowWords };
}

describe('explainText', () => {
  it('names states and roles by their labels, in English and in Chinese', async () => {
    const enR = await reader('en');
    expect(explainText({ kind: 'states', states: ['FP'] }, 'order', enR.t, enR.words)).toBe('Only in: finished payment');
    expect(explainText({ kind: 'states', states: [null] }, 'order', enR.t, enR.words)).toBe('Only in: creating an order');
    expect(explainText({ kind: 'roles', roles: ['B', 'S'] }, 'order', enR.t, enR.words)).toBe('For the Buyer or Seller');
    // A role a custom definition adds reads by that definition's label.
    expect(explainText({ kind: 'roles', roles: ['W'] }, 'order', enR.t, enR.words)).toBe('For the Warehouse');
    expect(explainText({ kind: 'moves', to: 'FS' }, 'order', enR.t, enR.words)).toBe('Moves to finished shipping');
    const zhR = await reader('zh');
    expect(explainText({ kind: 'states', states: ['WP', 'FP'] }, 'order', zhR.t, zhR.words)).toBe('仅在以下状态：等待付款、已付款');
    expect(explainText({ kind: 'roles', roles: ['B'] }, 'order', zhR.t, zhR.words)).toBe('由买家执行');
    expect(explainText({ kind: 'system' }, 'order', zhR.t, zhR.words)).toBe('由系统执行');
  });

  it('words a guard as a phrase: built-in flags translated, unknown flags named, English as the fallback', async () => {
    const guard = { all: [{ flag: 'extensionOpen' }, { not: { flag: 'buyerExtended' } }] };
    const enR = await reader('en');
    expect(explainText({ kind: 'guard', guard }, 'order', enR.t, enR.words)).toBe('Needs the extension window to be open and the buyer not to have extended yet');
    expect(explainText({ kind: 'guard', guard: { flag: 'vip' } }, 'order', enR.t, enR.words)).toBe('Needs "vip" to hold');
    expect(explainText({ kind: 'guard', guard: { any: [{ hasRefund: true }, { orderIn: ['FS'] }] } }, 'item', enR.t, enR.words)).toBe(
      'Needs (an open refund sheet or the order to be finished shipping)',
    );
    const zhR = await reader('zh');
    expect(explainText({ kind: 'guard', guard }, 'order', zhR.t, zhR.words)).toBe('需要延长收货窗口开放，且买家尚未延长');
    expect(explainText({ kind: 'guard', guard: { not: { hasRefund: true } } }, 'item', zhR.t, zhR.words)).toBe('需要没有进行中的退款单');
  });
});

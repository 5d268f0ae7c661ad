// Timeline details in the reader's language from the event's data; the stored English
// detail for rows written before data existed.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import wfEn from '../i18n/wf.en.json';
import wfZh from '../i18n/wf.zh.json';
import zh from '../i18n/zh.json';
import productOrder from '../../shared/workflows/product-order.json';
import type { EventRow } from '../../shared/db/rows';
import type { CurrencyDigits } from '../../shared/money';
import type { Translate } from '../workflow/explain';
import type { WorkflowWords } from '../workflow/labels';
import { eventDetailText } from './eventText';

async function reader(lng: 'en' | 'zh', digits: CurrencyDigits = 2): Promise<(e: EventRow) => string> {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, fallbackLng: 'en', interpolation: { escapeValue: false }, resources: { en: { translation: { ...en, wf: wfEn } }, zh: { translation: { ...zh, wf: wfZh } } } });
  const t = i18n.t.bind(i18n) as unknown as Translate;
  const english = productOrder.machines.order.states as Record<string, { label: string; display?: string }>;
  const state = (family: string, code: string | null | undefined) =>
    code ? t(`wf.state.${family}.${code}`, { defaultValue: english[code]?.display ?? english[code]?.label ?? code }) : '';
  const fields: Record<string, string> = { carrier: 'Carrier', trackingNumbers: 'Tracking numbers', parcels: 'Parcels', memo: 'Memo' };
  const choices: Record<string, string> = { 'carrier.sf': 'SF Express' };
  const words = {
    state,
    action: (a: string) => a,
    postAction: (p: string) => p,
    refundKind: (k: string) => t(`wf.refundKind.${k}`, { defaultValue: k }),
    orderType: (o: string) => o,
    timer: (a: string | null, k: string) => a ?? k,
    field: (name: string) => t(`wf.field.${name}`, { defaultValue: fields[name] ?? name }),
    choice: (field: string, value: string) => (choices[`${field}.${value}`] ? t(`wf.choice.${field}.${value}`, { defaultValue: choices[`${field}.${value}`] }) : value),
    isMoney: (name: string) => name === 'amount',
  };
  return (e) => eventDetailText(e, t, words as unknown as WorkflowWords, (at) => `@${at}`, digits);
}

const base: EventRow = {
  id: 'e1', commandId: 'c1', orderId: 'o1', deviceId: 'd', operator: 'ann', at: 1, role: 'S', action: 'ship the order',
  type: 'stock', entity: { kind: 'item', id: 'i1' }, from: null, to: null, postAction: null, detail: null,
};

describe('eventDetailText', () => {
  it('shows what an action carried, fields and choices in the reader\'s language', async () => {
    const shipped = { ...base, type: 'transition' as const, entity: { kind: 'order' as const, id: 'o1' }, data: { carrier: 'sf', trackingNumbers: ['SF1', 'SF2'], parcels: 2, memo: 'fragile: top' } };
    expect((await reader('en'))(shipped)).toBe('Carrier: SF Express · Tracking numbers: SF1, SF2 · Parcels: 2 · Memo: fragile: top');
    // A fixed choice of a definition (product order v2's carriers) is a workflow word, translated;
    // a carrier kept as data is named by the counter's carriers table (withCarrierNames).
    expect((await reader('zh'))(shipped)).toBe('承运商：顺丰速运 · 运单号：SF1、SF2 · 包裹数：2 · 备注：fragile: top');
    // A money field holds minor units: shown as the amount, not the count of cents.
    const requested = { ...base, type: 'transition' as const, entity: { kind: 'item' as const, id: 'i1' }, data: { amount: 500 } };
    expect((await reader('en'))(requested)).toBe('amount: 5.00');
  });

  it('shows amounts in the shop currency\'s digits: JPY none, BHD three', async () => {
    const carried = { ...base, type: 'transition' as const, entity: { kind: 'item' as const, id: 'i1' }, data: { amount: 1250 } };
    expect((await reader('en', 0))(carried)).toBe('amount: 1250');
    expect((await reader('en', 3))(carried)).toBe('amount: 1.250');
    expect((await reader('en'))(carried)).toBe('amount: 12.50');
  });

  it('says which kind a changed refund request switched from and to', async () => {
    const switched = { ...base, type: 'refund-kind-changed' as const, entity: { kind: 'refund' as const, id: 'r1' }, detail: 'refund_only -> refund_with_return', data: { refundKind: 'refund_with_return', previous: 'refund_only' } };
    expect((await reader('en'))(switched)).toBe('Refund only → Refund with return');
    expect((await reader('zh'))(switched)).toBe('仅退款 → 退货退款');
  });

  it('words stock movements from their data, in Chinese', async () => {
    const zhR = await reader('zh');
    const one = { ...base, detail: 'Shipped 3 x SKU-1 from Main store', data: { verb: 'shipped', sku: 'SKU-1', qty: 3, places: JSON.stringify([['Main store', 3]]), backordered: 0 } };
    expect(zhR(one)).toBe('已发货 3 件 SKU-1（Main store）');
    const two = { ...base, detail: 'x', data: { verb: 'reserved', sku: 'SKU-1', qty: 4, places: JSON.stringify([['Main', 2], ['Back', 2]]), backordered: 1 } };
    expect(zhR(two)).toBe('已预留 4 件 SKU-1（Main 2 件、Back 2 件），1 件缺货待补');
    expect((await reader('en'))(one)).toBe('Shipped 3 x SKU-1 from Main store');
  });

  it('words timers: the due time, the state left, the order finished', async () => {
    const zhR = await reader('zh');
    expect(zhR({ ...base, type: 'timer-scheduled', detail: '2026-01-01T00:00:00.000Z', data: { due: 42 } })).toBe('@42 到期');
    expect(zhR({ ...base, type: 'timer-skipped', entity: { kind: 'order', id: 'o1' }, detail: 'the order has left FP', data: { reason: 'left-state', kind: 'order', state: 'FP' } })).toBe('订单已离开已付款');
    expect(zhR({ ...base, type: 'timer-cancelled', detail: 'order reached ST', data: { reason: 'order-terminal', state: 'ST' } })).not.toMatch(/order|ST/);
    expect(zhR({ ...base, type: 'note', detail: 'refund amount 3 (1 of 10 used)', data: { reason: 'refund-amount', amount: 3, used: 1, total: 10 } })).toBe('退款金额 3（已使用 1/10）');
  });

  it('shows the stored text of older rows, and of data it does not know', async () => {
    const zhR = await reader('zh');
    expect(zhR({ ...base, detail: 'Reserved 2 x SKU-1 at Main store' })).toBe('Reserved 2 x SKU-1 at Main store');
    expect(zhR({ ...base, type: 'timer-scheduled', detail: '1970-01-01T00:00:00.042Z' })).toBe('→ @42');
    expect(zhR({ ...base, type: 'timer-skipped', detail: 'a newer reason', data: { reason: 'from-the-future' } })).toBe('a newer reason');
    expect(zhR({ ...base, detail: 'bad data', data: { verb: 'shipped', places: '{not json' } })).toBe('bad data');
  });
});

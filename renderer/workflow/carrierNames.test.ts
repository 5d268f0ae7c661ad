// Carrier names on the timeline: product order v2 listed its carriers in the definition (words,
// translated), v3 takes them from the carriers table (data, named as the counter named them).
// A counter keeps both versions, and both name a carrier "sf".
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import wfEn from '../i18n/wf.en.json';
import wfZh from '../i18n/wf.zh.json';
import zh from '../i18n/zh.json';
import productOrder from '../../shared/workflows/product-order.json';
import type { WorkflowDefinition } from '../../shared/workflow/schema';
import { buildCatalog } from './buildCatalog';
import type { Translate } from './explain';
import { withCarrierNames, workflowWords } from './words';

const V2_CARRIERS = [
  { value: 'sf', label: 'SF Express' },
  { value: 'zto', label: 'ZTO Express' },
  { value: 'other', label: 'Other carrier' },
];

/** Product order as v2 had it: the carrier a fixed choice of the definition. */
function v2(): WorkflowDefinition {
  const def = structuredClone(productOrder) as unknown as WorkflowDefinition;
  for (const row of def.machines.order!.transitions) {
    for (const field of row.input ?? []) if (field.type === 'choice' && field.choicesFrom === 'carriers') Object.assign(field, { choicesFrom: undefined, choices: V2_CARRIERS });
  }
  return { ...def, version: 2 };
}

async function wordsIn(lng: 'en' | 'zh', defs: WorkflowDefinition[]) {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, fallbackLng: 'en', interpolation: { escapeValue: false }, resources: { en: { translation: { ...en, wf: wfEn } }, zh: { translation: { ...zh, wf: wfZh } } } });
  const catalog = buildCatalog(defs);
  return workflowWords(i18n.t.bind(i18n) as unknown as Translate, catalog.english, catalog.roles, catalog.inputLabels);
}

const TABLE = [{ id: 'sf', name: 'SF Express (counter 2)' }];

describe('carrier names', () => {
  it('a v2 carrier the table does not have reads in the reader\'s language', async () => {
    const zhWords = withCarrierNames(await wordsIn('zh', [v2(), productOrder as unknown as WorkflowDefinition]), TABLE);
    expect(zhWords.choice('carrier', 'zto')).toBe('中通快递');
    expect(zhWords.choice('carrier', 'other')).toBe('其他承运商');
    const enWords = withCarrierNames(await wordsIn('en', [v2(), productOrder as unknown as WorkflowDefinition]), TABLE);
    expect(enWords.choice('carrier', 'zto')).toBe('ZTO Express');
  });

  it('a carrier the table has is named as the counter named it, in every language', async () => {
    for (const lng of ['en', 'zh'] as const) {
      const words = withCarrierNames(await wordsIn(lng, [v2(), productOrder as unknown as WorkflowDefinition]), TABLE);
      expect(words.choice('carrier', 'sf')).toBe('SF Express (counter 2)');
    }
  });

  it('without v2 installed, a value no one names stays as stored; other fields keep their words', async () => {
    const words = withCarrierNames(await wordsIn('zh', [productOrder as unknown as WorkflowDefinition]), TABLE);
    expect(words.choice('carrier', 'pigeon')).toBe('pigeon');
    expect(words.choice('reason', 'damaged')).toBe('到货损坏');
    expect(words.choice('refundKind', 'refund_with_return')).toBe('退货退款');
  });
});

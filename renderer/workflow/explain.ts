// An action's grounds (the engine's ExplainDetail) in the reader's language: states and
// roles by their labels, a condition as a phrase. The engine's own `message` is English with
// state codes ("Allowed in FP."); a clerk reads "Only in: finished payment" or "仅在以下状态：已付款".
// Pure (the test gives it its own i18next); useExplainText in labels.ts binds it to the app's.
import type { ExplainDetail } from '../../shared/api';
import type { Condition } from '../../shared/db/rows';
import { describeCondition, FLAG_TEXT, NOT_FLAG_TEXT, type StateList } from '../../shared/workflow/describe';
import type { StateFamily } from '../ui/stateColors';
import type { WorkflowWords } from './labels';

/** i18next's t, narrowed to what the phrases need. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

const K = 'order.actions.explain';

const LIST_FAMILY: Record<StateList, StateFamily | 'subject'> = {
  stateIn: 'subject',
  orderIn: 'order',
  allItemsIn: 'item',
  anyItemIn: 'item',
  noItemIn: 'item',
  anyVoucherIn: 'voucher',
};

/** A workflow condition as a phrase ("the extension window to be open and ..."). */
export function conditionText(cond: Condition, family: StateFamily, t: Translate, words: WorkflowWords): string {
  return describeCondition(cond, {
    states: (list, codes) => {
      const of = LIST_FAMILY[list] === 'subject' ? family : (LIST_FAMILY[list] as StateFamily);
      return t(`${K}.${list}`, { states: codes.map((code) => words.state(of, code)).join(t(`${K}.or`)) });
    },
    flag: (name, holds) =>
      holds
        ? t(`wf.flag.${name}`, { defaultValue: FLAG_TEXT[name] ?? t(`${K}.flag`, { flag: name }) })
        : t(`wf.flagNot.${name}`, { defaultValue: NOT_FLAG_TEXT[name] ?? t(`${K}.flagNot`, { flag: name }) }),
    openRefund: (open) => t(open ? `${K}.openRefund` : `${K}.noOpenRefund`),
    not: (what) => t(`${K}.not`, { what }),
    all: (parts) => parts.join(t(`${K}.and`)),
    any: (parts) => t(`${K}.any`, { what: parts.join(t(`${K}.or`)) }),
  });
}

/** Why an action is (not) possible, for a subject of `family`. */
export function explainText(detail: ExplainDetail, family: StateFamily, t: Translate, words: WorkflowWords): string {
  switch (detail.kind) {
    case 'roles':
      return t(`${K}.roles`, { roles: detail.roles.map((r) => words.role(r)).join(t(`${K}.or`)) });
    case 'system':
      return t(`${K}.system`);
    case 'states':
      return t(`${K}.states`, { states: detail.states.map((s) => (s === null ? t(`${K}.creation`) : words.state(family, s))).join(t(`${K}.list`)) });
    case 'guard':
      return t(`${K}.guard`, { what: conditionText(detail.guard, family, t, words) });
    case 'done':
      return t(`${K}.done`);
    case 'moves':
      return t(`${K}.moves`, { state: words.state(family, detail.to) });
  }
}

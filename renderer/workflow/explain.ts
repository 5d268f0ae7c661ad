// An action's grounds (the engine's ExplainDetail) in the reader's language: states and
// roles by their labels, a condition as a phrase. The engine's own `message` is English with
// state codes ("Allowed in FP."); a clerk reads "Only in: finished payment" or "仅在以下状态：已付款".
// Pure (the test gives it its own i18next); useExplainText in labels.ts binds it to the app's.
import type { ExplainDetail } from '../../shared/api';
import type { Condition } from '../../shared/db/rows';
import { FLAG_TEXT, NOT_FLAG_TEXT } from '../../shared/workflow/flagWords';
import type { StateFamily } from '../ui/stateColors';
import type { WorkflowWords } from './labels';

/** i18next's t, narrowed to what the phrases need. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

const K = 'order.actions.explain';

/** A workflow condition as a phrase ("the extension window to be open and ..."). */
export function conditionText(cond: Condition, family: StateFamily, t: Translate, words: WorkflowWords): string {
  const states = (codes: string[], of: StateFamily) => codes.map((code) => words.state(of, code)).join(t(`${K}.or`));
  if ('not' in cond) {
    const inner = cond.not;
    if ('flag' in inner) return t(`wf.flagNot.${inner.flag}`, { defaultValue: NOT_FLAG_TEXT[inner.flag] ?? t(`${K}.flagNot`, { flag: inner.flag }) });
    if ('hasRefund' in inner) return conditionText({ hasRefund: !inner.hasRefund }, family, t, words);
    return t(`${K}.not`, { what: conditionText(inner, family, t, words) });
  }
  if ('all' in cond) return cond.all.map((c) => conditionText(c, family, t, words)).join(t(`${K}.and`));
  if ('any' in cond) return t(`${K}.any`, { what: cond.any.map((c) => conditionText(c, family, t, words)).join(t(`${K}.or`)) });
  if ('stateIn' in cond) return t(`${K}.stateIn`, { states: states(cond.stateIn, family) });
  if ('orderIn' in cond) return t(`${K}.orderIn`, { states: states(cond.orderIn, 'order') });
  if ('allItemsIn' in cond) return t(`${K}.allItemsIn`, { states: states(cond.allItemsIn, 'item') });
  if ('anyItemIn' in cond) return t(`${K}.anyItemIn`, { states: states(cond.anyItemIn, 'item') });
  if ('noItemIn' in cond) return t(`${K}.noItemIn`, { states: states(cond.noItemIn, 'item') });
  if ('flag' in cond) return t(`wf.flag.${cond.flag}`, { defaultValue: FLAG_TEXT[cond.flag] ?? t(`${K}.flag`, { flag: cond.flag }) });
  if ('anyVoucherIn' in cond) return t(`${K}.anyVoucherIn`, { states: states(cond.anyVoucherIn, 'voucher') });
  return t(cond.hasRefund ? `${K}.openRefund` : `${K}.noOpenRefund`);
}

/** Why an action is (not) possible, for a subject of `family`. */
export function explainText(detail: ExplainDetail, family: StateFamily, t: Translate, words: WorkflowWords): string {
  switch (detail.kind) {
    case 'roles':
      return t(`${K}.roles`, { roles: detail.roles.map((r) => t(`common.role.${r}`, { defaultValue: r })).join(t(`${K}.or`)) });
    case 'system':
      return t(`${K}.system`);
    case 'states':
      return t(`${K}.states`, { states: detail.states.map((s) => (s === null ? t(`${K}.creation`) : words.state(family, s))).join(t(`${K}.list`)) });
    case 'guard':
      return t(`${K}.guard`, { what: conditionText(detail.guard, family, t, words) });
    case 'moves':
      return t(`${K}.moves`, { state: words.state(family, detail.to) });
  }
}

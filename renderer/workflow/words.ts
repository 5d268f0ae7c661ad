// Workflow words for people, pure (no React, no database): the screens get them from
// WorkflowWordsProvider (labels.tsx), the tests build them straight from the definitions.
import type { StateFamily } from '../ui/stateColors';
import type { Translate } from './explain';
import type { WorkflowCatalog } from './buildCatalog';

const FAMILIES: StateFamily[] = ['order', 'item', 'refund', 'voucher'];

/** An internal name as words: `refund_with_return` -> "refund with return", `extensionOpen` -> "extension open". */
export function humanize(code: string): string {
  return code
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

export interface WorkflowWords {
  /** The label people see for a state, e.g. state('order', 'HS') -> "finished payment". */
  state(family: StateFamily, code: string | null | undefined): string;
  action(name: string): string;
  postAction(name: string): string;
  refundKind(kind: string): string;
  orderType(type: string): string;
  /** What a pending timer will do, e.g. "auto-cancel" for `no payment`. */
  timer(action: string | null, key: string): string;
  /** A role's name: translated for the built-ins, else the newest definition's label. */
  role(code: string): string;
  /** A fact the workflow noted about an order (a flag), e.g. "the extension window opened". */
  fact(flag: string): string;
  /** A stock step of a workflow (reserve, commit, release, restock), e.g. "stock reserved". */
  stockOp(op: string): string;
  /** An action input field's label, e.g. field('carrier') -> "Carrier". */
  field(name: string): string;
  /** A choice of a field, e.g. choice('carrier', 'sf') -> "SF Express"; the value when unknown. */
  choice(field: string, value: string): string;
  /** Whether a field carries money (minor units), to be shown as an amount. */
  isMoney(field: string): boolean;
  /** Whether some installed version takes the field's choices from the carriers table. */
  isCarrier(field: string): boolean;
}

const NO_INPUT_LABELS: WorkflowCatalog['inputLabels'] = { fields: {}, choices: {}, money: {} };

/** The words for one language and one set of installed workflows. */
export function workflowWords(
  t: Translate,
  english: WorkflowCatalog['english'],
  roles: WorkflowCatalog['roles'],
  inputLabels: WorkflowCatalog['inputLabels'] = NO_INPUT_LABELS,
): WorkflowWords {
  const state = (family: StateFamily, code: string | null | undefined) => {
    if (!code) return t('common.none');
    // A line's panel can move its refund sheet: look the code up in the other families too.
    const owner = english[family][code] !== undefined ? family : (FAMILIES.find((f) => english[f][code] !== undefined) ?? family);
    return t(`wf.state.${owner}.${code}`, { defaultValue: english[owner][code] ?? code });
  };
  const action = (name: string) => t(`wf.action.${name}`, { defaultValue: name });
  return {
    state,
    action,
    postAction: (name) => t(`wf.post.${name}`, { defaultValue: humanize(name) }),
    refundKind: (kind) => t(`wf.refundKind.${kind}`, { defaultValue: humanize(kind) }),
    orderType: (type) => t(`wf.orderType.${type}`, { defaultValue: type }),
    timer: (name, key) => (name ? t(`wf.timer.${name}`, { defaultValue: action(name) }) : t(`wf.timerKey.${key}`, { defaultValue: humanize(key) })),
    role: (code) => {
      const upper = code.toUpperCase();
      return t(`common.role.${upper}`, { defaultValue: roles.find((r) => r.code === upper)?.label ?? code });
    },
    fact: (flag) => t(`wf.fact.${flag}`, { defaultValue: humanize(flag) }),
    stockOp: (op) => t(`wf.stockOp.${op}`, { defaultValue: humanize(op) }),
    field: (name) => t(`wf.field.${name}`, { defaultValue: inputLabels.fields[name] ?? humanize(name) }),
    // Only a declared choice is looked up: free text (a memo) is never used as a key.
    choice: (field, value) => {
      // A payment method (a setting) reads as the money screens name it.
      if (inputLabels.methods?.[field]) return t(`money.method.${value}`, { defaultValue: value });
      const label = inputLabels.choices[`${field}.${value}`];
      return label === undefined ? value : t(`wf.choice.${field}.${value}`, { defaultValue: label });
    },
    isMoney: (field) => inputLabels.money[field] === true,
    isCarrier: (field) => inputLabels.carriers?.[field] === true,
  };
}

/**
 * The words with the counter's carriers (data) for the carrier fields: a carrier the table
 * has is called by the name the counter gave it, in every language; any other value (a fixed
 * choice of an older definition, product order v2's "zto") is a workflow word, translated.
 */
export function withCarrierNames(words: WorkflowWords, carriers: ReadonlyArray<{ id: string; name: string }>): WorkflowWords {
  if (!carriers.length) return words;
  const names = new Map(carriers.map((c) => [c.id, c.name]));
  return {
    ...words,
    choice: (field, value) => {
      const name = names.get(value);
      if (name !== undefined && words.isCarrier(field)) return name;
      const worded = words.choice(field, value);
      // A value no definition lists (a carrier since removed from the table) stays as stored.
      return worded === value && name !== undefined ? name : worded;
    },
  };
}


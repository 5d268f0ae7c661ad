// A workflow condition in words: one walk over the condition (describeCondition), worded by
// whoever reads it. The engine words it in English with state codes (its messages); the
// window in the reader's language with state labels (renderer/workflow/explain.ts).
import type { Condition } from '../db/rows';

/** The conditions that name states, and whose states they are. */
export const STATE_LISTS = ['stateIn', 'orderIn', 'allItemsIn', 'anyItemIn', 'noItemIn', 'anyVoucherIn'] as const;
export type StateList = (typeof STATE_LISTS)[number];

export interface ConditionWords {
  /** e.g. ('orderIn', ['FS']) -> "the order to be in FS". */
  states(list: StateList, codes: string[]): string;
  /** A flag that must hold (true) or must not (false). */
  flag(name: string, holds: boolean): string;
  /** An open refund sheet there must be (true) or must not (false). */
  openRefund(open: boolean): string;
  not(what: string): string;
  all(parts: string[]): string;
  any(parts: string[]): string;
}

export function describeCondition(cond: Condition, words: ConditionWords): string {
  if ('not' in cond) {
    const inner = cond.not;
    if ('flag' in inner) return words.flag(inner.flag, false);
    if ('hasRefund' in inner) return words.openRefund(!inner.hasRefund);
    return words.not(describeCondition(inner, words));
  }
  if ('all' in cond) return words.all(cond.all.map((c) => describeCondition(c, words)));
  if ('any' in cond) return words.any(cond.any.map((c) => describeCondition(c, words)));
  if ('flag' in cond) return words.flag(cond.flag, true);
  if ('hasRefund' in cond) return words.openRefund(cond.hasRefund);
  const list = STATE_LISTS.find((l) => l in cond)!;
  return words.states(list, (cond as Record<StateList, string[]>)[list]);
}

// English wording of the built-in flags, as a condition needs them ("Needs the extension
// window to be open."): the engine's messages use it, and the window falls back to it where
// a language has no words of its own (wf.flag.* / wf.flagNot.*). Other flags are named as they are.
export const FLAG_TEXT: Record<string, string> = {
  extensionOpen: 'the extension window to be open',
  buyerExtended: 'the buyer to have extended already',
  sellerExtended: 'the seller to have extended already',
  autoAckEnded: 'auto-confirmation to have ended',
  refundWindowEnded: 'the refund window to have ended',
};
export const NOT_FLAG_TEXT: Record<string, string> = {
  extensionOpen: 'the extension window to be closed',
  buyerExtended: 'the buyer not to have extended yet',
  sellerExtended: 'the seller not to have extended yet',
  autoAckEnded: 'auto-confirmation not to have ended',
  refundWindowEnded: 'the refund window not to have ended',
};

const ENGLISH_LISTS: Record<StateList, string> = {
  stateIn: 'it to be in',
  orderIn: 'the order to be in',
  allItemsIn: 'every line to be in',
  anyItemIn: 'a line in',
  noItemIn: 'no line in',
  anyVoucherIn: 'a code in',
};

/** The engine's wording: English, states by their codes. */
export const ENGLISH_CONDITION_WORDS: ConditionWords = {
  states: (list, codes) => `${ENGLISH_LISTS[list]} ${codes.join(' or ')}`,
  flag: (name, holds) => (holds ? (FLAG_TEXT[name] ?? `"${name}" to hold`) : (NOT_FLAG_TEXT[name] ?? `not ("${name}" to hold)`)),
  openRefund: (open) => (open ? 'an open refund sheet' : 'no open refund sheet'),
  not: (what) => `not (${what})`,
  all: (parts) => parts.join(' and '),
  any: (parts) => `(${parts.join(' or ')})`,
};

// A refusal in the reader's language. The engine refuses with a code, its facts as data
// (`params`, with `reason` naming the situation where one code covers several) and an
// English `message` for logs and scripts; a screen words it from `refusal.<code>.<reason>`
// (or `.default`), with states, roles and actions by the words the UI already has. A
// code or situation this build does not know shows the engine's English message.
// Pure (the test gives it its own i18next); useRefusalText binds it to the app's.
import { DEFAULT_CURRENCY, formatMoney as plainMoney, type CurrencyDigits } from '../../shared/money';
import type { Refused } from '../../shared/api';
import type { Condition } from '../../shared/db/rows';
import { conditionText, type Translate } from '../workflow/explain';
import type { WorkflowWords } from '../workflow/labels';
import { isFieldProblems, problemsText } from './fieldProblemWords';
import type { StateFamily } from './stateColors';

type Params = NonNullable<Refused['params']>;
type Facts = Record<string, unknown>;
export type RefusalLike = Pick<Refused, 'code' | 'message' | 'params'>;

/** Codes whose `params.reason` is the cause's own text (a thrown error), not a situation
 *  (unless it names one of theirs: shared/refusals.ts lists them, e.g. effect-failed's no-work). */
const TEXT_REASON = new Set<Refused['code']>(['storage-failed', 'effect-failed']);
const TEXT_REASON_SITUATIONS = new Set(['no-work', 'disk-full', 'closed', 'gone', 'interrupted']);

/** Amounts the engine gives in minor units, shown as people read them. */
const MONEY_FACTS = ['balance', 'amount', 'tendered', 'refundable', 'outstanding'] as const;

/** A parcel's or exception's state in words (the parcels screen's), its code when unknown. */
const trackingState = (machine: unknown, state: string, t: Translate) => t(`parcels.state.${str(machine) || 'shipment'}.${state}`, { defaultValue: state });

const EXPLAIN = 'order.actions.explain';

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function familyOf(kind: unknown): StateFamily {
  return kind === 'item' || kind === 'refund' || kind === 'voucher' ? kind : 'order';
}

/** How a refusal words its amounts: the shop currency's minor-unit digits (Settings → Shop). */
export interface RefusalOptions {
  digits?: CurrencyDigits;
  /** Who refused: this counter (the default), or the shop's sync server refusing a pushed
   *  command. A situation whose words name "this counter" has words of its own for the
   *  server (`refusalAtServer.<code>.<reason>`). */
  origin?: 'counter' | 'server';
}

/** Facts as the sentence shows them: states, roles, actions and conditions in words. */
function worded(code: Refused['code'], reason: string | null, p: Params, t: Translate, words: WorkflowWords, money: (minor: number) => string, digits: CurrencyDigits): Facts | null {
  const family = familyOf(p.kind);
  const role = (r: string) => t(`common.role.${r}`, { defaultValue: r });
  const facts: Facts = { ...p };
  if (typeof p.action === 'string') facts.action = words.action(p.action);
  if (typeof p.kind === 'string') facts.kind = t(`refusal.kind.${p.kind}`, { defaultValue: p.kind });
  for (const name of MONEY_FACTS) if (typeof p[name] === 'number' && Number.isSafeInteger(p[name])) facts[name] = money(p[name]);
  switch (code) {
    case 'unknown-role':
      facts.roles = str(p.roles).split(',').filter(Boolean).join(t(`${EXPLAIN}.list`));
      return facts;
    case 'wrong-role':
      facts.role = role(str(p.role));
      facts.roles = str(p.roles).split(',').filter(Boolean).map(role).join(t(`${EXPLAIN}.or`));
      return facts;
    case 'not-allowed-in-state':
      if (reason === 'voucher-order-state') facts.state = words.state('order', str(p.state));
      else if (reason === 'voucher-state') {
        facts.state = words.state('voucher', str(p.state));
        // Used, refunded, expired: each has its own sentence where the language has one.
        facts.context = str(p.state);
      }
      else if (reason === 'tracking-state' || reason === 'parcel-already-scanned') {
        const machine = reason === 'tracking-state' ? p.machine : 'shipment';
        facts.state = trackingState(machine, str(p.state), t);
        facts.allowed = str(p.allowed)
          .split(',')
          .filter(Boolean)
          .map((s) => trackingState(machine, s, t))
          .join(t(`${EXPLAIN}.list`));
        if (typeof p.action === 'string') facts.action = t(`parcels.action.${p.action}`, { defaultValue: words.action(p.action) });
      } else if (reason === 'timer-not-failed') facts.status = t(`refusal.timerStatus.${str(p.status)}`, { defaultValue: str(p.status) });
      else if (reason === null) {
        facts.stateCode = str(p.state);
        facts.state = p.state === null || p.state === undefined ? t('refusal.part.noState') : words.state(family, str(p.state));
        facts.allowed = str(p.allowed)
          .split(',')
          .map((s) => (s === '' ? t(`${EXPLAIN}.creation`) : words.state(family, s)))
          .join(t(`${EXPLAIN}.list`));
      }
      return facts;
    case 'guard-failed':
      if (reason === null) {
        const guard = parseGuard(p.guard);
        if (!guard) return null;
        facts.guard = conditionText(guard, family, t, words);
      }
      return facts;
    case 'role-not-permitted':
      // A live setting refused to a non-Admin: the setting by its name on screen.
      if (reason === 'admin-setting') facts.setting = t(`refusal.fieldName.${str(p.setting)}`, { defaultValue: t('refusal.part.thisSetting') });
      return facts;
    case 'no-change':
      facts.state = p.state === null || p.state === undefined ? t('refusal.part.noState') : words.state(family, str(p.state));
      return facts;
    case 'ambiguous':
      facts.lines = str(p.lines).split(',').join(t('refusal.part.linesList'));
      return facts;
    case 'insufficient-stock':
      if (reason === 'insufficient') {
        const n = Number(p.available);
        facts.have = n > 0 ? t('refusal.part.only', { available: n, sku: p.sku }) : t('refusal.part.none', { sku: p.sku });
        facts.where = p.where ? t('refusal.part.where', { where: p.where }) : '';
        facts.ask = p.verb === 'transfer' ? t('refusal.part.transfer', { requested: p.requested, from: p.from }) : t('refusal.part.requested', { requested: p.requested });
      }
      return facts;
    case 'invalid-input':
      if (reason === 'action-input') {
        // The field by its label in the reader's language; each problem has its own sentence.
        facts.field = p.problem === 'unknown-field' || p.problem === 'no-input' ? str(p.field) : words.field(str(p.field));
        facts.context = str(p.problem);
        // A money field's bound is in minor units: shown as the amount people read.
        if (words.isMoney(str(p.field)) && typeof p.limit === 'number') facts.limit = money(p.limit);
        facts.digits = digits;
      }
      if (reason === 'unpriced-line') facts.context = str(p.problem);
      if (reason === 'order-total' && typeof p.limit === 'number') facts.limit = money(p.limit);
      if (reason === 'nothing-to-ship') facts.status = t(`refusal.reservation.${str(p.status)}`, { defaultValue: str(p.status) });
      if (reason === 'file-problems' || reason === 'definition-problems') facts.count = Number(p.problems);
      if (reason === 'location-sellable') facts.outcome = t(`refusal.outcome.${str(p.outcome)}`, { defaultValue: str(p.outcome) });
      return facts;
    default:
      return facts;
  }
}

function parseGuard(value: unknown): Condition | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Condition) : null;
  } catch {
    return null;
  }
}

/** A bad field's words: each problem the engine gave as data, in the reader's language;
 *  from a build that gave none, "Line 2: " or "lines.1.qty: " and the engine's own detail. */
function badField(r: RefusalLike, p: Params, t: Translate, money: (minor: number) => string): Facts {
  if (isFieldProblems(p.issues) && p.issues.length > 0) {
    const detail = problemsText(p.issues, t, money);
    return { where: '', detail, message: detail };
  }
  const where = typeof p.line === 'number' ? t('refusal.part.line', { line: p.line }) : p.field ? t('refusal.part.field', { field: p.field }) : '';
  // The engine's sentence already starts with its place; the detail is what follows it.
  const detail = r.message.replace(/^Line \d+: /, '').replace(/^[\w.[\]-]+: /, '');
  return { where, detail, message: r.message };
}

/** The refusal in the reader's language; the English message when it is not known here. */
export function refusalText(r: RefusalLike, t: Translate, words: WorkflowWords, options: RefusalOptions = {}): string {
  const p = r.params;
  const digits = options.digits ?? DEFAULT_CURRENCY.digits;
  const money = (minor: number) => plainMoney(minor, digits);
  if (!p) return r.message;
  const sub = typeof p.reason !== 'string' || (TEXT_REASON.has(r.code) && !TEXT_REASON_SITUATIONS.has(p.reason)) ? null : p.reason;
  const key = `refusal.${r.code}.${sub ?? 'default'}`;
  const facts = sub === 'bad-field' && r.code === 'invalid-input' ? badField(r, p, t, money) : worded(r.code, sub, p, t, words, money, digits);
  if (!facts) return r.message;
  // i18next answers the key itself when it has no words for it: then the English message.
  const count = typeof facts.count === 'number' ? facts.count : undefined;
  const wording = { ...facts, ...(count === undefined ? {} : { count }), defaultValue: '', interpolation: { escapeValue: false } };
  if (options.origin === 'server') {
    const serverKey = `refusalAtServer.${r.code}.${sub ?? 'default'}`;
    const atServer = t(serverKey, wording);
    if (atServer && atServer !== serverKey) return atServer;
  }
  const text = t(key, wording);
  return text && text !== key ? text : r.message;
}

// A timeline event's detail in the reader's language. Events made since `data` existed
// carry their facts (the due time, the state left, the stock moved) and are worded here
// from `order.timeline.detail.*`; older rows show their stored English `detail`.
// Pure (the test gives it its own i18next); the Timeline passes the app's.
import { DEFAULT_CURRENCY, formatMoney, type CurrencyDigits } from '../../shared/money';
import type { Condition, EventRow } from '../../shared/db/rows';
import { conditionText, type Translate } from '../workflow/explain';
import type { WorkflowWords } from '../workflow/labels';
import type { StateFamily } from '../ui/stateColors';

const K = 'order.timeline.detail';

const familyOf = (kind: unknown): StateFamily => (kind === 'item' || kind === 'refund' || kind === 'voucher' ? kind : 'order');

function parsed<T>(text: unknown): T | null {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** Timer, stock and voucher facts as a phrase; null when the data is not known here. */
function fromData(e: EventRow, t: Translate, words: WorkflowWords, when: (at: number) => string, digits: CurrencyDigits): string | null {
  const d = e.data;
  const plainMoney = (minor: number) => formatMoney(minor, digits);
  if (!d) return null;
  const kind = t(`refusal.kind.${String(d.kind)}`, { defaultValue: String(d.kind ?? '') });
  const state = (s: unknown) => (typeof s === 'string' ? words.state(familyOf(d.kind), s) : t(`${K}.anyState`));
  switch (e.type) {
    case 'transition':
      return inputText(d, t, words, digits);
    case 'timer-scheduled':
    case 'timer-extended':
      return typeof d.due === 'number' ? t(`${K}.due`, { when: when(d.due) }) : null;
    case 'timer-cancelled':
      return d.reason === 'order-terminal' ? t(`${K}.orderTerminal`, { state: words.state('order', String(d.state)) }) : null;
    case 'timer-fired':
    case 'timer-skipped':
      switch (d.reason) {
        case 'left-state':
          return t(`${K}.leftState`, { kind, state: state(d.state) });
        case 'moved-on':
          return t(`${K}.movedOn`, { kind, state: state(d.state) });
        case 'entity-gone':
          return t(`${K}.entityGone`);
        case 'flag-set':
          return t(`${K}.flagSet`, { flag: words.fact(String(d.flag)) });
        case 'moved':
          return t(`${K}.moved`, { state: state(d.state) });
        case 'no-change':
          return t(`${K}.noChange`);
        case 'guard-blocked': {
          const guard = parsed<Condition>(d.guard);
          if (!guard) return null;
          const needs = t(`${K}.guardBlocked`, { guard: conditionText(guard, familyOf(d.kind), t, words) });
          return d.flag ? `${needs}${t(`${K}.andFlag`, { flag: words.fact(String(d.flag)) })}` : needs;
        }
        default:
          return null;
      }
    case 'flag-set':
      // The fact is the step's title; nothing more to say.
      return typeof d.flag === 'string' ? '' : null;
    case 'refund-opened': {
      if (typeof d.refundKind !== 'string') return null;
      const kind = words.refundKind(d.refundKind);
      return typeof d.amount === 'number' ? t(`${K}.refundOpenedAmount`, { kind, amount: d.amount }) : kind;
    }
    case 'refund-kind-changed':
      return typeof d.refundKind === 'string' && typeof d.previous === 'string'
        ? t(`${K}.refundKindChanged`, { previous: words.refundKind(d.previous), kind: words.refundKind(d.refundKind) })
        : null;
    case 'vouchers-issued':
    case 'vouchers-changed':
      return typeof d.count === 'number' ? t(`${K}.codes`, { count: d.count }) : null;
    case 'voucher-redeemed':
      return typeof d.code === 'string' ? d.code : null;
    case 'stock':
      return stockText(d, t);
    case 'note':
      // `minor`: written in minor units (older events hold the decimal amount itself).
      return d.reason === 'refund-amount' ? t(`${K}.refundAmount`, { amount: d.minor && typeof d.amount === 'number' ? plainMoney(d.amount) : d.amount, used: d.used, total: d.total }) : null;
    case 'payment':
      return typeof d.amount === 'number' && typeof d.method === 'string'
        ? t(`money.event.${d.reason === 'payment' && typeof d.change === 'number' && d.change > 0 ? 'paymentChange' : d.reason === 'refund' && d.refundId ? 'refundSheet' : String(d.reason)}`, {
            amount: plainMoney(d.amount),
            method: t(`money.method.${d.method}`, { defaultValue: d.method }),
            change: typeof d.change === 'number' ? plainMoney(d.change) : '',
          })
        : null;
    case 'inspection':
      // Returned goods inspected at the returns desk: how many, what they were found to be, where they went, why.
      return typeof d.outcome === 'string'
        ? t('money.event.inspection', { qty: d.qty, sku: d.sku, line: d.line, outcome: t(`money.returns.outcome.${d.outcome}`), location: d.location, reason: d.reason })
        : null;
    default:
      return null;
  }
}

/** What a person's action carried: "Carrier: SF Express · Tracking numbers: SF1, SF2". */
export function inputText(d: NonNullable<EventRow['data']>, t: Translate, words: WorkflowWords, digits: CurrencyDigits = DEFAULT_CURRENCY.digits): string | null {
  const parts = Object.entries(d).map(([name, value]) => {
    const shown = Array.isArray(value)
      ? value.map((v) => words.choice(name, v)).join(t(`${K}.input.list`))
      : typeof value === 'string'
        ? words.choice(name, value)
        : typeof value === 'number' && words.isMoney(name)
          ? formatMoney(value, digits)
          : String(value);
    return t(`${K}.input.field`, { field: words.field(name), value: shown });
  });
  return parts.length ? parts.join(t(`${K}.input.separator`)) : null;
}

function stockText(d: NonNullable<EventRow['data']>, t: Translate): string | null {
  const places = parsed<Array<[string, number]>>(d.places);
  if (!Array.isArray(places) || typeof d.verb !== 'string' || !places.length) return null;
  const verb = t(`${K}.stock.${d.verb}`, { defaultValue: '' });
  if (!verb) return null;
  const where =
    places.length === 1
      ? t(`${K}.stock.one`, { name: places[0]![0], context: d.verb })
      : t(`${K}.stock.many`, { context: d.verb, places: places.map(([name, qty]) => t(`${K}.stock.place`, { name, qty })).join(t(`${K}.stock.list`)) });
  const text = t(`${K}.stock.line`, { verb, qty: d.qty, sku: d.sku, where });
  return typeof d.backordered === 'number' && d.backordered > 0 ? `${text}${t(`${K}.stock.backordered`, { count: d.backordered })}` : text;
}

/** The event's detail line: from its data when worded here, else its stored text. Amounts
 *  in the shop currency's digits (JPY 0, CNY 2, BHD 3), as every other screen shows them. */
export function eventDetailText(e: EventRow, t: Translate, words: WorkflowWords, when: (at: number) => string, digits: CurrencyDigits = DEFAULT_CURRENCY.digits): string {
  const worded = fromData(e, t, words, when, digits);
  if (worded !== null) return worded;
  // Scheduled timers written before `data` carry their due time as an ISO string.
  if (e.detail && (e.type === 'timer-scheduled' || e.type === 'timer-extended') && !Number.isNaN(Date.parse(e.detail))) {
    return `→ ${when(Date.parse(e.detail))}`;
  }
  return e.detail ?? '';
}

const T = 'order.timeline.type';

/** What a timer step is about: its action, or the fact it notes (`set extensionOpen`). */
function timerWhat(action: string, words: WorkflowWords): string {
  const flag = /^set (\S+)$/.exec(action)?.[1] ?? (/^[a-z]+[A-Z]\w*$/.test(action) ? action : null);
  return flag ? words.fact(flag) : words.timer(action, '');
}

/** The step's title: the action taken, or what kind of step it is and what about. */
export function eventTitle(e: EventRow, t: Translate, words: WorkflowWords): string {
  switch (e.type) {
    case 'transition':
      return words.action(e.action);
    case 'stock':
      return t(`${T}.stock`, { what: words.stockOp(e.action) });
    case 'flag-set': {
      const flag = typeof e.data?.flag === 'string' ? e.data.flag : (e.detail ?? '');
      return t(`${T}.flag-set`, { what: words.fact(flag) });
    }
    default:
      return t(`${T}.${e.type}`, { what: e.action ? timerWhat(e.action, words) : '' });
  }
}

/** The states a step shows, with whose states they are (a voucher step may name several). */
export function eventStates(e: EventRow): { family: StateFamily; from: string[] | null; to: string[] | null } {
  const family: StateFamily = e.type === 'vouchers-issued' || e.type === 'vouchers-changed' || e.type === 'voucher-redeemed' ? 'voucher' : e.entity.kind;
  const split = (s: string | null) => (s === null ? null : s.split('|').filter(Boolean));
  return { family, from: split(e.from), to: split(e.to) };
}

// The operator's language only: walks every built-in definition (its states, actions, post-
// actions, flags, timers, refund kinds, stock steps, guards) through every text the order
// screens make of them (timeline steps, state badges, action explanations, refusals) in
// English and Chinese, and fails on any raw state code (FP, WSR) or internal name
// (refund_with_return, extensionOpen) that reaches the text.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import wfEn from '../i18n/wf.en.json';
import wfZh from '../i18n/wf.zh.json';
import zh from '../i18n/zh.json';
import type { Refused } from '../../shared/api';
import type { Condition, EventData, EventRow, EventType } from '../../shared/db/rows';
import type { Effect, WorkflowDefinition } from '../../shared/workflow/schema';
import { eventDetailText, eventStates, eventTitle } from '../orders/eventText';
import { refusalText } from '../ui/refusal';
import type { StateFamily } from '../ui/stateColors';
import { BUILT_IN, buildCatalog } from './buildCatalog';
import { explainText, type Translate } from './explain';
import { workflowWords, type WorkflowWords } from './words';

const catalog = buildCatalog(BUILT_IN);

function conditionsOf(cond: Condition | undefined): Condition[] {
  if (!cond) return [];
  if ('not' in cond) return [cond, ...conditionsOf(cond.not)];
  if ('all' in cond) return [cond, ...cond.all.flatMap(conditionsOf)];
  if ('any' in cond) return [cond, ...cond.any.flatMap(conditionsOf)];
  return [cond];
}

/** Everything a definition names that is not meant for people's eyes. */
function internalNames(def: WorkflowDefinition) {
  const effects: Effect[] = [...Object.values(def.postActions).flat(), ...Object.values(def.machines).flatMap((m) => m.transitions.flatMap((t) => t.effects ?? []))];
  const guards = Object.values(def.machines).flatMap((m) => m.transitions.flatMap((t) => conditionsOf(t.guard)));
  const conds = [...guards, ...effects.flatMap((e) => [...conditionsOf(e.when), ...(e.kind === 'schedule' ? conditionsOf(e.guard) : [])])];
  const flags = new Set<string>();
  for (const c of conds) if ('flag' in c) flags.add(c.flag);
  for (const e of effects) {
    if (e.kind === 'setFlag') flags.add(e.flag);
    if (e.kind === 'extendTimer') flags.add(e.onceFlag);
    if (e.kind === 'schedule') for (const f of [e.setFlag, e.onBlockedFlag]) if (f) flags.add(f);
  }
  const names = new Set<string>([
    ...Object.keys(def.postActions),
    ...Object.keys(def.machines),
    ...def.periods,
    ...flags,
    ...effects.flatMap((e) => (e.kind === 'openRefund' ? [e.refundKind] : e.kind === 'schedule' ? [e.key] : e.kind === 'handler' ? [e.name] : e.kind === 'extendTimer' ? [e.key, e.by] : [])),
  ]);
  // Only names that cannot be words people use (snake_case, camelCase).
  return { flags: [...flags], effects, guards: conds, names: [...names].filter((n) => /_|[a-z][A-Z]/.test(n)) };
}

const STATE_CODES = new Set(BUILT_IN.flatMap((d) => Object.values(d.machines).flatMap((m) => Object.keys(m.states))));
const INTERNAL = new Set(BUILT_IN.flatMap((d) => internalNames(d).names));

function rawIn(text: string): string[] {
  const found: string[] = [];
  for (const code of STATE_CODES) if (new RegExp(`(^|[^A-Za-z])${code}([^A-Za-z]|$)`).test(text)) found.push(code);
  for (const name of INTERNAL) if (text.includes(name)) found.push(name);
  return found;
}

async function wordsFor(lng: 'en' | 'zh'): Promise<{ t: Translate; words: WorkflowWords }> {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, fallbackLng: 'en', interpolation: { escapeValue: false }, resources: { en: { translation: { ...en, wf: wfEn } }, zh: { translation: { ...zh, wf: wfZh } } } });
  const t = i18n.t.bind(i18n) as unknown as Translate;
  return { t, words: workflowWords(t, catalog.english, catalog.roles) };
}

const FAMILY: Record<string, StateFamily> = { order: 'order', item: 'item', refund: 'refund', voucher: 'voucher' };

function event(type: EventType, fields: Partial<EventRow> & { data?: EventData }): EventRow {
  return { id: 'e', commandId: 'c', orderId: 'o', deviceId: 'd', operator: 'ann', at: 1, role: 'P', action: '', type, entity: { kind: 'order', id: 'o' }, from: null, to: null, postAction: null, detail: null, ...fields };
}

/** Every text the screens make of one definition, with where it came from. */
function texts(def: WorkflowDefinition, t: Translate, words: WorkflowWords): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (where: string, text: string) => out.push([where, text]);
  const { flags, effects, guards } = internalNames(def);
  const stateTexts = (e: EventRow) => {
    const { family, from, to } = eventStates(e);
    return [...(from ?? []), ...(to ?? [])].map((s) => words.state(family, s)).join(' | ');
  };
  const step = (where: string, e: EventRow) => {
    add(`${where} title`, eventTitle(e, t, words));
    add(`${where} detail`, eventDetailText(e, t, words, () => 'then'));
    add(`${where} states`, stateTexts(e));
    if (e.role) add(`${where} role`, words.role(e.role));
    if (e.postAction) add(`${where} post`, words.postAction(e.postAction));
  };
  for (const [name, machine] of Object.entries(def.machines)) {
    const family = FAMILY[machine.entity]!;
    const kind = machine.entity === 'voucher' ? 'order' : machine.entity;
    for (const code of Object.keys(machine.states)) add(`${name}.${code}`, words.state(family, code));
    for (const row of machine.transitions) {
      add(`action ${row.action}`, words.action(row.action));
      for (const role of Array.isArray(row.role) ? row.role : [row.role]) {
        for (const from of row.from ?? [null]) {
          step(`${name} ${row.action} from ${from}`, event('transition', { role, action: row.action, entity: { kind, id: 'x' }, from, to: row.to, postAction: row.postAction ?? null }));
        }
      }
      add(`explain states ${row.action}`, explainText({ kind: 'states', states: row.from ?? [null] }, family, t, words));
      add(`explain moves ${row.action}`, explainText({ kind: 'moves', to: row.to }, family, t, words));
      for (const state of row.from ?? []) {
        const refusal: Refused = { ok: false, code: 'not-allowed-in-state', message: `in ${state}`, params: { action: row.action, kind, state, allowed: (row.from ?? []).join(',') } };
        add(`refusal state ${row.action} ${state}`, refusalText(refusal, t, words));
        add(`refusal no-change ${row.action}`, refusalText({ code: 'no-change', message: state, params: { reason: 'already-recorded', action: row.action, kind, state } }, t, words));
      }
    }
  }
  for (const guard of guards) {
    add(`guard ${JSON.stringify(guard)}`, explainText({ kind: 'guard', guard }, 'order', t, words));
    add(`refusal guard ${JSON.stringify(guard)}`, refusalText({ code: 'guard-failed', message: 'x', params: { action: 'x', kind: 'order', guard: JSON.stringify(guard) } }, t, words));
  }
  for (const flag of flags) {
    step(`flag ${flag}`, event('flag-set', { detail: flag, data: { flag } }));
    step(`timer flag ${flag}`, event('timer-fired', { action: `set ${flag}`, detail: `${flag} set`, data: { reason: 'flag-set', flag } }));
    step(`timer cancelled ${flag}`, event('timer-cancelled', { action: `set ${flag}`, detail: 'order reached CT', data: { reason: 'order-terminal', state: 'CT' } }));
  }
  for (const e of effects) {
    if (e.kind === 'schedule') {
      const action = e.action ?? `set ${e.setFlag}`;
      add(`timer words ${e.key}`, words.timer(e.action ?? null, e.key));
      step(`scheduled ${e.key}`, event('timer-scheduled', { action, detail: 'x', data: { due: 2 } }));
      for (const reason of ['left-state', 'moved-on', 'moved', 'no-change']) {
        for (const state of Object.keys(Object.values(def.machines)[0]!.states)) {
          step(`timer ${e.key} ${reason} ${state}`, event('timer-skipped', { action, detail: `x ${state}`, data: { reason, kind: 'order', state } }));
        }
      }
      if (e.guard) step(`timer ${e.key} blocked`, event('timer-skipped', { action, detail: 'x', data: { reason: 'guard-blocked', kind: 'order', guard: JSON.stringify(e.guard), flag: e.onBlockedFlag ?? null } }));
    }
    if (e.kind === 'openRefund') step(`refund ${e.refundKind}`, event('refund-opened', { entity: { kind: 'refund', id: 'r' }, to: e.state, detail: e.refundKind, data: { refundKind: e.refundKind } }));
    if (e.kind === 'closeRefunds') for (const s of e.inStates) step(`close ${s}`, event('refunds-closed', { entity: { kind: 'refund', id: 'r' }, from: s, to: e.to }));
    if (e.kind === 'setVouchers') step(`vouchers ${e.to}`, event('vouchers-changed', { from: e.from.join('|'), to: e.to, detail: '2', data: { count: 2 } }));
    if (e.kind === 'issueVouchers') step('vouchers issued', event('vouchers-issued', { to: def.vouchers!.issueState, detail: '2', data: { count: 2 } }));
    if (e.kind === 'stock') {
      const verb = { reserve: 'reserved', commit: 'shipped', release: 'released', restock: 'returned' }[e.op];
      step(`stock ${e.op}`, event('stock', { entity: { kind: 'item', id: 'i' }, role: '', action: e.op, detail: 'x', data: { verb, sku: 'SKU-1', qty: 1, places: JSON.stringify([['Main', 1]]), backordered: 0 } }));
    }
  }
  for (const kind of ['refund_only', 'refund_with_return', 'service', 'expiry']) add(`refund kind ${kind}`, words.refundKind(kind));
  for (const role of def.roles) add(`role ${role.code}`, words.role(role.code));
  return out;
}

describe('no raw codes reach the operator', () => {
  for (const lng of ['en', 'zh'] as const) {
    it(`every built-in state, action and event reads in words (${lng})`, async () => {
      const { t, words } = await wordsFor(lng);
      const leaks: string[] = [];
      let checked = 0;
      for (const def of BUILT_IN) {
        for (const [where, text] of texts(def, t, words)) {
          checked += 1;
          const raw = rawIn(text);
          if (raw.length) leaks.push(`${def.id} ${where}: "${text}" shows ${raw.join(', ')}`);
        }
      }
      expect(checked).toBeGreaterThan(500);
      expect(leaks).toEqual([]);
    });
  }

  it('finds a raw code when one does leak (the check can fail)', () => {
    expect(rawIn('Moved to FP')).toEqual(['FP']);
    expect(rawIn('Noted: extensionOpen')).toContain('extensionOpen');
    expect(rawIn('refund_with_return')).toContain('refund_with_return');
    expect(rawIn('Refund finished')).toEqual([]);
  });

  it('a cancelled order does not read like a completed one', async () => {
    for (const lng of ['en', 'zh'] as const) {
      const { words } = await wordsFor(lng);
      expect(words.state('order', 'CT')).not.toBe(words.state('order', 'ST'));
      expect(words.state('order', 'CT')).not.toMatch(/success|complete|成功/i);
    }
  });
});

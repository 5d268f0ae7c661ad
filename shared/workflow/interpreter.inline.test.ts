// The interpreter on tiny definitions written here, not the built-in JSON: each test says
// exactly which rows exist, so a change to the product workflows cannot hide a bug in
// resolve, explain or a condition.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Condition } from '../db/rows';
import { Workflow, type OrderContext, type Subject } from './interpreter';
import { conditionSchema, definitionSchema, type Machine, type Transition, type WorkflowDefinition } from './schema';

/** A definition with the given machines, checked against the schema so it is one a file could hold. */
function workflow(machines: Record<string, Machine>, extra: Partial<WorkflowDefinition> = {}): Workflow {
  const def = definitionSchema.parse({
    id: 'tiny',
    version: 1,
    label: 'Tiny',
    orderType: 'product',
    roles: [
      { code: 'B', label: 'Buyer' },
      { code: 'S', label: 'Seller' },
      { code: 'P', label: 'Platform' },
    ],
    periods: [],
    machines,
    postActions: {},
    ...extra,
  });
  return new Workflow(def);
}

function orderMachine(transitions: Transition[]): Machine {
  return {
    entity: 'order',
    label: 'Order',
    states: { NEW: { label: 'new' }, PAID: { label: 'paid', display: 'paid up' }, DONE: { label: 'done', terminal: true } },
    transitions,
  };
}

const ctx = (over: Partial<OrderContext> = {}): OrderContext => ({
  order: { state: 'NEW', flags: {} },
  items: [],
  refunds: [],
  vouchers: [],
  ...over,
});
const order = (state: string | null): Subject => ({ kind: 'order', state });
const person = { system: false };

// A three-state order: the buyer creates and pays, the seller finishes when the order is
// flagged ready, the platform (system) times out a new order.
const tiny = () =>
  workflow({
    order: orderMachine([
      { role: 'B', action: 'create', from: null, to: 'NEW' },
      { role: 'B', action: 'pay', from: ['NEW'], to: 'PAID' },
      { role: ['S', 'P'], action: 'finish', from: ['PAID'], to: 'DONE', guard: { flag: 'ready' } },
      { role: 'P', action: 'time out', from: ['NEW'], to: 'DONE', hidden: true },
      // One action, two rows: people cancel a new order, only the system a paid one.
      { role: 'S', action: 'cancel', from: ['NEW'], to: 'DONE' },
      { role: 'S', action: 'cancel', from: ['PAID'], to: 'DONE', hidden: true },
    ]),
  });

describe('Workflow.resolve', () => {
  it('returns the row and its machine when the role may take the action in this state', () => {
    const r = tiny().resolve(order('NEW'), ctx(), 'B', 'pay', person);
    expect(r).toMatchObject({ ok: true, machine: 'order', row: { action: 'pay', to: 'PAID' } });
  });

  it('matches roles and actions without regard to case or surrounding spaces', () => {
    expect(tiny().resolve(order('NEW'), ctx(), ' b ', '  PAY ', person)).toMatchObject({ ok: true, row: { to: 'PAID' } });
  });

  it('creates from no state, and only from no state', () => {
    const wf = tiny();
    expect(wf.resolve(order(null), ctx(), 'B', 'create', person)).toMatchObject({ ok: true, row: { from: null, to: 'NEW' } });
    const again = wf.resolve(order('NEW'), ctx(), 'B', 'create', person);
    expect(again).toMatchObject({ ok: false, code: 'not-allowed-in-state' });
    expect(wf.resolve(order(null), ctx(), 'B', 'pay', person)).toMatchObject({ ok: false, code: 'not-allowed-in-state', message: expect.stringContaining('before it has a state') });
  });

  it('refuses a role the definition does not have, listing the ones it has', () => {
    expect(tiny().resolve(order('NEW'), ctx(), 'Q', 'pay', person)).toMatchObject({ ok: false, code: 'unknown-role', message: '"Q" is not a role here; use one of B, S, P.' });
  });

  it('refuses an action of another role, naming who may take it', () => {
    expect(tiny().resolve(order('NEW'), ctx(), 'S', 'pay', person)).toMatchObject({
      ok: false,
      code: 'wrong-role',
      message: 'Only the Buyer may "pay"; you are acting as Seller.',
    });
    expect(tiny().resolve(order('PAID'), ctx(), 'B', 'finish', person)).toMatchObject({ code: 'wrong-role', message: expect.stringContaining('Only the Seller or Platform') });
  });

  it('refuses an action the machine does not have', () => {
    expect(tiny().resolve(order('NEW'), ctx(), 'B', 'fly', person)).toMatchObject({ ok: false, code: 'unknown-action', message: '"fly" is not an action of the order workflow.' });
  });

  it('refuses an action not allowed in the current state, naming that state and where it is allowed', () => {
    expect(tiny().resolve(order('PAID'), ctx(), 'B', 'pay', person)).toMatchObject({
      ok: false,
      code: 'not-allowed-in-state',
      message: '"pay" is not allowed in paid up (PAID); it is allowed in NEW.',
    });
  });

  it('refuses when the row applies but its guard does not hold, saying what it needs', () => {
    const wf = tiny();
    const refused = wf.resolve(order('PAID'), ctx({ order: { state: 'PAID', flags: {} } }), 'S', 'finish', person);
    expect(refused).toMatchObject({ ok: false, code: 'guard-failed', message: `"finish" needs ${wf.describe({ flag: 'ready' })}.` });
    expect(wf.resolve(order('PAID'), ctx({ order: { state: 'PAID', flags: { ready: true } } }), 'S', 'finish', person)).toMatchObject({ ok: true });
  });

  it('refuses a hidden (system-only) row to people, in any state, and lets the system take it', () => {
    const wf = tiny();
    expect(wf.resolve(order('NEW'), ctx(), 'P', 'time out', person)).toMatchObject({ ok: false, code: 'system-only', message: '"time out" is done by the system only.' });
    // Said as system-only even where no row applies: a person can never take it.
    expect(wf.resolve(order('PAID'), ctx(), 'P', 'time out', person)).toMatchObject({ code: 'system-only' });
    expect(wf.resolve(order('NEW'), ctx(), 'P', 'time out', { system: true })).toMatchObject({ ok: true, row: { to: 'DONE' } });
  });

  it('tells a visible row from a hidden row of the same action by state', () => {
    const wf = tiny();
    expect(wf.resolve(order('NEW'), ctx(), 'S', 'cancel', person)).toMatchObject({ ok: true, row: { from: ['NEW'] } });
    expect(wf.resolve(order('PAID'), ctx(), 'S', 'cancel', person)).toMatchObject({ ok: false, code: 'system-only' });
    expect(wf.resolve(order('PAID'), ctx(), 'S', 'cancel', { system: true })).toMatchObject({ ok: true, row: { from: ['PAID'] } });
  });

  it('refuses a subject no machine drives', () => {
    const r = tiny().resolve({ kind: 'item', state: 'NEW', itemId: 'i1' }, ctx(), 'B', 'pay', person);
    expect(r).toMatchObject({ ok: false, code: 'not-found', message: 'No item workflow applies here.' });
  });

  it('picks a refund sheet machine by its kind and condition, first matching rule first', () => {
    const refundMachine = (label: string): Machine => ({
      entity: 'refund',
      label,
      states: { OPEN: { label: 'open' }, SHUT: { label: 'shut', terminal: true } },
      transitions: [{ role: 'S', action: label === 'Quick' ? 'agree' : 'inspect', from: ['OPEN'], to: 'SHUT' }],
    });
    const wf = workflow(
      { order: orderMachine([{ role: 'B', action: 'create', from: null, to: 'NEW' }]), quick: refundMachine('Quick'), slow: refundMachine('Slow') },
      {
        refundMachines: [
          { machine: 'quick', kind: ['refund_only'], when: { orderIn: ['NEW'] } },
          { machine: 'slow', kind: ['refund_only', 'refund_with_return'] },
        ],
      },
    );
    const sheet = (refundKind: Subject['refundKind']): Subject => ({ kind: 'refund', state: 'OPEN', itemId: 'i1', refundKind });
    expect(wf.resolve(sheet('refund_only'), ctx(), 'S', 'agree', person)).toMatchObject({ ok: true, machine: 'quick' });
    expect(wf.resolve(sheet('refund_only'), ctx({ order: { state: 'PAID', flags: {} } }), 'S', 'inspect', person)).toMatchObject({ ok: true, machine: 'slow' });
    expect(wf.resolve(sheet('refund_with_return'), ctx(), 'S', 'agree', person)).toMatchObject({ ok: false, code: 'unknown-action' });
    expect(wf.resolve(sheet('service'), ctx(), 'S', 'inspect', person)).toMatchObject({ ok: false, code: 'not-found' });
  });
});

describe('Workflow.explain', () => {
  it("lists each action of the machine once, enabled or with the reason it is not, for the role's eyes", () => {
    const wf = tiny();
    const byAction = Object.fromEntries(wf.explain(order('PAID'), ctx({ order: { state: 'PAID', flags: {} } }), 's').map((e) => [e.action, e]));
    expect(Object.keys(byAction)).toEqual(['create', 'pay', 'finish', 'time out', 'cancel']);
    expect(byAction.create).toEqual({ action: 'create', roles: ['B'], enabled: false, reason: 'other-role', detail: { kind: 'roles', roles: ['B'] }, message: 'For the Buyer.' });
    expect(byAction.finish).toEqual({
      action: 'finish',
      roles: ['S', 'P'],
      enabled: false,
      reason: 'guard-failed',
      detail: { kind: 'guard', guard: { flag: 'ready' } },
      message: `Needs ${wf.describe({ flag: 'ready' })}.`,
    });
    expect(byAction['time out']).toMatchObject({ enabled: false, reason: 'other-role' });
    // Cancel's PAID row is hidden: for people it is allowed only where the visible row is.
    expect(byAction.cancel).toEqual({ action: 'cancel', roles: ['S'], enabled: false, reason: 'wrong-state', detail: { kind: 'states', states: ['NEW'] }, message: 'Allowed in NEW.' });
  });

  it('says where an action is allowed, creation included, and what an enabled one moves to', () => {
    const wf = tiny();
    const explained = wf.explain(order('NEW'), ctx(), 'B');
    expect(explained.find((e) => e.action === 'create')).toEqual({
      action: 'create',
      roles: ['B'],
      enabled: false,
      reason: 'wrong-state',
      detail: { kind: 'states', states: [null] },
      message: 'Allowed in (creation).',
    });
    expect(explained.find((e) => e.action === 'pay')).toEqual({ action: 'pay', roles: ['B'], enabled: true, detail: { kind: 'moves', to: 'PAID' }, message: 'Moves to PAID.' });
  });

  it('marks an action whose every row for the role is hidden as system-only', () => {
    expect(tiny().explain(order('NEW'), ctx(), 'P').find((e) => e.action === 'time out')).toEqual({
      action: 'time out',
      roles: ['P'],
      enabled: false,
      reason: 'system-only',
      detail: { kind: 'system' },
      message: 'Done by the system only.',
    });
  });

  it('agrees with resolve on which actions a person may take', () => {
    const wf = tiny();
    for (const state of [null, 'NEW', 'PAID', 'DONE']) {
      for (const flags of [{}, { ready: true }] as Record<string, boolean>[]) {
        const c = ctx({ order: { state, flags } });
        for (const role of ['B', 'S', 'P']) {
          for (const e of wf.explain(order(state), c, role)) {
            expect({ state, role, action: e.action, ok: wf.resolve(order(state), c, role, e.action, person).ok }).toEqual({ state, role, action: e.action, ok: e.enabled });
          }
        }
      }
    }
  });

  it('is empty for a subject no machine drives', () => {
    expect(tiny().explain({ kind: 'refund', state: 'OPEN', itemId: 'i1' }, ctx(), 'S')).toEqual([]);
  });
});

describe('conditions', () => {
  // A refund machine makes OPEN an open sheet state and SHUT a closed (terminal) one.
  const wf = workflow({
    order: orderMachine([{ role: 'B', action: 'create', from: null, to: 'NEW' }]),
    refund: { entity: 'refund', label: 'Refund', states: { OPEN: { label: 'open' }, SHUT: { label: 'shut', terminal: true } }, transitions: [] },
  });
  const item: Subject = { kind: 'item', state: 'FP', itemId: 'i1' };
  const holds = (cond: Condition, subject: Subject, c: OrderContext = ctx()) => wf.evaluate(conditionSchema.parse(cond), subject, c);
  const items = (...states: Array<string | null>) => states.map((state, i) => ({ id: `i${i + 1}`, state }));
  const T = { flag: 'yes' } satisfies Condition;
  const F = { flag: 'no' } satisfies Condition;
  const flagged = ctx({ order: { state: 'NEW', flags: { yes: true, no: false } } });

  /** One case list per condition kind the schema defines; the last test checks none is missing. */
  const cases: Record<string, Array<[string, () => boolean, boolean]>> = {
    stateIn: [
      ['the subject in a listed state', () => holds({ stateIn: ['FP', 'WR'] }, item), true],
      ['the subject in another state', () => holds({ stateIn: ['WR'] }, item), false],
      ['a subject with no state yet', () => holds({ stateIn: ['FP'] }, { ...item, state: null }), false],
    ],
    orderIn: [
      ["the order (not the subject) in a listed state", () => holds({ orderIn: ['NEW'] }, item), true],
      ['the order in another state', () => holds({ orderIn: ['PAID'] }, item), false],
      ['an order not created yet', () => holds({ orderIn: ['NEW'] }, item, ctx({ order: { state: null, flags: {} } })), false],
    ],
    allItemsIn: [
      ['every line in the listed states', () => holds({ allItemsIn: ['FR', 'CR'] }, order('NEW'), ctx({ items: items('FR', 'CR') })), true],
      ['one line elsewhere', () => holds({ allItemsIn: ['FR'] }, order('NEW'), ctx({ items: items('FR', 'FP') })), false],
      ['no lines at all', () => holds({ allItemsIn: ['FR'] }, order('NEW'), ctx({ items: [] })), false],
      ['a line with no state yet', () => holds({ allItemsIn: ['FR'] }, order('NEW'), ctx({ items: items('FR', null) })), false],
    ],
    anyItemIn: [
      ['one line in a listed state', () => holds({ anyItemIn: ['WR'] }, order('NEW'), ctx({ items: items('FP', 'WR') })), true],
      ['no line there', () => holds({ anyItemIn: ['WR'] }, order('NEW'), ctx({ items: items('FP', 'FR') })), false],
      ['no lines at all', () => holds({ anyItemIn: ['WR'] }, order('NEW'), ctx()), false],
    ],
    noItemIn: [
      ['no line in the listed states', () => holds({ noItemIn: ['WR'] }, order('NEW'), ctx({ items: items('FP', 'FR') })), true],
      ['one line there', () => holds({ noItemIn: ['WR'] }, order('NEW'), ctx({ items: items('FP', 'WR') })), false],
      ['no lines at all', () => holds({ noItemIn: ['WR'] }, order('NEW'), ctx()), true],
    ],
    flag: [
      ['a flag set true', () => holds({ flag: 'yes' }, item, flagged), true],
      ['a flag set false', () => holds({ flag: 'no' }, item, flagged), false],
      ['a flag never set', () => holds({ flag: 'other' }, item, flagged), false],
    ],
    hasRefund: [
      ["an open sheet on the subject's line", () => holds({ hasRefund: true }, item, ctx({ refunds: [{ itemId: 'i1', state: 'OPEN' }] })), true],
      ['only a closed (terminal) sheet', () => holds({ hasRefund: true }, item, ctx({ refunds: [{ itemId: 'i1', state: 'SHUT' }] })), false],
      ["an open sheet on another line, for a line", () => holds({ hasRefund: true }, item, ctx({ refunds: [{ itemId: 'i2', state: 'OPEN' }] })), false],
      ['an open sheet on any line, for the order', () => holds({ hasRefund: true }, order('NEW'), ctx({ refunds: [{ itemId: 'i2', state: 'OPEN' }] })), true],
      ['hasRefund false with no open sheet', () => holds({ hasRefund: false }, item, ctx({ refunds: [{ itemId: 'i1', state: 'SHUT' }] })), true],
      ['hasRefund false with an open sheet', () => holds({ hasRefund: false }, item, ctx({ refunds: [{ itemId: 'i1', state: 'OPEN' }] })), false],
    ],
    anyVoucherIn: [
      ['a voucher in a listed state', () => holds({ anyVoucherIn: ['Un'] }, order('NEW'), ctx({ vouchers: [{ state: 'Us' }, { state: 'Un' }] })), true],
      ['no voucher there', () => holds({ anyVoucherIn: ['Un'] }, order('NEW'), ctx({ vouchers: [{ state: 'Us' }] })), false],
      ['no vouchers at all', () => holds({ anyVoucherIn: ['Un'] }, order('NEW'), ctx()), false],
    ],
    not: [
      ['not of a false condition', () => holds({ not: F }, item, flagged), true],
      ['not of a true condition', () => holds({ not: T }, item, flagged), false],
      ['not of not', () => holds({ not: { not: T } }, item, flagged), true],
    ],
    all: [
      ['all true', () => holds({ all: [T, { orderIn: ['NEW'] }] }, item, flagged), true],
      ['one false', () => holds({ all: [T, F] }, item, flagged), false],
    ],
    any: [
      ['one true', () => holds({ any: [F, T] }, item, flagged), true],
      ['all false', () => holds({ any: [F, { orderIn: ['PAID'] }] }, item, flagged), false],
      ['nested in all', () => holds({ all: [{ any: [F, T] }, { not: F }] }, item, flagged), true],
    ],
  };

  for (const [kind, list] of Object.entries(cases)) {
    it.each(list.map(([what, run, expected]) => ({ what, run, expected })))(`${kind}: $what -> $expected`, ({ run, expected }) => {
      expect(run()).toBe(expected);
    });
  }

  it('covers every condition kind the schema defines', () => {
    // conditionSchema is z.lazy(() => z.union([z.strictObject({ <kind>: ... }), ...])).
    const union = (conditionSchema as unknown as z.ZodLazy<z.ZodUnion<readonly z.ZodObject[]>>).unwrap();
    const kinds = union.options.flatMap((option) => Object.keys(option.shape));
    expect(kinds.length).toBeGreaterThan(5);
    expect(Object.keys(cases).sort()).toEqual([...kinds].sort());
  });

  it('guards a row with any of them: the same answer through resolve', () => {
    const guarded = workflow({
      order: orderMachine([{ role: 'S', action: 'close', from: ['NEW'], to: 'DONE', guard: { all: [{ noItemIn: ['WR'] }, { not: { hasRefund: true } }] } }]),
      refund: { entity: 'refund', label: 'Refund', states: { OPEN: { label: 'open' }, SHUT: { label: 'shut', terminal: true } }, transitions: [] },
    });
    expect(guarded.resolve(order('NEW'), ctx({ items: items('FP') }), 'S', 'close', person)).toMatchObject({ ok: true });
    expect(guarded.resolve(order('NEW'), ctx({ items: items('FP'), refunds: [{ itemId: 'i1', state: 'OPEN' }] }), 'S', 'close', person)).toMatchObject({ code: 'guard-failed' });
    expect(guarded.resolve(order('NEW'), ctx({ items: items('WR') }), 'S', 'close', person)).toMatchObject({ code: 'guard-failed' });
  });
});

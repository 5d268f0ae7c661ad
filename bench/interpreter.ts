// Benchmark 1: our pure transition (Workflow.resolve + the state update the core makes)
// against XState v5's pure `transition(machine, snapshot, event)` on the product-order
// *order* machine. The XState machine is generated from the same JSON definition, so the
// two sides always describe the same states, rows, roles and guards; the event sequence is
// replayed on both and checked to land in the same state after every step.
import { createMachine, initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { BUILT_IN_DEFINITIONS, compileWorkflow } from '../shared/workflows';
import type { OrderContext, Subject, Workflow } from '../shared/workflow/interpreter';
import type { Condition } from '../shared/db/rows';
import type { Machine } from '../shared/workflow/schema';
import type { Figure } from './lib/report';
import { median } from './lib/stats';

/** The state before creation: our interpreter says `null`, XState needs a named state. */
const NEW = '(new)';

interface XContext {
  flags: Record<string, boolean>;
}
interface XEvent {
  type: string;
  role: string;
  system: boolean;
}
interface RowGuard {
  roles: string[];
  hidden: boolean;
  guard: Condition | null;
}

/**
 * An XState config for one machine of a definition: a state per state code (plus one for
 * "before creation"), an `on` entry per action with one guarded candidate per row, in
 * definition order. A candidate is taken when the event's role may take the row, a person
 * is not asking for a hidden row, and the row's guard holds. The row's effects and
 * post-action become named actions (returned by `transition`, not executed), as our
 * interpreter returns the row that names them.
 */
export function xstateConfigFrom(machine: Machine, id: string) {
  const states: Record<string, { on: Record<string, Array<{ target: string; guard: { type: 'row'; params: RowGuard }; actions: Array<{ type: string }> }>> }> = {
    [NEW]: { on: {} },
  };
  for (const code of Object.keys(machine.states)) states[code] = { on: {} };
  for (const row of machine.transitions) {
    const roles = (Array.isArray(row.role) ? row.role : [row.role]).map((r) => r.toUpperCase());
    const actions = [...(row.effects ?? []).map((e) => ({ type: `effect:${e.kind}` })), ...(row.postAction ? [{ type: `post:${row.postAction}` }] : [])];
    for (const from of row.from ?? [NEW]) {
      const on = states[from]!.on;
      (on[row.action] ??= []).push({ target: row.to, guard: { type: 'row', params: { roles, hidden: row.hidden === true, guard: row.guard ?? null } }, actions });
    }
  }
  return { id, initial: NEW, context: { flags: {} } as XContext, states };
}

/** Guard conditions on the XState side read the order's flags from the machine context. */
function evalCondition(cond: Condition, state: string, ctx: XContext): boolean {
  if ('not' in cond) return !evalCondition(cond.not, state, ctx);
  if ('all' in cond) return cond.all.every((c) => evalCondition(c, state, ctx));
  if ('any' in cond) return cond.any.some((c) => evalCondition(c, state, ctx));
  if ('flag' in cond) return ctx.flags[cond.flag] === true;
  if ('stateIn' in cond) return cond.stateIn.includes(state);
  if ('orderIn' in cond) return cond.orderIn.includes(state);
  // Item, refund and voucher conditions do not occur on the order machine's rows.
  throw new Error(`condition not supported on the order machine: ${JSON.stringify(cond)}`);
}

export function buildXStateMachine(wf: Workflow): AnyStateMachine {
  const config = xstateConfigFrom(wf.machine('order'), 'order');
  // The generated config is data; XState's generic typing of configs cannot follow it, so
  // the implementations are attached untyped (behaviour is checked against ours below).
  return (createMachine as (c: unknown, impl: unknown) => AnyStateMachine)(config, {
    guards: {
      row: ({ context, event }: { context: XContext; event: XEvent }, p: RowGuard) =>
        p.roles.includes(event.role) && (event.system || !p.hidden) && (p.guard === null || evalCondition(p.guard, '', context)),
    },
  });
}

/** A day at the counter for one order: create, pay, ship, extend, confirm, close the books. */
export const SEQUENCE: Array<[role: string, action: string]> = [
  ['B', 'create order'],
  ['B', 'make payment'],
  ['P', 'payment successful'],
  ['S', 'change shipping addr'],
  ['S', 'ship the order'],
  ['B', 'extend auto acking reception of order'],
  ['B', 'confirm reception of order'],
  ['P', 'no refund request'],
  ['P', 'finished accounting'],
];
/** Flags the extension guard needs (the extension window is open). */
const FLAGS = { extensionOpen: true };

interface OurState {
  subject: Subject;
  ctx: OrderContext;
}

function ourStart(): OurState {
  return { subject: { kind: 'order', state: null }, ctx: { order: { state: null, flags: { ...FLAGS } }, items: [], refunds: [], vouchers: [] } };
}

/** What one transition costs in the core: resolve the row, then the new (immutable) state. */
function ourStep(wf: Workflow, s: OurState, role: string, action: string): OurState {
  const r = wf.resolve(s.subject, s.ctx, role, action, { system: false });
  if (!r.ok) throw new Error(`${action}: ${r.message}`);
  const to = r.row.to;
  return { subject: { kind: 'order', state: to }, ctx: { ...s.ctx, order: { ...s.ctx.order, state: to } } };
}

function xStart(machine: AnyStateMachine): AnyMachineSnapshot {
  const [initial] = initialTransition(machine);
  return { ...initial, context: { flags: { ...FLAGS } } } as AnyMachineSnapshot;
}

function xStep(machine: AnyStateMachine, s: AnyMachineSnapshot, role: string, action: string): AnyMachineSnapshot {
  const [next] = transition(machine, s, { type: action, role, system: false });
  return next as AnyMachineSnapshot;
}

/** Replays the sequence on both and throws at the first step where they disagree. */
export function checkEquivalence(wf: Workflow, machine: AnyStateMachine): void {
  let ours = ourStart();
  let theirs = xStart(machine);
  for (const [role, action] of SEQUENCE) {
    ours = ourStep(wf, ours, role, action);
    theirs = xStep(machine, theirs, role, action);
    if (theirs.value !== ours.subject.state) throw new Error(`after "${action}": XState in ${String(theirs.value)}, ours in ${ours.subject.state}`);
  }
  // A refused step leaves XState where it was; ours refuses: both must agree it does not apply.
  const stuck = xStep(machine, theirs, 'B', 'cancel order');
  if (stuck.value !== theirs.value || ourTry(wf, ours, 'B', 'cancel order')) throw new Error('a refused action moved a machine');
}

function ourTry(wf: Workflow, s: OurState, role: string, action: string): boolean {
  return wf.resolve(s.subject, s.ctx, role, action, { system: false }).ok;
}

const nowNs = () => process.hrtime.bigint();

/** ns per transition for `reps` replays of the sequence. */
function sample(run: () => void, reps: number): number {
  const t0 = nowNs();
  for (let i = 0; i < reps; i++) run();
  return Number(nowNs() - t0) / (reps * SEQUENCE.length);
}

export async function benchInterpreter(opts: { quick: boolean }): Promise<Figure[]> {
  const definition = BUILT_IN_DEFINITIONS.find((d) => (d as { id: string }).id === 'product-order');
  const wf = compileWorkflow(definition);
  const machine = buildXStateMachine(wf);
  checkEquivalence(wf, machine);

  let sink = 0; // keeps the JIT from dropping the work
  const runOurs = () => {
    let s = ourStart();
    for (const [role, action] of SEQUENCE) s = ourStep(wf, s, role, action);
    sink += s.subject.state!.length;
  };
  const runXState = () => {
    let s = xStart(machine);
    for (const [role, action] of SEQUENCE) s = xStep(machine, s, role, action);
    sink += String(s.value).length;
  };

  // Warm both up, then size each side's batch to about 2 ms so timer resolution is irrelevant.
  const warm = Date.now() + (opts.quick ? 300 : 1500);
  while (Date.now() < warm) {
    runOurs();
    runXState();
  }
  const repsFor = (run: () => void) => {
    let reps = 1;
    // The fastest of three, so one GC pause during calibration does not stop it early.
    while (Math.min(sample(run, reps), sample(run, reps), sample(run, reps)) * reps * SEQUENCE.length < 2e6) reps *= 2;
    return reps;
  };
  const oursReps = repsFor(runOurs);
  const xReps = repsFor(runXState);
  // Interleaved samples: a noisy neighbour slows both sides alike.
  const samples = opts.quick ? 60 : 300;
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < samples; i++) {
    ours.push(sample(runOurs, oursReps));
    theirs.push(sample(runXState, xReps));
  }
  if (sink === 42) console.log('');

  // Where our time goes: resolve alone vs. the state update (for the profile note).
  const resolveOnly: number[] = [];
  const s0 = ourStart();
  const fixed = SEQUENCE.map(([role, action]) => [role, action] as const);
  for (let i = 0; i < (opts.quick ? 20 : 100); i++) {
    const t0 = nowNs();
    for (let r = 0; r < oursReps; r++) {
      let s = s0;
      for (const [role, action] of fixed) {
        const res = wf.resolve(s.subject, s.ctx, role, action, { system: false });
        if (res.ok) s = { subject: { kind: 'order', state: res.row.to }, ctx: s.ctx };
      }
    }
    resolveOnly.push(Number(nowNs() - t0) / (oursReps * SEQUENCE.length));
  }

  const oursMedian = median(ours);
  const xMedian = median(theirs);
  // Each pair of samples ran back to back: the median of their ratios shrugs off load that
  // comes and goes during the run better than the ratio of the two medians.
  const pairRatio = median(ours.map((o, i) => o / theirs[i]!));
  const detail = { sequence: SEQUENCE.map(([r, a]) => `${r}:${a}`), samples, oursReps, xReps, xstateVersion: await xstateVersion() };
  return [
    { key: 'interpreter.ours_ns', bench: 1, label: 'Interpreter: ours, median per transition', value: oursMedian, unit: 'ns', detail: { ...detail, resolveOnlyMedianNs: median(resolveOnly) } },
    { key: 'interpreter.xstate_ns', bench: 1, label: 'Interpreter: XState v5 transition(), median', value: xMedian, unit: 'ns', detail },
    {
      key: 'interpreter.ratio',
      bench: 1,
      label: 'Interpreter: ratio ours / XState',
      value: pairRatio,
      unit: '',
      target: { max: 0.1, text: '<= 0.1' },
      note: `median of paired ratios; ratio of medians ${(oursMedian / xMedian).toFixed(3)} (${(xMedian / oursMedian).toFixed(1)}x faster)`,
    },
  ];
}

async function xstateVersion(): Promise<string> {
  try {
    const { createRequire } = await import('node:module');
    return (createRequire(import.meta.url)('xstate/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

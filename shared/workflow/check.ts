// Loading a definition checks it whole and reports every problem with its JSON path,
// so a person editing one sees all mistakes at once (the old system found some only at run time).
//
// A definition comes from a file or a person, so checking it must be total and bounded:
// `loadDefinition` never throws, walks the input without recursion before the schema sees
// it (size, nesting, reserved names, cycles), and every whole-definition check below is
// linear in the definition's size (maps and worklists, no nested scans).
import type { Condition } from '../db/rows';
import { LIMITS } from '../limits';
import { PERIOD_PRESETS, type Periods } from '../settings/periods';
import { checkDeclaration, hasRequired } from './input';
import { norm } from './norm';
import { definitionSchema, refundKindSchema, type Effect, type EffectTarget, type Machine, type Transition, type WorkflowDefinition } from './schema';

export interface Problem {
  path: string;
  message: string;
}

export type LoadResult = { ok: true; definition: WorkflowDefinition } | { ok: false; problems: Problem[] };

export interface LoadOptions {
  /** Period lengths by name, as settings hold them. Default: the names every preset sets,
   *  so a definition is refused at install when a timer could not be given a due time. */
  periods?: Readonly<Periods>;
}

/** Period names with a length in every preset: safe whatever preset the shop chooses. */
const PRESET_PERIODS: ReadonlySet<string> = (() => {
  const [first, ...rest] = Object.values(PERIOD_PRESETS);
  return new Set(Object.keys(first ?? {}).filter((name) => rest.every((p) => Object.hasOwn(p, name))));
})();

/**
 * `handlers`: names of the effect handlers registered in code; effects may only name these.
 * Total: any input (not JSON, cyclic, huge, hostile keys) comes back as problems.
 */
export function loadDefinition(json: unknown, handlers: ReadonlySet<string>, options: LoadOptions = {}): LoadResult {
  try {
    const shape = checkShape(json);
    if (shape.length) return { ok: false, problems: shape };
    const parsed = definitionSchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
      return { ok: false, problems: capped(issues) };
    }
    const problems = checkDefinition(parsed.data, handlers, options);
    return problems.length ? { ok: false, problems: capped(problems) } : { ok: true, definition: parsed.data };
  } catch (error) {
    // Safety net only (a Proxy or getter that throws); the property test checks plain JSON never gets here.
    return { ok: false, problems: [{ path: '$', message: `The definition could not be checked: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

function capped(problems: Problem[]): Problem[] {
  const max = LIMITS.MAX_WORKFLOW_PROBLEMS;
  if (problems.length <= max) return problems;
  return [...problems.slice(0, max), { path: '$', message: `${problems.length - max} more problems are not listed (at most ${max} are shown); fix these and check again.` }];
}

export function jsonPath(parts: ReadonlyArray<PropertyKey>): string {
  return parts.reduce<string>((path, part) => (typeof part === 'number' ? `${path}[${part}]` : `${path}.${String(part)}`), '$');
}

// --- the shape walk: before the schema, without recursion ------------------------------

/** Keys that would reach Object.prototype if a definition's names were used as keys. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Condition combinators: the only keys of the format that nest conditions. */
const CONDITION_KEYS: ReadonlySet<string> = new Set(['not', 'all', 'any']);

interface Frame {
  value: unknown;
  key: string | number | null;
  parent: Frame | null;
  depth: number;
  /** not/all/any levels above and including this value. */
  conditionDepth: number;
}

const framePath = (frame: Frame): string => {
  const parts: Array<string | number> = [];
  for (let f: Frame | null = frame; f && f.key !== null; f = f.parent) parts.push(f.key);
  return jsonPath(parts.reverse());
};

/**
 * Size (as JSON text, roughly), nesting, condition depth, reserved keys and cycles, checked
 * with an explicit stack and a visit budget, so no input can overflow the call stack or
 * keep the walk going: at most MAX_WORKFLOW_BYTES steps, each at most MAX_WORKFLOW_NESTING deep.
 */
function checkShape(json: unknown): Problem[] {
  const problems: Problem[] = [];
  const add = (frame: Frame, message: string) => {
    if (problems.length < LIMITS.MAX_WORKFLOW_PROBLEMS) problems.push({ path: framePath(frame), message });
  };
  let size = 0;
  const stack: Frame[] = [{ value: json, key: null, parent: null, depth: 0, conditionDepth: 0 }];
  while (stack.length) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value === 'string') size += value.length + 2;
    else if (typeof value !== 'object' || value === null) size += 5;
    else {
      if (frame.depth >= LIMITS.MAX_WORKFLOW_NESTING) {
        add(frame, `Nested more than ${LIMITS.MAX_WORKFLOW_NESTING} levels deep; a definition may nest at most ${LIMITS.MAX_WORKFLOW_NESTING} (MAX_WORKFLOW_NESTING).`);
        continue;
      }
      if (frame.conditionDepth > LIMITS.MAX_CONDITION_DEPTH) {
        add(frame, `Condition nested more than ${LIMITS.MAX_CONDITION_DEPTH} levels deep (not/all/any); at most ${LIMITS.MAX_CONDITION_DEPTH} are allowed (MAX_CONDITION_DEPTH).`);
        continue;
      }
      // A value that contains itself is not JSON; ancestors are at most MAX_WORKFLOW_NESTING.
      let cyclic = false;
      for (let f = frame.parent; f && !cyclic; f = f.parent) cyclic = f.value === value;
      if (cyclic) {
        add(frame, 'This value contains itself; a definition must be plain JSON.');
        continue;
      }
      const isArray = Array.isArray(value);
      const keys = isArray ? null : Object.keys(value);
      const length = isArray ? value.length : keys!.length;
      size += 2 + length;
      if (size > LIMITS.MAX_WORKFLOW_BYTES) break; // before building a frame per element
      const children: Frame[] = [];
      for (let i = 0; i < length; i += 1) {
        const key = isArray ? i : keys![i]!;
        if (typeof key === 'string') {
          size += key.length + 3;
          if (RESERVED_KEYS.has(key)) {
            add({ value: null, key, parent: frame, depth: frame.depth + 1, conditionDepth: 0 }, `"${key}" is a reserved name and cannot be used as a key.`);
            continue;
          }
        }
        // `all`/`any` count once, at the key; their elements are the conditions one level down.
        const conditionDepth = frame.conditionDepth + (typeof key === 'string' && CONDITION_KEYS.has(key) ? 1 : 0);
        children.push({ value: (value as Record<string | number, unknown>)[key], key, parent: frame, depth: frame.depth + 1, conditionDepth });
      }
      // Reversed onto the stack so problems come out in document order.
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
    }
    if (size > LIMITS.MAX_WORKFLOW_BYTES) {
      return [{ path: '$', message: `The definition is larger than ${LIMITS.MAX_WORKFLOW_BYTES} characters as JSON (MAX_WORKFLOW_BYTES); split it or remove unused parts.` }];
    }
  }
  if (size > LIMITS.MAX_WORKFLOW_BYTES) {
    return [{ path: '$', message: `The definition is larger than ${LIMITS.MAX_WORKFLOW_BYTES} characters as JSON (MAX_WORKFLOW_BYTES); split it or remove unused parts.` }];
  }
  return problems;
}

// --- whole-definition checks -----------------------------------------------------------

type EntityKind = Machine['entity'];
type EffectEdge = { entity: EntityKind; from: string[] | null; to: string };

const has = (record: object, key: string): boolean => Object.hasOwn(record, key);

export function checkDefinition(def: WorkflowDefinition, handlers: ReadonlySet<string>, options: LoadOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  // Bounds first: past them the checks below would still be linear, but a person is better
  // told the one thing that matters.
  const machines = Object.entries(def.machines);
  const stateCount = machines.reduce((n, [, m]) => n + Object.keys(m.states).length, 0);
  const transitionCount = machines.reduce((n, [, m]) => n + m.transitions.length, 0);
  if (stateCount > LIMITS.MAX_WORKFLOW_STATES)
    add('$.machines', `The definition has ${stateCount} states; at most ${LIMITS.MAX_WORKFLOW_STATES} are allowed (MAX_WORKFLOW_STATES).`);
  if (transitionCount > LIMITS.MAX_WORKFLOW_TRANSITIONS)
    add('$.machines', `The definition has ${transitionCount} transitions; at most ${LIMITS.MAX_WORKFLOW_TRANSITIONS} are allowed (MAX_WORKFLOW_TRANSITIONS).`);
  if (problems.length) return problems;

  const roles = new Set(def.roles.map((r) => r.code.toUpperCase()));
  const periods = new Set(def.periods);
  const lengths = options.periods;
  const hasLength = (name: string) => (lengths ? has(lengths, name) && Number.isFinite(lengths[name]) : PRESET_PERIODS.has(name));

  // Built once: states and actions of every entity kind, for lookups in O(1).
  const byEntity = new Map<EntityKind, { machines: number; states: Set<string>; actions: Set<string> }>();
  for (const [, m] of machines) {
    const entry = byEntity.get(m.entity) ?? { machines: 0, states: new Set<string>(), actions: new Set<string>() };
    entry.machines += 1;
    for (const s of Object.keys(m.states)) entry.states.add(s);
    for (const t of m.transitions) entry.actions.add(norm(t.action));
    byEntity.set(m.entity, entry);
  }
  const none = new Set<string>();
  const statesOf = (entity: EntityKind) => byEntity.get(entity)?.states ?? none;
  const actionsOf = (entity: EntityKind) => byEntity.get(entity)?.actions ?? none;

  if ((byEntity.get('order')?.machines ?? 0) !== 1) add('$.machines', 'A definition needs exactly one machine for the order (entity "order").');

  def.periods.forEach((name, i) => {
    if (!hasLength(name)) add(`$.periods[${i}]`, `Period "${name}" has no length in the settings; known periods: ${[...(lengths ? Object.keys(lengths) : PRESET_PERIODS)].join(', ')}.`);
  });

  // Effect-driven edges count for reachability: refund sheets and vouchers move by effects too.
  const effectEdges: EffectEdge[] = [];
  const flagsSet = new Set<string>();
  const flagsRead: Array<{ flag: string; path: string }> = [];

  // Conditions are at most MAX_CONDITION_DEPTH deep (checked by the shape walk), but they are
  // walked with a stack anyway so this function is safe on its own.
  const checkCondition = (cond: Condition | undefined, path: string, ownEntity: EntityKind | null) => {
    if (!cond) return;
    const stack: Array<{ c: Condition; p: string }> = [{ c: cond, p: path }];
    while (stack.length) {
      const { c, p } = stack.pop()!;
      if ('not' in c) stack.push({ c: c.not, p: `${p}.not` });
      else if ('all' in c) c.all.forEach((x, i) => stack.push({ c: x, p: `${p}.all[${i}]` }));
      else if ('any' in c) c.any.forEach((x, i) => stack.push({ c: x, p: `${p}.any[${i}]` }));
      else if ('flag' in c) flagsRead.push({ flag: c.flag, path: `${p}.flag` });
      else {
        const [key, states] = Object.entries(c)[0] as [string, unknown];
        if (!Array.isArray(states)) continue;
        const pool =
          key === 'orderIn' ? statesOf('order')
          : key === 'anyVoucherIn' ? statesOf('voucher')
          : key === 'stateIn' ? (ownEntity ? statesOf(ownEntity) : none)
          : statesOf('item');
        states.forEach((s: string, i) => {
          if (!pool.has(s)) add(`${p}.${key}[${i}]`, `Unknown state "${s}" in condition ${key}.`);
        });
      }
    }
  };

  const targetEntities = (target: EffectTarget, own: EntityKind): EntityKind[] => {
    switch (target) {
      case 'self': return [own];
      case 'order': return ['order'];
      case 'items': case 'item': return ['item'];
      case 'refund': return ['refund'];
    }
  };

  const checkPeriodUse = (name: string, path: string) => {
    if (!periods.has(name)) add(path, `Unknown period "${name}"; declare it in "periods".`);
  };

  const checkEffects = (effects: Effect[] | undefined, path: string, own: EntityKind) => {
    effects?.forEach((e, i) => {
      const p = `${path}[${i}]`;
      checkCondition(e.when, `${p}.when`, own);
      switch (e.kind) {
        case 'cascade': {
          systemSteps.push({ action: norm(e.action), path: `${p}.action` });
          const entities = targetEntities(e.target, own);
          if (!roles.has(e.role.toUpperCase())) add(`${p}.role`, `Unknown role "${e.role}".`);
          if (!entities.some((ent) => actionsOf(ent).has(norm(e.action))))
            add(`${p}.action`, `Cascade names action "${e.action}", which no ${entities.join('/')} machine has.`);
          break;
        }
        case 'schedule': {
          if (e.action) systemSteps.push({ action: norm(e.action), path: `${p}.action` });
          const entities = targetEntities(e.target, own);
          if (!roles.has(e.role.toUpperCase())) add(`${p}.role`, `Unknown role "${e.role}".`);
          if (!e.action && !e.setFlag) add(p, 'A timer needs an action or a flag to set.');
          if (e.action && !entities.some((ent) => actionsOf(ent).has(norm(e.action!))))
            add(`${p}.action`, `Timer names action "${e.action}", which no ${entities.join('/')} machine has.`);
          if (!e.after && !e.at) add(p, 'A timer needs "after" (a period) or "at".');
          if (e.after) checkPeriodUse(e.after, `${p}.after`);
          if (e.setFlag) flagsSet.add(e.setFlag);
          if (e.onBlockedFlag) flagsSet.add(e.onBlockedFlag);
          checkCondition(e.guard, `${p}.guard`, entities[0] ?? null);
          break;
        }
        case 'extendTimer':
          checkPeriodUse(e.by, `${p}.by`);
          flagsSet.add(e.onceFlag);
          break;
        case 'setFlag':
          flagsSet.add(e.flag);
          break;
        case 'openRefund':
          if (!statesOf('refund').has(e.state)) add(`${p}.state`, `Unknown refund sheet state "${e.state}".`);
          effectEdges.push({ entity: 'refund', from: null, to: e.state });
          break;
        case 'closeRefunds':
          e.inStates.forEach((s, j) => statesOf('refund').has(s) || add(`${p}.inStates[${j}]`, `Unknown refund sheet state "${s}".`));
          if (!statesOf('refund').has(e.to)) add(`${p}.to`, `Unknown refund sheet state "${e.to}".`);
          effectEdges.push({ entity: 'refund', from: e.inStates, to: e.to });
          break;
        case 'setVouchers':
          if (!def.vouchers) add(p, 'setVouchers needs a "vouchers" section.');
          e.from.forEach((s, j) => statesOf('voucher').has(s) || add(`${p}.from[${j}]`, `Unknown voucher state "${s}".`));
          if (!statesOf('voucher').has(e.to)) add(`${p}.to`, `Unknown voucher state "${e.to}".`);
          effectEdges.push({ entity: 'voucher', from: e.from, to: e.to });
          break;
        case 'issueVouchers':
          if (!def.vouchers) add(p, 'issueVouchers needs a "vouchers" section.');
          break;
        case 'handler':
          if (!handlers.has(e.name)) add(`${p}.name`, `Unknown handler "${e.name}"; known: ${[...handlers].join(', ') || 'none'}.`);
          break;
        case 'setRefundKind':
          if (own !== 'refund') add(p, `setRefundKind changes a refund sheet's kind: only an action of a refund machine can use it (this one is run by the ${own}).`);
          break;
        case 'stock':
        case 'shipment':
          break;
      }
    });
  };

  // Actions with required input, and where timers and cascades name actions: a system step
  // carries no input, so it cannot take an action that requires some.
  const requiredInput = new Map<string, string>();
  // Input fields that set a refund sheet's amount, per post-action: found once, not per row.
  const amountFieldsOf = (effects: Effect[] | undefined): string[] =>
    effects?.some((e) => e.kind === 'openRefund' && e.amount !== undefined)
      ? effects.flatMap((e) => (e.kind === 'openRefund' && e.amount !== undefined ? [e.amount] : []))
      : [];
  const postActionAmounts = new Map(Object.entries(def.postActions).map(([name, effects]) => [name, amountFieldsOf(effects)]));
  const systemSteps: Array<{ action: string; path: string }> = [];
  // Post-actions are run by the entity whose transition names them; remember which.
  const postActionOwners = new Map<string, Set<EntityKind>>();
  const roleList = [...roles].join(', ');

  for (const [name, machine] of machines) {
    const mp = `$.machines.${name}`;
    const states = new Set(Object.keys(machine.states));
    machine.initial?.forEach((s, i) => states.has(s) || add(`${mp}.initial[${i}]`, `Unknown state "${s}".`));
    // Ambiguity, by role + action: the first row seen in each state (and for creation).
    // One lookup per from-state keeps this linear; each row names the earliest row it clashes with.
    const firstRow = new Map<string, Map<string | null, number>>();
    machine.transitions.forEach((t, i) => {
      const tp = `${mp}.transitions[${i}]`;
      const tRoles = (Array.isArray(t.role) ? t.role : [t.role]).map((r) => r.toUpperCase());
      tRoles.forEach((r) => roles.has(r) || add(`${tp}.role`, `Unknown role "${r}"; roles are ${roleList}.`));
      t.from?.forEach((s, j) => states.has(s) || add(`${tp}.from[${j}]`, `Unknown state "${s}" in machine ${name}.`));
      if (!states.has(t.to)) add(`${tp}.to`, `Unknown state "${t.to}" in machine ${name}.`);
      checkCondition(t.guard, `${tp}.guard`, machine.entity);
      checkEffects(t.effects, `${tp}.effects`, machine.entity);
      if (t.input) {
        for (const p of checkDeclaration(t.input, machine.entity)) add(`${tp}.input${p.path}`, p.message);
        // Nobody can fill a form for the system: a hidden row asks for nothing it needs.
        if (t.hidden && hasRequired(t.input)) add(`${tp}.input`, `Row ${i} is hidden (done by the system only), so it cannot require input.`);
        if (hasRequired(t.input)) requiredInput.set(norm(t.action), `${tp}.input`);
      }
      const amountFields = [...amountFieldsOf(t.effects), ...(t.postAction ? (postActionAmounts.get(t.postAction) ?? []) : [])];
      for (const name of amountFields) {
        if (!t.input?.some((f) => f.name === name && f.type === 'money'))
          add(`${tp}.input`, `A refund sheet's amount is taken from input field "${name}", which this action does not declare as money.`);
      }
      (t.effects ?? []).forEach((e, j) => {
        if (e.kind !== 'shipment') return;
        const declared = (name: string | undefined, types: string[], what: string, key: string) => {
          if (name !== undefined && !t.input?.some((f) => f.name === name && types.includes(f.type)))
            add(`${tp}.effects[${j}].${key}`, `A shipment takes its ${what} from input field "${name}", which this action does not declare (as ${types.join(' or ')}).`);
        };
        declared(e.carrier, ['choice'], 'carrier', 'carrier');
        declared(e.trackingNumbers, ['text', 'list'], 'tracking numbers', 'trackingNumbers');
        declared(e.parcels, ['number'], 'parcel count', 'parcels');
      });
      // The row's own effects and its post-action's: both take the row's input.
      (t.effects ?? []).forEach((e, j) => {
        if (e.kind === 'setRefundKind') checkKindSwitch(def, t, e.field, `${tp}.effects[${j}].field`, add);
      });
      if (t.postAction && has(def.postActions, t.postAction)) {
        def.postActions[t.postAction]!.forEach((e, j) => {
          if (e.kind === 'setRefundKind') checkKindSwitch(def, t, e.field, `$.postActions.${t.postAction}[${j}].field`, add);
        });
      }
      if (t.postAction) {
        if (!has(def.postActions, t.postAction)) add(`${tp}.postAction`, `Unknown post-action "${t.postAction}".`);
        const owners = postActionOwners.get(t.postAction) ?? new Set();
        owners.add(machine.entity);
        postActionOwners.set(t.postAction, owners);
      }
      for (const role of new Set(tRoles)) {
        const key = `${role}\u0000${norm(t.action)}`;
        const rows = firstRow.get(key) ?? new Map<string | null, number>();
        firstRow.set(key, rows);
        const clashes = new Set<number>();
        for (const s of t.from ?? [null]) {
          const other = rows.get(s);
          if (other === undefined) rows.set(s, i);
          else if (other !== i) clashes.add(other);
        }
        for (const other of [...clashes].sort((a, b) => a - b))
          add(`${tp}`, `Rows ${other} and ${i} of machine ${name} both match role ${role} + action "${t.action}" in the same state.`);
      }
    });
  }

  for (const [name, effects] of Object.entries(def.postActions)) {
    const owners = postActionOwners.get(name);
    if (!owners) add(`$.postActions.${name}`, `Post-action "${name}" is not used by any transition.`);
    for (const owner of owners ?? ['order' as const]) checkEffects(effects, `$.postActions.${name}`, owner);
  }

  def.refundMachines?.forEach((rule, i) => {
    const m = has(def.machines, rule.machine) ? def.machines[rule.machine] : undefined;
    if (!m || m.entity !== 'refund') add(`$.refundMachines[${i}].machine`, `"${rule.machine}" is not a refund machine.`);
    checkCondition(rule.when, `$.refundMachines[${i}].when`, 'refund');
  });
  if (def.vouchers) {
    const m = has(def.machines, def.vouchers.machine) ? def.machines[def.vouchers.machine] : undefined;
    if (!m || m.entity !== 'voucher') add('$.vouchers.machine', `"${def.vouchers.machine}" is not a voucher machine.`);
    const voucherStates = statesOf('voucher');
    if (!voucherStates.has(def.vouchers.issueState)) add('$.vouchers.issueState', `Unknown voucher state "${def.vouchers.issueState}".`);
    def.vouchers.redeem.from.forEach((s, i) => voucherStates.has(s) || add(`$.vouchers.redeem.from[${i}]`, `Unknown voucher state "${s}".`));
    if (!voucherStates.has(def.vouchers.redeem.to)) add('$.vouchers.redeem.to', `Unknown voucher state "${def.vouchers.redeem.to}".`);
    effectEdges.push({ entity: 'voucher', from: null, to: def.vouchers.issueState });
    effectEdges.push({ entity: 'voucher', from: def.vouchers.redeem.from, to: def.vouchers.redeem.to });
    def.vouchers.refuseInOrderStates.forEach((s, i) => statesOf('order').has(s) || add(`$.vouchers.refuseInOrderStates[${i}]`, `Unknown order state "${s}".`));
    if (!actionsOf('order').has(norm(def.vouchers.whenAllUsed.action)))
      add('$.vouchers.whenAllUsed.action', `Unknown order action "${def.vouchers.whenAllUsed.action}".`);
  }

  if (def.vouchers) systemSteps.push({ action: norm(def.vouchers.whenAllUsed.action), path: '$.vouchers.whenAllUsed.action' });
  for (const { action, path } of systemSteps) {
    const where = requiredInput.get(action);
    if (where) add(path, `"${action}" requires input (${where}), but a timer or cascade takes it and cannot give any.`);
  }

  for (const { flag, path } of flagsRead) {
    if (!flagsSet.has(flag)) add(path, `Flag "${flag}" is read but no effect or timer ever sets it.`);
  }

  checkReachability(machines, effectEdges, add);
  return problems;
}

/**
 * A switch of a refund sheet's kind takes its kind from a choice of the row's own input, and
 * each kind offered must have a refund machine (a `refundMachines` rule by kind) that has
 * the row's target state: the sheet must be able to go on in the machine of the kind chosen.
 */
function checkKindSwitch(def: WorkflowDefinition, t: Transition, field: string, path: string, add: (path: string, message: string) => void): void {
  const declared = t.input?.find((f) => f.name === field);
  if (!declared || declared.type !== 'choice' || !declared.choices) {
    add(path, `A refund sheet's kind is taken from input field "${field}", which this action does not declare as a choice with its "choices".`);
    return;
  }
  declared.choices.forEach(({ value }) => {
    if (!refundKindSchema.safeParse(value).success) {
      add(path, `Choice "${value}" of "${field}" is not a kind of refund sheet (${refundKindSchema.options.join(', ')}).`);
      return;
    }
    const rule = def.refundMachines?.find((r) => r.kind?.includes(value));
    const machine = rule && has(def.machines, rule.machine) ? def.machines[rule.machine] : undefined;
    if (!machine) add(path, `No refund machine is chosen for kind "${value}" (refundMachines), so a sheet switched to it could not go on.`);
    else if (!has(machine.states, t.to)) add(path, `Machine ${rule!.machine} (kind "${value}") has no state "${t.to}", where this action leaves the sheet.`);
  });
}

/** Reachability by a worklist over an adjacency map: each edge is followed at most once. */
function checkReachability(
  machines: Array<[string, Machine]>,
  effectEdges: EffectEdge[],
  add: (path: string, message: string) => void,
) {
  const effectEdgesOf = new Map<EntityKind, EffectEdge[]>();
  for (const e of effectEdges) {
    const list = effectEdgesOf.get(e.entity);
    if (list) list.push(e);
    else effectEdgesOf.set(e.entity, [e]);
  }

  for (const [name, machine] of machines) {
    const edges = [
      ...machine.transitions.map((t) => ({ from: t.from, to: t.to })),
      ...(effectEdgesOf.get(machine.entity) ?? []).filter((e) => has(machine.states, e.to)),
    ];
    const next = new Map<string, string[]>();
    const leaves = new Set<string>();
    const reached = new Set<string>();
    const work: string[] = [];
    const reach = (s: string) => {
      if (!reached.has(s)) {
        reached.add(s);
        work.push(s);
      }
    };
    for (const s of machine.initial ?? []) reach(s);
    for (const e of edges) {
      if (e.from === null) {
        reach(e.to);
        continue;
      }
      for (const s of e.from) {
        const list = next.get(s);
        if (list) list.push(e.to);
        else next.set(s, [e.to]);
        if (s !== e.to) leaves.add(s);
      }
    }
    while (work.length) for (const to of next.get(work.pop()!) ?? []) reach(to);

    for (const [state, spec] of Object.entries(machine.states)) {
      const sp = `$.machines.${name}.states.${state}`;
      if (!reached.has(state)) add(sp, `State "${state}" cannot be reached in machine ${name}.`);
      if (!spec.terminal && !leaves.has(state)) add(sp, `State "${state}" is a dead end: nothing leaves it and it is not marked terminal.`);
      if (spec.terminal && leaves.has(state)) add(sp, `State "${state}" is marked terminal but transitions leave it.`);
    }
  }
}

export { norm };

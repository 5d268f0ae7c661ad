// Loading a definition checks it whole and reports every problem with its JSON path,
// so a person editing one sees all mistakes at once (the old system found some only at run time).
import type { Condition } from '../db/rows';
import { definitionSchema, type Effect, type EffectTarget, type Machine, type WorkflowDefinition } from './schema';

export interface Problem {
  path: string;
  message: string;
}

export type LoadResult = { ok: true; definition: WorkflowDefinition } | { ok: false; problems: Problem[] };

/** `handlers`: names of the effect handlers registered in code; effects may only name these. */
export function loadDefinition(json: unknown, handlers: ReadonlySet<string>): LoadResult {
  const parsed = definitionSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message })),
    };
  }
  const problems = checkDefinition(parsed.data, handlers);
  return problems.length ? { ok: false, problems } : { ok: true, definition: parsed.data };
}

export function jsonPath(parts: ReadonlyArray<PropertyKey>): string {
  return parts.reduce<string>((path, part) => (typeof part === 'number' ? `${path}[${part}]` : `${path}.${String(part)}`), '$');
}

type EntityKind = Machine['entity'];

export function checkDefinition(def: WorkflowDefinition, handlers: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const roles = new Set(def.roles.map((r) => r.code.toUpperCase()));
  const periods = new Set(def.periods);
  const machinesOf = (entity: EntityKind) => Object.entries(def.machines).filter(([, m]) => m.entity === entity);
  const actionsOf = (entity: EntityKind) => new Set(machinesOf(entity).flatMap(([, m]) => m.transitions.map((t) => norm(t.action))));
  const statesOf = (entity: EntityKind) => new Set(machinesOf(entity).flatMap(([, m]) => Object.keys(m.states)));

  if (machinesOf('order').length !== 1) add('$.machines', 'A definition needs exactly one machine for the order (entity "order").');

  // Effect-driven edges count for reachability: refund sheets and vouchers move by effects too.
  const effectEdges: Array<{ entity: EntityKind; from: string[] | null; to: string }> = [];
  const flagsSet = new Set<string>();
  const flagsRead: Array<{ flag: string; path: string }> = [];

  const checkCondition = (cond: Condition | undefined, path: string, ownEntity: EntityKind | null) => {
    if (!cond) return;
    const visit = (c: Condition, p: string) => {
      if ('not' in c) return visit(c.not, `${p}.not`);
      if ('all' in c) return c.all.forEach((x, i) => visit(x, `${p}.all[${i}]`));
      if ('any' in c) return c.any.forEach((x, i) => visit(x, `${p}.any[${i}]`));
      if ('flag' in c) return flagsRead.push({ flag: c.flag, path: `${p}.flag` });
      const [key, states] = Object.entries(c)[0] as [string, unknown];
      if (!Array.isArray(states)) return;
      const pool =
        key === 'orderIn' ? statesOf('order')
        : key === 'anyVoucherIn' ? statesOf('voucher')
        : key === 'stateIn' ? (ownEntity ? statesOf(ownEntity) : new Set<string>())
        : statesOf('item');
      states.forEach((s: string, i) => {
        if (!pool.has(s)) add(`${p}.${key}[${i}]`, `Unknown state "${s}" in condition ${key}.`);
      });
    };
    visit(cond, path);
  };

  const targetEntities = (target: EffectTarget, own: EntityKind): EntityKind[] => {
    switch (target) {
      case 'self': return [own];
      case 'order': return ['order'];
      case 'items': case 'item': return ['item'];
      case 'refund': return ['refund'];
    }
  };

  const checkEffects = (effects: Effect[] | undefined, path: string, own: EntityKind) => {
    effects?.forEach((e, i) => {
      const p = `${path}[${i}]`;
      checkCondition(e.when, `${p}.when`, own);
      switch (e.kind) {
        case 'cascade': {
          const entities = targetEntities(e.target, own);
          if (!roles.has(e.role.toUpperCase())) add(`${p}.role`, `Unknown role "${e.role}".`);
          if (!entities.some((ent) => actionsOf(ent).has(norm(e.action))))
            add(`${p}.action`, `Cascade names action "${e.action}", which no ${entities.join('/')} machine has.`);
          break;
        }
        case 'schedule': {
          const entities = targetEntities(e.target, own);
          if (!roles.has(e.role.toUpperCase())) add(`${p}.role`, `Unknown role "${e.role}".`);
          if (!e.action && !e.setFlag) add(p, 'A timer needs an action or a flag to set.');
          if (e.action && !entities.some((ent) => actionsOf(ent).has(norm(e.action!))))
            add(`${p}.action`, `Timer names action "${e.action}", which no ${entities.join('/')} machine has.`);
          if (!e.after && !e.at) add(p, 'A timer needs "after" (a period) or "at".');
          if (e.after && !periods.has(e.after)) add(`${p}.after`, `Unknown period "${e.after}"; declare it in "periods".`);
          if (e.setFlag) flagsSet.add(e.setFlag);
          if (e.onBlockedFlag) flagsSet.add(e.onBlockedFlag);
          checkCondition(e.guard, `${p}.guard`, entities[0] ?? null);
          break;
        }
        case 'extendTimer':
          if (!periods.has(e.by)) add(`${p}.by`, `Unknown period "${e.by}"; declare it in "periods".`);
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
        case 'stock':
          break;
      }
    });
  };

  // Post-actions are run by the entity whose transition names them; remember which.
  const postActionOwners = new Map<string, Set<EntityKind>>();

  for (const [name, machine] of Object.entries(def.machines)) {
    const mp = `$.machines.${name}`;
    const states = new Set(Object.keys(machine.states));
    machine.initial?.forEach((s, i) => states.has(s) || add(`${mp}.initial[${i}]`, `Unknown state "${s}".`));
    const seen: Array<{ role: string; action: string; from: string[] | null; index: number }> = [];
    machine.transitions.forEach((t, i) => {
      const tp = `${mp}.transitions[${i}]`;
      const tRoles = (Array.isArray(t.role) ? t.role : [t.role]).map((r) => r.toUpperCase());
      tRoles.forEach((r) => roles.has(r) || add(`${tp}.role`, `Unknown role "${r}"; roles are ${[...roles].join(', ')}.`));
      t.from?.forEach((s, j) => states.has(s) || add(`${tp}.from[${j}]`, `Unknown state "${s}" in machine ${name}.`));
      if (!states.has(t.to)) add(`${tp}.to`, `Unknown state "${t.to}" in machine ${name}.`);
      checkCondition(t.guard, `${tp}.guard`, machine.entity);
      checkEffects(t.effects, `${tp}.effects`, machine.entity);
      if (t.postAction) {
        if (!def.postActions[t.postAction]) add(`${tp}.postAction`, `Unknown post-action "${t.postAction}".`);
        const owners = postActionOwners.get(t.postAction) ?? new Set();
        owners.add(machine.entity);
        postActionOwners.set(t.postAction, owners);
      }
      for (const role of tRoles) {
        for (const other of seen) {
          if (other.role !== role || other.action !== norm(t.action)) continue;
          const overlap = t.from === null || other.from === null ? t.from === other.from : t.from.some((s) => other.from!.includes(s));
          if (overlap)
            add(`${tp}`, `Rows ${other.index} and ${i} of machine ${name} both match role ${role} + action "${t.action}" in the same state.`);
        }
        seen.push({ role, action: norm(t.action), from: t.from, index: i });
      }
    });
  }

  for (const [name, effects] of Object.entries(def.postActions)) {
    const owners = postActionOwners.get(name);
    if (!owners) add(`$.postActions.${name}`, `Post-action "${name}" is not used by any transition.`);
    for (const owner of owners ?? ['order' as const]) checkEffects(effects, `$.postActions.${name}`, owner);
  }

  def.refundMachines?.forEach((rule, i) => {
    const m = def.machines[rule.machine];
    if (!m || m.entity !== 'refund') add(`$.refundMachines[${i}].machine`, `"${rule.machine}" is not a refund machine.`);
    checkCondition(rule.when, `$.refundMachines[${i}].when`, 'refund');
  });
  if (def.vouchers) {
    const m = def.machines[def.vouchers.machine];
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

  for (const { flag, path } of flagsRead) {
    if (!flagsSet.has(flag)) add(path, `Flag "${flag}" is read but no effect or timer ever sets it.`);
  }

  checkReachability(def, effectEdges, add);
  return problems;
}

function checkReachability(
  def: WorkflowDefinition,
  effectEdges: Array<{ entity: EntityKind; from: string[] | null; to: string }>,
  add: (path: string, message: string) => void,
) {
  for (const [name, machine] of Object.entries(def.machines)) {
    const edges = [
      ...machine.transitions.map((t) => ({ from: t.from, to: t.to })),
      ...effectEdges.filter((e) => e.entity === machine.entity && e.to in machine.states),
    ];
    const reached = new Set<string>(machine.initial ?? []);
    for (const e of edges) if (e.from === null) reached.add(e.to);
    let grew = true;
    while (grew) {
      grew = false;
      for (const e of edges) {
        if (e.from?.some((s) => reached.has(s)) && !reached.has(e.to)) {
          reached.add(e.to);
          grew = true;
        }
      }
    }
    for (const [state, spec] of Object.entries(machine.states)) {
      const sp = `$.machines.${name}.states.${state}`;
      if (!reached.has(state)) add(sp, `State "${state}" cannot be reached in machine ${name}.`);
      const leaves = edges.some((e) => e.from?.includes(state) && e.to !== state);
      if (!spec.terminal && !leaves) add(sp, `State "${state}" is a dead end: nothing leaves it and it is not marked terminal.`);
      if (spec.terminal && leaves) add(sp, `State "${state}" is marked terminal but transitions leave it.`);
    }
  }
}

export function norm(action: string): string {
  return action.trim().toLowerCase();
}

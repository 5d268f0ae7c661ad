// The pure interpreter: given a definition, an entity and its order's context, which
// actions may each role take, what one (role, action) does, and why others are disabled.
// No storage, no clock: the engine and the UI both call it.
import type { ExplainedAction, Refused } from '../api';
import type { Condition, EntityKind, RefundKind } from '../db/rows';
import { norm } from './norm';
import { describeCondition, ENGLISH_CONDITION_WORDS } from './describe';
import type { Effect, Machine, Transition, WorkflowDefinition } from './schema';

/** The entity a command or a panel is about. */
export interface Subject {
  kind: EntityKind;
  state: string | null;
  /** For items: the item's id. For refund sheets: the item they belong to. */
  itemId?: string;
  refundKind?: RefundKind;
  /** Self-transitions already recorded in the entity's current state (normalised actions). */
  recorded?: readonly string[];
}

/** The order around the subject, as far as conditions need it. */
export interface OrderContext {
  order: { state: string | null; flags: Record<string, boolean> };
  items: ReadonlyArray<{ id: string; state: string | null }>;
  refunds: ReadonlyArray<{ itemId: string; state: string | null }>;
  vouchers: ReadonlyArray<{ state: string }>;
}

export type Resolution = { ok: true; row: Transition; machine: string } | Refused;

export class Workflow {
  readonly roles: ReadonlyArray<{ code: string; label: string }>;
  private readonly roleCodes: Set<string>;
  private readonly terminalRefundStates: Set<string>;
  /** Rows by machine and normalised action, and the machine of each plain entity kind:
   *  built once, so a transition is a couple of map lookups. */
  private readonly rowIndex = new Map<Machine, Map<string, Transition[]>>();
  private readonly machineByEntity = new Map<string, string>();

  constructor(readonly definition: WorkflowDefinition) {
    this.roles = definition.roles.map((r) => ({ code: r.code.toUpperCase(), label: r.label }));
    this.roleCodes = new Set(this.roles.map((r) => r.code));
    this.terminalRefundStates = new Set(
      Object.values(definition.machines)
        .filter((m) => m.entity === 'refund')
        .flatMap((m) => Object.entries(m.states).filter(([, s]) => s.terminal).map(([code]) => code)),
    );
    this.indexRows();
  }

  private indexRows(): void {
    for (const [name, machine] of Object.entries(this.definition.machines)) {
      if (!this.machineByEntity.has(machine.entity)) this.machineByEntity.set(machine.entity, name);
      const byAction = new Map<string, Transition[]>();
      for (const row of machine.transitions) {
        const key = norm(row.action);
        const rows = byAction.get(key);
        if (rows) rows.push(row);
        else byAction.set(key, [row]);
      }
      this.rowIndex.set(machine, byAction);
    }
  }

  get id(): string {
    return this.definition.id;
  }

  private stockActions: Set<string> | null = null;

  /**
   * Whether taking this action can move stock: a `stock` effect (or a handler, which may do
   * anything) on one of its rows, their post-actions, or an action they cascade to. The
   * engine reads the stock rows only for these, which most commands are not.
   */
  mayTouchStock(action: string): boolean {
    if (!this.stockActions) this.stockActions = this.findStockActions();
    return this.stockActions.has(norm(action));
  }

  private findStockActions(): Set<string> {
    const effectsOf = new Map<string, Effect[]>();
    for (const machine of Object.values(this.definition.machines)) {
      for (const row of machine.transitions) {
        const key = norm(row.action);
        const post = row.postAction ? (this.definition.postActions[row.postAction] ?? []) : [];
        effectsOf.set(key, [...(effectsOf.get(key) ?? []), ...(row.effects ?? []), ...post]);
      }
    }
    // Direct ones first, then whatever cascades into the set, until nothing is added.
    const found = new Set<string>();
    for (let grew = true; grew; ) {
      grew = false;
      for (const [action, effects] of effectsOf) {
        if (found.has(action)) continue;
        if (effects.some((e) => e.kind === 'stock' || e.kind === 'handler' || (e.kind === 'cascade' && found.has(norm(e.action))))) {
          found.add(action);
          grew = true;
        }
      }
    }
    return found;
  }

  private expiry: Set<string> | null = null;

  /** Actions a timer takes when a line's valid-until date has passed ("attendance code
   *  expired"): they state a fact of the calendar, so a person may not take them before it. */
  isExpiryAction(action: string): boolean {
    this.expiry ??= new Set(
      [...Object.values(this.definition.postActions).flat(), ...Object.values(this.definition.machines).flatMap((m) => m.transitions.flatMap((t) => t.effects ?? []))]
        .flatMap((e) => (e.kind === 'schedule' && e.at === 'validUntil' && e.action ? [norm(e.action)] : [])),
    );
    return this.expiry.has(norm(action));
  }

  get version(): number {
    return this.definition.version;
  }

  roleLabel(code: string): string {
    return this.roles.find((r) => r.code === code.toUpperCase())?.label ?? code;
  }

  /** Which machine drives the subject now (refund sheets: chosen at each step). */
  machineName(subject: Subject, ctx: OrderContext): string | null {
    if (subject.kind !== 'refund') return this.machineByEntity.get(subject.kind) ?? null;
    for (const rule of this.definition.refundMachines ?? []) {
      if (rule.kind && !(subject.refundKind && rule.kind.includes(subject.refundKind))) continue;
      if (rule.when && !this.evaluate(rule.when, subject, ctx)) continue;
      return rule.machine;
    }
    return null;
  }

  machine(name: string): Machine {
    const machine = this.definition.machines[name];
    if (!machine) throw new Error(`Workflow ${this.id} has no machine ${name}`);
    return machine;
  }

  /** The label people see for a state (HS shows as "finished payment"). */
  stateLabel(subject: Subject, ctx: OrderContext): string {
    if (subject.state === null) return 'no state yet';
    const name = this.machineName(subject, ctx);
    const spec = name ? this.definition.machines[name]?.states[subject.state] : undefined;
    return spec ? (spec.display ?? spec.label) : subject.state;
  }

  isOpenRefund(state: string | null): boolean {
    return state !== null && !this.terminalRefundStates.has(state);
  }

  evaluate(cond: Condition, subject: Subject, ctx: OrderContext): boolean {
    if ('not' in cond) return !this.evaluate(cond.not, subject, ctx);
    if ('all' in cond) return cond.all.every((c) => this.evaluate(c, subject, ctx));
    if ('any' in cond) return cond.any.some((c) => this.evaluate(c, subject, ctx));
    if ('stateIn' in cond) return subject.state !== null && cond.stateIn.includes(subject.state);
    if ('orderIn' in cond) return ctx.order.state !== null && cond.orderIn.includes(ctx.order.state);
    if ('allItemsIn' in cond) return ctx.items.length > 0 && ctx.items.every((i) => i.state !== null && cond.allItemsIn.includes(i.state));
    if ('anyItemIn' in cond) return ctx.items.some((i) => i.state !== null && cond.anyItemIn.includes(i.state));
    if ('noItemIn' in cond) return !ctx.items.some((i) => i.state !== null && cond.noItemIn.includes(i.state));
    if ('flag' in cond) return ctx.order.flags[cond.flag] === true;
    if ('anyVoucherIn' in cond) return ctx.vouchers.some((v) => cond.anyVoucherIn.includes(v.state));
    // hasRefund: the subject's line (or, for the order, any line) has an open refund sheet.
    const open = ctx.refunds.filter((r) => this.isOpenRefund(r.state) && (subject.kind === 'order' || r.itemId === subject.itemId));
    return open.length > 0 === cond.hasRefund;
  }

  /** A sentence a clerk can read, for disabled actions and refusals. */
  describe(cond: Condition): string {
    return describeCondition(cond, ENGLISH_CONDITION_WORDS);
  }

  private rowsFor(machine: Machine, action: string): Transition[] {
    return this.rowIndex.get(machine)?.get(norm(action)) ?? [];
  }

  /** Decide what (role, action) does for the subject, or why it cannot. */
  resolve(subject: Subject, ctx: OrderContext, role: string, action: string, opts: { system: boolean }): Resolution {
    const resolution = this.resolveRow(subject, ctx, role, action, opts);
    if (resolution.ok && this.isSpent(resolution.row, subject, ctx)) {
      const row = resolution.row;
      return refuse('no-change', `"${row.action}" is already recorded in ${this.stateLabel(subject, ctx)}; doing it again would change nothing.`, {
        reason: 'already-recorded',
        action: row.action,
        kind: subject.kind,
        state: subject.state,
      });
    }
    return resolution;
  }

  /** The row (role, action) takes for the subject, or why none does; "spent" not judged. */
  private resolveRow(subject: Subject, ctx: OrderContext, role: string, action: string, opts: { system: boolean }): Resolution {
    const roleCode = role.trim().toUpperCase();
    if (!this.roleCodes.has(roleCode)) {
      return refuse('unknown-role', `"${role}" is not a role here; use one of ${[...this.roleCodes].join(', ')}.`, {
        role,
        roles: [...this.roleCodes].join(','),
      });
    }
    const machineName = this.machineName(subject, ctx);
    if (!machineName) return refuse('not-found', `No ${subject.kind} workflow applies here.`, { reason: 'no-machine', kind: subject.kind });
    const machine = this.machine(machineName);
    const rows = this.rowsFor(machine, action);
    if (!rows.length) return refuse('unknown-action', `"${action}" is not an action of the ${machine.label.toLowerCase()} workflow.`, { action, machine: machineName, kind: subject.kind });
    const roleRows = rows.filter((t) => rolesOf(t).includes(roleCode));
    if (!roleRows.length) {
      const owners = [...new Set(rows.flatMap(rolesOf))].map((r) => this.roleLabel(r)).join(' or ');
      return refuse('wrong-role', `Only the ${owners} may "${rows[0]!.action}"; you are acting as ${this.roleLabel(roleCode)}.`, {
        action: rows[0]!.action,
        role: roleCode,
        roles: [...new Set(rows.flatMap(rolesOf))].join(','),
      });
    }
    // Never for people, whatever the state: say so rather than name states.
    if (!opts.system && roleRows.every((t) => t.hidden)) return refuse('system-only', `"${rows[0]!.action}" is done by the system only.`, { action: rows[0]!.action });
    const row = roleRows.find((t) => appliesIn(t, subject.state));
    if (!row) {
      const allowed = roleRows.flatMap((t) => t.from ?? ['(creation)']).join(', ');
      const now = subject.state === null ? 'before it has a state' : `in ${this.stateLabel(subject, ctx)} (${subject.state})`;
      return refuse('not-allowed-in-state', `"${rows[0]!.action}" is not allowed ${now}; it is allowed in ${allowed}.`, {
        action: rows[0]!.action,
        kind: subject.kind,
        state: subject.state,
        // '' stands for creation (a row with no from-state): params hold no arrays.
        allowed: [...new Set(roleRows.flatMap((t): string[] => t.from ?? ['']))].join(','),
      });
    }
    if (row.hidden && !opts.system) return refuse('system-only', `"${row.action}" is done by the system only.`, { action: row.action });
    if (row.guard && !this.evaluate(row.guard, subject, ctx)) {
      return refuse('guard-failed', `"${row.action}" needs ${this.describe(row.guard)}.`, {
        action: row.action,
        kind: subject.kind,
        // The condition as JSON: a screen words it with its own condition words.
        guard: JSON.stringify(row.guard),
      });
    }
    return { ok: true, row, machine: machineName };
  }

  /**
   * Whether taking `row` now would change nothing at all: it stays in the subject's state and
   * none of its effects (its own and its post-action's) would do anything. An effect whose
   * outcome cannot be told from here (a handler, a timer, a cascade elsewhere) counts as a
   * change. Timers skip such a row; people may record it once per stay in a state.
   */
  changesNothing(row: Transition, subject: Subject, ctx: OrderContext, depth = 0): boolean {
    if (row.to !== subject.state) return false;
    const post = row.postAction ? (this.definition.postActions[row.postAction] ?? []) : [];
    return [...(row.effects ?? []), ...post].every((effect) => this.effectIdle(effect, subject, ctx, depth));
  }

  /** Already recorded in this stay, and doing it again would change nothing. */
  isSpent(row: Transition, subject: Subject, ctx: OrderContext): boolean {
    return !!subject.recorded?.includes(norm(row.action)) && this.changesNothing(row, subject, ctx);
  }

  private effectIdle(effect: Effect, subject: Subject, ctx: OrderContext, depth: number): boolean {
    if (effect.when && !this.evaluate(effect.when, subject, ctx)) return true;
    switch (effect.kind) {
      case 'setFlag':
        return ctx.order.flags[effect.flag] === true;
      case 'setVouchers':
        return !ctx.vouchers.some((v) => effect.from.includes(v.state));
      case 'closeRefunds':
        return !ctx.refunds.some((r) => r.state !== null && effect.inStates.includes(r.state));
      case 'cascade': {
        // Only a cascade onto the subject itself can be followed from here.
        if (effect.target !== 'self' || depth >= 8) return false;
        const next = this.resolveRow(subject, ctx, effect.role, effect.action, { system: true });
        return !next.ok || this.changesNothing(next.row, subject, ctx, depth + 1);
      }
      default:
        return false;
    }
  }

  /**
   * Visible actions per role now. A role appears when it has any non-system row in the
   * current state, even if every such row is hidden by a guard (then with an empty list).
   */
  roleActions(subject: Subject, ctx: OrderContext): Record<string, string[]> {
    const machineName = this.machineName(subject, ctx);
    const result: Record<string, string[]> = {};
    if (!machineName) return result;
    for (const row of this.machine(machineName).transitions) {
      if (row.hidden || !appliesIn(row, subject.state)) continue;
      const ok = (!row.guard || this.evaluate(row.guard, subject, ctx)) && !this.isSpent(row, subject, ctx);
      for (const role of rolesOf(row)) {
        const list = (result[role] ??= []);
        if (ok && !list.includes(row.action)) list.push(row.action);
      }
    }
    return result;
  }

  /** Every action of the subject's machine for one role, enabled or disabled with the reason. */
  explain(subject: Subject, ctx: OrderContext, role: string): ExplainedAction[] {
    const machineName = this.machineName(subject, ctx);
    if (!machineName) return [];
    const roleCode = role.trim().toUpperCase();
    const machine = this.machine(machineName);
    const actions = [...new Set(machine.transitions.map((t) => t.action))];
    return actions.map((action) => {
      const rows = this.rowsFor(machine, action);
      const roles = [...new Set(rows.flatMap(rolesOf))];
      const mine = rows.filter((t) => rolesOf(t).includes(roleCode));
      if (!mine.length) {
        return { action, roles, enabled: false, reason: 'other-role', detail: { kind: 'roles', roles }, message: `For the ${roles.map((r) => this.roleLabel(r)).join(' or ')}.` };
      }
      if (mine.every((t) => t.hidden)) {
        return { action, roles, enabled: false, reason: 'system-only', detail: { kind: 'system' }, message: 'Done by the system only.' };
      }
      const row = mine.find((t) => !t.hidden && appliesIn(t, subject.state));
      if (!row) {
        const states = [...new Set(mine.filter((t) => !t.hidden).flatMap((t): Array<string | null> => t.from ?? [null]))];
        const allowed = states.map((s) => s ?? '(creation)').join(', ');
        return { action, roles, enabled: false, reason: 'wrong-state', detail: { kind: 'states', states }, message: `Allowed in ${allowed}.` };
      }
      if (row.guard && !this.evaluate(row.guard, subject, ctx)) {
        return { action, roles, enabled: false, reason: 'guard-failed', detail: { kind: 'guard', guard: row.guard }, message: `Needs ${this.describe(row.guard)}.` };
      }
      if (this.isSpent(row, subject, ctx)) {
        return { action, roles, enabled: false, reason: 'no-change', detail: { kind: 'done' }, message: 'Already recorded; doing it again would change nothing.' };
      }
      return { action, roles, enabled: true, detail: { kind: 'moves', to: row.to }, message: `Moves to ${row.to}.` };
    });
  }
}

const rolesCache = new WeakMap<Transition, string[]>();

/** A row's role codes, upper-case (roles match case-insensitively). */
export function rolesOf(row: Transition): string[] {
  let roles = rolesCache.get(row);
  if (!roles) {
    roles = (Array.isArray(row.role) ? row.role : [row.role]).map((r) => r.toUpperCase());
    rolesCache.set(row, roles);
  }
  return roles;
}

function appliesIn(row: Transition, state: string | null): boolean {
  return row.from === null ? state === null : state !== null && row.from.includes(state);
}

function refuse(code: Refused['code'], message: string, params: NonNullable<Refused['params']>): Refused {
  return { ok: false, code, message, params };
}

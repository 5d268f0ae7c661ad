// Who may run which command, as data and one pure rule. A command that acts in a workflow
// role (act, an action card, creating an order) needs that role; the others need one of
// the roles listed for their kind below. The pipeline applies it to every command.
import type { Refused } from '../api';
import type { OperatorRow } from '../db/rows';

/** The facts of a command the rule needs (the engine's CommandMeta has them). */
export interface CommandWho {
  kind: string;
  /** The workflow role the command acts in, if it has one. */
  role?: string;
  operator: string;
}

/** `reason` names the situation (a screen words it), `name` the person when known. */
const notPermitted = (message: string, params: { operator: string; role: string; reason: 'not-signed-in' | 'inactive' | 'role'; name?: string }): Refused => ({
  ok: false,
  code: 'role-not-permitted',
  message,
  params,
});

export const ADMIN_ROLE = 'A';

/** Supervisors: who may open the audit of who did what (a clerk may not read it). */
export const SUPERVISOR_ROLES: readonly string[] = ['P', ADMIN_ROLE];

/** Roles that may run a command with no workflow role of its own (any one of them). */
export const ROLES_BY_KIND = {
  // The clerk redeems a buyer's attendance code as the seller.
  'redeem-voucher': ['S'],
  // Receiving, counting and moving stock is the seller's work; the admin may fix it too.
  stock: ['S', ADMIN_ROLE],
  // Taking and giving back money, opening and closing the till: the clerk at the counter.
  money: ['S', 'P', ADMIN_ROLE],
  // What changes how the counter works, and who works it.
  'install-workflow': [ADMIN_ROLE],
  'set-setting': [ADMIN_ROLE],
  'import-demo': [ADMIN_ROLE],
  // The task monitor's "retry now" on a failed timer: timers act for the platform.
  'retry-timer': ['P', ADMIN_ROLE],
  'add-operator': [ADMIN_ROLE],
  'update-operator': [ADMIN_ROLE],
  'deactivate-operator': [ADMIN_ROLE],
  // Parcels: the clerk ships and scans as the seller; carriers are the counter's set-up.
  'tracking:carrier': [ADMIN_ROLE],
  'tracking:shipment': ['S', ADMIN_ROLE],
  'tracking:checkpoint': ['S', ADMIN_ROLE],
  // Working a parcel exception: the seller or the platform's support.
  'tracking:exception': ['S', 'P', ADMIN_ROLE],
} as const satisfies Record<string, readonly string[]>;

/** Commands the engine makes itself (a due timer, the start-up stock repair), never a person: not checked. */
export const ENGINE_KINDS: ReadonlySet<string> = new Set(['fire-timer', 'repair-stock']);

export const normalRole = (role: string): string => role.trim().toUpperCase();

/** Whether this operator may act in this role now. */
export function mayTakeRole(operator: Pick<OperatorRow, 'active' | 'roles'>, role: string): boolean {
  const wanted = normalRole(role);
  return operator.active && operator.roles.some((r) => normalRole(r) === wanted);
}

/** The roles that allow this command (any one of them). */
export function rolesFor(meta: Pick<CommandWho, 'kind' | 'role'>): readonly string[] {
  if (meta.role !== undefined) return [normalRole(meta.role)];
  const group = meta.kind.startsWith('stock:') ? 'stock' : meta.kind.startsWith('money:') ? 'money' : meta.kind;
  // A kind missing from the table is admin-only until someone says otherwise.
  return (ROLES_BY_KIND as Record<string, readonly string[]>)[group] ?? [ADMIN_ROLE];
}

/** What the pipeline knows about the command's operator, read in its transaction. */
export interface OperatorGate {
  /** Whether any operator is defined: none = single-operator mode, every command allowed. */
  anyOperators: boolean;
  operator: OperatorRow | undefined;
}

/** undefined when the command may run; else the refusal, naming the operator and the role. */
export function permissionRefusal(gate: OperatorGate, meta: CommandWho): Refused | undefined {
  if (ENGINE_KINDS.has(meta.kind) || !gate.anyOperators) return undefined;
  const roles = rolesFor(meta);
  const { operator } = gate;
  if (operator && roles.some((r) => mayTakeRole(operator, r))) return undefined;
  const role = roles.join('/');
  const params = { operator: meta.operator, role };
  if (!operator) return notPermitted(`No operator is signed in as ${meta.operator} on this counter: sign in, then try again. Nothing was changed.`, { ...params, reason: 'not-signed-in' });
  const name = operator.name;
  if (!operator.active) return notPermitted(`${name} is deactivated and may not work the counter; nothing was changed.`, { ...params, reason: 'inactive', name });
  return notPermitted(`${name} may not act as ${role}; nothing was changed. Ask someone who may, or an admin to give ${name} this role.`, { ...params, reason: 'role', name });
}

/** Whether some active operator can still manage operators (else no one could ever again). */
export function keepsAnAdmin(operators: ReadonlyArray<Pick<OperatorRow, 'active' | 'roles'>>): boolean {
  return operators.some((o) => mayTakeRole(o, ADMIN_ROLE));
}

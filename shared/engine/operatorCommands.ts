// Operators as commands (add, change, deactivate: admin only, through the one pipeline) and
// the sign-in of this counter's session: by badge, or by name + PIN with a growing delay
// after wrong PINs. Every attempt is logged; what was typed never is.
import type { OperatorResult, OperatorView, Refused, SetUpResult } from '../api';
import type { CounterDb } from '../db/database';
import type { OperatorRow, PinHash, SignInRow } from '../db/rows';
import { newId } from '../ids';
import { addOperatorSchema, nameKeyOf, operatorIdSchema, recoverPinSchema, signInSchema, updateOperatorSchema } from './operatorInput';
import { ADMIN_ROLE, keepsAnAdmin, mayTakeRole } from '../operators/permissions';
import { newRecoveryCode, normalRecoveryCode } from '../operators/recovery';
import { hashPin, verifyPin } from '../operators/pin';
import { SIGN_IN_ROWS_READ, signInWait } from '../operators/rateLimit';
import { parseArg, refused, type CommandKind, type CommandMeta } from './command';
import { storageFailed } from './storageRefusal';
import { commandOptionsSchema } from './input';
import { runCommand } from './pipeline';
import type { CommandStorage } from './storage';

/** Who this counter's commands are made as, between sign-in and sign-out. */
export interface Session {
  operatorId: string | null;
}

export interface OperatorContext {
  storage: CommandStorage;
  db: CounterDb;
  deviceId: string;
  operator: () => string;
  now: () => number;
  session: Session;
  /** PBKDF2 iterations for new PIN hashes (tests lower it; verifying uses each hash's own). */
  pinIterations: number;
}

export function viewOf(row: OperatorRow): OperatorView {
  return { id: row.id, name: row.name, badge: row.badge, roles: [...row.roles], active: row.active };
}

/** Names and badges identify a person at sign-in: each belongs to one operator only. */
function clashRefusal(all: readonly OperatorRow[], row: OperatorRow): Refused | undefined {
  for (const other of all) {
    if (other.id === row.id) continue;
    if (other.nameKey === row.nameKey) return refused('invalid-input', `input.name: another operator is already called ${other.name}; nothing was changed.`, { reason: 'name-taken', field: 'input.name', name: other.name });
    if (other.badge === row.badge) return refused('invalid-input', `input.badge: this badge belongs to ${other.name}; nothing was changed.`, { reason: 'badge-taken', field: 'input.badge', name: other.name });
  }
  return undefined;
}

const NO_ADMIN_LEFT = 'input.roles: no active operator could act as Admin (A) after this, and then no one could manage operators; nothing was changed.';

const seconds = (ms: number) => Math.ceil(ms / 1000);

export function createOperatorCommands(ctx: OperatorContext) {
  const { storage, db, session } = ctx;
  const meta = (kind: CommandKind, commandId?: string, operator?: string): CommandMeta => ({ commandId: commandId ?? newId(), kind, deviceId: ctx.deviceId, operator: operator ?? ctx.operator(), at: ctx.now() });

  /** One operator change through the pipeline. The PIN's hash is made before the
   *  transaction (Web Crypto is not an IndexedDB request: awaiting it inside would end the
   *  transaction); the payload says only whether a PIN was given (its digest is a fast hash). */
  async function change(kind: CommandKind, options: unknown, payload: object, next: (existing: OperatorRow[]) => OperatorRow | Refused, as?: string): Promise<OperatorResult> {
    const o = parseArg(commandOptionsSchema, options, 'options');
    if (!o.ok) return o.refusal;
    return runCommand<{ ok: true; operator: OperatorView }>(storage, meta(kind, o.value?.commandId, as), payload, async (tx) => {
      const all = await tx.operators();
      const row = next(all);
      if ('ok' in row) return { result: row };
      const bad = clashRefusal(all, row);
      if (bad) return { result: bad };
      const after = [...all.filter((x) => x.id !== row.id), row];
      if (!keepsAnAdmin(after)) return { result: refused('invalid-input', NO_ADMIN_LEFT, { reason: 'no-admin-left', field: 'input.roles' }) };
      return { result: { ok: true, operator: viewOf(row) }, write: (w) => w.putOperator(row) };
    });
  }

  async function addOperator(input: unknown, options?: unknown): Promise<OperatorResult> {
    const p = parseArg(addOperatorSchema, input, 'input');
    if (!p.ok) return p.refusal;
    const { pin, ...fields } = p.value;
    const pinHash = await hashPin(pin, ctx.pinIterations);
    const id = newId();
    const at = ctx.now();
    return change('add-operator', options, { ...fields, pin: true }, () => ({ id, ...fields, nameKey: nameKeyOf(fields.name), active: true, pinHash, createdAt: at, updatedAt: at }));
  }

  async function updateOperator(input: unknown, options?: unknown, kind: CommandKind = 'update-operator'): Promise<OperatorResult> {
    const p = parseArg(updateOperatorSchema, input, 'input');
    if (!p.ok) return p.refusal;
    const { pin, ...fields } = p.value;
    const pinHash: PinHash | undefined = pin === undefined ? undefined : await hashPin(pin, ctx.pinIterations);
    const at = ctx.now();
    return change(kind, options, { ...fields, pin: pin !== undefined }, (all) => {
      const existing = all.find((x) => x.id === fields.id);
      if (!existing) return refused('not-found', `No operator with id ${fields.id}.`, { reason: 'unknown-operator', id: fields.id });
      const name = fields.name ?? existing.name;
      return { ...existing, ...fields, name, nameKey: nameKeyOf(name), pinHash: pinHash ?? existing.pinHash, updatedAt: at };
    });
  }

  async function deactivateOperator(id: unknown, options?: unknown): Promise<OperatorResult> {
    const p = parseArg(operatorIdSchema, id, 'id');
    if (!p.ok) return p.refusal;
    return updateOperator({ id: p.value, active: false }, options, 'deactivate-operator');
  }

  /** First start: the first admin (every role given) and the admin recovery code, which is
   *  returned this once and stored only as a hash. Only while no operator exists (in
   *  single-operator mode, so the pipeline lets it through); the window is then signed in
   *  as that admin, who has just typed the PIN. */
  async function setUpOperators(input: unknown, options?: unknown): Promise<SetUpResult> {
    const p = parseArg(addOperatorSchema, input, 'input');
    if (!p.ok) return p.refusal;
    const { pin, ...fields } = p.value;
    const roles = fields.roles.includes(ADMIN_ROLE) ? fields.roles : [...fields.roles, ADMIN_ROLE];
    const recoveryCode = newRecoveryCode();
    const [pinHash, recoveryHash] = await Promise.all([hashPin(pin, ctx.pinIterations), hashPin(normalRecoveryCode(recoveryCode), ctx.pinIterations)]);
    const at = ctx.now();
    const row: OperatorRow = { id: newId(), ...fields, roles, nameKey: nameKeyOf(fields.name), active: true, pinHash, recoveryHash, createdAt: at, updatedAt: at };
    const result = await change('set-up-operators', options, { ...fields, roles, pin: true }, (all) =>
      all.length > 0 ? refused('not-allowed-in-state', 'Operators are already set up on this counter; an admin adds more in Settings → Operators. Nothing was changed.', { reason: 'already-set-up' }) : row,
    );
    if (!result.ok) return result;
    await log(row.id, 'pin', 'ok');
    session.operatorId = row.id;
    return { ...result, recoveryCode };
  }

  /** A forgotten admin PIN: the recovery code proves the right to set a new one. The code is
   *  spent: a new one is returned (to write down) and the window signs in as that admin.
   *  Wrong codes count like wrong PINs (the same growing delay, logged as 'recovery'). */
  async function recoverAdminPin(input: unknown): Promise<SetUpResult> {
    const p = parseArg(recoverPinSchema, input, 'input');
    if (!p.ok) return p.refusal;
    const v = p.value;
    const wrong = (waitMs: number) =>
      refused('sign-in-failed', `The name or the recovery code is wrong.${waitMs > 0 ? ` Wait ${seconds(waitMs)} s before the next try.` : ''}`, { reason: 'wrong-recovery', waitSeconds: seconds(waitMs) });
    const row = await db.operators.where('nameKey').equals(nameKeyOf(v.name)).first();
    if (!row || !row.recoveryHash || !mayTakeRole(row, ADMIN_ROLE)) {
      await log(row?.id ?? null, 'recovery', 'unknown');
      return wrong(0);
    }
    const recent = await recentSignIns(row.id);
    const wait = signInWait(recent, ctx.now());
    if (wait > 0) {
      await log(row.id, 'recovery', 'rate-limited');
      return refused('rate-limited', `Too many wrong tries: wait ${seconds(wait)} s, then try again.`, { waitSeconds: seconds(wait) });
    }
    if (!(await verifyPin(normalRecoveryCode(v.code), row.recoveryHash))) {
      const failed = await log(row.id, 'recovery', 'wrong-pin');
      return wrong(signInWait([failed, ...recent], ctx.now()));
    }
    const recoveryCode = newRecoveryCode();
    const [pinHash, recoveryHash] = await Promise.all([hashPin(v.pin, ctx.pinIterations), hashPin(normalRecoveryCode(recoveryCode), ctx.pinIterations)]);
    const at = ctx.now();
    // Made as the admin: the code stood in for the PIN, so the pipeline checks that admin.
    const result = await change(
      'recover-admin-pin',
      undefined,
      { id: row.id, pin: true },
      (all) => {
        const current = all.find((x) => x.id === row.id);
        if (!current) return refused('not-found', `No operator with id ${row.id}.`, { reason: 'unknown-operator', id: row.id });
        return { ...current, pinHash, recoveryHash, updatedAt: at };
      },
      row.id,
    );
    if (!result.ok) return result;
    await log(row.id, 'recovery', 'ok');
    session.operatorId = row.id;
    return { ...result, recoveryCode };
  }

  async function operators(): Promise<OperatorView[]> {
    const rows = await db.operators.toArray();
    return rows.map(viewOf).sort((a, b) => a.name.localeCompare(b.name));
  }

  // --- sign-in --------------------------------------------------------------------

  async function log(operatorId: string | null, method: SignInRow['method'], outcome: SignInRow['outcome']): Promise<SignInRow> {
    const row: SignInRow = { operatorId, method, outcome, deviceId: ctx.deviceId, at: ctx.now() };
    await db.signIns.add({ ...row });
    return row;
  }

  function recentSignIns(operatorId: string): Promise<SignInRow[]> {
    return db.signIns.where('[operatorId+seq]').between([operatorId, -Infinity], [operatorId, Infinity]).reverse().limit(SIGN_IN_ROWS_READ).toArray();
  }

  function signedInAs(row: OperatorRow): OperatorResult {
    session.operatorId = row.id;
    return { ok: true, operator: viewOf(row) };
  }

  const inactive = (row: OperatorRow) => refused('sign-in-failed', `${row.name} is deactivated; an admin can turn the operator back on.`, { reason: 'inactive', name: row.name });

  async function signInNow(input: unknown): Promise<OperatorResult> {
    const p = parseArg(signInSchema, input, 'input');
    if (!p.ok) return p.refusal;
    const v = p.value;
    if ('badge' in v) {
      const row = await db.operators.where('badge').equals(v.badge).first();
      if (!row) {
        await log(null, 'badge', 'unknown');
        return refused('sign-in-failed', 'This badge belongs to no operator on this counter.', { reason: 'unknown-badge' });
      }
      if (!row.active) return log(row.id, 'badge', 'inactive').then(() => inactive(row));
      await log(row.id, 'badge', 'ok');
      return signedInAs(row);
    }
    const wrong = (waitMs: number) =>
      refused('sign-in-failed', `The name or the PIN is wrong.${waitMs > 0 ? ` Wait ${seconds(waitMs)} s before the next try.` : ''}`, { reason: 'wrong-name-or-pin', waitSeconds: seconds(waitMs) });
    const row = await db.operators.where('nameKey').equals(nameKeyOf(v.name)).first();
    if (!row) {
      await log(null, 'pin', 'unknown');
      return wrong(0);
    }
    const recent = await recentSignIns(row.id);
    const wait = signInWait(recent, ctx.now());
    if (wait > 0) {
      await log(row.id, 'pin', 'rate-limited');
      return refused('rate-limited', `Too many wrong PINs: wait ${seconds(wait)} s, then try again.`, { waitSeconds: seconds(wait) });
    }
    if (!(await verifyPin(v.pin, row.pinHash))) {
      const failed = await log(row.id, 'pin', 'wrong-pin');
      return wrong(signInWait([failed, ...recent], ctx.now()));
    }
    // Said only after the right PIN: it tells whether the person exists.
    if (!row.active) return log(row.id, 'pin', 'inactive').then(() => inactive(row));
    await log(row.id, 'pin', 'ok');
    return signedInAs(row);
  }

  // One sign-in at a time on this counter: two quick tries cannot both pass the delay check.
  let queue: Promise<unknown> = Promise.resolve();
  function queued<R>(attempt: () => Promise<R>): Promise<R | Refused> {
    const run = queue.then(() =>
      attempt().catch((error: unknown) => storageFailed(error, 'The sign-in could not be checked')),
    );
    queue = run;
    return run;
  }

  async function signOut(): Promise<void> {
    session.operatorId = null;
  }

  async function signedIn(): Promise<OperatorView | null> {
    if (session.operatorId === null) return null;
    const row = await db.operators.get(session.operatorId);
    return row ? viewOf(row) : null;
  }

  return {
    addOperator,
    updateOperator: (input: unknown, options?: unknown) => updateOperator(input, options),
    deactivateOperator,
    operators,
    setUpOperators,
    recoverAdminPin: (input: unknown) => queued(() => recoverAdminPin(input)),
    signIn: (input: unknown) => queued(() => signInNow(input)),
    signOut,
    signedIn,
  };
}

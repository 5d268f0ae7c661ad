// The first-start set-up as one command: the shop's name, its currency, who works the counter
// (the first admin with a PIN, or one person alone under a name) and the choice of data are
// decided and written together in one transaction of the pipeline. A counter is then either
// set up as typed or not at all: a refusal (already set up, bad input, a failed write) leaves
// nothing behind, and the same command id sent again has effect once.
import { z } from 'zod';
import type { FirstStartResult, OperatorView } from '../api';
import type { CounterDb } from '../db/database';
import type { OperatorRow, PinHash } from '../db/rows';
import { newId } from '../ids';
import { ADMIN_ROLE } from '../operators/permissions';
import { hashPin } from '../operators/pin';
import { newRecoveryCode, normalRecoveryCode } from '../operators/recovery';
import { SUPPORTED_CURRENCIES } from '../settings/currency';
import { settingSchemas } from '../settings/settings';
import { parseArg, refused, type CommandMeta } from './command';
import { commandTables, DexieTx } from './dexieStorage';
import { commandOptionsSchema } from './input';
import type { Session } from './operatorCommands';
import { viewOf } from './operatorCommands';
import { badgeSchema, nameKeyOf, operatorNameSchema, operatorRolesSchema, pinSchema } from './operatorInput';
import { runCommand } from './pipeline';
import type { CommandStorage, StorageTx } from './storage';

const CURRENCY_CODES = SUPPORTED_CURRENCIES.map((c) => c.code) as [string, ...string[]];

export const firstStartSchema = z
  .object(
    {
      shopName: settingSchemas.shopName,
      currency: z.enum(CURRENCY_CODES, { error: `the currency is one of ${CURRENCY_CODES.join(', ')}` }),
      name: operatorNameSchema,
      /** With a PIN: the first operator, an admin. Without: one person alone under the name. */
      pin: pinSchema.optional(),
      badge: badgeSchema.optional(),
      /** The first admin's roles besides Admin (every role, from the set-up form). */
      roles: operatorRolesSchema.optional(),
      data: z.enum(['empty', 'demo'], { error: 'the data is "empty" or "demo"' }),
    },
    { error: 'give the set-up as { shopName, currency, name, pin?, badge?, roles?, data }' },
  )
  .strict();


/** The set-up's reads besides the engine's: the stored settings it must find unset. */
export interface FirstStartTx extends StorageTx {
  settingKeys(keys: readonly string[]): Promise<string[]>;
}

class FirstStartDexieTx extends DexieTx implements FirstStartTx {
  async settingKeys(keys: readonly string[]) {
    const rows = await this.db.settings.bulkGet([...keys]);
    return rows.flatMap((r) => (r ? [r.key] : []));
  }
}

export function firstStartStorage(db: CounterDb): CommandStorage<FirstStartTx> {
  return {
    transaction: (body) => db.transaction('rw', commandTables(db), async () => body(new FirstStartDexieTx(db))),
    read: (body) => db.transaction('r', commandTables(db), async () => body(new FirstStartDexieTx(db))),
  };
}

export interface FirstStartContext {
  storage: CommandStorage<FirstStartTx>;
  deviceId: string;
  operator: () => string;
  now: () => number;
  session: Session;
  /** The sign-in log: the first admin's set-up signs them in, as a PIN sign-in would. */
  db: Pick<CounterDb, 'signIns'>;
  pinIterations: number;
  /** Told of the settings written (the engine follows the single operator's name). */
  onSetting?: (key: 'singleOperatorName', value: unknown) => void;
}

const ALREADY = 'This counter is set up already; change the shop, currency and operators in Settings. Nothing was changed.';

export function createFirstStartCommand(ctx: FirstStartContext) {
  async function firstStart(input: unknown, options?: unknown): Promise<FirstStartResult> {
    const p = parseArg(firstStartSchema, input, 'input');
    if (!p.ok) return p.refusal;
    const o = parseArg(commandOptionsSchema, options, 'options');
    if (!o.ok) return o.refusal;
    const v = p.value;
    const currency = SUPPORTED_CURRENCIES.find((c) => c.code === v.currency)!;
    const at = ctx.now();
    // PIN and recovery code hashes are made before the transaction (Web Crypto is not an
    // IndexedDB request: awaiting it inside would end the transaction).
    let admin: { row: OperatorRow; code: string } | undefined;
    if (v.pin !== undefined) {
      const code = newRecoveryCode();
      const [pinHash, recoveryHash]: PinHash[] = await Promise.all([hashPin(v.pin, ctx.pinIterations), hashPin(normalRecoveryCode(code), ctx.pinIterations)]);
      const given = v.roles ?? [];
      const roles = given.includes(ADMIN_ROLE) ? given : [...given, ADMIN_ROLE];
      const row: OperatorRow = { id: newId(), name: v.name, nameKey: nameKeyOf(v.name), badge: v.badge ?? `OP-${newId().slice(0, 8).toUpperCase()}`, roles, active: true, pinHash, recoveryHash, createdAt: at, updatedAt: at };
      admin = { row, code };
    }
    // What the stored command and its digest hold: never the PIN or the code.
    const payload = { shopName: v.shopName, currency: v.currency, name: v.name, pin: v.pin !== undefined, data: v.data };
    // Made as the person it sets up: the audit's first row names them, not the counter's
    // default id (a counter with operators already refuses it either way).
    const operator = v.pin === undefined ? v.name : ctx.operator();
    const meta: CommandMeta = { commandId: o.value?.commandId ?? newId(), kind: 'first-start', deviceId: ctx.deviceId, operator, at };
    let repeated = false;
    const result = await runCommand<{ ok: true; data: 'empty' | 'demo'; operator?: OperatorView }, FirstStartTx>(
      ctx.storage,
      meta,
      payload,
      async (tx) => {
        const [operators, done] = await Promise.all([tx.operators(), tx.settingKeys(['firstStart'])]);
        if (done.length > 0 || operators.length > 0) return { result: refused('not-allowed-in-state', ALREADY, { reason: 'already-set-up' }) };
        return {
          result: { ok: true as const, data: v.data, ...(admin ? { operator: viewOf(admin.row) } : {}) },
          write: async (w) => {
            await Promise.all([
              w.putSetting('shopName', v.shopName),
              w.putSetting('currency', { code: currency.code, digits: currency.digits }),
              admin ? w.putOperator(admin.row) : w.putSetting('singleOperatorName', v.name),
              w.putSetting('firstStart', { choice: v.data, at }),
            ]);
          },
        };
      },
      { onDuplicate: () => (repeated = true) },
    );
    if (!result.ok) return result;
    if (repeated) return { ...result, repeated: true };
    if (admin) {
      // The first admin has just typed the PIN: this counter is signed in as them.
      ctx.session.operatorId = admin.row.id;
      await ctx.db.signIns.add({ operatorId: admin.row.id, method: 'pin', outcome: 'ok', deviceId: ctx.deviceId, at: ctx.now() }).catch(() => undefined);
      return { ...result, recoveryCode: admin.code };
    }
    ctx.onSetting?.('singleOperatorName', v.name);
    return result;
  }
  return { firstStart };
}

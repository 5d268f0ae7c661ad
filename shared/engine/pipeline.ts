// The one command pipeline: every write of the counter (order, stock, voucher, timer,
// setting, workflow install, demo import) runs here — check the command id, read, decide
// (pure), write, store the result — in one transaction of the storage it is given.
// It never throws: whatever goes wrong comes back as a refusal, and a refusal wrote nothing.
import type { Refused } from '../api';
import { isStockRefusal } from '../inventory/refusals';
import { permissionRefusal } from '../operators/permissions';
import { commandDigest, EngineRefusal, refused, type CommandMeta } from './command';
import type { CommandStorage, StorageTx } from './storage';
import { storageFailed } from './storageRefusal';

/** What a command decided: its result, and when applied, how to write it. */
export interface Plan<R, Tx extends StorageTx = StorageTx> {
  result: R | Refused;
  write?: (tx: Tx) => Promise<void>;
}

export interface RunHooks {
  /** Called when the command id was applied before (its stored result is returned). */
  onDuplicate?: () => void;
}

/** A random attendance code or id can clash with a stored key (1 in 10^10 per code): the
 *  transaction then wrote nothing, so deciding again with fresh values is safe. */
const KEY_CLASH_RETRIES = 3;

function isKeyClash(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return name === 'ConstraintError' || name === 'BulkError';
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

export async function runCommand<R extends { ok: true }, Tx extends StorageTx = StorageTx>(
  storage: CommandStorage<Tx>,
  meta: CommandMeta,
  payload: unknown,
  plan: (tx: Tx) => Promise<Plan<R, Tx>>,
  hooks: RunHooks = {},
): Promise<R | Refused> {
  let digest: string;
  try {
    digest = commandDigest(meta.kind, payload);
  } catch (error) {
    // A payload that contains itself, or whose fields cannot be read (a getter that throws).
    const reason = errorText(error);
    return refused('invalid-input', `The command's data cannot be read (${reason}); nothing was changed.`, { reason: 'unreadable', field: 'command', cause: reason });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await storage.transaction(async (tx): Promise<R | Refused> => {
        // The permission and duplicate checks and the reads for deciding go out together
        // (a refusal or a repeat is rare); their decision, or its failure, is then ignored.
        const [gate, previous, planned] = await Promise.all([
          tx.operatorGate(meta.operator),
          tx.command(meta.commandId),
          plan(tx).then(
            (p) => ({ p }),
            (error: unknown) => ({ error }),
          ),
        ]);
        // Whatever the window sent: the operator must exist, be active and take the role.
        const notPermitted = permissionRefusal(gate, meta);
        if (notPermitted) return notPermitted;
        if (previous) {
          const same = previous.kind === meta.kind && (previous.digest === undefined || previous.digest === digest);
          if (!same) {
            return refused(
              'command-id-conflict',
              `Command id ${meta.commandId} was already used for another command (${previous.kind}); nothing was changed. Send a new id.`,
              { commandId: meta.commandId, kind: previous.kind },
            );
          }
          hooks.onDuplicate?.();
          return previous.result as R;
        }
        if ('error' in planned) throw planned.error;
        const { result, write } = planned.p;
        if (!result.ok) return result;
        await Promise.all([
          write?.(tx),
          tx.saveCommand({
            id: meta.commandId,
            kind: meta.kind,
            deviceId: meta.deviceId,
            operator: meta.operator,
            ...(meta.role === undefined ? {} : { role: meta.role.trim().toUpperCase() }),
            at: meta.at,
            digest,
            result,
          }, payload),
        ]);
        return result;
      });
    } catch (error) {
      if (isStockRefusal(error)) return error.toRefused();
      if (error instanceof EngineRefusal) return error.refusal;
      if (attempt < KEY_CLASH_RETRIES && isKeyClash(error)) continue;
      return storageFailed(error);
    }
  }
}

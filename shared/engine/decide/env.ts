// What every decision is given and returns, and the guard that turns a throwing rule or
// effect into a refusal: a refused command leaves nothing to write.
import type { EntityRef } from '../../db/rows';
import type { ActionInput, InputBounds } from '../../workflow/input';
import type { Refused } from '../../api';
import type { WorkflowRegistry } from '../../workflows';
import type { Periods } from '../../settings/periods';
import { isStockRefusal } from '../../inventory/refusals';
import { EngineRefusal, refused } from '../command';

export { EngineRefusal };
import type { OrderWork } from '../work';

/** Code that effects may name ("handler" effects) for what cannot be said as data. `input`
 *  is what the person's action carried (checked against its declaration; {} for system steps). */
export type EffectHandler = (work: OrderWork, subject: EntityRef, input: ActionInput) => void;

export interface EngineEnv {
  registry: WorkflowRegistry;
  periods: Periods;
  handlers: Readonly<Record<string, EffectHandler>>;
  newId: () => string;
  /** A fresh 10-digit attendance code. */
  voucherCode: () => string;
  /** The counter's UTC offset in minutes, for where a valid-until day ends; UTC when absent. */
  utcOffsetMinutes?: number;
  /** The lists kept as data a choice may name (the active carriers), read in the command's
   *  transaction; absent where the engine has no such tables (the sync server). */
  choiceLists?: InputBounds['lists'];
}

export interface Decision<R> {
  result: R;
  work: OrderWork | null;
}


/** Runs `body`; a refusal or a throwing effect leaves nothing to write. */
export function guarded<R extends { ok: boolean }>(work: OrderWork, body: () => R): Decision<R | Refused> {
  try {
    const result = body();
    return { result, work: result.ok ? work : null };
  } catch (error) {
    if (isStockRefusal(error)) return { result: error.toRefused(), work: null };
    if (error instanceof EngineRefusal) return { result: error.refusal, work: null };
    const message = error instanceof Error ? error.message : String(error);
    return { result: refused('effect-failed', `Nothing was changed: ${message}`, { reason: message }), work: null };
  }
}

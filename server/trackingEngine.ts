// The tracking commands on the server: the counter's own factory (shared/tracking/commands.ts)
// over the PostgreSQL storage, with the row ids derived from each pushed command's id, so
// the server's shipments, checkpoints and exceptions are the counter's row for row.
import { defaultCarrierRows } from '../shared/db/database';
import { BUILT_IN_HANDLERS } from '../shared/engine/handlers';
import type { OtherTimerFirer } from '../shared/engine/orderCommands';
import type { CommandStorage } from '../shared/engine/storage';
import type { WorkflowSource } from '../shared/engine/workflowLoader';
import { newId } from '../shared/ids';
import { createTrackingCommands, trackingEnvOf, type TrackingCommands } from '../shared/tracking/commands';
import { LATE_TIMER_KEY } from '../shared/tracking/decide';
import type { TrackingTx } from '../shared/tracking/storage';

export type ServerTrackingCommands = TrackingCommands;

interface TrackingEngineContext {
  storage: CommandStorage<TrackingTx>;
  source: WorkflowSource;
  deviceId: string;
  operator: () => string;
  now: () => number;
}

export function trackingCommandsFor(ctx: TrackingEngineContext, voucherCode?: () => string): { commands: ServerTrackingCommands; timerFirers: Record<string, OtherTimerFirer> } {
  const { fireLateTimer, ...commands } = createTrackingCommands({ ...ctx, envOf: trackingEnvOf(ctx.source.registry, BUILT_IN_HANDLERS, voucherCode), newId });
  return { commands, timerFirers: { [LATE_TIMER_KEY]: fireLateTimer } };
}

/** The carriers a new counter starts with, stored once on a server that has none: a pushed
 *  ship names one of them, and the server checks it against the same rows. */
export async function storeDefaultCarriers(storage: CommandStorage<TrackingTx>, now: number): Promise<void> {
  await storage.transaction(async (tx) => {
    if ((await tx.carriers()).length === 0) for (const row of defaultCarrierRows(now)) await tx.putCarrier(row);
  });
}

// Applying a push: each command in the device's order, each through the pipeline in its
// own transaction (a refusal of one never undoes another). A command id applied before
// answers with its stored result and has no effect (the pipeline does that); one refused
// before answers with its kept refusal (refusals.ts) and is not decided again.
import type { Database } from '../db/sql';
import type { ServerEngine } from '../engine';
import { PUSH_KINDS, type PushResult } from './dispatch';
import { keepRefusal, storedRefusal } from './refusals';
import type { PushBody } from './schema';

export interface PushAnswer {
  results: Array<{ commandId: string; result: PushResult }>;
}

/** The device a push came from, as its token says (never as the body says). */
export interface PushingDevice {
  id: string;
  prefix: string;
}

export async function applyPush(engine: ServerEngine, database: Database, device: PushingDevice, body: PushBody): Promise<PushAnswer> {
  const results: PushAnswer['results'] = [];
  for (const command of body.commands) {
    const kept = await storedRefusal(database, command);
    if (kept) {
      results.push({ commandId: command.commandId, result: kept });
      continue;
    }
    const commands = engine.commandsFor(device.id, command.operator ?? device.id, device.prefix);
    const result = await PUSH_KINDS[command.kind](commands, command.args, command.commandId);
    if (!result.ok) await keepRefusal(database, device.id, command, result);
    results.push({ commandId: command.commandId, result });
  }
  return { results };
}

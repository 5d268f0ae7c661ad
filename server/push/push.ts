// Applying a push: each command in the device's order, each through the pipeline in its
// own transaction (a refusal of one never undoes another). A command id applied before
// answers with its stored result and has no effect; the pipeline does that.
import type { ServerEngine } from '../engine';
import { PUSH_KINDS, type PushResult } from './dispatch';
import type { PushBody } from './schema';

export interface PushAnswer {
  results: Array<{ commandId: string; result: PushResult }>;
}

/** The device a push came from, as its token says (never as the body says). */
export interface PushingDevice {
  id: string;
  prefix: string;
}

export async function applyPush(engine: ServerEngine, device: PushingDevice, body: PushBody): Promise<PushAnswer> {
  const results: PushAnswer['results'] = [];
  for (const command of body.commands) {
    const commands = engine.commandsFor(device.id, command.operator ?? device.id, device.prefix);
    const result = await PUSH_KINDS[command.kind](commands, command.args, command.commandId);
    results.push({ commandId: command.commandId, result });
  }
  return { results };
}

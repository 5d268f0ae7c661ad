// Applying a push: each command in the device's order, each through the pipeline in its
// own transaction (a refusal of one never undoes another). A command id applied before
// answers with its stored result and has no effect (the pipeline does that); one refused
// before answers with its kept refusal (refusals.ts) and is not decided again.
import type { Database } from '../db/sql';
import { followSsccDevice } from '../devices/ssccDevice';
import type { ServerEngine } from '../engine';
import { PUSH_KINDS, type PushResult } from './dispatch';
import { answerOfKept, keepRefusal, keptRefusals } from './refusals';
import type { PushBody } from './schema';

export interface PushAnswer {
  results: Array<{ commandId: string; result: PushResult }>;
}

/** The device a push came from, as its token says (never as the body says). */
export interface PushingDevice {
  id: string;
  prefix: string;
}

/** The push each device is applying now (the server is one process): a device's pushes
 *  take turns — a push it sent again before the first was answered waits for that one —
 *  so the refusals read at the start of a push are still all there are for its ids. */
const applying = new Map<string, Promise<unknown>>();

function inTurn<T>(deviceId: string, run: () => Promise<T>): Promise<T> {
  const before = applying.get(deviceId) ?? Promise.resolve();
  const mine = before.then(run, run);
  const tail = mine.catch(() => undefined);
  applying.set(deviceId, tail);
  void tail.then(() => {
    if (applying.get(deviceId) === tail) applying.delete(deviceId);
  });
  return mine;
}

export function applyPush(engine: ServerEngine, database: Database, device: PushingDevice, body: PushBody): Promise<PushAnswer> {
  return inTurn(device.id, async () => {
    // Before the first command: the counter made every one of them with this number.
    if (body.ssccDevice !== undefined) await followSsccDevice(engine.storage, device.id, body.ssccDevice);
    // The push's kept refusals in one read, and those kept while it runs (an id sent twice).
    const kept = await keptRefusals(database, body.commands.map((c) => c.commandId));
    const results: PushAnswer['results'] = [];
    for (const command of body.commands) {
      const before = kept.get(command.commandId);
      if (before) {
        results.push({ commandId: command.commandId, result: answerOfKept(before, command) });
        continue;
      }
      const commands = engine.commandsFor(device.id, command.operator ?? device.id, device.prefix);
      const result = await PUSH_KINDS[command.kind](commands, command.args, command.commandId);
      if (!result.ok) {
        const now = await keepRefusal(database, device.id, command, result);
        if (now) kept.set(command.commandId, now);
      }
      results.push({ commandId: command.commandId, result });
    }
    return { results };
  });
}

// A device's pushes take turns (push.ts): a push the device sent again before the first was
// answered starts when the first has ended, so the kept refusals it reads at its start are
// all there are; pushes of different devices run side by side.
import { describe, expect, it } from 'vitest';
import type { ServerEngine, DeviceCommands } from '../engine';
import { useTestServer } from '../testing/testApp';
import { applyPush } from './push';

const server = useTestServer();

/** An engine whose `stock:receive` logs when it starts and ends, and waits a little. */
function loggingEngine(log: string[]): ServerEngine {
  const receive = async (m: { sku: string }, o: { commandId: string }) => {
    log.push(`start ${o.commandId}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    log.push(`end ${o.commandId}`);
    return { ok: true as const };
  };
  return { storage: server.engine.storage, commandsFor: () => ({ receive }) as unknown as DeviceCommands };
}

const body = (...ids: string[]) => ({ commands: ids.map((commandId) => ({ commandId, kind: 'stock:receive' as const, args: [{ sku: 'S', locationId: 'main', qty: 1 }] })) });

describe('pushes of one device', () => {
  it('take turns: the second starts when the first has ended', async () => {
    const log: string[] = [];
    const engine = loggingEngine(log);
    const device = { id: 'dev-1', prefix: 'D1' };
    await Promise.all([applyPush(engine, server.database, device, body('a1', 'a2')), applyPush(engine, server.database, device, body('b1'))]);
    expect(log).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start b1', 'end b1']);
  });

  it("run beside another device's", async () => {
    const log: string[] = [];
    const engine = loggingEngine(log);
    await Promise.all([applyPush(engine, server.database, { id: 'dev-1', prefix: 'D1' }, body('a1')), applyPush(engine, server.database, { id: 'dev-2', prefix: 'D2' }, body('b1'))]);
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });
});

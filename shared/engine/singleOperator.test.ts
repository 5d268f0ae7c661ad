// Single-operator mode names its one person: a name given when the set-up is skipped is
// what every later command, event and scan carries (not the configured "counter" id), in
// this engine at once and in another engine on the same database as soon as it is saved.
import { describe, expect, it } from 'vitest';
import { openCounter } from './counter';
import { testCounter } from './testing/counter';
import { createOk } from './testing/flows';

describe('the single operator', () => {
  it('commands, events and scans carry the name given, here and in a second engine on the database', async () => {
    const { counter, clock } = await testCounter();
    expect(counter.operator).toBe('tester');
    expect(await counter.setSetting('singleOperatorName', '  Sam Li ')).toEqual({ ok: true });
    expect(counter.operator).toBe('Sam Li');
    const id = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] });
    const batches = await counter.db.events.where('[orderId+seq]').between([id, 0], [id, Infinity]).toArray();
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every((b) => b.operator === 'Sam Li')).toBe(true);
    const created = (await counter.db.commands.toArray()).filter((c) => c.kind === 'create-order');
    expect(created.map((c) => c.operator)).toEqual(['Sam Li']);
    await counter.logScan({ raw: 'X', type: 'unknown', screen: 'boards', ok: false, message: 'm' });
    expect((await counter.db.scans.toArray()).at(-1)).toMatchObject({ operator: 'Sam Li' });

    const other = await openCounter({ dbName: counter.db.name, now: () => clock.now, deviceId: 'dev-2', operator: 'counter' });
    expect(other.operator).toBe('Sam Li');
    expect(await counter.setSetting('singleOperatorName', 'Sam')).toEqual({ ok: true });
    await expect.poll(() => other.operator).toBe('Sam');
    await other.close();
  });

  it('a name that is empty, too long or holds control characters is refused and changes nothing', async () => {
    const { counter } = await testCounter();
    for (const bad of ['', '   ', 'x'.repeat(101), 'Sam\u0007', 42, null] as unknown[]) {
      expect(await counter.setSetting('singleOperatorName', bad as never)).toMatchObject({ ok: false, code: 'invalid-input' });
    }
    expect(counter.operator).toBe('tester');
    expect(await counter.db.settings.get('singleOperatorName')).toBeUndefined();
  });
});

// The HTTP interface through Fastify's inject: health, pushes applied in order with one
// result each, a repeated push answered from the stored results, bad requests refused
// whole with a clear message and no effect.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderRow } from '../shared/db/rows';
import { MAX_PUSH_COMMANDS } from './push/schema';
import { dumpRows, rowsOf } from './testing/pglite';
import { enrolDevice, useTestServer } from './testing/testApp';

const server = useTestServer({ now: () => Date.UTC(2026, 10, 22, 9) });
/** Device tokens by name, enrolled afresh before each test. */
const tokens: Record<string, string> = {};

beforeEach(async () => {
  for (const name of ['counter-a', 'counter-b']) tokens[name] = (await enrolDevice(server.app, name)).token;
});

const shop = [
  { commandId: 'loc-1', kind: 'stock:add-location', args: [{ id: 'main', name: 'Main store', priority: 1 }] },
  { commandId: 'prod-1', kind: 'stock:add-product', args: [{ sku: 'SKU-1', name: 'Product 1', price: 10 }] },
  { commandId: 'recv-1', kind: 'stock:receive', args: [{ sku: 'SKU-1', locationId: 'main', qty: 3 }] },
  { commandId: 'order-1', kind: 'create-order', args: ['product', { buyerId: 'buyer-1', lines: [{ sku: 'SKU-1', qty: 2, price: 10 }] }], operator: 'ann' },
];

/** A push from an enrolled device (the body's old deviceId is left out: the token says who). */
const push = (payload: unknown) => {
  const { deviceId = 'counter-a', ...body } = payload as { deviceId?: string };
  return server.app.inject({ method: 'POST', url: '/push', headers: { authorization: `Bearer ${tokens[deviceId] ?? 'no-such-token'}` }, payload: body });
};

describe('the sync server over HTTP', () => {
  it('answers its health', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true });
  });

  it('applies a push in order, one result per command, each with its device and operator', async () => {
    const r = await push({ deviceId: 'counter-a', commands: shop });
    expect(r.statusCode).toBe(200);
    const { results } = r.json<{ results: Array<{ commandId: string; result: { ok: boolean; orderId?: string } }> }>();
    expect(results.map((x) => [x.commandId, x.result.ok])).toEqual(shop.map((c) => [c.commandId, true]));
    const orderId = results[3]!.result.orderId!;
    const [order] = await rowsOf<OrderRow>(server.pglite, 'orders');
    const devices = await server.pglite.query<{ id: string; name: string }>('SELECT id, name FROM devices');
    const deviceA = devices.rows.find((d) => d.name === 'counter-a')!.id;
    expect(order).toMatchObject({ id: orderId, deviceId: deviceA, operator: 'ann' });

    // The order can be paid by a later push, from another device.
    const paid = await push({ deviceId: 'counter-b', commands: [{ commandId: 'pay-1', kind: 'act', args: [{ kind: 'order', id: orderId }, 'P', 'payment successful'] }] });
    expect(paid.json()).toMatchObject({ results: [{ commandId: 'pay-1', result: { ok: true } }] });
  });

  it('a refused command is answered with its reason and does not stop the others', async () => {
    const r = await push({
      deviceId: 'counter-a',
      commands: [...shop.slice(0, 3), { commandId: 'too-many', kind: 'create-order', args: ['product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 9, price: 10 }] }] }, shop[3]],
    });
    expect(r.json()).toMatchObject({
      results: [{}, {}, {}, { commandId: 'too-many', result: { ok: false, code: 'insufficient-stock', message: expect.any(String) } }, { commandId: 'order-1', result: { ok: true } }],
    });
  });

  it('a refused command is kept with its reason: a repeat answers the same refusal, never applies it later', async () => {
    const tooMany = { commandId: 'too-many', kind: 'create-order', args: ['product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 9, price: 10 }] }] };
    const first = await push({ deviceId: 'counter-a', commands: [...shop.slice(0, 3), tooMany] });
    const refusal = first.json<{ results: Array<{ result: unknown }> }>().results[3]!.result;
    expect(refusal).toMatchObject({ ok: false, code: 'insufficient-stock' });
    const kept = await server.pglite.query<{ device_id: string; kind: string; result: unknown }>('SELECT device_id, kind, result FROM refused_commands');
    const [device] = (await server.pglite.query<{ id: string }>("SELECT id FROM devices WHERE name = 'counter-a'")).rows;
    expect(kept.rows).toEqual([{ device_id: device!.id, kind: 'create-order', result: refusal }]);
    // Enough stock now: the same command is still refused as it was (its counter took it back).
    await push({ deviceId: 'counter-a', commands: [{ commandId: 'recv-more', kind: 'stock:receive', args: [{ sku: 'SKU-1', locationId: 'main', qty: 20 }] }] });
    const rows = await dumpRows(server.pglite);
    const again = await push({ deviceId: 'counter-a', commands: [tooMany] });
    expect(again.json()).toEqual({ results: [{ commandId: 'too-many', result: refusal }] });
    expect(await dumpRows(server.pglite)).toEqual(rows);
    // The same id for another command is a conflict, not the old refusal.
    const other = await push({ deviceId: 'counter-a', commands: [{ ...tooMany, args: ['product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1, price: 10 }] }] }] });
    expect(other.json()).toMatchObject({ results: [{ commandId: 'too-many', result: { ok: false, code: 'command-id-conflict' } }] });
    expect(await dumpRows(server.pglite)).toEqual(rows);
  });

  it('a refused command sent again later in the same push answers its kept refusal, even once it could pass', async () => {
    const tooMany = { commandId: 'too-many', kind: 'create-order', args: ['product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 9, price: 10 }] }] };
    const recv = { commandId: 'recv-more', kind: 'stock:receive', args: [{ sku: 'SKU-1', locationId: 'main', qty: 20 }] };
    const r = await push({ deviceId: 'counter-a', commands: [...shop.slice(0, 3), tooMany, recv, tooMany] });
    const results = r.json<{ results: Array<{ result: { ok: boolean; code?: string } }> }>().results;
    expect(results[3]!.result).toMatchObject({ ok: false, code: 'insufficient-stock' });
    expect(results[5]!.result).toEqual(results[3]!.result);
    expect(await rowsOf<OrderRow>(server.pglite, 'orders')).toEqual([]);
  });

  it('a push sent twice has effect once and answers the stored results', async () => {
    const first = await push({ deviceId: 'counter-a', commands: shop });
    const rows = await dumpRows(server.pglite);
    const again = await push({ deviceId: 'counter-a', commands: shop });
    expect(again.json()).toEqual(first.json());
    expect(await dumpRows(server.pglite)).toEqual(rows);
  });

  it('refuses malformed, unknown and oversized requests whole, changing nothing', async () => {
    const before = await dumpRows(server.pglite);
    const cases: Array<[unknown, string]> = [
      [{ deviceId: 'counter-a', commands: [] }, 'commands is empty'],
      [{ deviceId: 'counter-a', commands: [...shop, { commandId: 'x', kind: 'format-disk', args: [] }] }, 'kind must be one of'],
      [{ deviceId: 'counter-a', commands: [{ ...shop[0], commandId: '' }] }, 'commandId is empty'],
      [{ deviceId: 'counter-a', commands: Array.from({ length: MAX_PUSH_COMMANDS + 1 }, (_, i) => ({ ...shop[0], commandId: `c-${i}` })) }, 'send them in several'],
    ];
    for (const [payload, text] of cases) {
      const r = await push(payload);
      expect(r.statusCode, text).toBe(400);
      expect(r.json(), text).toMatchObject({ error: 'invalid-request', message: expect.stringContaining(text) });
    }
    const auth = { authorization: `Bearer ${tokens['counter-a']}` };
    const notJson = await server.app.inject({ method: 'POST', url: '/push', headers: { 'content-type': 'application/json', ...auth }, payload: '{"deviceId":' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ error: 'bad-request' });
    const huge = await server.app.inject({ method: 'POST', url: '/push', headers: { 'content-type': 'application/json', ...auth }, payload: JSON.stringify({ deviceId: 'a', commands: [], pad: 'x'.repeat(22_000_000) }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: 'too-large' });
    expect(await dumpRows(server.pglite)).toEqual(before);
  });

  it('answers any body a device may send without failing: applied, or refused with a reason', async () => {
    const command = fc.record(
      { commandId: fc.oneof(fc.string({ maxLength: 120 }), fc.anything()), kind: fc.oneof(fc.constantFrom('act', 'create-order', 'stock:receive', 'set-setting'), fc.anything()), args: fc.oneof(fc.array(fc.anything(), { maxLength: 4 }), fc.anything()) },
      { requiredKeys: [] },
    );
    const body = fc.oneof(fc.anything(), fc.record({ deviceId: fc.oneof(fc.string({ maxLength: 120 }), fc.anything()), commands: fc.oneof(fc.array(command, { maxLength: 4 }), fc.anything()) }, { requiredKeys: [] }));
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const r = await server.app.inject({ method: 'POST', url: '/push', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens['counter-a']}` }, payload: JSON.stringify(payload) ?? 'null' });
        expect([200, 400]).toContain(r.statusCode);
        const answer = r.json<{ results?: Array<{ result: { ok: boolean; message?: string } }>; message?: string }>();
        if (r.statusCode === 400) expect(answer.message).toMatch(/\S/);
        else for (const { result } of answer.results!) if (!result.ok) expect(result.message).toMatch(/\S/);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('CORS (a counter calls from its own window)', () => {
  it('answers a preflight from any origin for the push with the bearer header, and marks answers as readable', async () => {
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: '/push',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('authorization');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const refused = await server.app.inject({ method: 'GET', url: '/pull', headers: { origin: 'http://x.example' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
  });
});

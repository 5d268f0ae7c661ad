// Devices and pull over HTTP: a one-time code makes one device; unknown, revoked and
// tokenless requests are refused with a reason and change nothing; each device numbers its
// orders with its own prefix; a pull pages the changed rows after a cursor and repeats.
import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../shared/db/rows';
import type { PullPage } from '../shared/sync/tables';
import { dumpRows } from './testing/pglite';
import { adminAuth, enrolDevice, enrolmentCode, useTestServer } from './testing/testApp';

const server = useTestServer();
const newCode = (name: string) => enrolmentCode(server.app, name);
const enrol = (name: string) => enrolDevice(server.app, name);

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const catalog = [
  { commandId: 'loc', kind: 'stock:add-location', args: [{ id: 'main', name: 'Main', priority: 1 }] },
  { commandId: 'prod', kind: 'stock:add-product', args: [{ sku: 'SKU-1', name: 'Product 1', price: 10 }] },
  { commandId: 'recv', kind: 'stock:receive', args: [{ sku: 'SKU-1', locationId: 'main', qty: 10 }] },
];
const orderCommand = (id: string) => ({ commandId: id, kind: 'create-order', args: ['product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1, price: 10 }] }] });

async function pullAll(token: string, limit: number): Promise<{ pages: PullPage[]; cursor: number }> {
  const pages: PullPage[] = [];
  let cursor = 0;
  for (;;) {
    const r = await server.app.inject({ method: 'GET', url: `/pull?after=${cursor}&limit=${limit}`, headers: as(token) });
    expect(r.statusCode).toBe(200);
    const page = r.json<PullPage>();
    pages.push(page);
    expect(page.cursor).toBeGreaterThanOrEqual(cursor);
    cursor = page.cursor;
    if (!page.more) return { pages, cursor };
  }
}

describe('devices', () => {
  it('a code enrols one device once; the device gets a token kept only as a hash and its own prefix', async () => {
    const code = await newCode('Counter 1');
    const first = await server.app.inject({ method: 'POST', url: '/enrol', payload: { code: code.toLowerCase().replace(/-/g, ' ') } });
    expect(first.statusCode).toBe(200);
    const device = first.json<{ deviceId: string; prefix: string; token: string; name: string }>();
    expect(device).toMatchObject({ name: 'Counter 1', prefix: 'D1' });
    const again = await server.app.inject({ method: 'POST', url: '/enrol', payload: { code } });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ error: 'invalid-code', message: expect.stringContaining('new one') });
    const stored = JSON.stringify((await server.pglite.query('SELECT * FROM devices')).rows) + JSON.stringify((await server.pglite.query('SELECT * FROM enrolment_codes')).rows);
    expect(stored).not.toContain(device.token);
    expect(stored).not.toContain(code);
    expect((await enrol('Counter 2')).prefix).toBe('D2');
  });

  it('refuses requests without a token, with an unknown one or from a revoked device, changing nothing', async () => {
    const device = await enrol('Counter 1');
    const before = await dumpRows(server.pglite);
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'unauthenticated'],
      [as('not-a-token'), 'unknown-device'],
    ];
    for (const [headers, error] of cases) {
      for (const r of [
        await server.app.inject({ method: 'POST', url: '/push', headers, payload: { commands: catalog } }),
        await server.app.inject({ method: 'GET', url: '/pull?after=0', headers }),
      ]) {
        expect(r.statusCode).toBe(401);
        expect(r.json()).toMatchObject({ error, message: expect.stringMatching(/\S/) });
      }
    }
    const revoked = await server.app.inject({ method: 'POST', url: `/admin/devices/${device.deviceId}/revoke`, headers: adminAuth });
    expect(revoked.statusCode).toBe(200);
    const refused = await server.app.inject({ method: 'POST', url: '/push', headers: as(device.token), payload: { commands: catalog } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: 'device-revoked', message: expect.stringContaining('Counter 1') });
    expect(await dumpRows(server.pglite)).toEqual(before);
  });

  it('admin calls need the admin token', async () => {
    for (const headers of [{}, as('wrong')]) {
      const r = await server.app.inject({ method: 'POST', url: '/admin/enrolment-codes', headers, payload: { name: 'x' } });
      expect(r.statusCode).toBe(401);
    }
    const bad = await server.app.inject({ method: 'POST', url: '/admin/enrolment-codes', headers: adminAuth, payload: { name: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid-request', message: expect.stringContaining('name is empty') });
  });

  it('two counters number their orders with their own prefixes: never the same number', async () => {
    const [a, b] = [await enrol('A'), await enrol('B')];
    await server.app.inject({ method: 'POST', url: '/push', headers: as(a.token), payload: { commands: catalog } });
    for (const [device, ids] of [[a, ['a1', 'a2']], [b, ['b1']], [a, ['a3']]] as const) {
      const r = await server.app.inject({ method: 'POST', url: '/push', headers: as(device.token), payload: { commands: ids.map(orderCommand) } });
      expect(r.json<{ results: Array<{ result: { ok: boolean } }> }>().results.every((x) => x.result.ok)).toBe(true);
    }
    const numbers = (await server.pglite.query<{ number: string }>('SELECT number FROM orders ORDER BY number')).rows.map((r) => r.number);
    expect(numbers).toEqual(['PO-D1-000001', 'PO-D1-000002', 'PO-D1-000003', 'PO-D2-000001']);
  });
});

describe('pull', () => {
  it('pages every changed row after a cursor, in change order; a repeated pull answers the same; a pull at the head is empty', async () => {
    const device = await enrol('A');
    await server.app.inject({ method: 'POST', url: '/push', headers: as(device.token), payload: { commands: [...catalog, orderCommand('o1'), orderCommand('o2')] } });
    const whole = await pullAll(device.token, 2000);
    expect(whole.pages).toHaveLength(1);
    const small = await pullAll(device.token, 7);
    expect(small.pages.length).toBeGreaterThan(2);
    expect(small.pages.flatMap((p) => p.changes)).toEqual(whole.pages[0]!.changes);
    expect(small.cursor).toBe(whole.cursor);
    const orders = whole.pages[0]!.changes.filter((c) => c.table === 'orders').map((c) => (c.row as OrderRow).number);
    expect(orders).toEqual(['PO-D1-000001', 'PO-D1-000002']);
    // Idempotent: the same cursor answers the same page.
    const again = await server.app.inject({ method: 'GET', url: `/pull?after=0&limit=7`, headers: as(device.token) });
    expect(again.json()).toEqual(small.pages[0]);
    const head = await server.app.inject({ method: 'GET', url: `/pull?after=${whole.cursor}`, headers: as(device.token) });
    // Each page says the device's SSCC number (a counter enrolled before numbers learns it).
    expect(head.json()).toEqual({ changes: [], cursor: whole.cursor, more: false, ssccDevice: 1 });
    // Tables that stay on each device are not pulled.
    const tables = new Set(whole.pages[0]!.changes.map((c) => c.table));
    expect(tables.has('sequences' as never)).toBe(false);
    expect([...tables]).toEqual(expect.arrayContaining(['orders', 'items', 'events', 'commands', 'products', 'stock_levels', 'stock_ledger', 'reservations', 'state_counts']));
  });

  it('after a cursor, only what changed since', async () => {
    const device = await enrol('A');
    await server.app.inject({ method: 'POST', url: '/push', headers: as(device.token), payload: { commands: catalog } });
    const { cursor } = await pullAll(device.token, 500);
    await server.app.inject({ method: 'POST', url: '/push', headers: as(device.token), payload: { commands: [{ commandId: 'more', kind: 'stock:receive', args: [{ sku: 'SKU-1', locationId: 'main', qty: 2 }] }] } });
    const next = await server.app.inject({ method: 'GET', url: `/pull?after=${cursor}`, headers: as(device.token) });
    const tables = next.json<PullPage>().changes.map((c) => c.table).sort();
    expect(tables).toEqual(['commands', 'stock_ledger', 'stock_levels']);
  });

  it('refuses a bad cursor or page size with the reason', async () => {
    const device = await enrol('A');
    for (const [query, text] of [['after=-1', 'after must be 0 or more'], ['after=x', 'after must be a number'], ['limit=0', 'limit must be at least 1'], ['limit=999999', 'limit must be at most']]) {
      const r = await server.app.inject({ method: 'GET', url: `/pull?${query}`, headers: as(device.token) });
      expect(r.statusCode, query).toBe(400);
      expect(r.json<{ message: string }>().message, query).toContain(text);
    }
  });
});

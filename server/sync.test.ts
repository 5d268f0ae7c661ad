// Two counters (Dexie on fake-indexeddb) and the server (PGlite) in one test, talking
// through the server's own HTTP handler: an order made on one shows on the other with the
// same id and number; both selling the last unit offline ends with one order holding it,
// the other counter's taken back and shown with the server's reason; every row agrees.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineCounter } from '../shared/engine/counter';
import type { OrderRow, StockLevelRow, VoucherRow } from '../shared/db/rows';
import type { SyncTransport } from '../shared/sync/client';
import { rowsOf } from './testing/pglite';
import { adminAuth, useTestServer } from './testing/testApp';
import { synced, syncCounters } from './testing/syncCounters';

const URL_BASE = 'http://sync.test';
const server = useTestServer();
/** Off: the counter is offline (the transport cannot reach the server). */
let online = true;

const transport: SyncTransport = async ({ method, url, token, body }) => {
  if (!online) throw new Error('network is down');
  const r = await server.app.inject({ method, url: url.slice(URL_BASE.length), headers: token ? { authorization: `Bearer ${token}` } : {}, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: r.statusCode, body: r.json() };
};

beforeEach(() => {
  online = true;
});

const counterWithSync = syncCounters({ app: () => server.app, transport, url: URL_BASE, dbPrefix: 'sync' });

/** Rows both sides must agree on, by content, in a stable order. */
async function contentOf(counter: EngineCounter) {
  const db = counter.db;
  const sort = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    orders: sort(await db.orders.toArray()),
    items: sort(await db.items.toArray()),
    levels: sort(await db.stockLevels.toArray()),
    reservations: sort(await db.reservations.toArray()),
    ledger: sort((await db.stockLedger.toArray()).map(({ seq: _seq, ...r }) => r)),
    events: sort((await db.events.toArray()).map(({ seq: _seq, ...r }) => r)),
  };
}

describe('two counters through the server', () => {
  it('an order made on A shows on B with the same id and number, then B pays it and A sees that', async () => {
    const a = await counterWithSync('A');
    const b = await counterWithSync('B');
    expect((await a.counter.addLocation({ id: 'main', name: 'Main', priority: 1 })).ok).toBe(true);
    expect((await a.counter.addProduct({ sku: 'SKU-1', name: 'One', price: 10 })).ok).toBe(true);
    expect((await a.counter.receive({ sku: 'SKU-1', locationId: 'main', qty: 5 })).ok).toBe(true);
    const made = await a.counter.createOrder('product', { buyerId: 'buyer', lines: [{ sku: 'SKU-1', qty: 2, price: 20 }] });
    if (!made.ok) throw new Error(made.message);
    expect(made.number).toBe('PO-D1-000001');
    expect(await a.counter.db.outbox.count()).toBe(4);
    await synced(a.sync);
    expect(await a.counter.db.outbox.count()).toBe(0);
    await synced(b.sync);
    const onB = await b.counter.db.orders.get(made.orderId);
    expect(onB).toEqual(await a.counter.db.orders.get(made.orderId));
    expect(onB?.number).toBe('PO-D1-000001');
    expect((await b.counter.act({ kind: 'order', id: made.orderId }, 'P', 'payment successful')).ok).toBe(true);
    await synced(b.sync);
    await synced(a.sync);
    const onA = await a.counter.db.orders.get(made.orderId);
    expect(onA?.state).toBe((await b.counter.db.orders.get(made.orderId))?.state);
    expect(await contentOf(a.counter)).toEqual(await contentOf(b.counter));
    for (const c of [a.counter, b.counter]) expect(await c.checkStock()).toMatchObject({ ok: true });
  }, 60_000);

  it('both sell the last unit offline: one order keeps it, the other is taken back with the reason, and stock agrees everywhere', async () => {
    const a = await counterWithSync('A');
    const b = await counterWithSync('B');
    await a.counter.addLocation({ id: 'main', name: 'Main', priority: 1 });
    await a.counter.addProduct({ sku: 'LAST', name: 'Last one', price: 10 });
    await a.counter.receive({ sku: 'LAST', locationId: 'main', qty: 1 });
    await synced(a.sync);
    await synced(b.sync);

    online = false;
    const fromA = await a.counter.createOrder('product', { buyerId: 'x', lines: [{ sku: 'LAST', qty: 1, price: 10 }] });
    const fromB = await b.counter.createOrder('product', { buyerId: 'y', lines: [{ sku: 'LAST', qty: 1, price: 10 }] });
    expect(fromA.ok && fromB.ok).toBe(true);
    expect(await b.sync.syncOnce()).toMatchObject({ state: 'failed', retry: true, message: expect.stringContaining('cannot be reached') });
    expect(await b.counter.db.outbox.where('status').equals('pending').count()).toBe(1);

    online = true;
    await synced(a.sync);
    expect(await b.sync.syncOnce()).toMatchObject({ state: 'synced', refused: 1 });
    await synced(a.sync);

    // B's order is gone from B, and B's outbox says why.
    if (!fromB.ok || !fromA.ok) throw new Error('unreachable');
    expect(await b.counter.db.orders.get(fromB.orderId)).toBeUndefined();
    const [refusal] = await b.counter.db.outbox.where('status').equals('refused').toArray();
    expect(refusal).toMatchObject({ commandId: expect.any(String), kind: 'create-order', undone: true, refusal: { code: 'insufficient-stock', message: expect.stringMatching(/\S/) } });
    // A's order is on both, holding the unit; levels agree on both counters and the server.
    expect(await b.counter.db.orders.get(fromA.orderId)).toMatchObject({ id: fromA.orderId });
    const serverLevels = await rowsOf<StockLevelRow>(server.pglite, 'stock_levels');
    for (const c of [a.counter, b.counter]) {
      expect(await c.db.stockLevels.toArray()).toEqual(serverLevels);
      expect(await c.checkStock()).toMatchObject({ ok: true });
    }
    expect(serverLevels).toMatchObject([{ sku: 'LAST', onHand: 1, reserved: 1 }]);
    expect(await contentOf(a.counter)).toEqual(await contentOf(b.counter));
    const serverOrders = await rowsOf<OrderRow>(server.pglite, 'orders');
    expect(serverOrders.map((o) => o.id)).toEqual([fromA.orderId]);
  }, 60_000);

  it('a push answered twice (the answer lost on the way) applies each command once', async () => {
    const a = await counterWithSync('A');
    await a.counter.addLocation({ id: 'main', name: 'Main', priority: 1 });
    await a.counter.addProduct({ sku: 'S', name: 'S', price: 1 });
    await a.counter.receive({ sku: 'S', locationId: 'main', qty: 3 });
    // The first push reaches the server but its answer is lost.
    const pending = await a.counter.db.outbox.toArray();
    const token = (await a.counter.db.syncState.get('config'))!.value as { token: string };
    await transport({ method: 'POST', url: `${URL_BASE}/push`, token: token.token, body: { commands: pending.map((p) => ({ commandId: p.commandId, kind: p.kind, args: p.args, operator: p.operator })) } });
    await synced(a.sync);
    const ledger = await server.pglite.query<{ n: number }>("SELECT count(*)::int AS n FROM stock_ledger");
    expect(ledger.rows[0]!.n).toBe(1);
    expect(await a.counter.db.stockLevels.toArray()).toEqual(await rowsOf<StockLevelRow>(server.pglite, 'stock_levels'));
  }, 60_000);

  it('attendance codes issued at A are the codes the server issued: B redeems one and A sees it used', async () => {
    const a = await counterWithSync('A');
    const b = await counterWithSync('B');
    expect((await a.counter.addProduct({ sku: 'YOGA', name: 'Yoga, 3 classes', price: 30, unit: 'service' })).ok).toBe(true);
    const made = await a.counter.createOrder('service', { buyerId: 'v', lines: [{ sku: 'YOGA', qty: 1, price: 30, unitPrice: 10, serviceTimes: 3 }] });
    if (!made.ok) throw new Error(made.message);
    expect((await a.counter.act({ kind: 'order', id: made.orderId }, 'P', 'payment successful')).ok).toBe(true);
    const issued = (await a.counter.db.vouchers.toArray()).map((v) => v.code).sort();
    expect(issued).toHaveLength(3);
    await synced(a.sync);
    // The server decided the same command: the same codes, not three new ones beside them.
    expect((await rowsOf<VoucherRow>(server.pglite, 'vouchers')).map((v) => v.code).sort()).toEqual(issued);
    expect((await a.counter.db.vouchers.toArray()).map((v) => v.code).sort()).toEqual(issued);
    await synced(b.sync);
    expect((await b.counter.redeemVoucher(issued[0]!)).ok).toBe(true);
    await synced(b.sync);
    await synced(a.sync);
    const used = (await a.counter.db.vouchers.get(issued[0]!))?.state;
    expect(used).toBe((await b.counter.db.vouchers.get(issued[0]!))?.state);
    expect(used).not.toBe((await a.counter.db.vouchers.get(issued[1]!))?.state);
    expect(await a.counter.db.vouchers.toArray()).toEqual(await b.counter.db.vouchers.toArray());
  }, 60_000);

  it('a revoked counter is told so and keeps its commands', async () => {
    const a = await counterWithSync('A');
    const config = (await a.sync.config())!;
    await server.app.inject({ method: 'POST', url: `/admin/devices/${config.deviceId}/revoke`, headers: adminAuth });
    await a.counter.addLocation({ id: 'main', name: 'Main', priority: 1 });
    expect(await a.sync.syncOnce()).toMatchObject({ state: 'failed', retry: false, message: expect.stringContaining('revoked') });
    expect(await a.counter.db.outbox.count()).toBe(1);
    expect(await a.sync.status()).toMatchObject({ locked: true, lastError: expect.stringContaining('revoked') });
  }, 60_000);
});

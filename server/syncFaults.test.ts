// Sync when things break half way, two counters (Dexie on fake-indexeddb) and the server
// (PGlite) in one test: the server restarted in the middle of a batch, a pull cut off and
// resumed, a push whose answer was lost. Afterwards every command is applied exactly once
// and the counters hold the server's rows (compared by content). And an order made at A,
// paid at B and shipped at A shows each step with the device and operator that took it.
import 'fake-indexeddb/auto';
import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderEvents } from '../shared/db/events';
import type { EventBatchRow, ItemRow, LedgerRow, OrderRow, ReservationRow, StockLevelRow } from '../shared/db/rows';
import type { EngineCounter } from '../shared/engine/counter';
import type { SyncTransport } from '../shared/sync/client';
import { buildApp } from './app';
import { startEngine } from './engine';
import { pgTrackingStorage } from './storage/pgTracking';
import { rowsOf } from './testing/pglite';
import { TEST_ADMIN_TOKEN, useTestServer } from './testing/testApp';
import { byContent, synced, syncCounters } from './testing/syncCounters';

const URL_BASE = 'http://sync.test';
const server = useTestServer();

/** What the network does to the next requests (set by a test, reset before each). */
interface Faults {
  /** The app answering: replaced when the server restarts. */
  app?: FastifyInstance;
  /** Cut the connection before the request reaches the server (true) or after (the answer is lost). */
  dropPushAnswer?: boolean;
  /** The server dies after applying this many commands of the next push (then restarts). */
  dieAfter?: number;
  /** Pull pages this small (the counter asks for 500). */
  pullLimit?: number;
  /** The pull request number (1-based, counted from when it is set) that is cut off. */
  cutPull?: number;
  pulls: number;
}
let faults: Faults = { pulls: 0 };

const inject = (app: FastifyInstance, method: 'GET' | 'POST', url: string, token: string | undefined, body: unknown) =>
  app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(body === undefined ? {} : { payload: body as object }) });

const transport: SyncTransport = async ({ method, url, token, body }) => {
  const app = faults.app ?? server.app;
  let path = url.slice(URL_BASE.length);
  if (path.startsWith('/pull')) {
    faults.pulls++;
    if (faults.cutPull === faults.pulls) throw new Error('connection reset');
    if (faults.pullLimit) path = path.replace(/limit=\d+/, `limit=${faults.pullLimit}`);
  }
  if (path === '/push' && faults.dieAfter !== undefined) {
    const { commands } = body as { commands: unknown[] };
    // The server applies the first commands of the batch, then its process ends mid-request.
    await inject(app, method, path, token, { commands: commands.slice(0, faults.dieAfter) });
    faults.dieAfter = undefined;
    faults.app = buildApp({ engine: await startEngine(pgTrackingStorage(server.database)), database: server.database, adminToken: TEST_ADMIN_TOKEN });
    throw new Error('socket hang up');
  }
  const r = await inject(app, method, path, token, body);
  if (path === '/push' && faults.dropPushAnswer) {
    faults.dropPushAnswer = false;
    throw new Error('connection reset by peer');
  }
  return { status: r.statusCode, body: r.json() };
};

beforeEach(async () => {
  await faults.app?.close();
  faults = { pulls: 0 };
});

const counterWithSync = syncCounters({ app: () => server.app, transport, url: URL_BASE, dbPrefix: 'sync-faults' });
const sorted = byContent;
const noSeq = <R extends { seq?: number }>(rows: R[]) => rows.map(({ seq: _seq, ...r }) => r);

/** The shared rows of a counter, by content. */
async function counterContent(c: EngineCounter) {
  return {
    orders: sorted(await c.db.orders.toArray()),
    items: sorted(await c.db.items.toArray()),
    levels: sorted(await c.db.stockLevels.toArray()),
    reservations: sorted(await c.db.reservations.toArray()),
    ledger: sorted(noSeq(await c.db.stockLedger.toArray())),
    events: sorted(noSeq(await c.db.events.toArray())),
  };
}

/** The same rows as the server has them. */
async function serverContent() {
  const q = server.pglite;
  return {
    orders: sorted(await rowsOf<OrderRow>(q, 'orders')),
    items: sorted(await rowsOf<ItemRow>(q, 'items')),
    levels: sorted(await rowsOf<StockLevelRow>(q, 'stock_levels')),
    reservations: sorted(await rowsOf<ReservationRow>(q, 'reservations')),
    ledger: sorted(noSeq(await rowsOf<LedgerRow>(q, 'stock_ledger'))),
    events: sorted(noSeq(await rowsOf<EventBatchRow>(q, 'events'))),
  };
}

async function count(sql: string): Promise<number> {
  return (await server.pglite.query<{ n: number }>(sql)).rows[0]!.n;
}

/** A shop and some orders made on A while its server is away: 3 + 6 commands waiting. */
async function backlog(a: EngineCounter): Promise<string[]> {
  await a.addLocation({ id: 'main', name: 'Main', priority: 1 });
  await a.addProduct({ sku: 'S', name: 'S', price: 10 });
  await a.receive({ sku: 'S', locationId: 'main', qty: 50 });
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const made = await a.createOrder('product', { buyerId: `b${i}`, lines: [{ sku: 'S', qty: 1 + (i % 3), price: 10 }] });
    if (!made.ok) throw new Error(made.message);
    ids.push(made.orderId);
  }
  return ids;
}

describe('sync through faults: every command once, the same rows on both sides', () => {
  it('the server restarted in the middle of a batch', async () => {
    const a = await counterWithSync('A', 'ann');
    await backlog(a.counter);
    expect(await a.counter.db.outbox.count()).toBe(9);
    faults.dieAfter = 5;
    expect(await a.sync.syncOnce()).toMatchObject({ state: 'failed', retry: true, message: expect.stringContaining('cannot be reached') });
    expect(await count('SELECT count(*)::int AS n FROM commands')).toBe(5);
    expect(await a.counter.db.outbox.where('status').equals('pending').count()).toBe(9);
    // The restarted server answers the five it applied from their stored results.
    await synced(a.sync);
    expect(await a.counter.db.outbox.count()).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM commands')).toBe(9);
    expect(await count('SELECT count(*)::int AS n FROM orders')).toBe(6);
    expect(await count('SELECT count(*)::int AS n FROM stock_ledger')).toBe(1);
    expect(await counterContent(a.counter)).toEqual(await serverContent());
    expect(await a.counter.checkStock()).toMatchObject({ ok: true });
  }, 90_000);

  it('a push whose answer was lost is sent again and applied once', async () => {
    const a = await counterWithSync('A', 'ann');
    await backlog(a.counter);
    faults.dropPushAnswer = true;
    expect(await a.sync.syncOnce()).toMatchObject({ state: 'failed', retry: true });
    expect(await count('SELECT count(*)::int AS n FROM commands')).toBe(9);
    await synced(a.sync);
    expect(await count('SELECT count(*)::int AS n FROM commands')).toBe(9);
    expect(await count('SELECT count(*)::int AS n FROM orders')).toBe(6);
    expect(await counterContent(a.counter)).toEqual(await serverContent());
  }, 90_000);

  it('a pull cut off half way resumes from its cursor', async () => {
    const a = await counterWithSync('A', 'ann');
    const b = await counterWithSync('B', 'bob');
    await backlog(a.counter);
    await synced(a.sync);
    faults.pullLimit = 4;
    faults.pulls = 0;
    faults.cutPull = 3;
    expect(await b.sync.syncOnce()).toMatchObject({ state: 'failed', retry: true });
    const cursor = (await b.sync.config())!.cursor;
    expect(cursor).toBeGreaterThan(0);
    faults.cutPull = undefined;
    await synced(b.sync);
    expect((await b.sync.config())!.cursor).toBeGreaterThan(cursor);
    // Nothing doubled: the counter holds exactly the server's rows.
    expect(await counterContent(b.counter)).toEqual(await serverContent());
    expect(await counterContent(b.counter)).toEqual(await counterContent(a.counter));
    expect(await b.counter.checkStock()).toMatchObject({ ok: true });
  }, 90_000);
});

describe('one order across two counters', () => {
  it('made at A, paid at B, shipped at A: the timeline names each step’s device and operator', async () => {
    const a = await counterWithSync('A', 'ann');
    const b = await counterWithSync('B', 'bob');
    await a.counter.addLocation({ id: 'main', name: 'Main', priority: 1 });
    await a.counter.addProduct({ sku: 'S', name: 'S', price: 10 });
    await a.counter.receive({ sku: 'S', locationId: 'main', qty: 5 });
    const made = await a.counter.createOrder('product', { buyerId: 'buyer', lines: [{ sku: 'S', qty: 1, price: 10 }] });
    if (!made.ok) throw new Error(made.message);
    await synced(a.sync);
    await synced(b.sync);
    expect((await b.counter.act({ kind: 'order', id: made.orderId }, 'P', 'payment successful')).ok).toBe(true);
    await synced(b.sync);
    await synced(a.sync);
    const shipped = await a.counter.act({ kind: 'order', id: made.orderId }, 'S', 'ship the order', { carrier: 'sf', trackingNumbers: ['SF123456789012'], parcels: 1 });
    expect(shipped, JSON.stringify(shipped)).toMatchObject({ ok: true });
    await synced(a.sync);
    await synced(b.sync);
    for (const c of [a.counter, b.counter]) {
      const steps = (await orderEvents(c.db, made.orderId)).filter((e) => e.type === 'transition' && e.entity.kind === 'order');
      expect(steps.map((e) => [e.action, e.deviceId, e.operator])).toEqual([
        ['create order', a.deviceId, 'ann'],
        ['payment successful', b.deviceId, 'bob'],
        ['ship the order', a.deviceId, 'ann'],
      ]);
    }
    expect(await counterContent(a.counter)).toEqual(await counterContent(b.counter));
    expect(await counterContent(a.counter)).toEqual(await serverContent());
  }, 90_000);
});

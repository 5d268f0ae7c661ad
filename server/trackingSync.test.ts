// Tracking through the server (issues 22 + 24): two counters of one depot and the server see
// one set of parcels. A parcel shipped at A is handed over at B and delivered at A; an
// exception opened at B is resolved at A; two offline scans that cannot both stand end with
// one refused and taken back; a repeated push applies once, a refused one writes nothing;
// a late timer fired by an offline counter and by the server is one exception. The same
// story runs on PGlite and on a real PostgreSQL server (skipped where none can be started).
import 'fake-indexeddb/auto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCounter, type EngineCounter } from '../shared/engine/counter';
import type { EventBatchRow, OrderRow } from '../shared/db/rows';
import { createSyncClient, type SyncClient, type SyncTransport } from '../shared/sync/client';
import { upsCheckDigit } from '../shared/tracking/carriers';
import type { CheckpointRow, ExceptionRow, ShipmentRow } from '../shared/tracking/rows';
import { buildApp } from './app';
import { pgDatabase, pgliteDatabase } from './db/connect';
import { migrate } from './db/migrate';
import type { Database, Queryable } from './db/sql';
import { startEngine, type ServerEngine } from './engine';
import { pgTrackingStorage } from './storage/pgTracking';
import { dumpRows } from './testing/pglite';
import { startCluster, type Cluster } from './testing/realPostgres';
import { enrolmentCode, TEST_ADMIN_TOKEN } from './testing/testApp';
import { PGlite } from '@electric-sql/pglite';

const URL_BASE = 'http://sync.test';
const HOUR = 3_600_000;

interface Backend {
  database: Database;
  /** Rows as the server stores them (for "wrote nothing" and "equal" checks). */
  q: Queryable;
  close(): Promise<void>;
}

async function pgliteBackend(): Promise<Backend> {
  const pglite = new PGlite();
  const database = pgliteDatabase(pglite);
  await migrate(database);
  return { database, q: pglite, close: () => pglite.close() };
}

const cluster: Cluster | string = startCluster();
if (typeof cluster === 'string') console.warn(`PostgreSQL tracking sync tests skipped: ${cluster}`);

async function postgresBackend(): Promise<Backend> {
  const c = cluster as Cluster;
  await c.ready();
  const pool = c.pool(4);
  const database = pgDatabase(pool);
  await migrate(database);
  const q: Queryable = { query: async <R,>(text: string, params?: unknown[]) => ({ rows: (await pool.query(text, params)).rows as R[] }) };
  return {
    database,
    q,
    close: async () => {
      await database.close();
      await c.stop();
    },
  };
}

// UPS numbers with a right check digit; each test takes its own (the server is not emptied).
let serial = 10_000_000;
const upsNumber = () => {
  const body = `999AA1${String(++serial).padStart(9, '0')}`;
  return `1Z${body}${upsCheckDigit(body)}`;
};
let tags = 0;

function trackingStory(name: string, backend: () => Promise<Backend>, skip = false) {
  describe.skipIf(skip)(`tracking through the server (${name})`, () => {
    let server: Backend;
    let engine: ServerEngine;
    let app: FastifyInstance;
    /** Every clock of the test: the counters' and the server's. */
    let clock = Date.UTC(2026, 11, 1, 9);
    let online = true;
    const now = () => clock;

    const transport: SyncTransport = async ({ method, url, token, body }) => {
      if (!online) throw new Error('network is down');
      const r = await app.inject({ method, url: url.slice(URL_BASE.length), headers: token ? { authorization: `Bearer ${token}` } : {}, ...(body === undefined ? {} : { payload: body as object }) });
      return { status: r.statusCode, body: r.json() };
    };

    beforeAll(async () => {
      server = await backend();
      engine = await startEngine(pgTrackingStorage(server.database), { now });
      app = buildApp({ engine, database: server.database, adminToken: TEST_ADMIN_TOKEN });
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await server?.close();
    });

    let dbSeq = 0;
    async function counter(label: string): Promise<{ counter: EngineCounter; sync: SyncClient }> {
      const c = await openCounter({ dbName: `track-${name}-${process.pid}-${++dbSeq}`, deviceId: label, operator: 'clerk', now });
      const sync = createSyncClient(c.db, transport, now);
      expect(await sync.enrol(URL_BASE, await enrolmentCode(app, label))).toMatchObject({ ok: true });
      return { counter: c, sync };
    }
    const synced = async (...syncs: SyncClient[]) => {
      for (const s of syncs) {
        const outcome = await s.syncOnce();
        expect(outcome.state, JSON.stringify(outcome)).toBe('synced');
      }
    };

    /** A paid order of one unit at A, shipped by UPS with one tracking number; both counters synced. */
    async function shippedAtA() {
      const tag = `t${++tags}`;
      const a = await counter(`A-${tag}`);
      const b = await counter(`B-${tag}`);
      await synced(a.sync, b.sync);
      expect((await a.counter.addLocation({ id: `loc-${tag}`, name: 'Main', priority: 1 })).ok).toBe(true);
      expect((await a.counter.addProduct({ sku: `SKU-${tag}`, name: 'Parcel thing', price: 10 })).ok).toBe(true);
      expect((await a.counter.receive({ sku: `SKU-${tag}`, locationId: `loc-${tag}`, qty: 3 })).ok).toBe(true);
      const made = await a.counter.createOrder('product', { buyerId: 'buyer', lines: [{ sku: `SKU-${tag}`, qty: 1, price: 10 }] });
      if (!made.ok) throw new Error(made.message);
      const ref = { kind: 'order' as const, id: made.orderId };
      expect((await a.counter.act(ref, 'P', 'payment successful')).ok).toBe(true);
      const tracking = upsNumber();
      const shipped = await a.counter.act(ref, 'S', 'ship the order', { carrier: 'ups', trackingNumbers: [tracking], parcels: 1 });
      if (!shipped.ok) throw new Error(shipped.message);
      const shipmentId = shipped.shipmentIds![0]!;
      await synced(a.sync, b.sync);
      return { a, b, orderId: made.orderId, shipmentId, tracking };
    }

    const sorted = <T,>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
    const noSeq = <R extends { seq?: number }>({ seq: _seq, ...rest }: R) => rest;

    /** One order's rows and its shipments' rows, by content, on a counter. */
    async function onCounter(c: EngineCounter, orderId: string) {
      return {
        order: await c.db.orders.get(orderId),
        events: sorted((await c.db.events.where('orderId').equals(orderId).toArray()).map(noSeq)),
        shipments: sorted(await c.db.shipments.where('orderId').equals(orderId).toArray()),
        checkpoints: sorted((await c.db.checkpoints.where('orderId').equals(orderId).toArray()).map(noSeq)),
        exceptions: sorted(await c.db.exceptions.where('orderId').equals(orderId).toArray()),
      };
    }
    /** The same rows on the server. */
    async function onServer(orderId: string) {
      const rows = async <R,>(sql: string) => (await server.q.query<{ row: R }>(sql, [orderId])).rows.map((r) => r.row);
      return {
        order: (await rows<OrderRow>('SELECT row FROM orders WHERE id = $1'))[0],
        events: sorted((await rows<EventBatchRow>('SELECT row FROM events WHERE order_id = $1')).map(noSeq)),
        shipments: sorted(await rows<ShipmentRow>('SELECT row FROM shipments WHERE order_id = $1')),
        checkpoints: sorted(await rows<CheckpointRow>("SELECT row FROM checkpoints WHERE row->>'orderId' = $1")),
        exceptions: sorted(await rows<ExceptionRow>("SELECT row FROM exceptions WHERE row->>'orderId' = $1")),
      };
    }
    async function allAgree(orderId: string, ...counters: EngineCounter[]) {
      const expected = await onServer(orderId);
      for (const c of counters) expect(await onCounter(c, orderId)).toEqual(expected);
      return expected;
    }

    it('shipped at A with carrier and tracking number, handed over at B, delivered at A: one shipment, its checkpoints, order and events equal everywhere', async () => {
      const { a, b, orderId, shipmentId, tracking } = await shippedAtA();
      // The server made the same shipment (same id, SSCC, late timer) from A's ship command.
      const first = await allAgree(orderId, a.counter, b.counter);
      expect(first.shipments).toHaveLength(1);
      expect(JSON.parse(first.shipments[0]!)).toMatchObject({ id: shipmentId, carrierId: 'ups', trackingNumbers: [tracking], state: 'CR' });

      expect(await b.counter.scanCheckpoint({ code: tracking, kind: 'handover', place: 'Depot B' })).toMatchObject({ ok: true, from: 'CR', to: 'HC' });
      await synced(b.sync, a.sync);
      expect(await a.counter.scanCheckpoint({ code: tracking, kind: 'depot', place: 'Town depot' })).toMatchObject({ ok: true, to: 'AD' });
      expect(await a.counter.scanCheckpoint({ code: tracking, kind: 'delivered', signedBy: 'R. Buyer' })).toMatchObject({ ok: true, to: 'DL', order: { ok: true } });
      await synced(a.sync, b.sync);

      const end = await allAgree(orderId, a.counter, b.counter);
      expect(end.checkpoints.map((c) => JSON.parse(c).kind).sort()).toEqual(['delivered', 'depot', 'handover']);
      expect(JSON.parse(end.shipments[0]!)).toMatchObject({ state: 'DL', signedBy: 'R. Buyer' });
      // The delivery took the buyer's "confirm reception" on the server as on the counter.
      expect(end.order?.state).toBe((await a.counter.getOrder(orderId))?.state);
      expect(end.order?.state).not.toBe('FS');
    }, 120_000);

    it('an exception opened at B is resolved at A, and every side holds the same exception', async () => {
      const { a, b, orderId, shipmentId } = await shippedAtA();
      const opened = await b.counter.openException({ shipmentId, type: 'damaged', note: 'box crushed' });
      if (!opened.ok) throw new Error(opened.message);
      await synced(b.sync, a.sync);
      expect(await a.counter.workException({ exceptionId: opened.exceptionId, action: 'refund', note: 'refunded at the counter' })).toMatchObject({ ok: true, state: 'RF' });
      expect(await a.counter.workException({ exceptionId: opened.exceptionId, action: 'close' })).toMatchObject({ ok: true, state: 'CL' });
      await synced(a.sync, b.sync);
      const end = await allAgree(orderId, a.counter, b.counter);
      expect(end.exceptions.map((e) => JSON.parse(e))).toMatchObject([{ id: opened.exceptionId, type: 'damaged', state: 'CL', open: 0 }]);
    }, 120_000);

    it('two counters offline scan steps that cannot both stand: the later push is refused with its reason and taken back there', async () => {
      const { a, b, orderId, tracking } = await shippedAtA();
      expect((await a.counter.scanCheckpoint({ code: tracking, kind: 'handover' })).ok).toBe(true);
      expect((await a.counter.scanCheckpoint({ code: tracking, kind: 'depot' })).ok).toBe(true);
      await synced(a.sync, b.sync);

      online = false;
      expect(await a.counter.scanCheckpoint({ code: tracking, kind: 'pickup', signedBy: 'Walk-in buyer' })).toMatchObject({ ok: true, to: 'DL' });
      expect(await b.counter.scanCheckpoint({ code: tracking, kind: 'returned' })).toMatchObject({ ok: true, to: 'RS' });
      online = true;
      await synced(a.sync);
      expect(await b.sync.syncOnce()).toMatchObject({ state: 'synced', refused: 1 });
      await synced(a.sync);

      const [refusal] = await b.counter.db.outbox.where('status').equals('refused').toArray();
      expect(refusal).toMatchObject({ kind: 'tracking:checkpoint', undone: true, refusal: { code: expect.any(String), message: expect.stringMatching(/\S/) } });
      const end = await allAgree(orderId, a.counter, b.counter);
      expect(JSON.parse(end.shipments[0]!)).toMatchObject({ state: 'DL' });
      expect(end.checkpoints.map((c) => JSON.parse(c).kind).sort()).toEqual(['depot', 'handover', 'pickup']);
    }, 120_000);

    it('a push sent twice (its answer lost) applies the scan once; a refused push writes nothing', async () => {
      const { a, orderId, tracking } = await shippedAtA();
      expect((await a.counter.scanCheckpoint({ code: tracking, kind: 'handover' })).ok).toBe(true);
      const pending = await a.counter.db.outbox.where('status').equals('pending').toArray();
      const token = ((await a.counter.db.syncState.get('config'))!.value as { token: string }).token;
      const body = { commands: pending.map((p) => ({ commandId: p.commandId, kind: p.kind, args: p.args, operator: p.operator })) };
      await transport({ method: 'POST', url: `${URL_BASE}/push`, token, body });
      await synced(a.sync);
      expect((await onServer(orderId)).checkpoints).toHaveLength(1);
      await allAgree(orderId, a.counter);

      const before = await dumpRows(server.q);
      const refused = await transport({ method: 'POST', url: `${URL_BASE}/push`, token, body: { commands: [{ commandId: 'scan-of-nothing', kind: 'tracking:checkpoint', args: [{ code: upsNumber(), kind: 'handover' }] }] } });
      expect(refused.body).toMatchObject({ results: [{ commandId: 'scan-of-nothing', result: { ok: false, code: 'not-found' } }] });
      expect(await dumpRows(server.q)).toEqual(before);
    }, 120_000);

    it('the shop\'s SSCC prefix and late hours set at A hold on the server and at B: the next shipment is labelled and timed the same everywhere', async () => {
      const { a, b } = await shippedAtA();
      expect(await a.counter.setSetting('sscc', { companyPrefix: '4012345', extension: 3 }, { role: 'A' })).toMatchObject({ ok: true });
      expect(await a.counter.setSetting('parcelLateAfterMs', 6 * HOUR, { role: 'A' })).toMatchObject({ ok: true });
      await synced(a.sync, b.sync);
      // Taken on the server too (the live SSCC setting with the Admin role it was set in).
      expect(await a.counter.db.outbox.where('status').equals('refused').count()).toBe(0);
      for (const [key, value] of [['sscc', { companyPrefix: '4012345', extension: 3 }], ['parcelLateAfterMs', 6 * HOUR]] as const) {
        const [stored] = (await server.q.query<{ row: { value: unknown } }>('SELECT row FROM settings WHERE key = $1', [key])).rows;
        expect(stored?.row.value).toEqual(value);
        expect(stored?.row.value).toEqual((await b.counter.db.settings.get(key))?.value);
        expect(stored?.row.value).toEqual((await a.counter.db.settings.get(key))?.value);
      }
      // A second order shipped at B now: the server decides it with the shop's settings.
      const tag = `t${++tags}`;
      await b.counter.addLocation({ id: `loc-${tag}`, name: 'B', priority: 1 });
      await b.counter.addProduct({ sku: `SKU-${tag}`, name: 'B thing', price: 5 });
      await b.counter.receive({ sku: `SKU-${tag}`, locationId: `loc-${tag}`, qty: 1 });
      const made = await b.counter.createOrder('product', { buyerId: 'b', lines: [{ sku: `SKU-${tag}`, qty: 1, price: 5 }] });
      if (!made.ok) throw new Error(made.message);
      expect((await b.counter.act({ kind: 'order', id: made.orderId }, 'P', 'payment successful')).ok).toBe(true);
      const shipped = await b.counter.act({ kind: 'order', id: made.orderId }, 'S', 'ship the order', { carrier: 'ups', trackingNumbers: [upsNumber()] });
      if (!shipped.ok) throw new Error(shipped.message);
      await synced(b.sync, a.sync);
      const end = await allAgree(made.orderId, a.counter, b.counter);
      const shipment = JSON.parse(end.shipments[0]!) as ShipmentRow;
      expect(shipment.sscc[0]).toMatch(/^34012345\d{10}$/);
      const timer = (await server.q.query<{ row: { dueAt: number } }>('SELECT row FROM timers WHERE id = $1', [shipment.lateTimerId])).rows[0]?.row;
      expect(timer?.dueAt).toBe(shipment.createdAt + 6 * HOUR);
      for (const c of [a.counter, b.counter]) expect(await c.db.timers.get(shipment.lateTimerId!)).toEqual(timer);
    }, 120_000);

    it('a parcel\'s late timer fired by an offline counter and by the server is one late exception with one id', async () => {
      const { a, b, orderId } = await shippedAtA();
      clock += 49 * HOUR;
      online = false;
      expect(await a.counter.runDueTimers()).toBeGreaterThan(0);
      const local = await a.counter.db.exceptions.where('orderId').equals(orderId).toArray();
      expect(local).toMatchObject([{ type: 'late' }]);
      online = true;
      await engine.commandsFor('server', 'system').runDueTimers();
      await synced(a.sync, b.sync);
      const end = await allAgree(orderId, a.counter, b.counter);
      expect(end.exceptions.map((e) => JSON.parse(e).id)).toEqual([local[0]!.id]);
    }, 120_000);
  });
}

trackingStory('PGlite', pgliteBackend);
trackingStory('PostgreSQL', postgresBackend, typeof cluster === 'string');

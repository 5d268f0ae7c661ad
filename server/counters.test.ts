// Several counters and the sync server (issue 22), on PGlite and on a real PostgreSQL: no
// SSCC is printed twice, whether a counter shipped before it enrolled or after; a till open
// before enrolling stops the enrolment with the reason, and a till opened after is the
// server's too, with its Z report for the admin; a late exception one counter fired offline
// for a parcel the server saw move on is gone everywhere after sync.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TimerRow } from '../shared/db/rows';
import { openCounter, type EngineCounter } from '../shared/engine/counter';
import { timerCommandId } from '../shared/engine/command';
import { createSyncClient, type SyncClient, type SyncTransport } from '../shared/sync/client';
import { upsCheckDigit } from '../shared/tracking/carriers';
import type { ExceptionRow, ShipmentRow } from '../shared/tracking/rows';
import { DEFAULT_SSCC_PREFIX, isSscc } from '../shared/tracking/sscc';
import { storeDefaultCarriers } from './trackingEngine';
import { emptyTables, rowsOf } from './testing/pglite';
import { startCluster, type Cluster } from './testing/realPostgres';
import { pgliteBackend, postgresBackend, type Backend } from './testing/backends';
import { adminAuth, enrolmentCode } from './testing/testApp';
import { byContent, synced } from './testing/syncCounters';
import type { ServerZReport } from './zReports';

const URL_BASE = 'http://sync.test';
const HOUR = 3_600_000;

/** Every clock of a test: the counters' and the server's. */
let clock = Date.UTC(2026, 11, 1, 9);
const now = () => clock;

const cluster: Cluster | string = startCluster();
if (typeof cluster === 'string') console.warn(`PostgreSQL several-counters sync tests skipped: ${cluster}`);

const backends: Array<[string, () => Promise<Backend>, boolean]> = [
  ['PGlite', () => pgliteBackend({ now }), false],
  ['PostgreSQL', () => postgresBackend(cluster as Cluster, { now }), typeof cluster === 'string'],
];

// UPS numbers with a right check digit; each order takes its own.
let upsSerial = 20_000_000;
const upsNumber = () => {
  const body = `999AA1${String(++upsSerial).padStart(9, '0')}`;
  return `1Z${body}${upsCheckDigit(body)}`;
};
let dbSeq = 0;
let tags = 0;

interface Counter {
  counter: EngineCounter;
  sync: SyncClient;
}

describe.each(backends)('several counters through the sync server on %s', (name, start, skip) => {
  let server: Backend;
  let online = true;
  /** Runs (once set) when a counter asks for a pull page, before the server answers. */
  let pullHook: (() => Promise<void>) | undefined;

  const transport: SyncTransport = async ({ method, url, token, body }) => {
    if (!online) throw new Error('network is down');
    if (pullHook && url.includes('/pull?')) await pullHook();
    const r = await server.app.inject({ method, url: url.slice(URL_BASE.length), headers: token ? { authorization: `Bearer ${token}` } : {}, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: r.statusCode, body: r.json() };
  };

  beforeAll(async () => {
    if (!skip) server = await start();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(async () => {
    online = true;
    pullHook = undefined;
    if (skip) return;
    await emptyTables(server.q);
    await server.q.query('TRUNCATE refused_commands, enrolment_codes, devices');
    await server.q.query('ALTER SEQUENCE device_prefix_seq RESTART');
    await storeDefaultCarriers(server.engine.storage, clock);
  });

  /** A counter that has not enrolled yet. */
  async function unenrolled(label: string, operator = 'clerk'): Promise<Counter> {
    const counter = await openCounter({ dbName: `counters-${name}-${process.pid}-${++dbSeq}`, deviceId: label, operator, now });
    return { counter, sync: createSyncClient(counter.db, transport, now) };
  }
  async function enrol(c: Counter, label: string): Promise<string> {
    const r = await c.sync.enrol(URL_BASE, await enrolmentCode(server.app, label));
    if (!r.ok) throw new Error(r.message);
    return r.deviceId;
  }
  async function enrolled(label: string): Promise<Counter & { deviceId: string }> {
    const c = await unenrolled(label);
    return { ...c, deviceId: await enrol(c, label) };
  }

  /** A paid order of `total` at c (its own product and location), ready to ship. */
  async function paidOrder(c: EngineCounter, total = 1000): Promise<string> {
    const tag = `t${++tags}`;
    expect((await c.addLocation({ id: `loc-${tag}`, name: 'Main', priority: 1 })).ok).toBe(true);
    expect((await c.addProduct({ sku: `SKU-${tag}`, name: 'Thing', price: total })).ok).toBe(true);
    expect((await c.receive({ sku: `SKU-${tag}`, locationId: `loc-${tag}`, qty: 3 })).ok).toBe(true);
    const made = await c.createOrder('product', { buyerId: 'buyer', lines: [{ sku: `SKU-${tag}`, qty: 1, price: total }] });
    if (!made.ok) throw new Error(made.message);
    expect((await c.act({ kind: 'order', id: made.orderId }, 'P', 'payment successful')).ok).toBe(true);
    return made.orderId;
  }
  async function ship(c: EngineCounter, parcels: number): Promise<{ orderId: string; shipmentId: string; tracking: string }> {
    const orderId = await paidOrder(c);
    const tracking = upsNumber();
    const shipped = await c.act({ kind: 'order', id: orderId }, 'S', 'ship the order', { carrier: 'ups', trackingNumbers: [tracking], parcels });
    if (!shipped.ok) throw new Error(shipped.message);
    return { orderId, shipmentId: shipped.shipmentIds![0]!, tracking };
  }
  /** The device number inside an SSCC of the default prefix. */
  const deviceOf = (sscc: string) => sscc.slice(1 + DEFAULT_SSCC_PREFIX.length, 3 + DEFAULT_SSCC_PREFIX.length);

  it.skipIf(skip)('A ships before enrolling and after; B ships too: no SSCC is on two parcels, each has a right check digit, and the server labels each parcel as its counter did', async () => {
    const a = await unenrolled('A');
    const early = await ship(a.counter, 2);
    const aId = await enrol(a, 'A');
    const b = await enrolled('B');
    await synced(a.sync);
    const late = [await ship(a.counter, 3), await ship(a.counter, 1)];
    const byB = [await ship(b.counter, 2), await ship(b.counter, 3)];
    await synced(a.sync);
    await synced(b.sync);
    await synced(a.sync);

    const shipments = async (c: EngineCounter) => c.db.shipments.toArray();
    const onServer = await rowsOf<ShipmentRow>(server.q, 'shipments');
    // The server has every shipment made after enrolment, row for row as the counters have them.
    expect(onServer).toHaveLength(4);
    const synchronised = (rows: ShipmentRow[]) => byContent(rows.filter((s) => s.id !== early.shipmentId));
    expect(synchronised(await shipments(a.counter))).toEqual(byContent(onServer));
    expect(synchronised(await shipments(b.counter))).toEqual(byContent(onServer));
    // Every parcel ever labelled: A's from before enrolment (device 00) and everyone's after.
    const all = [...(await shipments(a.counter))];
    const codes = all.flatMap((s) => s.sscc);
    expect(codes).toHaveLength(2 + 3 + 1 + 2 + 3);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(isSscc(code), code).toBe(true);
    const devicesOf = (shipmentIds: string[]) => new Set(all.filter((s) => shipmentIds.includes(s.id)).flatMap((s) => s.sscc.map(deviceOf)));
    expect(devicesOf([early.shipmentId])).toEqual(new Set(['00']));
    const [aDevice] = devicesOf(late.map((s) => s.shipmentId));
    const [bDevice] = devicesOf(byB.map((s) => s.shipmentId));
    expect(devicesOf(late.map((s) => s.shipmentId)).size).toBe(1);
    expect(aDevice).not.toBe('00');
    expect(bDevice).not.toBe('00');
    expect(aDevice).not.toBe(bDevice);
    // A's serials started again at enrolment, in its new device number, as the server's did.
    expect(all.find((s) => s.id === late[0]!.shipmentId)!.sscc[0]!.slice(-8, -1)).toBe('0000001');
    expect((await server.q.query<{ row: { value: number } }>('SELECT row FROM sequences WHERE name = $1', [`sscc@${aId}`])).rows[0]?.row.value).toBe(4);
    expect((await a.counter.db.sequences.get('sscc'))?.value).toBe(4);
  }, 120_000);

  it.skipIf(skip)('a counter enrolled before SSCCs had device numbers takes its number from the pull once nothing waits to be pushed; the server switches at the same command, and no SSCC is on two parcels', async () => {
    // A enrolled as before device numbers: no number on either side, its labels 00.
    const a = await enrolled('A');
    await a.counter.db.sequences.delete('sscc-device');
    await server.q.query('DELETE FROM sequences WHERE name = $1', [`sscc-device@${a.deviceId}`]);
    const b = await enrolled('B');
    const before = [await ship(a.counter, 2)];
    // That one is pushed; a command made while the pull is under way waits in the outbox: A
    // keeps 00 this round.
    let during: ReturnType<typeof ship> | undefined;
    pullHook = () => {
      pullHook = undefined;
      during = ship(a.counter, 1);
      return during.then(() => undefined);
    };
    await a.sync.syncOnce();
    before.push(await during!);
    expect((await a.counter.db.sequences.get('sscc-device'))?.value ?? 0).toBe(0);
    // Next round: that one is pushed (with 00, as printed), then the number is taken.
    await synced(a.sync);
    const aDevice = (await a.counter.db.sequences.get('sscc-device'))?.value;
    expect(aDevice).toBe(Number((await server.q.query<{ prefix: string }>('SELECT prefix FROM devices WHERE id = $1', [a.deviceId])).rows[0]!.prefix.slice(1)));
    expect((await a.counter.db.sequences.get('sscc'))?.value).toBe(0);
    // The server has not switched yet: it does with A's next push, before its first command.
    expect((await server.q.query('SELECT row FROM sequences WHERE name = $1', [`sscc-device@${a.deviceId}`])).rows).toEqual([]);
    online = false;
    const after = [await ship(a.counter, 2), await ship(a.counter, 1)];
    online = true;
    const byB = await ship(b.counter, 2);
    await synced(a.sync);
    await synced(b.sync);
    await synced(a.sync);

    const onServer = await rowsOf<ShipmentRow>(server.q, 'shipments');
    expect(onServer).toHaveLength(5);
    // Each parcel keeps the SSCC its counter printed: the server decided it with the same number.
    expect(byContent(await a.counter.db.shipments.toArray())).toEqual(byContent(onServer));
    expect(byContent(await b.counter.db.shipments.toArray())).toEqual(byContent(onServer));
    const codes = onServer.flatMap((s) => s.sscc);
    expect(codes).toHaveLength(2 + 1 + 2 + 1 + 2);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(isSscc(code), code).toBe(true);
    const devicesOf = (ids: string[]) => [...new Set(onServer.filter((s) => ids.includes(s.id)).flatMap((s) => s.sscc.map(deviceOf)))];
    expect(devicesOf(before.map((s) => s.shipmentId))).toEqual(['00']);
    expect(devicesOf(after.map((s) => s.shipmentId))).toEqual([String(aDevice).padStart(2, '0')]);
    expect(devicesOf([byB.shipmentId])).not.toEqual(devicesOf(after.map((s) => s.shipmentId)));
    // The new block's serials start at 1 on both sides.
    expect(onServer.find((s) => s.id === after[0]!.shipmentId)!.sscc[0]!.slice(-8, -1)).toBe('0000001');
    expect((await server.q.query<{ row: { value: number } }>('SELECT row FROM sequences WHERE name = $1', [`sscc@${a.deviceId}`])).rows[0]?.row.value).toBe(3);
    expect((await server.q.query<{ row: { value: number } }>('SELECT row FROM sequences WHERE name = $1', [`sscc-device@${a.deviceId}`])).rows[0]?.row.value).toBe(aDevice);

    // A push that says another counter's number is refused whole.
    const rows = await dumpShipments();
    const wrong = await server.app.inject({ method: 'POST', url: '/push', headers: { authorization: `Bearer ${await tokenOf(a)}` }, payload: { ssccDevice: aDevice === 1 ? 2 : 1, commands: [{ commandId: 'wrong-device', kind: 'stock:add-location', args: [{ id: 'elsewhere', name: 'Elsewhere', priority: 2 }] }] } });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ error: 'sscc-device-mismatch', message: expect.stringMatching(/Enrol this counter again/) });
    expect(await dumpShipments()).toEqual(rows);
    expect((await server.q.query('SELECT 1 FROM commands WHERE id = $1', ['wrong-device'])).rows).toEqual([]);
  }, 120_000);

  /** The counter's device token (kept in its sync config). */
  async function tokenOf(c: Counter): Promise<string> {
    return ((await c.counter.db.syncState.get('config'))!.value as { token: string }).token;
  }
  const dumpShipments = async () => byContent(await rowsOf<ShipmentRow>(server.q, 'shipments'));

  it.skipIf(skip)('the server gives 99 device numbers: the 100th enrolment is refused with the reason, and no device is made', async () => {
    await server.q.query('ALTER SEQUENCE device_prefix_seq RESTART WITH 99');
    const last = await server.app.inject({ method: 'POST', url: '/enrol', payload: { code: await enrolmentCode(server.app, 'Counter 99') } });
    expect(last.json()).toMatchObject({ prefix: 'D2R', ssccDevice: 99 });
    const code = await enrolmentCode(server.app, 'Counter 100');
    const refused = await server.app.inject({ method: 'POST', url: '/enrol', payload: { code } });
    expect(refused.statusCode).toBe(409);
    // What the admin can do: revoking frees no number; a second server, with a prefix of its own.
    expect(refused.json()).toMatchObject({ error: 'no-device-number', message: expect.stringMatching(/99 counters.*code stays unused.*revoking frees none.*second sync server.*GS1 company prefix of their own/) });
    expect((await server.q.query<{ n: number }>('SELECT count(*)::int AS n FROM devices')).rows[0]!.n).toBe(1);
    // A counter that tries is told why (Settings → Sync words the reason) and stays as it was.
    const c = await unenrolled('C');
    expect(await c.sync.enrol(URL_BASE, code)).toMatchObject({ ok: false, reason: 'no-device-number', message: expect.stringMatching(/99 counters/) });
    expect(await c.sync.config()).toBeUndefined();
    expect((await c.counter.db.sequences.get('sscc-device'))?.value ?? 0).toBe(0);
    expect((await server.q.query<{ n: number }>('SELECT count(*)::int AS n FROM devices')).rows[0]!.n).toBe(1);
  }, 60_000);

  it.skipIf(skip)('a till open before enrolling stops the enrolment, saying so; closed, the counter enrols, and a till opened after is the server\'s with its Z report', async () => {
    const a = await unenrolled('A', 'ann');
    const before = await a.counter.openTill({ float: 2000 });
    if (!before.ok) throw new Error(before.message);
    const code = await enrolmentCode(server.app, 'A');
    const refused = await a.sync.enrol(URL_BASE, code);
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/till is open.*Close it first/) });
    expect(await a.sync.config()).toBeUndefined();
    expect((await server.q.query<{ n: number }>('SELECT count(*)::int AS n FROM devices')).rows[0]!.n).toBe(0);
    expect(await a.counter.closeTill({ counted: 2000 })).toMatchObject({ ok: true });
    // The code was not used by the refusal.
    const done = await a.sync.enrol(URL_BASE, code);
    if (!done.ok) throw new Error(done.message);

    const orderId = await unpaidOrder(a.counter, 2500);
    const opened = await a.counter.openTill({ float: 5000 });
    if (!opened.ok) throw new Error(opened.message);
    expect(await a.counter.takePayment({ orderId, method: 'cash', amount: 1500, tendered: 2000 })).toMatchObject({ ok: true });
    expect(await a.counter.takePayment({ orderId, method: 'card', amount: 1000, reference: 'slip 7' })).toMatchObject({ ok: true, paidInFull: true });
    const closed = await a.counter.closeTill({ counted: 6400 });
    expect(closed).toMatchObject({ ok: true, report: { expectedCash: 6500, difference: -100 } });
    await synced(a.sync);

    const list = await server.app.inject({ method: 'GET', url: '/admin/z-reports', headers: adminAuth });
    expect(list.statusCode).toBe(200);
    const { reports } = list.json<{ reports: ServerZReport[] }>();
    expect(reports).toHaveLength(1);
    const [z] = reports;
    const local = (await a.counter.tillReport(opened.tillId))!;
    // The counter's own figures, over the server's rows.
    expect(z).toMatchObject({ tillId: opened.tillId, deviceId: done.deviceId, deviceName: 'A', status: 'closed', float: 5000, expectedCash: 6500, counted: 6400, difference: -100 });
    expect(z!.byMethod).toEqual(local.byMethod);
    expect(z!.totals).toEqual(local.totals);
    expect(z!.methods.filter((m) => m.method === 'cash' || m.method === 'card')).toEqual([
      { method: 'cash', expected: 6500, counted: 6400, difference: -100 },
      { method: 'card', expected: 1000, counted: null, difference: null },
    ]);
    // The counter reads its own back (Settings → Sync); another counter has none.
    expect(await a.sync.zReports()).toEqual({ ok: true, reports: [{ tillId: opened.tillId, openedAt: z!.openedAt, closedAt: z!.closedAt, float: 5000, expectedCash: 6500, counted: 6400, difference: -100, methods: z!.methods }] });
    expect(await (await enrolled('B')).sync.zReports()).toEqual({ ok: true, reports: [] });
    const one = await server.app.inject({ method: 'GET', url: `/admin/tills/${opened.tillId}/z-report`, headers: adminAuth });
    expect(one.json()).toEqual(z);
    // The till of before the enrolment is the counter's only.
    const unknown = await server.app.inject({ method: 'GET', url: `/admin/tills/${before.tillId}/z-report`, headers: adminAuth });
    expect(unknown.statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: `/admin/z-reports?device=${encodeURIComponent('device-none')}`, headers: adminAuth })).json()).toEqual({ reports: [] });
    expect((await server.app.inject({ method: 'GET', url: '/admin/z-reports' })).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'GET', url: '/admin/z-reports?limit=0', headers: adminAuth })).statusCode).toBe(400);
  }, 120_000);

  /** An order of `total` at c, not paid yet. */
  async function unpaidOrder(c: EngineCounter, total: number): Promise<string> {
    const tag = `t${++tags}`;
    await c.addLocation({ id: `loc-${tag}`, name: 'Main', priority: 1 });
    await c.addProduct({ sku: `SKU-${tag}`, name: 'Thing', price: total });
    await c.receive({ sku: `SKU-${tag}`, locationId: `loc-${tag}`, qty: 1 });
    const made = await c.createOrder('product', { buyerId: 'buyer', lines: [{ sku: `SKU-${tag}`, qty: 1, price: total }] });
    if (!made.ok) throw new Error(made.message);
    return made.orderId;
  }

  /** Rows of one shipment's parcel story on a counter and on the server, by content. */
  async function lateRows(c: EngineCounter, shipmentId: string) {
    const timers = (await c.db.timers.toArray()).filter((t) => t.orderId === `shipment:${shipmentId}`);
    return { exceptions: byContent(await c.db.exceptions.where('shipmentId').equals(shipmentId).toArray()), timers: byContent(timers) };
  }
  async function lateRowsOnServer(shipmentId: string) {
    const exceptions = (await rowsOf<ExceptionRow>(server.q, 'exceptions')).filter((e) => e.shipmentId === shipmentId);
    const timers = (await rowsOf<TimerRow>(server.q, 'timers')).filter((t) => t.orderId === `shipment:${shipmentId}`);
    return { exceptions: byContent(exceptions), timers: byContent(timers) };
  }

  for (const worked of [false, true]) {
    it.skipIf(skip)(`a late exception A fired offline${worked ? ' and worked' : ''}, for a parcel B handed over through the server first: after sync no side has it`, async () => {
      const a = await enrolled('A');
      const b = await enrolled('B');
      const { shipmentId, tracking } = await ship(a.counter, 1);
      await synced(a.sync);
      await synced(b.sync);
      const timerId = (await a.counter.db.shipments.get(shipmentId))!.lateTimerId!;

      clock += 49 * HOUR;
      online = false;
      expect(await a.counter.runDueTimers()).toBeGreaterThan(0);
      const [late] = await a.counter.db.exceptions.where('shipmentId').equals(shipmentId).toArray();
      expect(late).toMatchObject({ id: `late:${timerId}`, type: 'late', open: 1 });
      if (worked) expect(await a.counter.workException({ exceptionId: late!.id, action: 'investigate', note: 'called the carrier' })).toMatchObject({ ok: true });
      online = true;
      // B scans the hand-over and syncs before A comes back; the server's timer is cancelled, not fired.
      expect(await b.counter.scanCheckpoint({ code: tracking, kind: 'handover' })).toMatchObject({ ok: true });
      await synced(b.sync);
      await server.engine.commandsFor('server', 'system').runDueTimers();
      expect((await rowsOf<TimerRow>(server.q, 'timers')).find((t) => t.id === timerId)).toMatchObject({ status: 'cancelled' });

      const outcome = await synced(a.sync);
      if (worked) expect(outcome).toMatchObject({ refused: 1 });
      await synced(b.sync);
      const expected = await lateRowsOnServer(shipmentId);
      expect(expected.exceptions).toEqual([]);
      expect(await lateRows(a.counter, shipmentId)).toEqual(expected);
      expect(await lateRows(b.counter, shipmentId)).toEqual(expected);
      // A's firing is gone with its exception: nothing of it is left to be told apart.
      expect(await a.counter.db.commands.get(timerCommandId(timerId))).toBeUndefined();
      expect(await a.counter.db.exceptions.get(late!.id)).toBeUndefined();
      // The parcel's next timer (from B's scan) is everyone's, and still fires once, on whichever side first.
      clock += 49 * HOUR;
      await server.engine.commandsFor('server', 'system').runDueTimers();
      await synced(a.sync);
      await synced(b.sync);
      const next = await lateRowsOnServer(shipmentId);
      expect(next.exceptions).toHaveLength(1);
      expect(await lateRows(a.counter, shipmentId)).toEqual(next);
      expect(await lateRows(b.counter, shipmentId)).toEqual(next);
    }, 120_000);
  }
});

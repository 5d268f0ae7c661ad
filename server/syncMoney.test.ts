// Money through the sync server, two counters (Dexie on fake-indexeddb) and the server, on
// PGlite and on a real PostgreSQL: a payment made at one counter is decided again by the
// server with the same rules and reaches the other; two counters taking the same order's
// money offline end with one payment, the other taken back with the server's reason; a
// push repeated or answered twice pays once; a refused money command writes nothing there;
// a till session is kept by the server; the payment methods are the shop's settings.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orderEvents } from '../shared/db/events';
import type { EventBatchRow, OrderRow, PaymentRow, TillRow } from '../shared/db/rows';
import type { EngineCounter } from '../shared/engine/counter';
import { orderMoney } from '../shared/payments/ledger';
import type { SyncClient, SyncTransport } from '../shared/sync/client';
import { storeDefaultCarriers } from './trackingEngine';
import { DATA_TABLES, dumpRows, emptyTables, rowsOf } from './testing/pglite';
import { startCluster, type Cluster } from './testing/realPostgres';
import { pgliteBackend, postgresBackend, type Backend } from './testing/backends';
import { byContent, synced, syncCounters } from './testing/syncCounters';

const URL_BASE = 'http://sync.test';

const cluster: Cluster | string = startCluster();
if (typeof cluster === 'string') console.warn(`PostgreSQL money sync tests skipped: ${cluster}`);

/** Counter databases live for the file (fake-indexeddb): each test takes new names. */

const backends: Array<[string, () => Promise<Backend>, boolean]> = [
  ['PGlite', () => pgliteBackend(), false],
  ['PostgreSQL', () => postgresBackend(cluster as Cluster), typeof cluster === 'string'],
];

describe.each(backends)('money through the sync server on %s', (_name, start, skip) => {
  let server: Backend;
  /** Off: counters are offline. */
  let online = true;
  /** The next push reaches the server but its answer is lost. */
  let dropPushAnswer = false;

  const transport: SyncTransport = async ({ method, url, token, body }) => {
    if (!online) throw new Error('network is down');
    const path = url.slice(URL_BASE.length);
    const r = await server.app.inject({ method, url: path, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(body === undefined ? {} : { payload: body as object }) });
    if (path === '/push' && dropPushAnswer) {
      dropPushAnswer = false;
      throw new Error('connection reset by peer');
    }
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
    dropPushAnswer = false;
    if (skip) return;
    await emptyTables(server.q);
    await server.q.query('TRUNCATE refused_commands, enrolment_codes, devices');
    await server.q.query('ALTER SEQUENCE device_prefix_seq RESTART');
    // The carriers a started server holds (emptied with the rest above).
    await storeDefaultCarriers(server.engine.storage, Date.now());
  });

  const counterWithSync = syncCounters({ app: () => server.app, transport, url: URL_BASE, dbPrefix: 'sync-money' });
  const sorted = byContent;
  const noSeq = <R extends { seq?: number }>(rows: R[]) => rows.map(({ seq: _seq, ...r }) => r);

  /** What every side must hold alike, by content. */
  async function counterContent(c: EngineCounter) {
    return {
      orders: sorted(await c.db.orders.toArray()),
      payments: sorted(await c.db.payments.toArray()),
      events: sorted(noSeq(await c.db.events.toArray())),
    };
  }
  async function serverContent() {
    return {
      orders: sorted(await rowsOf<OrderRow>(server.q, 'orders')),
      payments: sorted(await rowsOf<PaymentRow>(server.q, 'payments')),
      events: sorted(noSeq(await rowsOf<EventBatchRow>(server.q, 'events'))),
    };
  }
  const count = async (table: (typeof DATA_TABLES)[number]) => (await server.q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

  /** A shop on A with one order of 25.00 (2 × 12.50), known to B too. */
  async function shopWithOrder(a: { counter: EngineCounter; sync: SyncClient }, b: { sync: SyncClient }): Promise<OrderRow> {
    await a.counter.addLocation({ id: 'main', name: 'Main', priority: 1 });
    await a.counter.addProduct({ sku: 'S', name: 'S', price: 1250 });
    await a.counter.receive({ sku: 'S', locationId: 'main', qty: 5 });
    const made = await a.counter.createOrder('product', { buyerId: 'buyer', lines: [{ sku: 'S', qty: 2, price: 2500 }] });
    if (!made.ok) throw new Error(made.message);
    await synced(a.sync);
    await synced(b.sync);
    return (await a.counter.db.orders.get(made.orderId))!;
  }

  const balanceOf = async (c: EngineCounter, order: OrderRow) => orderMoney(order.total, await c.db.payments.where('orderId').equals(order.id).toArray());

  it.skipIf(skip)('made at A, paid in full at B, shipped at A: every side holds the same order, payment and events, and the timeline names each step’s device and operator', async () => {
    const a = await counterWithSync('A', 'ann');
    const b = await counterWithSync('B', 'bob');
    const order = await shopWithOrder(a, b);
    const paid = await b.counter.takePayment({ orderId: order.id, method: 'cash', amount: order.total, tendered: order.total + 500 });
    expect(paid).toMatchObject({ ok: true, paidInFull: true, change: 500, action: { ok: true } });
    const paidState = (await b.counter.db.orders.get(order.id))!.state;
    expect(paidState).not.toBe(order.state);
    expect((await b.counter.db.outbox.toArray()).map((r) => r.kind)).toEqual(['money:take-payment']);
    await synced(b.sync);
    // The server decided the payment with the same rules: its row, and the order moved.
    expect((await rowsOf<OrderRow>(server.q, 'orders'))[0]?.state).toBe(paidState);
    expect(await rowsOf<PaymentRow>(server.q, 'payments')).toMatchObject([{ id: paid.ok ? paid.paymentId : '', orderId: order.id, kind: 'payment', amount: order.total, change: 500, deviceId: b.deviceId, operator: 'bob' }]);
    await synced(a.sync);
    // A pulled the payment; its order stays paid after the next pull (the server saw the money).
    expect((await a.counter.db.orders.get(order.id))?.state).toBe(paidState);
    expect(await balanceOf(a.counter, order)).toMatchObject({ paid: order.total, balance: 0 });
    const shipped = await a.counter.act({ kind: 'order', id: order.id }, 'S', 'ship the order', { carrier: 'sf', trackingNumbers: ['SF123456789012'], parcels: 1 });
    expect(shipped, JSON.stringify(shipped)).toMatchObject({ ok: true });
    await synced(a.sync);
    await synced(b.sync);
    await synced(a.sync);
    for (const c of [a.counter, b.counter]) {
      const events = await orderEvents(c.db, order.id);
      const steps = events.filter((e) => (e.type === 'transition' && e.entity.kind === 'order') || e.type === 'payment');
      expect(steps.map((e) => [e.type === 'payment' ? 'paid' : e.action, e.deviceId, e.operator])).toEqual([
        ['create order', a.deviceId, 'ann'],
        ['paid', b.deviceId, 'bob'],
        ['payment successful', b.deviceId, 'bob'],
        ['ship the order', a.deviceId, 'ann'],
      ]);
    }
    const onServer = await serverContent();
    expect(onServer.payments).toHaveLength(1);
    expect(await counterContent(a.counter)).toEqual(onServer);
    expect(await counterContent(b.counter)).toEqual(onServer);
  }, 90_000);

  /** A and B both take the whole of one order's money while offline; A syncs first. */
  async function bothPayOffline(bPays: (b: EngineCounter, order: OrderRow) => Promise<{ ok: boolean }>, refusal: object) {
    const a = await counterWithSync('A', 'ann');
    const b = await counterWithSync('B', 'bob');
    const order = await shopWithOrder(a, b);
    online = false;
    expect(await a.counter.takePayment({ orderId: order.id, method: 'card', amount: order.total, reference: 'slip 1' })).toMatchObject({ ok: true, paidInFull: true });
    const byB = await bPays(b.counter, order);
    expect(byB, JSON.stringify(byB)).toMatchObject({ ok: true });
    const paidB = (await b.counter.db.payments.toArray())[0]!;
    online = true;
    await synced(a.sync);
    const before = await dumpRows(server.q);
    expect(await b.sync.syncOnce()).toMatchObject({ state: 'synced', refused: 1 });
    // The refused payment wrote nothing on the server.
    expect(await dumpRows(server.q)).toEqual(before);
    const [refused] = await b.counter.db.outbox.where('status').equals('refused').toArray();
    expect(refused).toMatchObject({ undone: true, refusal });
    // B's own payment is gone; A's came with the pull.
    expect(await b.counter.db.payments.get(paidB.id)).toBeUndefined();
    expect(await b.counter.db.payments.toArray()).toMatchObject([{ method: 'card', reference: 'slip 1', amount: order.total }]);
    await synced(a.sync);
    for (const c of [a.counter, b.counter]) expect(await balanceOf(c, order)).toMatchObject({ paid: order.total, refunded: 0, balance: 0 });
    expect(await count('payments')).toBe(1);
    expect(await counterContent(a.counter)).toEqual(await serverContent());
    expect(await counterContent(b.counter)).toEqual(await serverContent());
  }

  it.skipIf(skip)('both take the full payment offline: the server applies one, refuses the other as nothing is owed, and that counter takes its payment back', async () => {
    await bothPayOffline((b, order) => b.takePayment({ orderId: order.id, method: 'cash', amount: order.total }), {
      code: 'not-allowed-in-state',
      message: expect.stringContaining('paid in full'),
      params: { reason: 'nothing-owed' },
    });
  }, 90_000);

  it.skipIf(skip)('one pays in full, the other pays by the action offline: the action is refused in the paid state and taken back', async () => {
    await bothPayOffline((b, order) => b.act({ kind: 'order', id: order.id }, 'P', 'payment successful', { method: 'cash', amountPaid: order.total }), {
      code: 'not-allowed-in-state',
      message: expect.stringContaining('is not allowed in'),
      params: { action: 'payment successful' },
    });
  }, 90_000);

  it.skipIf(skip)('a push repeated after its answer was lost pays once; money back and a reversal reach the other counter', async () => {
    const a = await counterWithSync('A', 'ann');
    const b = await counterWithSync('B', 'bob');
    const order = await shopWithOrder(a, b);
    const part = await a.counter.takePayment({ orderId: order.id, method: 'cash', amount: 1000 });
    if (!part.ok) throw new Error(part.message);
    dropPushAnswer = true;
    expect(await a.sync.syncOnce()).toMatchObject({ state: 'failed', retry: true });
    expect(await count('payments')).toBe(1);
    await synced(a.sync);
    expect(await count('payments')).toBe(1);
    // The same push sent again by hand (a retry after a crash) is answered, not applied again.
    const token = (await a.counter.db.syncState.get('config'))!.value as { token: string };
    const again = await server.app.inject({ method: 'POST', url: '/push', headers: { authorization: `Bearer ${token.token}` }, payload: { commands: [{ commandId: (await a.counter.db.payments.get(part.paymentId))!.commandId, kind: 'money:take-payment', args: [{ orderId: order.id, method: 'cash', amount: 1000 }] }] } });
    expect(again.json()).toMatchObject({ results: [{ result: { ok: true } }] });
    expect(await count('payments')).toBe(1);
    // Money back and a reversal at B, seen at A.
    await synced(b.sync);
    expect(await b.counter.refundMoney({ orderId: order.id, method: 'cash', amount: 400, reason: 'scratched' })).toMatchObject({ ok: true, refunded: 400 });
    const rev = await b.counter.reversePayment({ paymentId: part.paymentId, reason: 'wrong order' });
    expect(rev).toMatchObject({ ok: false, params: { reason: 'refund-depends' } });
    await synced(b.sync);
    await synced(a.sync);
    expect(await balanceOf(a.counter, order)).toMatchObject({ paid: 1000, refunded: 400, balance: order.total - 1000 });
    expect(await count('payments')).toBe(2);
    expect(await counterContent(a.counter)).toEqual(await serverContent());
    expect(await counterContent(b.counter)).toEqual(await serverContent());
  }, 90_000);

  it.skipIf(skip)('a till session is kept by the server: payments there name the counter’s till, and its close counts the same cash', async () => {
    const a = await counterWithSync('A', 'ann');
    const b = await counterWithSync('B', 'bob');
    const order = await shopWithOrder(a, b);
    const opened = await a.counter.openTill({ float: 5000 });
    if (!opened.ok) throw new Error(opened.message);
    await a.counter.takePayment({ orderId: order.id, method: 'cash', amount: 1500, tendered: 2000 });
    const closed = await a.counter.closeTill({ counted: 6400 });
    expect(closed).toMatchObject({ ok: true, report: { expectedCash: 6500, difference: -100 } });
    await synced(a.sync);
    const [till] = await rowsOf<TillRow>(server.q, 'tills');
    expect(till).toMatchObject({ id: opened.tillId, deviceId: a.deviceId, status: 'closed', float: 5000, counted: 6400, expected: 6500, difference: -100 });
    expect(await rowsOf<PaymentRow>(server.q, 'payments')).toMatchObject([{ tillId: opened.tillId }]);
    // The drawer stays A's: B does not receive it, and A keeps its own session row.
    await synced(b.sync);
    expect(await b.counter.db.tills.count()).toBe(0);
    expect(await a.counter.db.tills.get(opened.tillId)).toMatchObject({ status: 'closed', difference: -100 });
    expect(await a.counter.tillReport(opened.tillId)).toMatchObject({ expectedCash: 6500 });
  }, 90_000);

  it.skipIf(skip)('two devices push the full payment of one order at the same moment: the order lock lets one pay, the other is told nothing is owed', async () => {
    const admin = server.engine.commandsFor('server', 'admin');
    await admin.addLocation({ id: 'main', name: 'Main', priority: 1 });
    await admin.addProduct({ sku: 'S', name: 'S', price: 1250 });
    await admin.receive({ sku: 'S', locationId: 'main', qty: 5 });
    const made = await admin.createOrder('product', { buyerId: 'buyer', lines: [{ sku: 'S', qty: 2, price: 2500 }] });
    if (!made.ok) throw new Error(made.message);
    const results = await Promise.all(
      ['dev-1', 'dev-2', 'dev-3', 'dev-4'].map((d) => server.engine.commandsFor(d, 'clerk').takePayment({ orderId: made.orderId, method: 'cash', amount: 2500 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject(Array(3).fill({ code: 'not-allowed-in-state', params: { reason: 'nothing-owed' } }));
    expect(await count('payments')).toBe(1);
  }, 60_000);

  it.skipIf(skip)('an action pushed as "payment successful" with a payment as its input takes the money on the server too, as at the counter', async () => {
    const admin = server.engine.commandsFor('server', 'admin');
    await admin.addProduct({ sku: 'S', name: 'S', price: 1250 });
    await admin.addLocation({ id: 'main', name: 'Main', priority: 1 });
    await admin.receive({ sku: 'S', locationId: 'main', qty: 1 });
    const made = await admin.createOrder('product', { buyerId: 'buyer', lines: [{ sku: 'S', qty: 1, price: 1250 }] });
    if (!made.ok) throw new Error(made.message);
    const clerk = server.engine.commandsFor('dev-1', 'clerk');
    expect(await clerk.act({ kind: 'order', id: made.orderId }, 'P', 'payment successful', { method: 'card', amountPaid: 1250 })).toMatchObject({ ok: true, payment: { paidInFull: true } });
    expect(await rowsOf<PaymentRow>(server.q, 'payments')).toMatchObject([{ orderId: made.orderId, method: 'card', amount: 1250, deviceId: 'dev-1' }]);
  }, 60_000);

  it.skipIf(skip)('the payment methods are the shop’s: a method added at A is taken at B and accepted by the server', async () => {
    const a = await counterWithSync('A', 'ann');
    const b = await counterWithSync('B', 'bob');
    const order = await shopWithOrder(a, b);
    expect(await a.counter.setSetting('paymentMethods', ['cash', 'card', 'voucher'])).toMatchObject({ ok: true });
    await synced(a.sync);
    await synced(b.sync);
    expect((await b.counter.db.settings.get('paymentMethods'))?.value).toEqual(['cash', 'card', 'voucher']);
    expect(await b.counter.takePayment({ orderId: order.id, method: 'voucher', amount: 700 })).toMatchObject({ ok: true });
    expect(await synced(b.sync)).toMatchObject({ refused: 0 });
    expect(await rowsOf<PaymentRow>(server.q, 'payments')).toMatchObject([{ method: 'voucher', amount: 700 }]);
  }, 90_000);

  it.skipIf(skip)('money back against a refund sheet finished at A is given at B: the server checks it against the same sheet, and A sees the sheet paid out', async () => {
    const a = await counterWithSync('A', 'ann');
    const b = await counterWithSync('B', 'bob');
    const order = await shopWithOrder(a, b);
    expect(await a.counter.takePayment({ orderId: order.id, method: 'card', amount: order.total })).toMatchObject({ ok: true, paidInFull: true });
    const line = { kind: 'item' as const, id: (await a.counter.db.items.where('orderId').equals(order.id).first())!.id };
    expect(await a.counter.act(line, 'B', 'request refund', { amount: 1000 })).toMatchObject({ ok: true });
    expect(await a.counter.act(line, 'S', 'agree refund')).toMatchObject({ ok: true });
    expect(await a.counter.act(line, 'P', 'finished refund')).toMatchObject({ ok: true });
    const sheet = (await a.counter.db.refunds.where('orderId').equals(order.id).first())!;
    await synced(a.sync);
    await synced(b.sync);
    // More than the sheet has left is refused at B already; the rest is given back.
    expect(await b.counter.refundMoney({ orderId: order.id, method: 'cash', amount: 1001, refundId: sheet.id })).toMatchObject({ ok: false, params: { reason: 'more-than-sheet' } });
    expect(await b.counter.refundMoney({ orderId: order.id, method: 'cash', amount: 1000, refundId: sheet.id })).toMatchObject({ ok: true, refunded: 1000 });
    expect(await synced(b.sync)).toMatchObject({ refused: 0 });
    await synced(a.sync);
    expect(await rowsOf<PaymentRow>(server.q, 'payments')).toMatchObject([{ kind: 'payment' }, { kind: 'refund', refundId: sheet.id, amount: 1000, deviceId: b.deviceId }]);
    // A cannot give the same money back again: the sheet is paid out there too.
    expect(await a.counter.refundMoney({ orderId: order.id, method: 'cash', amount: 1, refundId: sheet.id })).toMatchObject({ ok: false, params: { reason: 'more-than-sheet', outstanding: 0 } });
    expect(await counterContent(a.counter)).toEqual(await serverContent());
    expect(await counterContent(b.counter)).toEqual(await serverContent());
  }, 90_000);
});

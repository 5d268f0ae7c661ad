// The storage on a real PostgreSQL server, where connections run side by side: the row
// locks make commands on the same stock take turns, so the last units are sold once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRow, OrderRow, ReservationRow, StateCountRow, StockLevelRow } from '../../shared/db/rows';
import { compareLevels, rebuildLevels } from '../../shared/inventory/levels';
import { pgDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import type { Database } from '../db/sql';
import { startEngine } from '../engine';
import { startCluster, type Cluster } from '../testing/realPostgres';
import { rowsOf } from '../testing/pglite';
import { pull } from '../pull/pull';
import { applyPush } from '../push/push';
import { pgTrackingStorage } from './pgTracking';

const cluster: Cluster | string = startCluster();
if (typeof cluster === 'string') console.warn(`PostgreSQL tests skipped: ${cluster}`);

describe.skipIf(typeof cluster === 'string')('on a real PostgreSQL server', () => {
  let database: Database;
  let pool: ReturnType<Cluster['pool']>;

  beforeAll(async () => {
    await (cluster as Cluster).ready();
    pool = (cluster as Cluster).pool(8);
    database = pgDatabase(pool);
    expect(await migrate(database)).toEqual(['001_init.sql', '002_operators.sql', '003_devices_and_pull.sql', '004_refused_commands.sql', '005_money.sql', '006_tracking.sql', '007_unread_indexes.sql']);
    const indexes = (await pool.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).rows.map((r) => r.indexname);
    for (const gone of ['events_order_id', 'stock_ledger_sku', 'shipments_order_id']) expect(indexes).not.toContain(gone);
    expect(indexes).toEqual(expect.arrayContaining(['stock_ledger_id_key', 'checkpoints_id_key', 'exceptions_shipment_id']));
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await (cluster as Cluster).stop();
  });

  it('ten devices buying one unit each of five at once: five orders hold them, five are refused', async () => {
    const engine = await startEngine(pgTrackingStorage(database));
    const admin = engine.commandsFor('server', 'admin');
    expect((await admin.addLocation({ id: 'main', name: 'Main store', priority: 1 })).ok).toBe(true);
    expect((await admin.addProduct({ sku: 'LAST', name: 'Last units', price: 10 })).ok).toBe(true);
    expect((await admin.receive({ sku: 'LAST', locationId: 'main', qty: 5 })).ok).toBe(true);

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => engine.commandsFor(`counter-${i}`, 'clerk').createOrder('product', { buyerId: `b-${i}`, lines: [{ sku: 'LAST', qty: 1, price: 10 }] })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))).toEqual(Array(5).fill('insufficient-stock'));

    const q = { query: <R>(text: string) => pool.query(text).then((r) => ({ rows: r.rows as R[] })) };
    const orders = await rowsOf<OrderRow>(q, 'orders');
    expect(new Set(orders.map((o) => o.number)).size).toBe(5);
    const [levels, ledger, reservations, counts] = await Promise.all([
      rowsOf<StockLevelRow>(q, 'stock_levels'),
      rowsOf<LedgerRow>(q, 'stock_ledger'),
      rowsOf<ReservationRow>(q, 'reservations'),
      rowsOf<StateCountRow>(q, 'state_counts'),
    ]);
    expect(levels).toMatchObject([{ sku: 'LAST', onHand: 5, reserved: 5 }]);
    expect(compareLevels(levels, rebuildLevels(ledger, reservations)).ok).toBe(true);
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(5);
  }, 60_000);

  it('the same command pushed twice at once is applied once', async () => {
    const engine = await startEngine(pgTrackingStorage(database));
    const results = await Promise.all(
      [1, 2].map(() => engine.commandsFor('counter-x', 'clerk').receive({ sku: 'LAST', locationId: 'main', qty: 1 }, { commandId: 'same-receive' })),
    );
    expect(results).toEqual([results[0], results[0]]);
    const ledger = await pool.query("SELECT count(*)::int AS n FROM stock_ledger WHERE command_id = 'same-receive'");
    expect(ledger.rows[0]).toEqual({ n: 1 });
  }, 60_000);

  it('the same refused command pushed twice at once is refused once, and both answers are the kept refusal', async () => {
    const engine = await startEngine(pgTrackingStorage(database));
    const device = { id: 'counter-r', prefix: 'R1' };
    const tooMany = { commandId: 'too-many-at-once', kind: 'create-order' as const, args: ['product', { buyerId: 'b', lines: [{ sku: 'LAST', qty: 999, price: 1 }] }] };
    const answers = await Promise.all([1, 2].map(() => applyPush(engine, database, device, { commands: [tooMany] })));
    expect(answers[0]!.results[0]!.result).toMatchObject({ ok: false, code: 'insufficient-stock' });
    expect(answers[1]).toEqual(answers[0]);
    const kept = await pool.query("SELECT device_id, result FROM refused_commands WHERE id = 'too-many-at-once'");
    expect(kept.rows).toEqual([{ device_id: 'counter-r', result: answers[0]!.results[0]!.result }]);
    expect(await applyPush(engine, database, device, { commands: [tooMany] })).toEqual(answers[0]);
  }, 60_000);

  it('pulls taken while commands commit side by side miss no row: each page stops at what is committed', async () => {
    const engine = await startEngine(pgTrackingStorage(database));
    const writes = Promise.all(
      Array.from({ length: 40 }, (_, i) => engine.commandsFor(`counter-${i % 8}`, 'clerk').receive({ sku: 'LAST', locationId: 'main', qty: 1 }, { commandId: `recv-${i}` })),
    );
    const seen = new Set<string>();
    let cursor = 0;
    let done = false;
    void writes.then(() => (done = true));
    // Pull until the writes are over, then once more to the head.
    for (let last = false; !last; ) {
      last = done;
      for (;;) {
        const page = await pull(database, cursor, 5);
        for (const c of page.changes) if (c.table === 'commands') seen.add((c.row as { id: string }).id);
        cursor = page.cursor;
        if (!page.more) break;
      }
    }
    await writes;
    const stored = await pool.query<{ id: string }>("SELECT id FROM commands WHERE id LIKE 'recv-%'");
    expect(stored.rows).toHaveLength(40);
    for (const { id } of stored.rows) expect(seen.has(id), id).toBe(true);
  }, 60_000);
});

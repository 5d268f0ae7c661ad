// Seeding the pull: the orders the pushed commands made (every row of each: lines, events,
// timers, reservations, movements, its commands) are the templates, copied straight into
// the server's tables until there are `target` orders. Not through the engine: 100 000
// orders through commands would take the bench longer than everything else. Each copy
// gets new ids (a UUID's fourth group becomes the copy's number, the same in every row that
// names it) and new order numbers (PO-D3-000012 → PO-D3-K7-000012); the per-state counts
// are counted again. Stock levels are not moved by the copies: the counter's checkStock
// would not agree with them, and the pull does not ask it to.
import type { Database, Queryable } from '../../server/db/sql';
import { TABLES, type TableSpec } from '../../server/storage/tables';

interface Cloned {
  spec: TableSpec;
  /** The template rows of this table, each with its order's rank `n`. */
  select: string;
  /** The originals, taken out (their copies replace them). */
  remove: string;
}

const CLONED: Cloned[] = [
  { spec: TABLES.orders, select: 'SELECT o.n, t.row FROM orders t JOIN tpl_rank o ON o.order_id = t.id', remove: 'DELETE FROM orders' },
  { spec: TABLES.items, select: 'SELECT o.n, t.row FROM items t JOIN tpl_rank o ON o.order_id = t.order_id', remove: 'DELETE FROM items' },
  { spec: TABLES.refunds, select: 'SELECT o.n, t.row FROM refunds t JOIN tpl_rank o ON o.order_id = t.order_id', remove: 'DELETE FROM refunds' },
  { spec: TABLES.timers, select: 'SELECT o.n, t.row FROM timers t JOIN tpl_rank o ON o.order_id = t.order_id', remove: 'DELETE FROM timers' },
  { spec: TABLES.reservations, select: 'SELECT o.n, t.row FROM reservations t JOIN tpl_rank o ON o.order_id = t.order_id', remove: 'DELETE FROM reservations' },
  { spec: TABLES.events, select: 'SELECT o.n, t.row FROM events t JOIN tpl_rank o ON o.order_id = t.order_id ORDER BY t.seq', remove: 'DELETE FROM events' },
  {
    spec: TABLES.stockLedger,
    select: "SELECT o.n, t.row FROM stock_ledger t JOIN tpl_rank o ON o.order_id = t.row->>'orderId' ORDER BY t.seq",
    remove: "DELETE FROM stock_ledger WHERE row->>'orderId' IS NOT NULL",
  },
  {
    spec: TABLES.commands,
    select: 'SELECT DISTINCT ON (t.id) o.n, t.row FROM commands t JOIN events e ON e.command_id = t.id JOIN tpl_rank o ON o.order_id = e.order_id ORDER BY t.id',
    remove: 'DELETE FROM commands WHERE id IN (SELECT row->>\'id\' FROM tpl_commands)',
  },
];

// The copy's number k goes into every UUID (its fourth group) and order number.
const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-)[0-9a-f]{4}';
const NUMBER = '([A-Z]{2}-D[0-9A-Z]+-)([0-9]{6})';
const transform = `regexp_replace(regexp_replace(row::text, '${UUID}', '\\1' || lpad(to_hex(k), 4, '0'), 'g'), '${NUMBER}', '\\1K' || k || '-\\2', 'g')::jsonb`;

export interface Seeded {
  ms: number;
  orders: number;
  templates: number;
  copies: number;
  rows: number;
}

async function count(q: Queryable, sql: string): Promise<number> {
  return Number((await q.query<{ n: string }>(sql)).rows[0]!.n);
}

export async function seedOrders(database: Database, target: number): Promise<Seeded> {
  const t0 = performance.now();
  const q = await database.connect();
  try {
    await q.query('DROP TABLE IF EXISTS tpl_rank');
    await q.query('CREATE TABLE tpl_rank AS SELECT id AS order_id, row_number() OVER (ORDER BY change_seq) AS n FROM orders');
    const templates = await count(q, 'SELECT count(*)::text AS n FROM tpl_rank');
    if (templates === 0) throw new Error('no orders to copy: the push made none');
    const tpl = (c: Cloned) => `tpl_${c.spec.table}`;
    for (const c of CLONED) {
      await q.query(`DROP TABLE IF EXISTS ${tpl(c)}`);
      await q.query(`CREATE TABLE ${tpl(c)} AS SELECT row_number() OVER () AS i, x.n, x.row FROM (${c.select}) x`);
    }
    for (const c of [...CLONED].reverse()) await q.query(c.remove);
    const copies = Math.ceil(target / templates);
    // One statement a table for every copy (k from generate_series): a statement a copy and
    // table took 958 s for 100 000 orders at load 25. The change positions are given here,
    // as that loop took them (copy after copy, table after table within a copy), so a page
    // still mixes the tables of the orders it carries; the last copy leaves gaps, which a
    // cursor does not mind.
    const sizes = await Promise.all(CLONED.map((c) => count(q, `SELECT count(*)::text AS n FROM ${tpl(c)}`)));
    const perCopy = sizes.reduce((a, b) => a + b, 0);
    const base = Number((await q.query<{ n: string }>("SELECT nextval('change_seq')::text AS n")).rows[0]!.n);
    let offset = 0;
    for (const [t, c] of CLONED.entries()) {
      const names = Object.keys(c.spec.columns);
      const exprs = Object.values(c.spec.columns);
      await q.query(
        `INSERT INTO ${c.spec.table} (${[...names, 'row', 'change_seq'].join(', ')}) SELECT ${[...exprs, 'r', 'seq'].join(', ')} FROM ` +
          `(SELECT ${transform} AS r, $3::bigint + (k - 1) * ${perCopy} + ${offset} + i AS seq FROM ${tpl(c)} CROSS JOIN generate_series(1, $1::int) AS g(k) ` +
          `WHERE (k - 1) * ${templates} + n <= $2::int) s ORDER BY seq`,
        [copies, target, base],
      );
      offset += sizes[t]!;
    }
    await q.query("SELECT setval('change_seq', $1::bigint)", [base + copies * perCopy]);
    await q.query('DELETE FROM state_counts');
    await q.query(
      "INSERT INTO state_counts (type, state, count, row) SELECT type, state, count(*)::int, jsonb_build_object('type', type, 'state', state, 'count', count(*)::int) FROM orders GROUP BY type, state",
    );
    for (const c of CLONED) await q.query(`DROP TABLE ${tpl(c)}`);
    await q.query('DROP TABLE tpl_rank');
    await q.query('ANALYZE');
    const orders = await count(q, 'SELECT count(*)::text AS n FROM orders');
    let rows = 0;
    for (const t of ['orders', 'items', 'refunds', 'vouchers', 'timers', 'events', 'commands', 'settings', 'workflows', 'products', 'locations', 'stock_ledger', 'stock_levels', 'reservations', 'state_counts']) {
      rows += await count(q, `SELECT count(*)::text AS n FROM ${t}`);
    }
    return { ms: performance.now() - t0, orders, templates, copies, rows };
  } finally {
    q.release();
  }
}

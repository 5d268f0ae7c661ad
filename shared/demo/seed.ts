// Demo data: realistic products, locations and orders in many states. Orders are not
// inserted as made-up rows: each one is driven through the real workflow by the pure
// engine core (create, pay, ship, refund... as the right roles), in memory, on stock read in
// the transaction that writes it; each batch of orders and the stock rows they touch is one
// transaction. Every row is one the engine could have written.
import { minorFromLegacy } from '../money';
import { newId } from '../ids';
import type { CounterDb } from '../db/database';
import { batchesOf } from '../db/events';
import type { EventRow, ItemRow, LedgerRow, OrderRow, OrderType, RefundRow, ReservationRow, TimerRow, VoucherRow } from '../db/rows';
import { withCheckDigit } from '../barcode/checkDigit';
import { emptyStockWork, levelKey, type StockWork } from '../inventory/work';
import type { Counter, OrderLineInput } from '../api';
import { decideAct, decideCreate, decideRedeem, type EngineEnv } from '../engine/decide';
import { applyStateMoves } from '../engine/stateCounts';
import type { OrderWork } from '../engine/work';
import type { EventMeta as CommandMeta } from '../engine/command';
import { mulberry32 } from '../random';

export interface SeedDeps {
  db: CounterDb;
  counter: Pick<Counter, 'addProduct' | 'addLocation' | 'receive'>;
  env: EngineEnv;
  deviceId: string;
  operator: string;
  now: () => number;
  devicePrefix: string;
  /** Called after each batch with the number of orders written so far; the next batch
   *  starts once a returned promise settles. */
  onProgress?: (done: number) => void | Promise<void>;
}

// Orders per transaction. While a batch is written, the counter's own reads and commands on
// the same tables wait for it: during an import of 100 000, a lookup waited p95 ~2 s with
// 2 000 per transaction, ~0.35 s with 250 and ~0.19 s with 100, for an import 11-15 % slower
// than with 2 000 and 4-6 % faster than with 100 (bench/RESULTS.md).
export const SEED_ORDERS_PER_TRANSACTION = 250;
const MINUTE = 60_000;

const FIRST = ['Ann', 'Ben', 'Chen', 'Dana', 'Emil', 'Fatima', 'Gao', 'Hana', 'Ivan', 'Jun', 'Karin', 'Li', 'Marta', 'Noor', 'Olu', 'Pia', 'Quinn', 'Rosa', 'Sven', 'Tao', 'Uma', 'Vera', 'Wei', 'Xin', 'Yara', 'Zoe'];
const LAST = ['Meyer', 'Wang', 'Garcia', 'Kowalski', 'Okafor', 'Silva', 'Novak', 'Zhang', 'Larsen', 'Rossi', 'Dubois', 'Tanaka', 'Khan', 'Murphy', 'Liu', 'Berg'];
const STREETS = ['Harbour Road', 'Mill Lane', 'Station Street', 'Market Square', 'Canal Walk', 'Birch Avenue'];

const PRODUCTS: Array<[string, string, number]> = [
  ['Green tea, 250 g', 'pcs', 6.5], ['Black tea, 500 g', 'pcs', 9.9], ['Coffee beans, 1 kg', 'pcs', 18],
  ['Ceramic mug', 'pcs', 8], ['Teapot, glass', 'pcs', 24], ['Honey, 500 g', 'pcs', 7.2],
  ['Rice, 5 kg', 'bag', 14], ['Soy sauce, 1 l', 'btl', 4.6], ['Noodles, 400 g', 'pcs', 2.9],
  ['Olive oil, 750 ml', 'btl', 11], ['Parcel box S', 'pcs', 1.2], ['Parcel box M', 'pcs', 1.8],
  ['Parcel box L', 'pcs', 2.5], ['Packing tape', 'roll', 3.4], ['Bubble wrap, 10 m', 'roll', 6],
  ['AA batteries, 4', 'pack', 5.5], ['USB-C cable', 'pcs', 9], ['Phone charger', 'pcs', 19],
  ['Notebook A5', 'pcs', 3.2], ['Gel pens, 10', 'pack', 6.8], ['Umbrella', 'pcs', 15],
  ['Water bottle', 'pcs', 12], ['Lunch box', 'pcs', 10], ['Thermos, 500 ml', 'pcs', 21],
];
const SERVICES: Array<[string, string, number, number]> = [
  ['Yoga class pass', 'pass', 120, 10], ['Bike repair session', 'session', 45, 3], ['Photo printing, 50 prints', 'pass', 20, 5],
];

type Step = { kind: 'act'; target: 'order' | 'item0'; role: string; action: string } | { kind: 'redeem'; count: 'one' | 'all' };
const act = (role: string, action: string, target: 'order' | 'item0' = 'order'): Step => ({ kind: 'act', target, role, action });

const PAY = act('P', 'payment successful');
const SHIP = act('S', 'ship the order');
const CONFIRM = act('B', 'confirm reception of order');

/** Scenarios by weight: most orders are in flight, some closed, a few in refunds. */
const PRODUCT_PATHS: Array<[number, Step[]]> = [
  [14, []],
  [5, [act('B', 'cancel order')]],
  [3, [act('P', 'no payment')]],
  [16, [PAY]],
  [3, [PAY, act('B', 'request refund', 'item0')]],
  [2, [PAY, act('B', 'request refund', 'item0'), act('S', 'agree refund', 'item0')]],
  [18, [PAY, SHIP]],
  [3, [PAY, SHIP, act('B', 'request refund with return', 'item0'), act('S', 'agree refund', 'item0')]],
  [10, [PAY, SHIP, CONFIRM]],
  [8, [PAY, SHIP, CONFIRM, act('P', 'no refund request')]],
  [8, [PAY, SHIP, CONFIRM, act('P', 'no refund request'), act('P', 'finished accounting')]],
];
const SERVICE_PATHS: Array<[number, Step[]]> = [
  [4, []],
  [6, [PAY]],
  [6, [PAY, { kind: 'redeem', count: 'one' }]],
  [3, [PAY, { kind: 'redeem', count: 'all' }]],
  [2, [PAY, act('B', 'request refund'), act('P', 'finished refund')]],
];


function pickWeighted<T>(rand: () => number, table: Array<[number, T]>): T {
  const total = table.reduce((n, [w]) => n + w, 0);
  let r = rand() * total;
  for (const [w, value] of table) if ((r -= w) < 0) return value;
  return table[table.length - 1]![1];
}

interface Catalog {
  products: Array<{ sku: string; price: number }>;
  services: Array<{ sku: string; price: number; uses: number }>;
}

async function ensureCatalog(deps: SeedDeps, orders: number): Promise<Catalog> {
  const { db, counter } = deps;
  if (!(await db.locations.count())) {
    await counter.addLocation({ id: 'MAIN', name: 'Main store', priority: 1 });
    await counter.addLocation({ id: 'BACK', name: 'Back room', priority: 2 });
    await counter.addLocation({ id: 'DEPOT', name: 'North depot', priority: 3 });
  }
  const catalog: Catalog = { products: [], services: [] };
  for (const [index, [name, unit, decimalPrice]] of PRODUCTS.entries()) {
    const price = minorFromLegacy(decimalPrice); // the list reads as decimals; money is minor units
    const sku = `SKU-${String(index + 1).padStart(4, '0')}`;
    if (!(await db.products.get(sku))) {
      await counter.addProduct({ sku, name, unit, price, barcodes: [withCheckDigit(`200000${String(index + 1).padStart(6, '0')}`)], reorderPoint: 10 });
    }
    catalog.products.push({ sku, price });
  }
  for (const [index, [name, unit, decimalPrice, uses]] of SERVICES.entries()) {
    const price = minorFromLegacy(decimalPrice);
    const sku = `SRV-${String(index + 1).padStart(3, '0')}`;
    if (!(await db.products.get(sku))) await counter.addProduct({ sku, name, unit, price });
    catalog.services.push({ sku, price, uses });
  }
  // Enough stock that every demo order can reserve, spread over the locations.
  const perProduct = Math.ceil((orders * 4) / PRODUCTS.length) + 40;
  for (const { sku } of catalog.products) {
    await counter.receive({ sku, locationId: 'MAIN', qty: Math.ceil(perProduct * 0.6), reason: 'Demo stock' });
    await counter.receive({ sku, locationId: 'BACK', qty: Math.ceil(perProduct * 0.3), reason: 'Demo stock' });
    await counter.receive({ sku, locationId: 'DEPOT', qty: Math.ceil(perProduct * 0.1) + 5, reason: 'Demo stock' });
  }
  return catalog;
}

/** The rows one order ends with, and everything it appended. */
interface OrderRows {
  order: OrderRow;
  items: ItemRow[];
  refunds: RefundRow[];
  vouchers: VoucherRow[];
  timers: Map<string, TimerRow>;
  events: EventRow[];
  reservations: Map<string, ReservationRow>;
  ledger: LedgerRow[];
}

/** A per-order view of the batch's stock: the batch's levels, the order's own reservations. */
function orderStock(shared: StockWork): StockWork {
  return { ...shared, reservations: new Map(), changedLevels: new Set(), changedReservations: new Set(), changedProducts: new Set(), changedLocations: new Set(), ledger: [] };
}

export interface SeedOptions {
  orders: number;
  /** Orders per transaction; SEED_ORDERS_PER_TRANSACTION when absent (tests use small batches). */
  ordersPerTransaction?: number;
}

export async function seedDemo(deps: SeedDeps, options: SeedOptions): Promise<{ orders: number; products: number }> {
  const total = Math.max(0, Math.min(200_000, Math.floor(options.orders)));
  const perTransaction = Math.max(1, Math.floor(options.ordersPerTransaction ?? SEED_ORDERS_PER_TRANSACTION));
  const catalog = await ensureCatalog(deps, total);
  const { db, env } = deps;
  const rand = mulberry32(total * 7919 + (await db.orders.count()));
  const allSkus = [...catalog.products, ...catalog.services].map((p) => p.sku);
  // Products and locations were made above and the import changes neither, so they are read
  // once. Levels and sequences are not: another window may receive stock or take an order
  // number between two batches, so each batch reads them inside its own transaction.
  const [products, locations] = await db.transaction('r', db.products, db.locations, () => Promise.all([db.products.bulkGet(allSkus), db.locations.toArray()]));
  const base = emptyStockWork();
  for (const p of products) if (p) base.products.set(p.sku, p);
  for (const l of locations) base.locations.set(l.id, l);
  const levelKeys = allSkus.flatMap((sku) => locations.map((l): [string, string] => [sku, l.id]));
  const usedCodes = new Set<string>();
  const seedEnv: EngineEnv = {
    ...env,
    voucherCode: () => {
      let code = env.voucherCode();
      while (usedCodes.has(code)) code = env.voucherCode();
      usedCodes.add(code);
      return code;
    },
  };
  const now = deps.now();
  let commandSeq = 0;
  // Unique per run: the rows' ids derive from the command id (ids.ts), and a run after an
  // interrupted one (same clock in tests) must not make ids the first one already stored.
  const run = newId();
  const meta = (at: number): CommandMeta => ({ commandId: `demo-${run}-${++commandSeq}`, deviceId: deps.deviceId, operator: deps.operator, at });

  let written = 0;
  while (written < total) {
    const size = Math.min(perTransaction, total - written);
    // One transaction per batch: read the levels and sequences, drive the orders on them,
    // write the orders with the stock rows they moved (levels, reservations, ledger). A batch
    // is whole or absent, and levels never lag behind what the written orders reserved.
    const count = await db.transaction('rw', [db.orders, db.items, db.refunds, db.vouchers, db.timers, db.events, db.reservations, db.stockLedger, db.stockLevels, db.sequences, db.stateCounts], async () => {
      const [levels, productSeq, serviceSeq] = await Promise.all([
        db.stockLevels.bulkGet(levelKeys),
        db.sequences.get('order:product'),
        db.sequences.get('order:service'),
      ]);
      const stock: StockWork = { ...base, levels: new Map(), changedLevels: new Set(), reservations: new Map(), ledger: [] };
      for (const l of levels) if (l) stock.levels.set(levelKey(l.sku, l.locationId), l);
      const sequences = { product: productSeq?.value ?? 0, service: serviceSeq?.value ?? 0 };
      const batch: OrderRows[] = [];
      for (let n = 0; n < size; n++) {
        const rows = driveOrder(seedEnv, stock, catalog, rand, sequences, deps.devicePrefix, now, meta);
        if (rows) batch.push(rows);
      }
      // The writes go out together: awaiting each table in turn left the storage idle for a
      // round trip between tables.
      await Promise.all([
        db.orders.bulkPut(batch.map((b) => b.order)),
        applyStateMoves(db, batch.map((b) => ({ type: b.order.type, from: null, to: b.order.state }))),
        db.items.bulkPut(batch.flatMap((b) => b.items)),
        db.refunds.bulkPut(batch.flatMap((b) => b.refunds)),
        // Added, not put: a code clash with a voucher made elsewhere fails the batch instead
        // of overwriting that voucher.
        db.vouchers.bulkAdd(batch.flatMap((b) => b.vouchers)),
        db.timers.bulkPut(batch.flatMap((b) => [...b.timers.values()])),
        db.events.bulkAdd(batch.flatMap((b) => batchesOf(b.events))),
        db.reservations.bulkPut(batch.flatMap((b) => [...b.reservations.values()])),
        db.stockLedger.bulkAdd(batch.flatMap((b) => b.ledger.map(({ seq: _seq, ...row }) => row))),
        db.stockLevels.bulkPut([...stock.changedLevels].map((key) => stock.levels.get(key)!)),
        db.sequences.bulkPut([
          { name: 'order:product', value: sequences.product },
          { name: 'order:service', value: sequences.service },
        ]),
      ]);
      return batch.length;
    });
    written += count;
    await deps.onProgress?.(written);
    if (!count) break;
  }
  return { orders: written, products: catalog.products.length + catalog.services.length };
}

function driveOrder(
  env: EngineEnv,
  batchStock: StockWork,
  catalog: Catalog,
  rand: () => number,
  sequences: Record<OrderType, number>,
  devicePrefix: string,
  now: number,
  meta: (at: number) => CommandMeta,
): OrderRows | null {
  const type: OrderType = rand() < 0.8 ? 'product' : 'service';
  const buyerName = `${FIRST[Math.floor(rand() * FIRST.length)]} ${LAST[Math.floor(rand() * LAST.length)]}`;
  const buyerId = `C${Math.floor(rand() * 90_000) + 10_000}`;
  // A phone made from the buyer id (no extra draw: the rest of the data stays as it was).
  const phone = `13${String((Number(buyerId.slice(1)) * 7_919) % 1_000_000_000).padStart(9, '0')}`;
  let lines: OrderLineInput[];
  if (type === 'product') {
    const count = 1 + Math.floor(rand() * 3);
    const skus = new Set<number>();
    while (skus.size < count) skus.add(Math.floor(rand() * catalog.products.length));
    lines = [...skus].map((i) => {
      const p = catalog.products[i]!;
      const qty = 1 + Math.floor(rand() * 3);
      return { sku: p.sku, qty, unitPrice: p.price, price: p.price * qty };
    });
  } else {
    const s = catalog.services[Math.floor(rand() * catalog.services.length)]!;
    lines = [{ sku: s.sku, qty: 1, price: s.price, unitPrice: Math.round(s.price / s.uses), serviceTimes: s.uses, validUntil: new Date(now + 90 * 86_400_000).toISOString() }];
  }
  // Recent enough that production timers are still ahead; steps a few minutes apart.
  let at = now - Math.floor(rand() * 20 * 60 * MINUTE);
  const stock = orderStock(batchStock);
  const created = decideCreate(env, { stock, sequence: sequences[type] }, meta(at), type, { buyerId, buyerName, phone, address: `${1 + Math.floor(rand() * 120)} ${STREETS[Math.floor(rand() * STREETS.length)]}`, lines }, devicePrefix);
  if (!created.result.ok || !created.work) return null;
  sequences[type] = created.sequence;
  let work = created.work;
  const rows = collect(work);
  const steps = pickWeighted(rand, type === 'product' ? PRODUCT_PATHS : SERVICE_PATHS);
  for (const step of steps) {
    at += MINUTE + Math.floor(rand() * 30 * MINUTE);
    if (at > now) at = now;
    const snapshot = work.nextSnapshot(stock);
    stock.ledger = [];
    let next: OrderWork | null;
    if (step.kind === 'act') {
      const ref = step.target === 'order' ? { kind: 'order' as const, id: work.order.id } : { kind: 'item' as const, id: work.itemList()[0]!.id };
      next = decideAct(env, snapshot, meta(at), ref, step.role, step.action).work;
    } else {
      const redeemable = work.wf.definition.vouchers?.redeem.from ?? [];
      const codes = [...work.vouchers.values()].filter((v) => redeemable.includes(v.state)).map((v) => v.code);
      next = work;
      for (const code of step.count === 'one' ? codes.slice(0, 1) : codes) {
        next = decideRedeem(env, next.nextSnapshot(stock), meta(at), code).work ?? next;
        merge(rows, next);
      }
      work = next;
      continue;
    }
    if (!next) break; // a step that does not apply ends the scenario early
    work = next;
    merge(rows, work);
  }
  return rows;

  function collect(w: OrderWork): OrderRows {
    const r: OrderRows = { order: w.order, items: [], refunds: [], vouchers: [], timers: new Map(), events: [], reservations: new Map(), ledger: [] };
    merge(r, w);
    return r;
  }

  function merge(r: OrderRows, w: OrderWork): void {
    const c = w.changeset();
    r.order = w.order;
    r.items = w.itemList();
    r.refunds = [...w.refunds.values()];
    r.vouchers = [...w.vouchers.values()];
    for (const t of c.timers) r.timers.set(t.id, t);
    r.events.push(...c.events);
    for (const id of stock.changedReservations) r.reservations.set(id, stock.reservations.get(id)!);
    r.ledger.push(...stock.ledger);
    for (const key of stock.changedLevels) batchStock.changedLevels.add(key);
  }
}

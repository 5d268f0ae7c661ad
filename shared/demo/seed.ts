// Demo data: realistic products, locations and orders in many states. Orders are not
// inserted as made-up rows: each one is driven through the real workflow by the pure
// engine core (create, pay, ship, refund... as the right roles), in memory, on stock read in
// the transaction that writes it. Each batch of orders is one command of the pipeline
// (engine/pipeline.ts): its orders, the stock rows they touch and its result in one
// transaction, applied once for its id (the run's id and the batch's number), so an
// interrupted run resumes at the batch after the last one stored. Every row is one the
// engine could have written.
import { minorFromLegacy } from '../money';
import { derivedId, newId } from '../ids';
import type { CounterDb } from '../db/database';
import type { OrderType, StockLevelRow } from '../db/rows';
import { withCheckDigit } from '../barcode/checkDigit';
import { emptyStockWork, levelKey, type StockWork } from '../inventory/work';
import type { Counter, OrderLineInput, Refused } from '../api';
import type { EventMeta } from '../engine/command';
import { decideAct, decideCreate, decideRedeem, type EngineEnv } from '../engine/decide';
import { runCommand } from '../engine/pipeline';
import type { OrderWork } from '../engine/work';
import { mulberry32 } from '../random';
import { demoStorage, type DemoOrderRows, type DemoTx } from './storage';
import { DEMO_ID_PREFIX, demoBatchId, lastBatchOf, type DemoBatchResult } from './runs';

export { demoBatchId, unfinishedDemoImport, type DemoBatchResult } from './runs';

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
// the same tables wait for it (a read-only transaction queued behind a read-write one on the
// same stores waits for its commit): during an import of 100 000, a lookup waited p95 ~2 s
// with 2 000 per transaction, ~0.35 s with 250 and ~0.19 s with 100 (bench/RESULTS.md). 100
// keeps that wait near the 300 ms target; the import's floor writes the same transactions, and
// against it 100 costs no more than 250 did (bench/RESULTS.md, import21).
export const SEED_ORDERS_PER_TRANSACTION = 100;
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

async function ensureCatalog(deps: SeedDeps, orders: number, run: string): Promise<Catalog> {
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
  // Enough stock that every demo order can reserve, spread over the locations. Received
  // once per run: the ids derive from the run, so a resumed run's receives are repeats.
  const perProduct = Math.ceil((orders * 4) / PRODUCTS.length) + 40;
  const receiveId = (n: number) => ({ commandId: derivedId(`${DEMO_ID_PREFIX}${run}:stock`, n) });
  // A counter that had locations of its own before keeps them (the demo's are not made).
  const known = new Set(await db.locations.toCollection().primaryKeys());
  let n = 0;
  for (const { sku } of catalog.products) {
    for (const [locationId, qty] of [['MAIN', Math.ceil(perProduct * 0.6)], ['BACK', Math.ceil(perProduct * 0.3)], ['DEPOT', Math.ceil(perProduct * 0.1) + 5]] as const) {
      if (!known.has(locationId)) continue;
      const received = await counter.receive({ sku, locationId, qty, reason: 'Demo stock' }, receiveId(n++));
      if (!received.ok) throw new DemoImportStopped(received, run, 0, orders);
    }
  }
  return catalog;
}

/** A per-order view of the batch's stock: the batch's levels, the order's own reservations. */
function orderStock(shared: StockWork): StockWork {
  return { ...shared, reservations: new Map(), changedLevels: new Set(), changedReservations: new Set(), changedProducts: new Set(), changedLocations: new Set(), ledger: [] };
}

export interface SeedOptions {
  orders: number;
  /** Orders per transaction; SEED_ORDERS_PER_TRANSACTION when absent (tests use small batches). */
  ordersPerTransaction?: number;
  /** The import run to continue (its batches already applied are skipped); a new run when absent. */
  run?: string;
}

/** What a demo import wrote: the orders of this call, the catalogue's size, and its run. */
export interface SeedResult {
  orders: number;
  products: number;
  run: string;
}

/** The import stopped at a batch that was refused or could not be written: the batches
 *  before it are whole, nothing of it was written, and the run can be resumed. */
export class DemoImportStopped extends Error {
  constructor(
    readonly refusal: Refused,
    readonly run: string,
    readonly written: number,
    readonly total: number,
  ) {
    super(`The demo import stopped after ${written} of ${total} orders (every batch before is whole, nothing of the next was written): ${refusal.message}`);
    this.name = 'DemoImportStopped';
  }
}

/** What a batch is decided on: its number, the orders before it, and what its transaction reads. */
interface BatchInput {
  batch: number;
  writtenBefore: number;
  levels: StockLevelRow[];
  productSeq: number;
  serviceSeq: number;
}

/** A batch's decision: its rows and result, and the levels it leaves. */
interface DecidedBatch {
  input: BatchInput;
  orders: DemoOrderRows[];
  changed: StockLevelRow[];
  sequences: { product: number; service: number };
  levelsAfter: StockLevelRow[];
  result: DemoBatchResult;
}

/** Orders decided between two yields when a batch is decided ahead (~10-25 ms of work). */
const YIELD_EVERY = 25;

// shared/ is typed without DOM or Node libs; every host it runs in (window, worker, Node) has a
// timer, and a turn of the host's task queue is all the import asks of it.
const host = globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown };
const nextTask = () => new Promise<void>((resolve) => void host.setTimeout(resolve, 0));

/** Whether a transaction read what a batch decided ahead was decided on. */
function sameInput(a: BatchInput, b: BatchInput): boolean {
  if (a.batch !== b.batch || a.writtenBefore !== b.writtenBefore || a.productSeq !== b.productSeq || a.serviceSeq !== b.serviceSeq) return false;
  if (a.levels.length !== b.levels.length) return false;
  const expected = new Map(a.levels.map((l) => [levelKey(l.sku, l.locationId), l]));
  return b.levels.every((l) => {
    const e = expected.get(levelKey(l.sku, l.locationId));
    return e !== undefined && sameRow(e, l);
  });
}

function sameRow(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export async function seedDemo(deps: SeedDeps, options: SeedOptions): Promise<SeedResult> {
  const { db, env } = deps;
  const run = options.run ?? newId();
  // A run resumed goes on as it started: its size and batches are in its stored results.
  const previous = options.run === undefined ? undefined : await lastBatchOf(db, run);
  const total = previous?.total ?? Math.max(0, Math.min(200_000, Math.floor(options.orders)));
  const perBatch = previous?.perBatch ?? Math.max(1, Math.floor(options.ordersPerTransaction ?? SEED_ORDERS_PER_TRANSACTION));
  const catalog = await ensureCatalog(deps, total, run);
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
  const storage = demoStorage(db);

  /** Decides one batch's orders on the levels and order numbers given (pure: the rows read
   *  are copied, not changed). `yieldEvery` lets the event loop run between orders, for a
   *  batch decided ahead, outside any transaction (a yield inside one would end it). */
  async function decideBatch(input: BatchInput, yieldEvery = 0): Promise<DecidedBatch> {
    const commandId = demoBatchId(run, input.batch);
    let step = 0;
    // Each decision inside the batch gets its own id: the rows' ids derive from it (ids.ts).
    const meta = (at: number): EventMeta => ({ commandId: `${commandId}/${++step}`, deviceId: deps.deviceId, operator: deps.operator, at });
    // The batch's draws depend on the run's size and the batch number only, so a batch
    // decided again (another window resuming the same run, or a batch decided ahead that
    // met other stock) is the same data.
    const rand = mulberry32(total * 7919 + input.batch * 104_729);
    const stock: StockWork = { ...base, levels: new Map(), changedLevels: new Set(), reservations: new Map(), ledger: [] };
    for (const l of input.levels) stock.levels.set(levelKey(l.sku, l.locationId), { ...l });
    const sequences = { product: input.productSeq, service: input.serviceSeq };
    const size = Math.min(perBatch, total - input.writtenBefore);
    const orders: DemoOrderRows[] = [];
    for (let n = 0; n < size; n++) {
      if (yieldEvery && n > 0 && n % yieldEvery === 0) await nextTask();
      const rows = driveOrder(seedEnv, stock, catalog, rand, sequences, deps.devicePrefix, now, meta);
      if (rows) orders.push(rows);
    }
    const done = input.writtenBefore + orders.length;
    return {
      input,
      orders,
      changed: [...stock.changedLevels].map((key) => stock.levels.get(key)!),
      sequences,
      // What the next batch will read if this one is written and nothing else moved stock.
      levelsAfter: [...stock.levels.values()].map((l) => ({ ...l })),
      result: { ok: true, run, batch: input.batch, orders: orders.length, written: done, total, perBatch, last: done >= total || orders.length === 0 },
    };
  }

  let batch = previous?.batch ?? 0;
  let runWritten = previous?.written ?? 0;
  let written = 0;
  let last = previous?.last ?? total === 0;
  // The next batch decided ahead, on the levels and order numbers it expects to read: it is
  // used only if its transaction reads exactly those (else it is decided again there), so
  // every batch is still decided on the stock of its own transaction. Deciding ahead, while
  // the batch before commits, keeps the deciding out of the write transaction: the import
  // overlaps the storage's work with its own, and the counter's reads wait less for it.
  const first = { batch: batch + 1, writtenBefore: runWritten };
  let ahead: Promise<DecidedBatch | null> = last
    ? Promise.resolve(null)
    : storage
        .read(async (tx) => {
          const [levels, productSeq, serviceSeq] = await Promise.all([tx.levels(levelKeys), tx.sequence('order:product'), tx.sequence('order:service')]);
          return { ...first, levels, productSeq, serviceSeq };
        })
        .then((input) => decideBatch(input, YIELD_EVERY))
        .catch(() => null);
  while (!last) {
    batch += 1;
    const commandId = demoBatchId(run, batch);
    const writtenBefore = runWritten;
    const guess = await ahead;
    let guessTaken = false;
    let decidedHere: ((d: DecidedBatch) => void) | undefined;
    const decided = new Promise<DecidedBatch>((resolve) => (decidedHere = resolve));
    // One command per batch: read the levels and sequences, drive the orders on them (or take
    // the batch decided ahead on the same values), and write the orders with the stock rows
    // they moved (levels, reservations, ledger) and the batch's result, in one transaction.
    // A batch is whole or absent, applied once for its id, and levels never lag behind what
    // the written orders reserved.
    const pending = runCommand<DemoBatchResult, DemoTx>(
      storage,
      { commandId, kind: 'import-demo', deviceId: deps.deviceId, operator: deps.operator, at: deps.now() },
      { run, batch, total, perBatch },
      async (tx) => {
        const [levels, productSeq, serviceSeq] = await Promise.all([tx.levels(levelKeys), tx.sequence('order:product'), tx.sequence('order:service')]);
        const input: BatchInput = { batch, writtenBefore, levels, productSeq, serviceSeq };
        // Only on the first attempt: a retry after a key clash decides again with fresh codes.
        const d = guess && !guessTaken && sameInput(guess.input, input) ? guess : await decideBatch(input);
        guessTaken = true;
        decidedHere?.(d);
        return {
          result: d.result,
          write: (w) => w.writeDemoBatch({ orders: d.orders, levels: d.changed, sequences: d.sequences }),
        };
      },
    );
    // Once this batch is decided and its writes are out, the next is decided while they commit.
    ahead = Promise.race([decided, pending.then(() => null)]).then(async (d) => {
      if (!d || d.result.last) return null;
      await nextTask();
      return decideBatch(
        { batch: d.input.batch + 1, writtenBefore: d.result.written, levels: d.levelsAfter, productSeq: d.sequences.product, serviceSeq: d.sequences.service },
        YIELD_EVERY,
      );
    }).catch(() => null); // a guess that fails is decided again in its own transaction
    const result = await pending;
    if (!result.ok) throw new DemoImportStopped(result, run, runWritten, total);
    // A repeat (another window applied this batch) answers with that batch's stored result.
    runWritten = result.written;
    written += result.orders;
    last = result.last;
    await deps.onProgress?.(written);
  }
  return { orders: written, products: catalog.products.length + catalog.services.length, run };
}

function driveOrder(
  env: EngineEnv,
  batchStock: StockWork,
  catalog: Catalog,
  rand: () => number,
  sequences: Record<OrderType, number>,
  devicePrefix: string,
  now: number,
  meta: (at: number) => EventMeta,
): DemoOrderRows | null {
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

  function collect(w: OrderWork): DemoOrderRows {
    const r: DemoOrderRows = { order: w.order, items: [], refunds: [], vouchers: [], timers: new Map(), events: [], reservations: new Map(), ledger: [] };
    merge(r, w);
    return r;
  }

  function merge(r: DemoOrderRows, w: OrderWork): void {
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

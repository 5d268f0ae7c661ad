// The bench page: built by Vite from this entry, served on the same origin as the built
// app, and driven by Playwright (bench/browser.ts). Everything here runs in Chromium with
// its real IndexedDB. Each function returns raw samples; the Node side summarises them.
import { importDemo } from '../../shared/demo/importDemo';
import Dexie from 'dexie';
import { openCounter, type EngineCounter } from '../../shared/index';
import { CounterDb } from '../../shared/db/database';
import { newId } from '../../shared/ids';
import { createLike, importShape as shapeOf, importSlice as sliceOf, openIdb, writeSlices, type ImportShape, type Key, type Row, type StoreShape } from '../lib/importFloor';
import { batchesOf, orderEvents } from '../../shared/db/events';
import type { EventRow, ItemRow, LedgerRow, OrderRow, StateCountRow, TimerRow } from '../../shared/db/rows';
// The board's own query code, measured as it is (it reads through renderer/db.ts, which
// opens the database named by this page's ?db= parameter).
import { columnCounts, columnRange, toQueryFilters } from '../../renderer/boards/queries';
import { db as rendererDb } from '../../renderer/db';
import { searchOrders } from '../../shared/search/orderSearch';

interface MemoryInfo {
  usedJSHeapSize: number;
  totalJSHeapSize: number;
}
const memory = (): MemoryInfo | undefined => (performance as unknown as { memory?: MemoryInfo }).memory;

/** Samples the JS heap every few ms (and whenever asked) and keeps the peak. */
function heapSampler(everyMs = 20) {
  let peak = 0;
  const read = () => {
    const m = memory();
    if (m) peak = Math.max(peak, m.usedJSHeapSize);
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    read,
    stop(): number {
      clearInterval(timer);
      read();
      return peak;
    },
  };
}

const now = () => performance.now();
const rand = (n: number) => Math.floor(Math.random() * n);
const pad6 = (n: number) => String(n).padStart(6, '0');

// --- 2. Engine command vs raw Dexie ------------------------------------------------------

const LINES = [
  { sku: 'BENCH-A', qty: 1, unitPrice: 6.5 },
  { sku: 'BENCH-B', qty: 2, unitPrice: 9.9 },
];

async function catalog(counter: EngineCounter): Promise<void> {
  const must = (r: { ok: boolean; message?: string }, what: string) => {
    if (!r.ok) throw new Error(`${what}: ${r.message}`);
  };
  must(await counter.addLocation({ id: 'MAIN', name: 'Main store', priority: 1 }), 'location');
  for (const line of LINES) {
    must(await counter.addProduct({ sku: line.sku, name: line.sku, price: line.unitPrice }), line.sku);
    must(await counter.receive({ sku: line.sku, locationId: 'MAIN', qty: 1_000_000 }), `receive ${line.sku}`);
  }
}

const ORDER_TABLES_TOUCHED = (db: CounterDb) => [db.commands, db.orders, db.items, db.refunds, db.vouchers, db.timers, db.events, db.reservations, db.products, db.locations, db.stockLevels, db.stateCounts, db.settings];

/** The board's per-state counts move with the order (WP -1, FP +1), as the engine keeps them. */
function paidCounts(stored: readonly StateCountRow[]): StateCountRow[] {
  const count = (state: string) => stored.find((r) => r.type === 'product' && r.state === state)?.count ?? 0;
  return [
    { type: 'product', state: 'WP', count: count('WP') - 1 },
    { type: 'product', state: 'FP', count: count('FP') + 1 },
  ];
}

/** The same, reading only the two rows it moves. */
async function movePaidCount(db: CounterDb): Promise<void> {
  const rows = await db.stateCounts.bulkGet([['product', 'WP'], ['product', 'FP']]);
  await db.stateCounts.bulkPut(paidCounts(rows.filter((r): r is StateCountRow => !!r)));
}

function event(commandId: string, at: number, orderId: string, fields: Partial<EventRow> & Pick<EventRow, 'type' | 'entity'>): EventRow {
  return {
    id: newId(),
    commandId,
    deviceId: 'bench',
    operator: 'bench',
    role: fields.role ?? '',
    action: fields.action ?? '',
    type: fields.type,
    orderId,
    entity: fields.entity,
    from: fields.from ?? null,
    to: fields.to ?? null,
    postAction: fields.postAction ?? null,
    detail: fields.detail ?? null,
    at,
  };
}

/** What "payment successful" decides, written by hand (no interpreter, no working set). */
function payByHand(order: OrderRow, items: ItemRow[], timers: TimerRow[], commandId: string, at: number) {
  if (order.state !== 'WP') throw new Error(`order ${order.number} is in ${order.state}, not WP`);
  const events: EventRow[] = [];
  order.state = 'FP';
  order.stateVersion += 1;
  order.updatedAt = at;
  const changedTimers: TimerRow[] = [];
  for (const t of timers) {
    if (t.target.kind !== 'order' || t.stateVersion === order.stateVersion) continue;
    const outcome = 'the order has left WP';
    changedTimers.push({ ...t, status: 'skipped', doneAt: at, outcome });
    events.push(event(commandId, at, order.id, { type: 'timer-skipped', entity: t.target, role: t.role, action: t.action ?? '', detail: outcome }));
  }
  events.push(event(commandId, at, order.id, { type: 'transition', entity: { kind: 'order', id: order.id }, role: 'P', action: 'payment successful', from: 'WP', to: 'FP', postAction: 'order_paid' }));
  for (const item of items) {
    if (item.state !== null) continue;
    item.state = 'FP';
    item.stateVersion += 1;
    item.updatedAt = at;
    events.push(event(commandId, at, order.id, { type: 'transition', entity: { kind: 'item', id: item.id }, role: 'P', action: 'order state changed to FP', from: null, to: 'FP' }));
  }
  // The order's read model (next pending timer): the payment timer is gone now.
  const skipped = new Set(changedTimers.map((t) => t.id));
  const next = timers.filter((t) => !skipped.has(t.id)).sort((a, b) => a.dueAt - b.dueAt)[0];
  order.nextTimer = next ? { id: next.id, key: next.key, action: next.action, setFlag: next.setFlag, dueAt: next.dueAt } : null;
  const result = { ok: true, from: 'WP', to: 'FP', postAction: 'order_paid', events: events.length };
  return { events, changedTimers, result };
}

/**
 * The same reads and writes as the engine's `act` for this command (the settings it decides
 * with among its first reads), in one rw transaction (with `stock` false: without the stock
 * rows, which this command never touches).
 */
async function rawPaySame(db: CounterDb, orderId: string, stock = true): Promise<number> {
  const commandId = newId();
  const at = Date.now();
  return db.transaction('rw', ORDER_TABLES_TOUCHED(db), async () => {
    const [previous, counts, , order, items, , , allTimers, reservations] = await Promise.all([
      db.commands.get(commandId),
      db.stateCounts.toArray(),
      db.settings.bulkGet(['periodPreset', 'periods', 'devicePrefix', 'allocationStrategy']),
      db.orders.get(orderId),
      db.items.where('orderId').equals(orderId).toArray(),
      db.refunds.where('orderId').equals(orderId).toArray(),
      db.vouchers.where('orderId').equals(orderId).toArray(),
      db.timers.where('orderId').equals(orderId).toArray(),
      db.reservations.where('orderId').equals(orderId).toArray(),
    ]);
    if (previous) return 0;
    const timers = allTimers.filter((t) => t.status === 'pending');
    if (stock) {
      // The stock rows the engine loads with every order command that may move stock.
      const skus = [...new Set([...items.map((i) => i.sku), ...reservations.map((r) => r.sku)])];
      await Promise.all([
        db.products.bulkGet(skus),
        db.locations.toArray(),
        ...skus.map((sku) => db.stockLevels.where('[sku+locationId]').between([sku, Dexie.minKey], [sku, Dexie.maxKey], true, true).toArray()),
      ]);
    }
    const { events, changedTimers, result } = payByHand(order!, items, timers, commandId, at);
    await db.orders.put(order!);
    await db.items.bulkPut(items);
    await db.timers.bulkPut(changedTimers);
    await db.events.bulkAdd(batchesOf(events));
    await db.stateCounts.bulkPut(paidCounts(counts));
    await db.commands.add({ id: commandId, kind: 'act', deviceId: 'bench', operator: 'bench', at, result });
    return events.length;
  });
}

/** What a hand-writer needs for this command only: no stock reads, writes not awaited one by one. */
async function rawPayMinimal(db: CounterDb, orderId: string): Promise<number> {
  const commandId = newId();
  const at = Date.now();
  return db.transaction('rw', [db.commands, db.orders, db.items, db.timers, db.events, db.stateCounts], async () => {
    const [previous, order, items, allTimers] = await Promise.all([
      db.commands.get(commandId),
      db.orders.get(orderId),
      db.items.where('orderId').equals(orderId).toArray(),
      db.timers.where('orderId').equals(orderId).toArray(),
    ]);
    if (previous) return 0;
    const timers = allTimers.filter((t) => t.status === 'pending');
    const { events, changedTimers, result } = payByHand(order!, items, timers, commandId, at);
    await Promise.all([
      db.orders.put(order!),
      db.items.bulkPut(items),
      db.timers.bulkPut(changedTimers),
      db.events.bulkAdd(batchesOf(events)),
      movePaidCount(db),
      db.commands.add({ id: commandId, kind: 'act', deviceId: 'bench', operator: 'bench', at, result }),
    ]);
    return events.length;
  });
}

async function outcome(db: CounterDb, orderId: string) {
  const order = (await db.orders.get(orderId))!;
  const items = await db.items.where('orderId').equals(orderId).toArray();
  const timers = await db.timers.where('orderId').equals(orderId).toArray();
  const events = await orderEvents(db, orderId);
  return {
    order: `${order.state}/${order.stateVersion}`,
    items: items.map((i) => `${i.state}/${i.stateVersion}`).sort().join(','),
    timers: timers.map((t) => `${t.key}:${t.status}`).sort().join(','),
    events: events.map((e) => `${e.type}:${e.action}`).sort().join(','),
  };
}

async function commandBench(opts: { dbName: string; n: number; warmup: number; backgroundOrders: number; burst: number }) {
  await Dexie.delete(opts.dbName);
  const counter = await openCounter({ dbName: opts.dbName, deviceId: 'bench', operator: 'bench' });
  const db = counter.db;
  await catalog(counter);
  if (opts.backgroundOrders) await importDemo(counter, { orders: opts.backgroundOrders });
  const rounds = opts.n + opts.warmup;
  const make = () => counter.createOrder('product', { buyerId: 'C10001', buyerName: 'Bench Buyer', lines: LINES });
  const ids: string[] = [];
  for (let i = 0; i < rounds * 4 + opts.burst; i++) {
    const r = await make();
    if (!r.ok) throw new Error(r.message);
    ids.push(r.orderId);
  }

  const engine: number[] = [];
  const raw: number[] = [];
  const minimal: number[] = [];
  const noStock: number[] = [];
  let k = 0;
  // Interleaved, so a slow moment of the machine hits every variant alike.
  for (let round = 0; round < rounds; round++) {
    const keep = round >= opts.warmup;
    let t0 = now();
    const r = await counter.act({ kind: 'order', id: ids[k++]! }, 'P', 'payment successful');
    const te = now() - t0;
    if (!r.ok || r.events !== 4) throw new Error(`engine act: ${JSON.stringify(r)}`);
    t0 = now();
    if ((await rawPaySame(db, ids[k++]!)) !== 4) throw new Error('raw act wrote no events');
    const tr = now() - t0;
    t0 = now();
    if ((await rawPayMinimal(db, ids[k++]!)) !== 4) throw new Error('minimal raw act wrote no events');
    const tm = now() - t0;
    t0 = now();
    if ((await rawPaySame(db, ids[k++]!, false)) !== 4) throw new Error('raw act without stock wrote no events');
    const tn = now() - t0;
    if (keep) {
      noStock.push(tn);
      engine.push(te);
      raw.push(tr);
      minimal.push(tm);
    }
  }
  // The three variants must have written the same thing.
  const [a, b, c] = [await outcome(db, ids[0]!), await outcome(db, ids[1]!), await outcome(db, ids[2]!)];
  const same = JSON.stringify(a) === JSON.stringify(b) && JSON.stringify(b) === JSON.stringify(c);
  if (!same) throw new Error(`variants differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}\n${JSON.stringify(c)}`);

  // Back-to-back engine commands: commands per second as a clerk's burst would see it.
  const t0 = now();
  for (let i = 0; i < opts.burst; i++) {
    const r = await counter.act({ kind: 'order', id: ids[k++]! }, 'P', 'payment successful');
    if (!r.ok) throw new Error(r.message);
  }
  const burstMs = now() - t0;
  await counter.close();
  await Dexie.delete(opts.dbName);
  return { engine, raw, minimal, noStock, burst: opts.burst, burstMs, outcome: a };
}

// --- 3. Lookups ----------------------------------------------------------------------------

const FIRST = ['Ann', 'Ben', 'Chen', 'Dana', 'Emil', 'Fatima', 'Gao', 'Hana', 'Ivan', 'Jun', 'Karin', 'Li', 'Marta', 'Noor', 'Olu', 'Pia', 'Quinn', 'Rosa', 'Sven', 'Tao', 'Uma', 'Vera', 'Wei', 'Xin', 'Yara', 'Zoe'];
const LAST = ['Meyer', 'Wang', 'Garcia', 'Kowalski', 'Okafor', 'Silva', 'Novak', 'Zhang', 'Larsen', 'Rossi', 'Dubois', 'Tanaka', 'Khan', 'Murphy', 'Liu', 'Berg'];

async function lookups(opts: { dbName: string; samples: number; limit: number }) {
  const db = new CounterDb(opts.dbName);
  const tOpen = now();
  await db.open();
  const openMs = now() - tOpen;
  const total = await db.orders.count();
  const seq = { PO: (await db.sequences.get('order:product'))?.value ?? 0, SO: (await db.sequences.get('order:service'))?.value ?? 0 };
  const prefix = ((await db.settings.get('devicePrefix'))?.value as string | undefined) ?? '';
  const numberOf = (type: 'PO' | 'SO', n: number) => (prefix ? `${type}-${prefix}-${pad6(n)}` : `${type}-${pad6(n)}`);
  const randomNumber = () => (Math.random() < 0.8 ? numberOf('PO', 1 + rand(seq.PO)) : numberOf('SO', 1 + rand(seq.SO)));
  const prefixes = () => {
    const f = FIRST[rand(FIRST.length)]!;
    // Half whole first names, half "first l" as typed while narrowing down.
    return Math.random() < 0.5 ? f.slice(0, 3).toLowerCase() : `${f} ${LAST[rand(LAST.length)]!.slice(0, 1)}`.toLowerCase();
  };
  const time = async (f: () => Promise<unknown>): Promise<[number, unknown]> => {
    const t0 = now();
    const r = await f();
    return [now() - t0, r];
  };
  const firstQuery = (await time(() => db.orders.where('number').equals(randomNumber()).first()))[0];

  const byNumber: number[] = [];
  const byNamePrefixIgnoreCase: number[] = [];
  const byNameRange: number[] = [];
  const quickFind: number[] = [];
  let misses = 0;
  let hits = 0;
  for (let i = 0; i < opts.samples + 5; i++) {
    const keep = i >= 5;
    const [tn, found] = await time(() => db.orders.where('number').equals(randomNumber()).first());
    if (!found) misses += 1;
    const p = prefixes();
    const [ti, list] = await time(() => db.orders.where('buyerName').startsWithIgnoreCase(p).limit(opts.limit).toArray());
    hits += (list as OrderRow[]).length;
    // The same prefix as a plain key range (names are stored capitalised).
    const cased = p.replace(/(^|\s)\S/g, (c) => c.toUpperCase());
    const [tr] = await time(() => db.orders.where('buyerName').between(cased, cased + '\uffff', true, true).limit(opts.limit).toArray());
    // What the board's quick find runs for one keystroke (number and name, 8 rows).
    const q = Math.random() < 0.5 ? p : String(1 + rand(seq.PO));
    const [tq] = await time(() => quickFindLike(db, q));
    if (keep) {
      byNumber.push(tn);
      byNamePrefixIgnoreCase.push(ti);
      byNameRange.push(tr);
      quickFind.push(tq);
    }
  }
  const tables = db.tables.map((t) => t.name);
  const logistics = await trackingLookups(db, opts.samples, opts.limit);
  db.close();
  return { total, openMs, firstQuery, byNumber, byNamePrefixIgnoreCase, byNameRange, quickFind, misses, meanHits: hits / (opts.samples + 5), tables, ...logistics };
}

/** The bench's tracking number of the i-th order (fixture rows, written once per database). */
const benchTracking = (i: number) => `1ZBENCH${String(i).padStart(11, '0')}`;

/**
 * Tracking-number and phone-prefix lookups as the app's search runs them (shared/search), and
 * beside each the platform floor: the same key range read by raw IndexedDB, no Dexie. The
 * demo import gives every order a phone; the shipments are fixture rows (one per order).
 */
async function trackingLookups(db: CounterDb, samples: number, limit: number) {
  const ids = (await db.orders.toCollection().primaryKeys()) as string[];
  if ((await db.shipments.count()) < ids.length) {
    await db.shipments.clear();
    for (let i = 0; i < ids.length; i += 5_000) {
      const orders = (await db.orders.bulkGet(ids.slice(i, i + 5_000))) as OrderRow[];
      await db.shipments.bulkAdd(
        orders.map((o, j) => ({
          id: `bench-${i + j}`, orderId: o.id, orderNumber: o.number, direction: 'outbound' as const, carrierId: 'ups', service: null,
          trackingNumbers: [benchTracking(i + j)], sscc: [], parcels: [], workflowId: 'shipment', workflowVersion: 1, state: 'HC', stateVersion: 1,
          signedBy: null, lateTimerId: null, lastCheckpointAt: o.createdAt, createdAt: o.createdAt, updatedAt: o.createdAt, commandId: 'bench', operator: 'bench', deviceId: 'bench',
        })),
      );
    }
  }
  const phones = await db.orders.where('phone').above('').limit(2_000).toArray();
  const idb = db.backendDB();
  const raw = <T>(store: string, f: (s: IDBObjectStore) => IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      const req = f(idb.transaction(store, 'readonly').objectStore(store));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const time = async (f: () => Promise<unknown>) => {
    const t0 = now();
    await f();
    return now() - t0;
  };
  const tracking: number[] = [];
  const trackingFloor: number[] = [];
  const phone: number[] = [];
  const phoneFloor: number[] = [];
  for (let i = 0; i < samples + 5; i++) {
    const code = benchTracking(rand(ids.length));
    const prefix = phones.length ? phones[rand(phones.length)]!.phone!.slice(0, 3 + rand(5)) : '13';
    const t = await time(() => searchOrders(db, { text: code, limit }));
    const tf = await time(async () => {
      const s = await raw<{ orderId: string } | undefined>('shipments', (st) => st.index('trackingNumbers').get(code));
      if (s) await raw('orders', (st) => st.get(s.orderId));
    });
    const p = await time(() => db.orders.where('phone').startsWith(prefix).limit(limit).toArray());
    const pf = await time(() => raw('orders', (st) => st.index('phone').getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`), limit)));
    if (i >= 5) {
      tracking.push(t);
      trackingFloor.push(tf);
      phone.push(p);
      phoneFloor.push(pf);
    }
  }
  return { tracking, trackingFloor, phone, phoneFloor, phones: phones.length };
}

/** A copy of renderer/boards/queries.ts quickFind (the bench does not import renderer/). */
let buyerNames: { orders: number; names: string[] } | null = null;
async function quickFindLike(db: CounterDb, text: string, limit = 8): Promise<OrderRow[]> {
  const q = text.trim();
  const padded = /^\d{1,6}$/.test(q) ? ['PO', 'SO'].map((p) => `${p}-${q.padStart(6, '0')}`) : [];
  const byWord = async (): Promise<OrderRow[]> => {
    const words = q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    if (q.length < 2) return [];
    const orders = (await db.stateCounts.toArray()).reduce((sum, row) => sum + row.count, 0);
    if (buyerNames?.orders !== orders) {
      buyerNames = { orders, names: (await db.orders.orderBy('buyerName').uniqueKeys()).filter((k): k is string => typeof k === 'string') };
    }
    const names = buyerNames.names.filter((n) => {
      const own = n.toLocaleLowerCase().split(/\s+/);
      return words.every((w) => own.some((o) => o.startsWith(w)));
    });
    return names.length ? db.orders.where('buyerName').anyOf(names).limit(limit + 1).toArray() : [];
  };
  const [exact, byNumber, byBuyer] = await Promise.all([
    padded.length ? db.orders.where('number').anyOf(padded).toArray() : Promise.resolve([]),
    db.orders.where('number').startsWithIgnoreCase(q).limit(limit + 1).toArray(),
    db.orders.where('buyerName').startsWithIgnoreCase(q).limit(limit + 1).toArray(),
  ]);
  const out = [...new Map([...exact, ...byNumber, ...byBuyer].map((o) => [o.id, o])).values()];
  if (out.length <= limit && !/\d/.test(q)) out.push(...(await byWord()).filter((o) => !out.some((x) => x.id === o.id)));
  return out.slice(0, limit + 1);
}

// --- 5. Board queries --------------------------------------------------------------------

/** The product board's columns (states that share a label share a column). */
const PRODUCT_COLUMNS = [['WP'], ['FP', 'HS'], ['FS'], ['ST'], ['WA'], ['FA'], ['CT']];

/**
 * What the board asks IndexedDB for before its first cards can show, all columns at once
 * (as React mounts them), with renderer/boards/queries.ts as it is, and variants that
 * tell where the time goes. Each variant starts from a fresh connection (a cold board).
 */
async function boardQueries(opts: { rounds: number; firstRows: number }) {
  const filters = toQueryFilters({ type: 'product', hiddenColumns: [], buyer: '', sku: '', from: '', to: '' }, null);
  const variants: Record<string, () => Promise<unknown>> = {
    // counts, then the first page of 40 rows with each row's timers and refunds (today's board)
    current: () => Promise.all(PRODUCT_COLUMNS.map(async (states) => columnRange(states, await columnCounts(states, filters), 0, 40, filters))),
    countsOnly: () => Promise.all(PRODUCT_COLUMNS.map((states) => columnCounts(states, filters))),
    // only the rows a first screen shows (overscan included)
    firstScreen: () => Promise.all(PRODUCT_COLUMNS.map(async (states) => columnRange(states, await columnCounts(states, filters), 0, opts.firstRows, filters))),
    // 40 rows, without the per-row timer and refund lookups
    rowsOnly: () =>
      Promise.all(
        PRODUCT_COLUMNS.map((states) =>
          rendererDb.orders
            .where('[type+state+createdAt]')
            .between(['product', states[0], Dexie.minKey], ['product', states[0], Dexie.maxKey])
            .reverse()
            .limit(40)
            .toArray(),
        ),
      ),
  };
  const out: Record<string, number[]> = {};
  for (let round = 0; round < opts.rounds; round++) {
    for (const [name, run] of Object.entries(variants)) {
      rendererDb.close();
      await rendererDb.open();
      const t0 = now();
      await run();
      (out[name] ??= []).push(now() - t0);
    }
  }
  rendererDb.close();
  return out;
}

// --- 4. Bulk import -------------------------------------------------------------------------

async function seed(opts: { dbName: string; orders: number }) {
  await Dexie.delete(opts.dbName);
  const counter = await openCounter({ dbName: opts.dbName, deviceId: 'bench', operator: 'bench' });
  const heap = heapSampler();
  const before = memory()?.usedJSHeapSize ?? 0;
  const t0 = now();
  let seeding = true;
  const done = importDemo(counter, { orders: opts.orders }).finally(() => (seeding = false));
  // A label's lookup every half second, as a counter still in use would make: how long the
  // import holds the counter's own reads up (each waits for the batch being written).
  const waits: number[] = [];
  while (seeding) {
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 500))]);
    if (!seeding) break;
    const tw = now();
    await counter.db.orders.where('number').equals('PO-000001').first();
    waits.push(now() - tw);
  }
  const result = await done;
  const ms = now() - t0;
  const peak = heap.stop();
  const counts: Record<string, number> = {};
  for (const t of ['orders', 'items', 'refunds', 'vouchers', 'events', 'timers', 'reservations', 'stockLedger'] as const) counts[t] = await counter.db[t].count();
  await counter.close();
  return { ms, result, counts, heapBefore: before, heapPeak: peak, waits };
}

async function ledger(opts: { dbName: string; rows: number; chunk: number }) {
  await Dexie.delete(opts.dbName);
  const db = new CounterDb(opts.dbName);
  await db.open();
  const heap = heapSampler();
  const t0 = now();
  let addMs = 0;
  const at = Date.now();
  for (let done = 0; done < opts.rows; done += opts.chunk) {
    const rows: LedgerRow[] = [];
    for (let i = done; i < Math.min(opts.rows, done + opts.chunk); i++) {
      rows.push(ledgerRow(i, opts.rows, at));
    }
    heap.read();
    const ta = now();
    await db.stockLedger.bulkAdd(rows);
    addMs += now() - ta;
  }
  const ms = now() - t0;
  const peak = heap.stop();
  const count = await db.stockLedger.count();
  db.close();
  await Dexie.delete(opts.dbName);
  return { ms, addMs, count, heapPeak: peak };
}

function ledgerRow(i: number, rows: number, at: number): LedgerRow {
  return {
        id: newId(),
        commandId: `import-${i >> 8}`,
        deviceId: 'bench',
        operator: 'bench',
        kind: i % 7 === 0 ? 'receive' : 'ship',
        sku: `SKU-${pad6(i % 5000)}`,
        locationId: ['MAIN', 'BACK', 'DEPOT'][i % 3]!,
        delta: i % 7 === 0 ? 10 : -1,
        reason: 'import',
        orderId: null,
        itemId: null,
        at: at - (rows - i) * 1000,
  };
}

/**
 * What IndexedDB itself manages here, without Dexie: `rows` ledger rows added in one
 * readwrite transaction to a store with the stockLedger indexes, and to one with none.
 */
async function idbCeiling(opts: { rows: number }) {
  const name = 'bench-idb-ceiling';
  await Dexie.delete(name);
  const db = await openIdb(name, (d) => {
    d.createObjectStore('plain', { keyPath: 'seq', autoIncrement: true });
    const s = d.createObjectStore('indexed', { keyPath: 'seq', autoIncrement: true });
    // The stockLedger indexes of schema v2: ++seq, &id, locationId, [sku+seq]
    s.createIndex('id', 'id', { unique: true });
    s.createIndex('locationId', 'locationId');
    s.createIndex('[sku+seq]', ['sku', 'seq']);
  });
  const at = Date.now();
  const add = (store: string) =>
    new Promise<number>((resolve, reject) => {
      const rows = Array.from({ length: opts.rows }, (_, i) => ledgerRow(i, opts.rows, at));
      const t0 = now();
      const tx = db.transaction(store, 'readwrite');
      const s = tx.objectStore(store);
      for (const row of rows) s.add(row);
      tx.oncomplete = () => resolve(now() - t0);
      tx.onerror = () => reject(tx.error);
    });
  // Alternated and repeated: the first transactions of a fresh database run slower.
  let plainMs = Infinity;
  let indexedMs = Infinity;
  for (let round = 0; round < 2; round++) {
    plainMs = Math.min(plainMs, await add('plain'));
    indexedMs = Math.min(indexedMs, await add('indexed'));
  }
  db.close();
  await Dexie.delete(name);
  return { plainMs, indexedMs };
}

// The import's floor (bench/lib/importFloor.ts): read on the import's origin, written in a
// page of another origin (a fresh storage backend, as the import had). bench/browser.ts
// carries the rows between the two pages as JSON text: the rows are plain JSON
// (shared/db/rows.ts), and one string crosses ~10x faster than Playwright's serialisation of
// the rows as objects.
const opened = new Map<string, Promise<IDBDatabase>>();
const openOnce = (name: string) => opened.get(name) ?? opened.set(name, openIdb(name)).get(name)!;

async function importShape(opts: { source: string; orders: number }): Promise<ImportShape> {
  return shapeOf(await openOnce(opts.source), opts.orders);
}

async function importSlice(opts: { source: string; shape: ImportShape; k: number; after: Array<Key | null> }) {
  const r = await sliceOf(await openOnce(opts.source), opts.shape, opts.k, opts.after);
  return { slices: JSON.stringify(r.slices), after: r.after };
}

/**
 * Writes transactions of rows into `target` (made like the import's on first use), back to
 * back as the import did, so the storage gets no more pauses to compact in than it had then.
 * Their time (parsing excluded) and rows.
 */
async function floorWrite(opts: { target: string; shapes: StoreShape[]; transactions: string[] }): Promise<{ ms: number; rows: number; waits: number[] }> {
  const transactions = opts.transactions.map((json) => JSON.parse(json) as Row[][]);
  if (!opened.has(opts.target)) {
    await Dexie.delete(opts.target);
    opened.set(opts.target, createLike(opts.target, opts.shapes));
  }
  const target = await opened.get(opts.target)!;
  let ms = 0;
  let rows = 0;
  let writing = true;
  const writes = (async () => {
    for (const slices of transactions) {
      ms += await writeSlices(target, opts.shapes, slices);
      rows += slices.reduce((n, slice) => n + slice.length, 0);
    }
  })().finally(() => (writing = false));
  // The lookup's floor: the import's order-number lookup every half second, by IndexedDB
  // alone, while IndexedDB alone writes the same transactions (each waits for the one writing).
  const waits: number[] = [];
  while (writing) {
    await Promise.race([writes, new Promise((resolve) => setTimeout(resolve, 500))]);
    if (!writing) break;
    const tw = now();
    await new Promise((resolve, reject) => {
      const req = target.transaction('orders', 'readonly').objectStore('orders').index('number').get('PO-000001');
      req.onsuccess = resolve;
      req.onerror = () => reject(req.error);
    });
    waits.push(now() - tw);
  }
  await writes;
  return { ms, rows, waits };
}

async function deleteDb(name: string) {
  await Dexie.delete(name);
}

const api = { commandBench, lookups, seed, ledger, idbCeiling, importShape, importSlice, floorWrite, boardQueries, deleteDb };
(window as unknown as { __bench: typeof api }).__bench = api;
(window as unknown as { __benchReady: boolean }).__benchReady = true;

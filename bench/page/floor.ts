// The screens' floors: the rows a screen reads, read from IndexedDB alone and painted as
// plain DOM (no React, no Mantine, no Dexie), on the app's origin and database. What the
// board's cold start and a label's scan-to-screen could be at best on this machine, in
// the same run (bench/app.ts sets each figure beside its floor).
//
//   floor.html?db=NAME&type=product&columns=WP;FP,HS;...&cards=10
//       the board: at load, each column's per-state counts and its first rows, through the
//       index and limits renderer/boards/queries.ts uses (columnCounts, columnHead), all
//       columns at once as the board mounts them; each column painted as its rows arrive.
//       The probe of bench/app.ts sees the same data-testids as on the board.
//   floor.html?db=NAME
//       window.__floor.label(number, pauseMs): after the pause, the reads of an order label
//       (renderer/orders/useOrderData.ts primeOrderByNumber: the lookup by number and the
//       order page's rows, in one read-only transaction), the order painted, then the frame
//       after it; its ms.
//
// Only type imports: the page must stay a few kilobytes of plain code.
import type { EventBatchRow, ItemRow, OrderRow, ProductRow, TimerRow } from '../../shared/db/rows';

const params = new URLSearchParams(location.search);
const dbName = params.get('db') ?? 'counterflow';

/** The board's first window of rows per column (BoardColumn's PAGE). */
const HEAD_ROWS = 40;
/** The order page's tables (useOrderData's pageTables). */
const PAGE_TABLES = ['orders', 'items', 'refunds', 'vouchers', 'reservations', 'timers', 'events', 'products'];

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The existing database, at whatever version the app left it (never created or upgraded here). */
function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onupgradeneeded = () => {
      req.transaction?.abort();
      reject(new Error(`database ${dbName} does not exist: seed it first`));
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

type GetAllOptions = { query: IDBKeyRange; count?: number; direction?: IDBCursorDirection };

/**
 * Up to `limit` rows of `range`, newest first: one getAll with a direction where IndexedDB
 * has it (as Dexie 4 asks it then), else a cursor.
 */
async function newestFirst<T>(index: IDBIndex, range: IDBKeyRange, limit: number): Promise<T[]> {
  if ('getAllRecords' in index) return done((index.getAll as unknown as (o: GetAllOptions) => IDBRequest<T[]>).call(index, { query: range, count: limit, direction: 'prev' }));
  const rows: T[] = [];
  return new Promise((resolve, reject) => {
    const req = index.openCursor(range, 'prev');
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor || rows.length >= limit) return resolve(rows);
      rows.push(cursor.value as T);
      if (rows.length >= limit) return resolve(rows);
      cursor.continue();
    };
    req.onerror = () => reject(req.error);
  });
}

function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Resolves just after the next frame has been painted (as renderer/scanner/perf.ts times it). */
function afterPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}

// --- the board --------------------------------------------------------------------------

function card(order: OrderRow, now: number): HTMLElement {
  const c = el('div', { class: 'card', 'data-testid': 'order-card', 'data-order-number': order.number });
  const top = el('div', { class: 'row' });
  top.append(el('span', { class: 'number' }, order.number), el('span', { class: 'dim' }, `${Math.floor((now - order.createdAt) / 86_400_000)} d`));
  const mid = el('div', { class: 'row' });
  mid.append(el('span', {}, order.buyerName || order.buyerId), el('span', { class: 'dim' }, `${order.lineCount} lines`));
  c.append(top, mid);
  if (order.openRefunds || order.nextTimer) {
    const marks = el('div', { class: 'row dim' });
    if (order.openRefunds) marks.append(el('span', {}, `${order.openRefunds} refunds`));
    if (order.nextTimer) marks.append(el('span', {}, `${order.nextTimer.action ?? order.nextTimer.key} in ${Math.round((order.nextTimer.dueAt - now) / 3_600_000)} h`));
    c.append(marks);
  }
  return c;
}

async function board(type: string, columns: string[][], cards: number): Promise<void> {
  const root = el('div', { id: 'board', 'data-testid': 'board' });
  // The columns show at once, as the board's do before their rows arrive.
  const parts = columns.map((states) => {
    const section = el('section', { 'data-testid': 'board-column', 'data-states': states.join('|') });
    const count = el('span', { 'data-testid': 'column-count' }, '…');
    const header = el('header');
    header.append(el('span', {}, states[0]!), count);
    const list = el('div', { class: 'cards' });
    section.append(header, list);
    root.append(section);
    return { count, list };
  });
  document.body.append(root);
  const db = await openDb();
  const tx = db.transaction(['orders', 'stateCounts'], 'readonly');
  const index = tx.objectStore('orders').index('[type+state+createdAt]');
  const counts = tx.objectStore('stateCounts');
  const now = Date.now();
  await Promise.all(
    columns.map(async (states, i) => {
      const part = parts[i]!;
      const header = Promise.all(states.map((state) => done(counts.get([type, state]) as IDBRequest<{ count: number } | undefined>))).then((rows) => {
        part.count.textContent = rows.reduce((n, r) => n + (r?.count ?? 0), 0).toLocaleString();
      });
      // columnHead: state by state until the window is full.
      const head: OrderRow[] = [];
      for (const state of states) {
        if (head.length >= HEAD_ROWS) break;
        head.push(...(await newestFirst<OrderRow>(index, IDBKeyRange.bound([type, state, -Infinity], [type, state, Infinity]), HEAD_ROWS - head.length)));
      }
      // As many cards as the board's virtualiser puts in the DOM.
      part.list.append(...head.slice(0, cards).map((o) => card(o, now)));
      await header;
    }),
  );
  db.close();
}

// --- an order label -----------------------------------------------------------------------

let connection: Promise<IDBDatabase> | null = null;

interface OrderPage {
  order: OrderRow;
  items: ItemRow[];
  timers: TimerRow[];
  events: EventBatchRow[];
  products: Map<string, ProductRow>;
  refunds: number;
  vouchers: number;
  reservations: number;
}

/** primeOrderByNumber's reads: the lookup, then the page's rows, in one transaction. */
async function readOrder(db: IDBDatabase, number: string): Promise<OrderPage> {
  const tx = db.transaction(PAGE_TABLES, 'readonly');
  const store = (name: string) => tx.objectStore(name);
  const found = (await done(store('orders').index('number').get(number))) as OrderRow | undefined;
  if (!found) throw new Error(`no order ${number}`);
  const id = found.id;
  const byOrder = <T>(name: string) => done(store(name).index('orderId').getAll(id)) as Promise<T[]>;
  const [order, items, refunds, vouchers, reservations, timers, events] = await Promise.all([
    done(store('orders').get(id)) as Promise<OrderRow>,
    byOrder<ItemRow>('items'),
    byOrder<unknown>('refunds'),
    byOrder<unknown>('vouchers'),
    byOrder<unknown>('reservations'),
    byOrder<TimerRow>('timers'),
    // Dexie's minKey / maxKey (-Infinity, [[]]) around the order's events.
    done(store('events').index('[orderId+seq]').getAll(IDBKeyRange.bound([id, -Infinity], [id, [[]]]))) as Promise<EventBatchRow[]>,
  ]);
  items.sort((a, b) => a.lineNo - b.lineNo);
  timers.sort((a, b) => a.dueAt - b.dueAt);
  const products = new Map<string, ProductRow>();
  const rows = await Promise.all([...new Set(items.map((i) => i.sku))].map((sku) => done(store('products').get(sku)) as Promise<ProductRow | undefined>));
  for (const p of rows) if (p) products.set(p.sku, p);
  return { order, items, timers, events, products, refunds: refunds.length, vouchers: vouchers.length, reservations: reservations.length };
}

function paintOrder(page: OrderPage): void {
  const { order } = page;
  const main = el('main');
  main.append(el('h1', { 'data-testid': 'order-number' }, order.number), el('p', { 'data-testid': 'order-state', 'data-state': order.state ?? '' }, `${order.state} — ${order.buyerName} — ${order.address}`));
  const lines = el('table');
  for (const item of page.items) {
    const tr = el('tr');
    for (const cell of [String(item.lineNo), item.sku, page.products.get(item.sku)?.name ?? '', String(item.qty), item.state ?? '']) tr.append(el('td', {}, cell));
    lines.append(tr);
  }
  const timers = el('ul');
  for (const t of page.timers) timers.append(el('li', {}, `${t.action ?? t.key} ${t.status} ${new Date(t.dueAt).toLocaleString()}`));
  const timeline = el('ol');
  for (const batch of page.events) for (const e of batch.events) timeline.append(el('li', {}, `${new Date(batch.at).toLocaleString()} ${e.type} ${e.action} ${e.from ?? ''} → ${e.to ?? ''}`));
  main.append(lines, el('p', {}, `${page.refunds} refunds, ${page.vouchers} vouchers, ${page.reservations} reservations`), timers, timeline);
  // Another order's page was open: this one replaces it.
  document.querySelector('main')?.remove();
  document.body.append(main);
}

async function label(number: string, pauseMs: number): Promise<number> {
  const db = await (connection ??= openDb());
  // The operator puts the parcel down and picks up the next one (the app's scans pause too).
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
  const t0 = performance.now();
  paintOrder(await readOrder(db, number));
  return (await afterPaint()) - t0;
}

const api = { label };
(window as unknown as { __floor: typeof api }).__floor = api;

const columns = params.get('columns');
if (columns) {
  void board(
    params.get('type') ?? 'product',
    columns.split(';').map((c) => c.split(',')),
    Number(params.get('cards') ?? '10'),
  ).catch((error: unknown) => {
    document.body.append(el('pre', { 'data-testid': 'floor-error' }, String(error)));
    throw error;
  });
}
(window as unknown as { __floorReady: boolean }).__floorReady = true;

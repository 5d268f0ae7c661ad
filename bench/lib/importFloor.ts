// The import's floor: the rows the demo import wrote, read back from its database and written
// again by IndexedDB alone (no Dexie, no engine) into a fresh database with the same stores
// and indexes, in as many transactions as the import used, each with its share of every
// table. Plain IndexedDB API, so the same code runs in the bench page (Chromium) and in Node
// (fake-indexeddb).
import { SEED_ORDERS_PER_TRANSACTION } from '../../shared/demo/seed';

// The tables one batch of the demo import writes (products, locations and stock levels are
// written once, before and after the batches). The last two are a few rows, put again by
// every batch.
const IMPORT_STORES = ['orders', 'items', 'refunds', 'vouchers', 'timers', 'events', 'reservations', 'stockLedger', 'stateCounts', 'sequences'];
const REWRITTEN_EACH_BATCH = new Set(['stateCounts', 'sequences']);

/** A row's key: the stores here have one key path (string, number) or a compound one. */
export type Key = string | number | Array<string | number>;
export type Row = Record<string, unknown>;
export interface StoreShape {
  name: string;
  keyPath: string | string[];
  autoIncrement: boolean;
  indexes: Array<{ name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }>;
}
/** What the import wrote: its stores, their row counts, and how many transactions it took. */
export interface ImportShape {
  shapes: StoreShape[];
  counts: number[];
  transactions: number;
}

export function openIdb(name: string, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
    if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export async function importShape(src: IDBDatabase, orders: number): Promise<ImportShape> {
  const stores = IMPORT_STORES.filter((name) => src.objectStoreNames.contains(name));
  const tx = src.transaction(stores, 'readonly');
  const shapes: StoreShape[] = stores.map((name) => {
    const s = tx.objectStore(name);
    const indexes = [...s.indexNames].map((i) => s.index(i));
    // Every table of the app keeps its key in the row (shared/db/database.ts).
    if (s.keyPath === null) throw new Error(`${name} has no key path`);
    return { name, keyPath: s.keyPath, autoIncrement: s.autoIncrement, indexes: indexes.map((i) => ({ name: i.name, keyPath: i.keyPath, unique: i.unique, multiEntry: i.multiEntry })) };
  });
  const counts = await Promise.all(stores.map((name) => done(tx.objectStore(name).count())));
  return { shapes, counts, transactions: Math.max(1, Math.ceil(orders / SEED_ORDERS_PER_TRANSACTION)) };
}

/** Transaction k's share of each store, in key order after the keys `after` (null: from the start). */
export async function importSlice(src: IDBDatabase, shape: ImportShape, k: number, after: Array<Key | null>): Promise<{ slices: Row[][]; after: Array<Key | null> }> {
  const { shapes, counts, transactions } = shape;
  const tx = src.transaction(shapes.map((x) => x.name), 'readonly');
  const slices = await Promise.all(
    shapes.map((s, i) => {
      const store = tx.objectStore(s.name);
      if (REWRITTEN_EACH_BATCH.has(s.name)) return done(store.getAll()) as Promise<Row[]>;
      const take = Math.floor(((k + 1) * counts[i]!) / transactions) - Math.floor((k * counts[i]!) / transactions);
      const from = after[i];
      return take ? (done(store.getAll(from === null || from === undefined ? undefined : IDBKeyRange.lowerBound(from, true), take)) as Promise<Row[]>) : Promise.resolve([]);
    }),
  );
  const next = slices.map((slice, i) => (slice.length && !REWRITTEN_EACH_BATCH.has(shapes[i]!.name) ? keyOf(slice.at(-1)!, shapes[i]!.keyPath) : (after[i] ?? null)));
  // Keys the import let IndexedDB generate (a single key path) are generated again.
  slices.forEach((slice, i) => {
    const { autoIncrement, keyPath } = shapes[i]!;
    if (autoIncrement && typeof keyPath === 'string') for (const row of slice) delete row[keyPath];
  });
  return { slices, after: next };
}

function keyOf(row: Row, keyPath: string | string[]): Key {
  return typeof keyPath === 'string' ? (row[keyPath] as Key) : keyPath.map((p) => row[p] as string | number);
}

/** Deletes each store's rows up to its key in `upTo` (the per-batch tables stay). */
function dropUpTo(db: IDBDatabase, shapes: StoreShape[], upTo: Array<Key | null>): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(shapes.map((x) => x.name), 'readwrite');
    shapes.forEach((shape, i) => {
      const key = upTo[i];
      if (key !== null && key !== undefined && !REWRITTEN_EACH_BATCH.has(shape.name)) tx.objectStore(shape.name).delete(IDBKeyRange.upperBound(key));
    });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

/** The rows a floor writes for `shape`: every row once, the small per-batch tables once per transaction. */
export function rowsToWrite(shape: ImportShape): number {
  return shape.shapes.reduce((n, s, i) => n + shape.counts[i]! * (REWRITTEN_EACH_BATCH.has(s.name) ? shape.transactions : 1), 0);
}

/** A fresh database named `name` with the import's stores and indexes. */
export function createLike(name: string, shapes: StoreShape[]): Promise<IDBDatabase> {
  return openIdb(name, (db) => {
    for (const shape of shapes) {
      const s = db.createObjectStore(shape.name, { keyPath: shape.keyPath, autoIncrement: shape.autoIncrement });
      for (const i of shape.indexes) s.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
    }
  });
}

/** Writes one transaction's rows as the import did (added where it let keys be generated, else put); its ms. */
export async function writeSlices(target: IDBDatabase, shapes: StoreShape[], slices: Row[][]): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = target.transaction(shapes.map((x) => x.name), 'readwrite');
    shapes.forEach((shape, i) => {
      const s = tx.objectStore(shape.name);
      for (const row of slices[i]!) {
        if (shape.autoIncrement) s.add(row);
        else s.put(row);
      }
    });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  return performance.now() - t0;
}

/**
 * The floor in one place (Node, fake-indexeddb): reads `source`, writes `target`; the writes'
 * ms and rows. Each slice is deleted from `source` once read, so the heap (fake-indexeddb
 * keeps everything in it) grows as the import's did instead of holding both databases, and
 * the collector's work stays like the import's.
 */
export async function writeAgain(source: string, target: string, orders: number): Promise<{ ms: number; rows: number; transactions: number }> {
  const src = await openIdb(source);
  const shape = await importShape(src, orders);
  const dst = await createLike(target, shape.shapes);
  let after: Array<Key | null> = shape.shapes.map(() => null);
  let ms = 0;
  let rows = 0;
  for (let k = 0; k < shape.transactions; k++) {
    const slice = await importSlice(src, shape, k, after);
    after = slice.after;
    await dropUpTo(src, shape.shapes, after);
    ms += await writeSlices(dst, shape.shapes, slice.slices);
    rows += slice.slices.reduce((n, s) => n + s.length, 0);
  }
  src.close();
  dst.close();
  if (rows !== rowsToWrite(shape)) throw new Error(`the floor wrote ${rows} rows, the import ${rowsToWrite(shape)}`);
  return { ms, rows, transactions: shape.transactions };
}

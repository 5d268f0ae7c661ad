// Writing a pulled page as the server has it. A page is applied only while nothing waits
// in the outbox (checkpoint consistency, DESIGN.md → Sync): every command of this counter
// has been answered by then, so the server's rows already hold the effect of each one it
// accepted, and the refused ones were taken back. Rows keep their local numbers (events,
// ledger): the same event or movement pulled again replaces itself instead of doubling.
//
// A page is written table by table with one bulkPut each. What its rows must know about
// the local ones (their numbers, a clashing order number) is read first, all keys of a table
// at once, each by its own keyed read: an index cursor jumping from key to key (anyOf,
// inAnyRange) walks the whole index per jump in fake-indexeddb, and per-row reads and puts
// in turn made an empty counter's catch-up several times slower than the writes alone
// (bench 8, bench/RESULTS.md).
//
// A pull also remembers (a hash of) every key it wrote, so that on an empty counter catching
// up it need not look for rows it knows are not there: a table that held nothing when the
// pull began holds only the pull's own rows while no other write has touched it (checked on
// every page by the last keys of the outbox and of the numbered tables: a command adds an
// outbox row, an import or a restore numbers new events). A row whose key the pull has not
// written is then not read; one it has (the server changed it during the pull) is read as
// before. When a check fails the pull reads every key again, as without the memory; an order
// put here by anything else shows when its number clashes, and the page is written again
// with every key read.
import Dexie from 'dexie';
import type { CounterDb } from '../db/database';
import type { EventBatchRow, LedgerRow, OrderRow } from '../db/rows';
import type { CheckpointRow } from '../tracking/rows';
import { dropOrphanLateExceptions } from './lateOrphans';
import { SYNC_TABLES, type PulledChange, type PullPage } from './tables';

/** The tables a pulled page writes, and the outbox and state it checks and moves. */
export function pullTables(): string[] {
  return [...new Set<string>(Object.values(SYNC_TABLES)), 'outbox', 'syncState'];
}

function withoutSeq<R extends { seq?: number }>(row: R): R {
  const { seq: _seq, ...rest } = row;
  return rest as R;
}

/** The page's rows by counter table, in page order (a row is on a page at most once). */
function byTable(changes: readonly PulledChange[]): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const change of changes) {
    const table = SYNC_TABLES[change.table];
    let rows = out.get(table);
    if (!rows) out.set(table, (rows = []));
    rows.push(change.row);
  }
  return out;
}

const eventKey = (orderId: string, commandId: string) => `${orderId}\u0000${commandId}`;

/** 53-bit hash of a key (cyrb53): a clash only costs a read. */
function hashKey(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

type Remembered = 'events' | 'stockLedger' | 'checkpoints' | 'numbers';

/** What one pull remembers between its pages (see the top of this file). */
export interface PullMemory {
  /** Per kind of key: the hashes of the keys this pull wrote, or null where every key is read
   *  (the table held rows before the pull). Undefined until the first page. */
  seen?: Record<Remembered, Set<number> | null>;
  /** The last keys of the outbox, events, movements and checkpoints as the last page left them. */
  marks: unknown[];
}

export const newPullMemory = (): PullMemory => ({ marks: [] });

const lastKeys = (db: CounterDb) => Promise.all([db.outbox, db.events, db.stockLedger, db.checkpoints].map((t) => t.toCollection().lastKey()));

/** Whether the page may trust the memory; starts it on the first page. */
async function checkMemory(db: CounterDb, memory: PullMemory): Promise<void> {
  const marks = await lastKeys(db);
  if (memory.seen === undefined) {
    const noOrders = (await db.orders.limit(1).primaryKeys()).length === 0;
    const fresh = (i: number) => (marks[i] === undefined ? new Set<number>() : null);
    memory.seen = { events: fresh(1), stockLedger: fresh(2), checkpoints: fresh(3), numbers: noOrders ? new Set<number>() : null };
  } else if (marks.some((k, i) => k !== memory.marks[i])) {
    memory.seen = { events: null, stockLedger: null, checkpoints: null, numbers: null };
  }
}

/** The rows whose key this pull may already hold (all when it keeps no memory of the table);
 *  every row's key is remembered afterwards. */
function mayBeHere<R>(seen: Set<number> | null | undefined, rows: R[], key: (r: R) => string): R[] {
  if (!seen) return rows;
  const hashes = rows.map((r) => hashKey(key(r)));
  const maybe = rows.filter((_, i) => seen.has(hashes[i]!));
  for (const h of hashes) seen.add(h);
  return maybe;
}

/** Event batches keep the local number of the batch of the same order and command. */
async function localEvents(db: CounterDb, pulled: EventBatchRow[], seen?: Set<number> | null): Promise<EventBatchRow[]> {
  const orderIds = [...new Set(mayBeHere(seen, pulled, (r) => eventKey(r.orderId, r.commandId)).map((r) => r.orderId))];
  const local = await Promise.all(orderIds.map((id) => db.events.where('[orderId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray()));
  const seqOf = new Map(local.flat().map((e) => [eventKey(e.orderId, e.commandId), e.seq]));
  return pulled.map((r) => {
    const row = withoutSeq(r);
    const seq = seqOf.get(eventKey(row.orderId, row.commandId));
    return seq === undefined ? row : { ...row, seq };
  });
}

/** Movements (and parcel checkpoints) keep the local number of the row with the same id. */
async function localLedger<R extends { id: string; seq?: number }>(table: Dexie.Table<R, number>, pulled: R[], seen?: Set<number> | null): Promise<R[]> {
  const read = mayBeHere(seen, pulled, (r) => r.id);
  const local = await Promise.all(read.map((r) => table.get({ id: r.id } as never)));
  const seqOf = new Map(read.map((r, i) => [r.id, local[i]?.seq]));
  return pulled.map((r) => {
    const row = withoutSeq(r);
    const seq = seqOf.get(r.id);
    return seq === undefined ? row : { ...row, seq };
  });
}

/** A number held here by another order can only be one the server never took (a refused
 *  creation, numbered again by the server): the server's order wins it. */
async function freeNumbers(db: CounterDb, pulled: OrderRow[], seen?: Set<number> | null): Promise<void> {
  const read = mayBeHere(seen, pulled, (o) => o.number);
  const holders = await Promise.all(read.map((o) => db.orders.get({ number: o.number })));
  const losers = holders.filter((h, i) => h !== undefined && h.id !== read[i]!.id).map((h) => h!.id);
  if (losers.length) await db.orders.bulkDelete(losers);
}

async function writePage(db: CounterDb, changes: readonly PulledChange[], memory?: PullMemory): Promise<void> {
  const seen = memory?.seen;
  for (const [table, rows] of byTable(changes)) {
    if (table === 'events') await db.events.bulkPut(await localEvents(db, rows as EventBatchRow[], seen?.events));
    else if (table === 'stockLedger') await db.stockLedger.bulkPut(await localLedger(db.stockLedger, rows as LedgerRow[], seen?.stockLedger));
    else if (table === 'checkpoints') await db.checkpoints.bulkPut(await localLedger(db.checkpoints, rows as CheckpointRow[], seen?.checkpoints));
    else {
      if (table === 'orders') await freeNumbers(db, rows as OrderRow[], seen?.numbers);
      await db.table(table).bulkPut(rows);
    }
  }
}

/** Whether a write failed on a unique key (a number or an id another row holds). */
function uniqueClash(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConstraintError') return true;
  if (error instanceof Dexie.BulkError) return Object.values(error.failuresByPos).some(uniqueClash);
  return uniqueClash((error as { inner?: unknown }).inner);
}

async function applyOnce(db: CounterDb, page: PullPage, setCursor: (cursor: number) => Promise<void>, memory?: PullMemory): Promise<boolean> {
  return db.transaction('rw', pullTables(), async () => {
    if ((await db.outbox.where('status').equals('pending').count()) > 0) return false;
    if (memory) await checkMemory(db, memory);
    await writePage(db, page.changes, memory);
    await dropOrphanLateExceptions(db, page.changes);
    await setCursor(page.cursor);
    if (memory) memory.marks = await lastKeys(db);
    return true;
  });
}

/** Applies a page and moves the cursor; false, writing nothing, while commands wait to be sent.
 *  `memory`, kept across one pull's pages, spares reads of rows that cannot be here. */
export async function applyPulledPage(db: CounterDb, page: PullPage, setCursor: (cursor: number) => Promise<void>, memory?: PullMemory): Promise<boolean> {
  try {
    return await applyOnce(db, page, setCursor, memory);
  } catch (error) {
    // A number or id held here by a row the memory did not know of (written by something
    // that leaves no outbox row and numbers no row): the transaction wrote nothing, and the
    // page is written again reading every key, as without the memory.
    if (!memory?.seen || !uniqueClash(error)) throw error;
    memory.seen = { events: null, stockLedger: null, checkpoints: null, numbers: null };
    return applyOnce(db, page, setCursor, memory);
  }
}

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

/** Event batches keep the local number of the batch of the same order and command. */
async function localEvents(db: CounterDb, pulled: EventBatchRow[]): Promise<EventBatchRow[]> {
  const orderIds = [...new Set(pulled.map((r) => r.orderId))];
  const local = await Promise.all(orderIds.map((id) => db.events.where('[orderId+seq]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray()));
  const seqOf = new Map(local.flat().map((e) => [eventKey(e.orderId, e.commandId), e.seq]));
  return pulled.map((r) => {
    const row = withoutSeq(r);
    const seq = seqOf.get(eventKey(row.orderId, row.commandId));
    return seq === undefined ? row : { ...row, seq };
  });
}

/** Movements (and parcel checkpoints) keep the local number of the row with the same id. */
async function localLedger<R extends { id: string; seq?: number }>(table: Dexie.Table<R, number>, pulled: R[]): Promise<R[]> {
  const local = await Promise.all(pulled.map((r) => table.get({ id: r.id } as never)));
  return pulled.map((r, i) => {
    const row = withoutSeq(r);
    const seq = local[i]?.seq;
    return seq === undefined ? row : { ...row, seq };
  });
}

/** A number held here by another order can only be one the server never took (a refused
 *  creation, numbered again by the server): the server's order wins it. */
async function freeNumbers(db: CounterDb, pulled: OrderRow[]): Promise<void> {
  const holders = await Promise.all(pulled.map((o) => db.orders.get({ number: o.number })));
  const losers = holders.filter((h, i) => h !== undefined && h.id !== pulled[i]!.id).map((h) => h!.id);
  if (losers.length) await db.orders.bulkDelete(losers);
}

async function writePage(db: CounterDb, changes: readonly PulledChange[]): Promise<void> {
  for (const [table, rows] of byTable(changes)) {
    if (table === 'events') await db.events.bulkPut(await localEvents(db, rows as EventBatchRow[]));
    else if (table === 'stockLedger') await db.stockLedger.bulkPut(await localLedger(db.stockLedger, rows as LedgerRow[]));
    else if (table === 'checkpoints') await db.checkpoints.bulkPut(await localLedger(db.checkpoints, rows as CheckpointRow[]));
    else {
      if (table === 'orders') await freeNumbers(db, rows as OrderRow[]);
      await db.table(table).bulkPut(rows);
    }
  }
}

/** Applies a page and moves the cursor; false, writing nothing, while commands wait to be sent. */
export async function applyPulledPage(db: CounterDb, page: PullPage, setCursor: (cursor: number) => Promise<void>): Promise<boolean> {
  return db.transaction('rw', pullTables(), async () => {
    if ((await db.outbox.where('status').equals('pending').count()) > 0) return false;
    await writePage(db, page.changes);
    await dropOrphanLateExceptions(db, page.changes);
    await setCursor(page.cursor);
    return true;
  });
}

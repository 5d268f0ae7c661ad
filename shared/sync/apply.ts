// Writing a pulled page as the server has it. A page is applied only while nothing waits
// in the outbox (checkpoint consistency, DESIGN.md → Sync): every command of this counter
// has been answered by then, so the server's rows already hold the effect of each one it
// accepted, and the refused ones were taken back. Rows keep their local numbers (events,
// ledger): the same event or movement pulled again replaces itself instead of doubling.
import Dexie from 'dexie';
import type { CounterDb } from '../db/database';
import type { EventBatchRow, LedgerRow, OrderRow } from '../db/rows';
import { SYNC_TABLES, type PulledChange, type PullPage } from './tables';

/** The tables a pulled page writes, and the outbox and state it checks and moves. */
export function pullTables(): string[] {
  return [...new Set<string>(Object.values(SYNC_TABLES)), 'outbox', 'syncState'];
}

function withoutSeq<R extends { seq?: number }>(row: R): R {
  const { seq: _seq, ...rest } = row;
  return rest as R;
}

async function applyChange(db: CounterDb, change: PulledChange): Promise<void> {
  const table = SYNC_TABLES[change.table];
  if (table === 'events') {
    const row = withoutSeq(change.row as EventBatchRow);
    const local = await db.events
      .where('[orderId+seq]')
      .between([row.orderId, Dexie.minKey], [row.orderId, Dexie.maxKey])
      .filter((e) => e.commandId === row.commandId)
      .first();
    await (local ? db.events.put({ ...row, seq: local.seq }) : db.events.add(row));
    return;
  }
  if (table === 'stockLedger') {
    const row = withoutSeq(change.row as LedgerRow);
    const local = await db.stockLedger.where('id').equals(row.id).first();
    await (local ? db.stockLedger.put({ ...row, seq: local.seq }) : db.stockLedger.add(row));
    return;
  }
  if (table === 'orders') {
    // A number held here by another order can only be one the server never took (a
    // refused creation, numbered again by the server): the server's order wins it.
    const row = change.row as OrderRow;
    const holder = await db.orders.where('number').equals(row.number).first();
    if (holder && holder.id !== row.id) await db.orders.delete(holder.id);
  }
  await db.table(table).put(change.row);
}

/** Applies a page and moves the cursor; false, writing nothing, while commands wait to be sent. */
export async function applyPulledPage(db: CounterDb, page: PullPage, setCursor: (cursor: number) => Promise<void>): Promise<boolean> {
  return db.transaction('rw', pullTables(), async () => {
    if ((await db.outbox.where('status').equals('pending').count()) > 0) return false;
    for (const change of page.changes) await applyChange(db, change);
    await setCursor(page.cursor);
    return true;
  });
}

// The Dexie storage shell for order commands: load a snapshot, let the pure core decide,
// write the changeset — all inside one read-write transaction, so a command is all or
// nothing, and idempotent by its command id.
import type { CounterDb } from '../db/database';
import { batchesOf } from '../db/events';
import { orderTables } from '../db/database';
import type { EntityRef, OrderRow, StateCountRow } from '../db/rows';
import { reservationsOf, stockWorkWith, writeStockWork } from '../inventory/store';
import { emptyStockWork, type AllocationStrategy } from '../inventory/work';
import { movedCounts } from './stateCounts';
import type { Changeset, CommandMeta, OrderSnapshot } from './work';
import type { Decision } from './decide';

async function orderIdOf(db: CounterDb, ref: EntityRef): Promise<string | undefined> {
  if (ref.kind === 'item') return (await db.items.get(ref.id))?.orderId;
  if (ref.kind === 'refund') return (await db.refunds.get(ref.id))?.orderId;
  return ref.id;
}

/**
 * The snapshot of the order a row belongs to. An order's ref is its own id: no read to find
 * it, and nothing awaited before the first read, so Dexie's transaction zone holds.
 */
export function snapshotOf(db: CounterDb, ref: EntityRef, stock: StockNeed | ((order: OrderRow) => StockNeed)): Promise<OrderSnapshot | undefined> {
  if (ref.kind === 'order') return loadOrderSnapshot(db, ref.id, stock);
  return orderIdOf(db, ref).then((orderId) => (orderId ? loadOrderSnapshot(db, orderId, stock) : undefined));
}

/** What a command needs of the stock: nothing (false), or its rows, to be allocated by
 *  this strategy (the saved setting) should the command reserve. */
export type StockNeed = false | AllocationStrategy;

/**
 * Loads the order aggregate (must run inside a transaction over orderTables for writes).
 * `stock` may be decided once the order is known: the products, levels and reservations
 * are read only for a command that may move stock.
 */
export async function loadOrderSnapshot(
  db: CounterDb,
  orderId: string,
  stock: StockNeed | ((order: OrderRow) => StockNeed),
): Promise<OrderSnapshot | undefined> {
  // Issued together: IndexedDB answers them in one go instead of one round trip each. Plain
  // ranges only: a filtered query walks a cursor, one round trip per row.
  const [order, items, refunds, vouchers, allTimers, reservations] = await Promise.all([
    db.orders.get(orderId),
    db.items.where('orderId').equals(orderId).toArray(),
    db.refunds.where('orderId').equals(orderId).toArray(),
    db.vouchers.where('orderId').equals(orderId).toArray(),
    db.timers.where('orderId').equals(orderId).toArray(),
    reservationsOf(db, orderId),
  ]);
  if (!order) return undefined;
  const timers = allTimers.filter((t) => t.status === 'pending');
  const need = typeof stock === 'function' ? stock(order) : stock;
  const work = need ? await stockWorkWith(db, [...new Set(items.map((i) => i.sku))], reservations, need) : emptyStockWork();
  return { order, items, refunds, vouchers, timers, stock: work };
}

/** Writes a changeset; the writes are issued together (a transaction runs them in order,
 *  and any failure aborts it all), not one round trip after another. `storedCounts` are the
 *  per-state counts as read in this transaction. */
export async function writeChangeset(db: CounterDb, changes: Changeset, storedCounts: readonly StateCountRow[]): Promise<void> {
  const writes: Array<Promise<unknown>> = [];
  if (changes.orders.length) writes.push(db.orders.bulkPut(changes.orders));
  if (changes.items.length) writes.push(db.items.bulkPut(changes.items));
  if (changes.refunds.length) writes.push(db.refunds.bulkPut(changes.refunds));
  if (changes.newVouchers.length) writes.push(db.vouchers.bulkAdd(changes.newVouchers));
  if (changes.vouchers.length) writes.push(db.vouchers.bulkPut(changes.vouchers));
  if (changes.timers.length) writes.push(db.timers.bulkPut(changes.timers));
  if (changes.events.length) writes.push(db.events.bulkAdd(batchesOf(changes.events)));
  writes.push(db.stateCounts.bulkPut(movedCounts(changes.stateMoves, storedCounts)), writeStockWork(db, changes.stock));
  await Promise.all(writes);
}

/**
 * Runs one command: if its id was applied before, returns the stored result and writes
 * nothing; otherwise decides it and, when applied, writes the changes and the result.
 */
export async function runCommand<R extends { ok: boolean }>(
  db: CounterDb,
  meta: CommandMeta,
  kind: string,
  decide: () => Promise<Decision<R> & { extra?: (db: CounterDb) => Promise<void> }>,
  onDuplicate?: () => void,
): Promise<R> {
  return db.transaction('rw', orderTables(db), async () => {
    // The duplicate check, the per-state counts (a few rows) and the reads for deciding go
    // out together (a repeat is rare); a repeat's decision, or its failure, is then ignored.
    const [previous, storedCounts, decided] = await Promise.all([
      db.commands.get(meta.commandId),
      db.stateCounts.toArray(),
      decide().then(
        (decision) => ({ decision }),
        (error: unknown) => ({ error }),
      ),
    ]);
    if (previous) {
      onDuplicate?.();
      return previous.result as R;
    }
    if ('error' in decided) throw decided.error;
    const { decision } = decided;
    if (!decision.result.ok || !decision.work) return decision.result;
    await Promise.all([
      writeChangeset(db, decision.work.changeset(), storedCounts),
      decision.extra?.(db),
      db.commands.add({ id: meta.commandId, kind, deviceId: meta.deviceId, operator: meta.operator, at: meta.at, result: decision.result }),
    ]);
    return decision.result;
  });
}


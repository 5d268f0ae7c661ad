// The Dexie storage shell for order commands: load a snapshot, let the pure core decide,
// write the changeset — all inside one read-write transaction, so a command is all or
// nothing, and idempotent by its command id.
import type { CounterDb } from '../db/database';
import { batchesOf } from '../db/events';
import { orderTables } from '../db/database';
import type { EntityRef, OrderRow, ReservationRow, StateCountRow } from '../db/rows';
import { loadStockWork, reservationsOf, writeStockWork } from '../inventory/store';
import { emptyStockWork, type StockWork } from '../inventory/work';
import { readCommandSettings, type CommandSettings } from './commandSettings';
import { movedCounts } from './stateCounts';
import type { Changeset, CommandMeta, OrderSnapshot } from './work';
import type { Decision } from './decide';

async function orderIdOf(db: CounterDb, ref: EntityRef): Promise<string | undefined> {
  if (ref.kind === 'item') return (await db.items.get(ref.id))?.orderId;
  if (ref.kind === 'refund') return (await db.refunds.get(ref.id))?.orderId;
  return ref.id;
}

/**
 * `load` for the order a row belongs to. An order's ref is its own id: no read to find it,
 * and nothing awaited before the first read, so Dexie's transaction zone holds.
 */
export function forOrderOf<T>(db: CounterDb, ref: EntityRef, load: (orderId: string) => Promise<T | undefined>): Promise<T | undefined> {
  if (ref.kind === 'order') return load(ref.id);
  return orderIdOf(db, ref).then((orderId) => (orderId ? load(orderId) : undefined));
}

type OrderRows = Omit<OrderSnapshot, 'stock'> & { reservations: ReservationRow[] };

/** The order's own rows, issued together: IndexedDB answers them in one go instead of one
 *  round trip each. Plain ranges only: a filtered query walks a cursor, one round trip per row. */
async function readOrderRows(db: CounterDb, orderId: string): Promise<OrderRows | undefined> {
  const [order, items, refunds, vouchers, timers, reservations] = await Promise.all([
    db.orders.get(orderId),
    db.items.where('orderId').equals(orderId).toArray(),
    db.refunds.where('orderId').equals(orderId).toArray(),
    db.vouchers.where('orderId').equals(orderId).toArray(),
    db.timers.where('orderId').equals(orderId).toArray(),
    reservationsOf(db, orderId),
  ]);
  if (!order) return undefined;
  return { order, items, refunds, vouchers, timers: timers.filter((t) => t.status === 'pending'), reservations };
}

function snapshotOf({ reservations: _reservations, ...rows }: OrderRows, stock: StockWork): OrderSnapshot {
  return { ...rows, stock };
}

/** The order aggregate without its stock rows (for reading; inside a transaction over orderTables). */
export async function loadOrderSnapshot(db: CounterDb, orderId: string): Promise<OrderSnapshot | undefined> {
  const rows = await readOrderRows(db, orderId);
  return rows && snapshotOf(rows, emptyStockWork());
}

/** What an order command decides from: the order's snapshot and the settings. */
export interface CommandInput {
  settings: CommandSettings;
  snapshot: OrderSnapshot;
}

/**
 * A command's reads, inside its transaction: the settings with the order's rows (one
 * round), then the stock rows (products, locations, levels, allocated by the saved strategy)
 * when `mayTouchStock` says the command can move stock for this order.
 */
export async function loadCommandInput(db: CounterDb, orderId: string, mayTouchStock: (order: OrderRow) => boolean): Promise<CommandInput | undefined> {
  const [settings, rows] = await Promise.all([readCommandSettings(db), readOrderRows(db, orderId)]);
  if (!rows) return undefined;
  const stock = mayTouchStock(rows.order)
    ? await loadStockWork(db, [...new Set(rows.items.map((i) => i.sku))], settings.strategy, rows.reservations)
    : emptyStockWork();
  return { settings, snapshot: snapshotOf(rows, stock) };
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


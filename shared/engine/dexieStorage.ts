// The Dexie storage shell: the StorageTx of one read-write transaction over the tables a
// command may touch. Reads are issued together where they can be (IndexedDB answers them
// in one go instead of one round trip each), and a transaction runs its writes in order.
import type { CounterDb } from '../db/database';
import { batchesOf } from '../db/events';
import { orderTables } from '../db/database';
import type { CommandRow, EntityRef, OrderRow, ReservationRow, StateCountRow, UndoRecord } from '../db/rows';
import { loadStockWork, reservationsOf, writeStockWork } from '../inventory/store';
import { emptyStockWork, type StockWork } from '../inventory/work';
import { beforeChangeset, beforeSetting, beforeStock, outboxEnabled, queueCommand } from '../sync/outbox';
import { readCommandSettings } from './commandSettings';
import { movedCounts } from './stateCounts';
import type { CommandInput, CommandStorage, StorageTx } from './storage';
import type { Changeset, OrderSnapshot } from './work';

type OrderRows = Omit<OrderSnapshot, 'stock'> & { reservations: ReservationRow[] };

/** The order's own rows, issued together. Plain ranges only: a filtered query walks a
 *  cursor, one round trip per row. */
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

export async function orderIdOf(db: CounterDb, ref: EntityRef): Promise<string | undefined> {
  if (ref.kind === 'item') return (await db.items.get(ref.id))?.orderId;
  if (ref.kind === 'refund') return (await db.refunds.get(ref.id))?.orderId;
  return ref.id;
}

/** Every table a command may write, locked together (the outbox too: an enrolled counter
 *  queues each command in its own transaction). */
export function commandTables(db: CounterDb) {
  return [...orderTables(db), db.workflows, db.operators, db.outbox, db.syncState];
}

export class DexieTx implements StorageTx {
  /** The per-state counts (a few rows), read as the transaction starts: an order
   *  command's write needs them and this saves it a round trip. */
  private readonly storedCounts: Promise<StateCountRow[]>;

  /** Whether this counter is enrolled with a sync server: then each write keeps what it
   *  replaces, and the command goes to the outbox. Read as the transaction starts. */
  private readonly syncing: Promise<boolean>;
  /** What each write of this command changed, for the outbox. */
  private readonly undo: Array<Promise<Partial<UndoRecord>>> = [];

  constructor(protected readonly db: CounterDb) {
    this.storedCounts = db.stateCounts.toArray();
    this.syncing = outboxEnabled(db);
    // Awaited only by some commands; a failed transaction must not also leave an unhandled rejection.
    this.storedCounts.catch(() => undefined);
    this.syncing.catch(() => undefined);
  }

  /** Runs a write, keeping what it changed when syncing. Registered at once, so a
   *  saveCommand issued beside the write waits for it. */
  protected tracked(write: (syncing: boolean) => Promise<Partial<UndoRecord>>): Promise<void> {
    const done = this.syncing.then(write);
    this.undo.push(done);
    return done.then(() => undefined);
  }

  command(id: string) {
    return this.db.commands.get(id);
  }
  async saveCommand(row: CommandRow, payload?: unknown) {
    await this.db.commands.add(row);
    if (!(await this.syncing)) return;
    const parts = await Promise.all(this.undo);
    const undo: UndoRecord = { restore: parts.flatMap((p) => p.restore ?? []), events: parts.flatMap((p) => p.events ?? []), ledger: parts.flatMap((p) => p.ledger ?? []) };
    await queueCommand(this.db, row, payload, undo);
  }
  async operatorGate(id: string) {
    const [count, operator] = await Promise.all([this.db.operators.count(), this.db.operators.get(id)]);
    return { anyOperators: count > 0, operator };
  }
  operators() {
    return this.db.operators.toArray();
  }
  async putOperator(row: Parameters<StorageTx['putOperator']>[0]) {
    await this.db.operators.put(row);
  }
  settings() {
    return readCommandSettings(this.db);
  }
  putSetting(key: string, value: unknown) {
    return this.tracked(async (syncing) => {
      const restore = syncing ? await beforeSetting(this.db, key) : [];
      await this.db.settings.put({ key, value });
      return { restore };
    });
  }
  orderIdOf(ref: EntityRef) {
    return orderIdOf(this.db, ref);
  }
  async orderInput(orderId: string, mayTouchStock: (order: OrderRow) => boolean): Promise<CommandInput | undefined> {
    const [settings, rows] = await Promise.all([readCommandSettings(this.db), readOrderRows(this.db, orderId)]);
    if (!rows) return undefined;
    const stock = mayTouchStock(rows.order)
      ? await loadStockWork(this.db, [...new Set(rows.items.map((i) => i.sku))], settings.strategy, rows.reservations)
      : emptyStockWork(settings.strategy);
    return { settings, snapshot: snapshotOf(rows, stock) };
  }
  timer(id: string) {
    return this.db.timers.get(id);
  }
  dueTimers(now: number, limit: number) {
    return this.db.timers.where('[status+dueAt]').between(['pending', -Infinity], ['pending', now], true, true).limit(limit).toArray();
  }
  async voucherOrderId(code: string) {
    return (await this.db.vouchers.get(code))?.orderId;
  }
  async sequence(name: string) {
    return (await this.db.sequences.get(name))?.value ?? 0;
  }
  async setSequence(name: string, value: number) {
    await this.db.sequences.put({ name, value });
  }
  stockWork(skus: Iterable<string>, strategy: StockWork['strategy'], reservations?: readonly ReservationRow[]) {
    return loadStockWork(this.db, skus, strategy, reservations);
  }
  product(sku: string) {
    return this.db.products.get(sku);
  }
  productsWithBarcodes(forms: readonly string[]) {
    return forms.length === 0 ? Promise.resolve([]) : this.db.products.where('barcodes').anyOf([...forms]).toArray();
  }
  allProducts() {
    return this.db.products.toArray();
  }
  productSkus() {
    return this.db.products.toCollection().primaryKeys();
  }
  locationIds() {
    return this.db.locations.toCollection().primaryKeys();
  }
  workflow(id: string, version: number) {
    return this.db.workflows.get([id, version]);
  }
  workflowKeys() {
    return this.db.workflows.toCollection().primaryKeys();
  }
  async addWorkflow(row: Parameters<StorageTx['addWorkflow']>[0]) {
    await this.db.workflows.add(row);
  }
  writeChangeset(changes: Changeset) {
    return this.tracked(async (syncing) => {
      const restore = syncing ? await beforeChangeset(this.db, changes) : [];
      const events = await this.writeChanges(changes, syncing);
      return { restore, events, ledger: changes.stock.ledger.map((r) => r.id) };
    });
  }
  /** The changeset's writes; the numbers of the events it added when asked. */
  private async writeChanges(changes: Changeset, wantEventKeys: boolean): Promise<number[]> {
    const storedCounts = await this.storedCounts;
    const db = this.db;
    const writes: Array<Promise<unknown>> = [];
    let eventKeys: Promise<number[]> = Promise.resolve([]);
    if (changes.orders.length) writes.push(db.orders.bulkPut(changes.orders));
    if (changes.items.length) writes.push(db.items.bulkPut(changes.items));
    if (changes.refunds.length) writes.push(db.refunds.bulkPut(changes.refunds));
    if (changes.newVouchers.length) writes.push(db.vouchers.bulkAdd(changes.newVouchers));
    if (changes.vouchers.length) writes.push(db.vouchers.bulkPut(changes.vouchers));
    if (changes.timers.length) writes.push(db.timers.bulkPut(changes.timers));
    if (changes.events.length) {
      if (wantEventKeys) eventKeys = db.events.bulkAdd(batchesOf(changes.events), { allKeys: true });
      else writes.push(db.events.bulkAdd(batchesOf(changes.events)));
    }
    writes.push(db.stateCounts.bulkPut(movedCounts(changes.stateMoves, storedCounts)), writeStockWork(db, changes.stock));
    const [keys] = await Promise.all([eventKeys, ...writes]);
    return keys;
  }
  writeStock(work: StockWork) {
    return this.tracked(async (syncing) => {
      const restore = syncing ? await beforeStock(this.db, work) : [];
      await writeStockWork(this.db, work);
      return { restore, ledger: work.ledger.map((r) => r.id) };
    });
  }
}

export function dexieStorage(db: CounterDb): CommandStorage {
  return {
    // An async scope function: Dexie then follows native awaits inside it (a plain arrow
    // returning a promise loses the transaction after a few ticks: PrematureCommitError).
    transaction: (body) => db.transaction('rw', commandTables(db), async () => body(new DexieTx(db))),
    read: (body) => db.transaction('r', commandTables(db), async () => body(new DexieTx(db))),
  };
}

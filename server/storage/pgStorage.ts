// The PostgreSQL storage shell: the StorageTx of one SQL transaction on one connection.
// The rows a command decides from are read with row locks (FOR UPDATE) — the order, the
// sequence it numbers from, the products and stock levels it touches — so two commands on
// the same order or sku run one after the other; commands on other rows run side by side.
// Every rule comes from shared/: this file only reads and writes rows.
import { batchesOf } from '../../shared/db/events';
import type { CommandRow, EntityRef, ItemRow, LocationRow, OperatorRow, OrderRow, ProductRow, RefundRow, ReservationRow, SequenceRow, SettingRow, StockLevelRow, TimerRow, VoucherRow, WorkflowRow } from '../../shared/db/rows';
import { emptyStockWork, stockChanges, stockSkusOf, stockWorkOf, type AllocationStrategy, type StockWork } from '../../shared/inventory/work';
import { COMMAND_SETTING_KEYS, commandSettingsOf, type CommandSettings } from '../../shared/engine/commandSettings';
import { stateCountDeltas } from '../../shared/engine/stateCounts';
import type { CommandInput, CommandStorage, StorageTx } from '../../shared/engine/storage';
import type { Changeset } from '../../shared/engine/work';
import type { Database } from '../db/sql';
import { BatchedSession } from './batch';
import { TABLES, writeRows } from './tables';
import type { OperatorGate } from '../../shared/operators/permissions';

/** A unique violation, named as IndexedDB names it: the pipeline decides again with fresh
 *  ids (a clashing attendance code) or finds the command stored by a concurrent repeat. */
function asStorageError(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505') {
    const clash = new Error((error as { message?: string }).message ?? 'unique violation', { cause: error });
    clash.name = 'ConstraintError';
    return clash;
  }
  return error;
}

export class PgTx implements StorageTx {
  /** ` FOR UPDATE` in a write transaction; nothing in a read-only one (PostgreSQL refuses it there). */
  protected readonly lock: string;

  constructor(
    protected readonly q: BatchedSession,
    locking: boolean,
  ) {
    this.lock = locking ? ' FOR UPDATE' : '';
  }

  // Every read goes through the batch: the reads a command issues together cost one round trip.
  protected async rows<R>(sql: string, params: unknown[]): Promise<R[]> {
    return (await this.q.read<{ row: R }>(sql, params)).map((r) => r.row);
  }
  protected async one<R>(sql: string, params: unknown[]): Promise<R | undefined> {
    return (await this.rows<R>(sql, params))[0];
  }

  command(id: string) {
    return this.one<CommandRow>('SELECT row FROM commands WHERE id = $1', [id]);
  }
  saveCommand(row: CommandRow) {
    return writeRows(this.q, TABLES.commands, [row], 'add');
  }
  async settings(): Promise<CommandSettings> {
    const stored = await this.rows<SettingRow>('SELECT row FROM settings WHERE key = ANY($1::text[])', [[...COMMAND_SETTING_KEYS]]);
    const byKey = new Map(stored.map((s) => [s.key, s]));
    return commandSettingsOf(COMMAND_SETTING_KEYS.map((k) => byKey.get(k)));
  }
  putSetting(key: string, value: unknown) {
    return writeRows(this.q, TABLES.settings, [{ key, value } satisfies SettingRow], 'put');
  }
  async orderIdOf(ref: EntityRef) {
    if (ref.kind === 'order') return ref.id;
    const table = ref.kind === 'item' ? 'items' : 'refunds';
    const found = await this.q.read<{ order_id: string }>(`SELECT order_id FROM ${table} WHERE id = $1`, [ref.id]);
    return found[0]?.order_id;
  }
  async orderInput(orderId: string, mayTouchStock: (order: OrderRow) => boolean): Promise<CommandInput | undefined> {
    // The order row first: its lock is what makes commands on one order take turns.
    const order = await this.one<OrderRow>(`SELECT row FROM orders WHERE id = $1${this.lock}`, [orderId]);
    if (!order) return undefined;
    const touchesStock = mayTouchStock(order);
    // The stock rows the order's lines and reservations name, read (and locked) with the
    // order's rows: their skus come from the tables, so it is one round trip, not two.
    const skus = `(SELECT sku FROM items WHERE order_id = $1 UNION SELECT row->>'sku' FROM reservations WHERE order_id = $1)`;
    const [settings, items, refunds, vouchers, timers, reservations, products, locations, levels] = await Promise.all([
      this.settings(),
      this.rows<ItemRow>('SELECT row FROM items WHERE order_id = $1 ORDER BY id COLLATE "C"', [orderId]),
      this.rows<RefundRow>('SELECT row FROM refunds WHERE order_id = $1 ORDER BY id COLLATE "C"', [orderId]),
      this.rows<VoucherRow>('SELECT row FROM vouchers WHERE order_id = $1 ORDER BY code COLLATE "C"', [orderId]),
      this.rows<TimerRow>("SELECT row FROM timers WHERE status = 'pending' AND order_id = $1 ORDER BY id COLLATE \"C\"", [orderId]),
      this.rows<ReservationRow>('SELECT row FROM reservations WHERE order_id = $1 ORDER BY id COLLATE "C"', [orderId]),
      touchesStock ? this.rows<ProductRow>(`SELECT row FROM products WHERE sku IN ${skus} ORDER BY sku COLLATE "C"${this.lock}`, [orderId]) : [],
      touchesStock ? this.rows<LocationRow>('SELECT row FROM locations ORDER BY id COLLATE "C"', []) : [],
      touchesStock ? this.rows<StockLevelRow>(`SELECT row FROM stock_levels WHERE sku IN ${skus} ORDER BY sku COLLATE "C", location_id COLLATE "C"${this.lock}`, [orderId]) : [],
    ]);
    const stock = touchesStock ? stockWorkOf(settings.strategy, reservations, { products, locations, levels }) : emptyStockWork(settings.strategy);
    return { settings, snapshot: { order, items, refunds, vouchers, timers, stock } };
  }
  timer(id: string) {
    return this.one<TimerRow>('SELECT row FROM timers WHERE id = $1', [id]);
  }
  dueTimers(now: number, limit: number) {
    return this.rows<TimerRow>("SELECT row FROM timers WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id COLLATE \"C\" LIMIT $2", [now, limit]);
  }
  async voucherOrderId(code: string) {
    const found = await this.q.read<{ order_id: string }>('SELECT order_id FROM vouchers WHERE code = $1', [code]);
    return found[0]?.order_id;
  }
  async sequence(name: string) {
    // Locked: two orders created at once never take the same number.
    return (await this.one<SequenceRow>(`SELECT row FROM sequences WHERE name = $1${this.lock}`, [name]))?.value ?? 0;
  }
  setSequence(name: string, value: number) {
    return writeRows(this.q, TABLES.sequences, [{ name, value } satisfies SequenceRow], 'put');
  }
  async stockWork(skus: Iterable<string>, strategy: AllocationStrategy, reservations: readonly ReservationRow[] = []): Promise<StockWork> {
    const all = stockSkusOf(skus, reservations);
    // Products are locked too, in one order (by sku, so two commands never wait on each
    // other in a circle): a level row that does not exist yet cannot be locked, its product can.
    const [products, locations, levels] = await Promise.all([
      this.rows<ProductRow>(`SELECT row FROM products WHERE sku = ANY($1::text[]) ORDER BY sku COLLATE "C"${this.lock}`, [all]),
      this.rows<LocationRow>('SELECT row FROM locations ORDER BY id COLLATE "C"', []),
      this.rows<StockLevelRow>(`SELECT row FROM stock_levels WHERE sku = ANY($1::text[]) ORDER BY sku COLLATE "C", location_id COLLATE "C"${this.lock}`, [all]),
    ]);
    return stockWorkOf(strategy, reservations, { products, locations, levels });
  }
  product(sku: string) {
    return this.one<ProductRow>('SELECT row FROM products WHERE sku = $1', [sku]);
  }
  productsWithBarcodes(forms: readonly string[]) {
    if (forms.length === 0) return Promise.resolve([]);
    return this.rows<ProductRow>(`SELECT row FROM products WHERE row->'barcodes' ?| $1::text[] ORDER BY sku COLLATE "C"`, [[...forms]]);
  }
  allProducts() {
    return this.rows<ProductRow>('SELECT row FROM products ORDER BY sku COLLATE "C"', []);
  }
  async productSkus() {
    return (await this.q.read<{ sku: string }>('SELECT sku FROM products ORDER BY sku COLLATE "C"')).map((r) => r.sku);
  }
  async locationIds() {
    return (await this.q.read<{ id: string }>('SELECT id FROM locations ORDER BY id COLLATE "C"')).map((r) => r.id);
  }
  async operatorGate(id: string): Promise<OperatorGate> {
    const [count, operator] = await Promise.all([
      this.q.read<{ n: string }>('SELECT count(*)::text AS n FROM operators', []),
      this.one<OperatorRow>('SELECT row FROM operators WHERE id = $1', [id]),
    ]);
    return { anyOperators: Number(count[0]?.n ?? 0) > 0, operator };
  }
  operators() {
    return this.rows<OperatorRow>('SELECT row FROM operators ORDER BY id COLLATE "C"', []);
  }
  putOperator(row: OperatorRow) {
    return writeRows(this.q, TABLES.operators, [row], 'put');
  }
  workflow(id: string, version: number) {
    return this.one<WorkflowRow>('SELECT row FROM workflows WHERE id = $1 AND version = $2', [id, version]);
  }
  async workflowKeys(): Promise<Array<[string, number]>> {
    const keys = await this.q.read<{ id: string; version: number }>('SELECT id, version FROM workflows ORDER BY id COLLATE "C", version');
    return keys.map((k) => [k.id, k.version]);
  }
  addWorkflow(row: WorkflowRow) {
    return writeRows(this.q, TABLES.workflows, [row], 'add');
  }
  async writeChangeset(changes: Changeset) {
    await Promise.all([
      writeRows(this.q, TABLES.orders, changes.orders, 'put'),
      writeRows(this.q, TABLES.items, changes.items, 'put'),
      writeRows(this.q, TABLES.refunds, changes.refunds, 'put'),
      writeRows(this.q, TABLES.vouchers, changes.newVouchers, 'add'),
      writeRows(this.q, TABLES.vouchers, changes.vouchers, 'put'),
      writeRows(this.q, TABLES.timers, changes.timers, 'put'),
      writeRows(this.q, TABLES.events, batchesOf(changes.events), 'add'),
      this.moveStateCounts(changes),
      this.writeStock(changes.stock),
    ]);
  }
  /** Adds the net moves to the stored counts in SQL, so concurrent commands both count. */
  private async moveStateCounts(changes: Changeset) {
    const deltas = stateCountDeltas(changes.stateMoves);
    if (deltas.length === 0) return;
    await this.q.write(
      'state_counts',
      `INSERT INTO state_counts (type, state, count, row)
       SELECT r->>'type', r->>'state', (r->>'count')::integer, r FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT (type, state) DO UPDATE SET
         count = state_counts.count + excluded.count,
         row = jsonb_set(state_counts.row, '{count}', to_jsonb(state_counts.count + excluded.count)),
         change_seq = nextval('change_seq')`,
      [JSON.stringify(deltas)],
    );
  }
  async writeStock(work: StockWork) {
    const c = stockChanges(work);
    await Promise.all([
      writeRows(this.q, TABLES.products, c.products, 'put'),
      writeRows(this.q, TABLES.locations, c.locations, 'put'),
      writeRows(this.q, TABLES.stockLevels, c.levels, 'put'),
      writeRows(this.q, TABLES.reservations, c.reservations, 'put'),
      writeRows(this.q, TABLES.stockLedger, c.ledger, 'add'),
    ]);
  }
}

/** The advisory lock of writes and pulls (any fixed number): a writing transaction holds it
 *  shared, a pull's horizon is read holding it exclusively (server/pull/pull.ts). */
export const CHANGE_LOCK = 22_022;

/** Serialization failures and deadlocks: PostgreSQL rolled the transaction back whole,
 *  and running it again is the documented answer. */
const RETRY_CODES = new Set(['40001', '40P01']);
export const MAX_TRANSACTION_ATTEMPTS = 5;

export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRY_CODES.has(String((error as { code?: unknown }).code));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Makes the transaction object of one session (the tracking storage widens PgTx). */
export type MakeTx<Tx extends StorageTx> = (q: BatchedSession, locking: boolean) => Tx;

async function attempt<T, Tx extends StorageTx>(database: Database, make: MakeTx<Tx>, mode: 'rw' | 'r', body: (tx: Tx) => Promise<T>): Promise<T> {
  const session = await database.connect();
  // The transaction and, for a writer, the shared change lock: sent with the body's first
  // statement, in its round trip.
  const batch = new BatchedSession(session, mode === 'rw' ? `BEGIN; SELECT pg_advisory_xact_lock_shared(${CHANGE_LOCK})` : 'BEGIN READ ONLY');
  try {
    try {
      const result = await body(make(batch, mode === 'rw'));
      await batch.commit();
      return result;
    } catch (error) {
      batch.close(); // a statement the body left pending is never sent
      // The connection may be gone; nothing was committed either way.
      if (batch.opened) await session.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    batch.close();
    session.release();
  }
}

async function inTransaction<T, Tx extends StorageTx>(database: Database, make: MakeTx<Tx>, mode: 'rw' | 'r', body: (tx: Tx) => Promise<T>, attempts: number): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(database, make, mode, body);
    } catch (error) {
      // Deciding again is safe: the body is reads and a pure decision, and nothing was kept.
      if (n < attempts && isRetryable(error)) {
        await pause(5 * 2 ** n * (0.5 + Math.random()));
        continue;
      }
      throw asStorageError(error);
    }
  }
}

/** The storage over transactions of the given kind (PgTx, or one widened with more tables). */
export function pgTxStorage<Tx extends StorageTx>(database: Database, make: MakeTx<Tx>, options: { attempts?: number } = {}): CommandStorage<Tx> {
  const attempts = options.attempts ?? MAX_TRANSACTION_ATTEMPTS;
  return {
    transaction: (body) => inTransaction(database, make, 'rw', body, attempts),
    read: (body) => inTransaction(database, make, 'r', body, attempts),
  };
}

export function pgStorage(database: Database, options: { attempts?: number } = {}): CommandStorage {
  return pgTxStorage(database, (q, locking) => new PgTx(q, locking), options);
}

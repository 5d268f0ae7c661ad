// The storage a command runs on, as the pipeline sees it: one transaction at a time, the
// reads a command decides from, and the writes of its changeset. Dexie implements it in
// the app (dexieStorage.ts); a PostgreSQL shell implements the same on the sync server.
// Nothing that decides knows which one it runs on.
import type { CommandRow, EntityRef, OperatorRow, OrderRow, ProductRow, ReservationRow, TimerRow, WorkflowRow } from '../db/rows';
import type { AllocationStrategy, StockWork } from '../inventory/work';
import type { OperatorGate } from '../operators/permissions';
import type { CommandSettings } from './commandSettings';
import type { Changeset, OrderSnapshot } from './work';

/** What an order command decides from: the order's snapshot and the settings. */
export interface CommandInput {
  settings: CommandSettings;
  snapshot: OrderSnapshot;
}

/** The reads and writes of one command, inside its transaction. */
export interface StorageTx {
  /** The stored record of a command applied before, by id. */
  command(id: string): Promise<CommandRow | undefined>;
  /** Stores the command's result; `payload` is what it was run with (an enrolled counter
   *  queues it for the sync server in the same transaction). */
  saveCommand(row: CommandRow, payload?: unknown): Promise<void>;

  /** Whether any operator exists, and the one with this id. */
  operatorGate(id: string): Promise<OperatorGate>;
  /** Every operator (a handful of rows). */
  operators(): Promise<OperatorRow[]>;
  putOperator(row: OperatorRow): Promise<void>;

  settings(): Promise<CommandSettings>;
  putSetting(key: string, value: unknown): Promise<void>;

  /** The order a line or a refund sheet belongs to (an order's ref is its own id). */
  orderIdOf(ref: EntityRef): Promise<string | undefined>;
  /** The order's rows and the settings; the stock rows its lines touch when `mayTouchStock`. */
  orderInput(orderId: string, mayTouchStock: (order: OrderRow) => boolean): Promise<CommandInput | undefined>;
  timer(id: string): Promise<TimerRow | undefined>;
  /** Due pending timers, oldest first. */
  dueTimers(now: number, limit: number): Promise<TimerRow[]>;
  /** The order that issued an attendance code. */
  voucherOrderId(code: string): Promise<string | undefined>;
  /** Last number used for a sequence (0 when never used). */
  sequence(name: string): Promise<number>;
  setSequence(name: string, value: number): Promise<void>;

  /** Products, locations and levels of the skus (and of the reservations' skus). */
  stockWork(skus: Iterable<string>, strategy: AllocationStrategy, reservations?: readonly ReservationRow[]): Promise<StockWork>;
  product(sku: string): Promise<ProductRow | undefined>;
  /** Products that carry one of these barcode forms. */
  productsWithBarcodes(forms: readonly string[]): Promise<ProductRow[]>;
  allProducts(): Promise<ProductRow[]>;
  productSkus(): Promise<string[]>;
  locationIds(): Promise<string[]>;

  workflow(id: string, version: number): Promise<WorkflowRow | undefined>;
  /** Keys of every installed definition (few rows). */
  workflowKeys(): Promise<Array<[string, number]>>;
  addWorkflow(row: WorkflowRow): Promise<void>;

  /** Writes an order command's changes, its stock rows included. */
  writeChangeset(changes: Changeset): Promise<void>;
  /** Writes a stock command's changes. */
  writeStock(work: StockWork): Promise<void>;
}

/** `Tx` is a wider transaction where a command needs more tables (shipments: tracking/storage.ts). */
export interface CommandStorage<Tx extends StorageTx = StorageTx> {
  /** Runs `body` in one read-write transaction: everything it wrote, or nothing. */
  transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `body` in one read-only transaction (its reads only): no lock on writers. */
  read<T>(body: (tx: Tx) => Promise<T>): Promise<T>;
}

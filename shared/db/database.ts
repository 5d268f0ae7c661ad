import Dexie, { type Table } from 'dexie';
import { batchesOf } from './events';
import type {
  CommandRow,
  EventBatchRow,
  EventRow,
  ItemRow,
  LedgerRow,
  LocationRow,
  OperatorRow,
  OrderRow,
  OutboxRow,
  ProductRow,
  RefundRow,
  ReservationRow,
  ScanRow,
  SequenceRow,
  SettingRow,
  SignInRow,
  StateCountRow,
  StockLevelRow,
  SyncStateRow,
  TimerRow,
  VoucherRow,
  WorkflowRow,
} from './rows';

export const DEFAULT_DB_NAME = 'counterflow';

/** Version 1: the first schema. */
export const SCHEMA_V1 = {
  orders: 'id, &number, type, state, buyerId, buyerName, createdAt, [type+state], [type+state+createdAt]',
  items: 'id, orderId, sku, state',
  refunds: 'id, orderId, itemId, state',
  vouchers: 'code, orderId, itemId, state',
  events: '++seq, &id, commandId, orderId, [orderId+seq], at, type',
  timers: 'id, orderId, status, dueAt, [status+dueAt]',
  commands: 'id, at',
  settings: 'key',
  workflows: '[id+version], id',
  sequences: 'name',
  products: 'sku, *barcodes, name, active',
  locations: 'id, priority, parentId',
  stockLedger: '++seq, &id, commandId, sku, locationId, orderId, at, [sku+seq]',
  stockLevels: '[sku+locationId], sku, locationId',
  reservations: 'id, orderId, itemId, sku, status',
  scans: '++seq, at, type',
};

// v2: fewer indexes on the tables every command writes (the ledger keeps what its views query). A query on the first part of a
// compound index uses that index (orderId via [orderId+seq], status via [status+dueAt],
// [type+state] via [type+state+createdAt]), so the single-field copies only cost writes.
export const SCHEMA_V2 = {
  orders: 'id, &number, buyerName, createdAt, [type+state+createdAt]',
  items: 'id, orderId, sku',
  events: '++seq, &id, [orderId+seq]',
  timers: 'id, orderId, [status+dueAt]',
  stockLedger: '++seq, &id, locationId, [sku+seq]',
};

// v3: per-state order counts (the board's column headers), filled once from the orders;
// events stored one row per command and order (EventBatchRow), regrouped once.
export const SCHEMA_V3 = {
  stateCounts: '[type+state]',
  events: '++seq, [orderId+seq]',
};

// v4: indexes no query reads dropped (refund and voucher lines and states, reservation
// lines and skus): every command that writes these rows paid for them, the demo import most.
export const SCHEMA_V4 = {
  refunds: 'id, orderId',
  vouchers: 'code, orderId',
  reservations: 'id, orderId, status',
};

// v5: operators (looked up by badge and by name at sign-in) and the log of sign-in
// attempts, read newest first per operator for the wrong-PIN delay.
export const SCHEMA_V5 = {
  operators: 'id, badge, nameKey',
  signIns: '++seq, [operatorId+seq], at',
};

// v9 (v6–v8 left to other work under way): sync with a server (issue 22). The outbox of
// commands applied here, sent in their order and answered by the server; the sync state
// (server address, device token, pull cursor, last results).
export const SCHEMA_V9 = {
  outbox: '++seq, &commandId, status',
  syncState: 'key',
};

/**
 * The counter's IndexedDB database. Each `version(n)` is a migration (Dexie keeps the
 * data and rebuilds indexes), so a database written by an older build opens in a newer one.
 */
export class CounterDb extends Dexie {
  orders!: Table<OrderRow, string>;
  items!: Table<ItemRow, string>;
  refunds!: Table<RefundRow, string>;
  vouchers!: Table<VoucherRow, string>;
  events!: Table<EventBatchRow, number>;
  timers!: Table<TimerRow, string>;
  commands!: Table<CommandRow, string>;
  settings!: Table<SettingRow, string>;
  workflows!: Table<WorkflowRow, [string, number]>;
  sequences!: Table<SequenceRow, string>;
  products!: Table<ProductRow, string>;
  locations!: Table<LocationRow, string>;
  stockLedger!: Table<LedgerRow, number>;
  stockLevels!: Table<StockLevelRow, [string, string]>;
  reservations!: Table<ReservationRow, string>;
  scans!: Table<ScanRow, number>;
  stateCounts!: Table<StateCountRow, [string, string]>;
  operators!: Table<OperatorRow, string>;
  signIns!: Table<SignInRow, number>;
  outbox!: Table<OutboxRow, number>;
  syncState!: Table<SyncStateRow, string>;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade(async (tx) => {
        const counts = new Map<string, StateCountRow>();
        // Keys only: the compound index already holds type and state.
        await tx.table('orders').orderBy('[type+state+createdAt]').eachKey((key) => {
          const [type, state] = key as [StateCountRow['type'], string];
          const row = counts.get(`${type}\u0000${state}`) ?? { type, state, count: 0 };
          row.count += 1;
          counts.set(`${type}\u0000${state}`, row);
        });
        await tx.table('stateCounts').bulkPut([...counts.values()]);
        // One event per row before: the rows of one command become one row, in order.
        const events = tx.table('events');
        const flat = (await events.toArray()) as EventRow[];
        await events.clear();
        await events.bulkAdd(batchesOf(flat));
      });
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5);
    this.version(9).stores(SCHEMA_V9);
  }
}

/** The tables one order command may touch (and the settings it decides with), locked
 *  together in one read-write transaction. */
export function orderTables(db: CounterDb) {
  return [
    db.orders,
    db.items,
    db.refunds,
    db.vouchers,
    db.events,
    db.timers,
    db.commands,
    db.sequences,
    db.products,
    db.locations,
    db.stockLedger,
    db.stockLevels,
    db.reservations,
    db.stateCounts,
    db.settings,
  ];
}

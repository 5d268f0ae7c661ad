import Dexie, { type Table } from 'dexie';
import { batchesOf } from './events';
import { hasLegacyMoney, LEGACY_MONEY_FIELDS, rowInMinorUnits } from './legacyMoney';
import { currencyOf } from '../money';
import { CounterDataGoneError } from './storageFaults';
import type {
  CommandRow,
  EventBatchRow,
  EventRow,
  ItemRow,
  LedgerRow,
  LocationRow,
  OperatorRow,
  OrderRow,
  PaymentRow,
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
  TillRow,
  SyncStateRow,
  TimerRow,
  VoucherRow,
  WorkflowRow,
} from './rows';
import type { CarrierRow } from '../tracking/carriers';
import { DEFAULT_CARRIERS } from '../tracking/carriers';
import type { CheckpointRow, ExceptionRow, ShipmentRow } from '../tracking/rows';

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

// v6: logistics (issue 24): carriers, shipments (found by any parcel's tracking number or
// SSCC), their checkpoints, parcel exceptions (open ones by an index); orders by phone.
export const SCHEMA_V6 = {
  orders: 'id, &number, buyerName, createdAt, phone, [type+state+createdAt]',
  carriers: 'id',
  shipments: 'id, orderId, *trackingNumbers, *sscc, createdAt',
  checkpoints: '++seq, &id, shipmentId, orderId, at',
  exceptions: 'id, orderId, shipmentId, [open+openedAt], openedAt',
};

/** The carriers a new or upgraded counter starts with (Settings edits them). */
export function defaultCarrierRows(at: number): CarrierRow[] {
  return DEFAULT_CARRIERS.map((c) => ({ ...c, updatedAt: at }));
}

// v7: money in integer minor units (the
// upgrade converts the stored decimals, shared/db/legacyMoney.ts); payments and refunds
// of money as an append-only ledger per order and till session; till sessions by device.
export const SCHEMA_V7 = {
  payments: 'id, orderId, tillId, at',
  tills: 'id, [deviceId+status], openedAt',
};

// v9 (v8 is unused: branches took numbers apart and were merged): sync with a server (issue 22). The outbox of
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
  carriers!: Table<CarrierRow, string>;
  shipments!: Table<ShipmentRow, string>;
  checkpoints!: Table<CheckpointRow, number>;
  exceptions!: Table<ExceptionRow, string>;
  payments!: Table<PaymentRow, string>;
  tills!: Table<TillRow, string>;
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
    this.version(6)
      .stores(SCHEMA_V6)
      .upgrade(async (tx) => {
        await tx.table('carriers').bulkPut(defaultCarrierRows(Date.now()));
      });
    // Deleted under the running app (evicted, "clear site data"), the database must not
    // come back empty on Dexie's next automatic open: the clerk would go on working in an
    // empty shop. Once this connection has opened, creating it again fails instead.
    let opened = false;
    this.on('ready', () => {
      opened = true;
    });
    this.on('populate', () => {
      if (opened) throw new CounterDataGoneError(name);
    });
    // A new database gets the default carriers too (upgrades do not run on one).
    this.on('populate', (tx) => {
      void tx.table('carriers').bulkAdd(defaultCarrierRows(Date.now()));
    });
    this.version(7)
      .stores(SCHEMA_V7)
      .upgrade(async (tx) => {
        const digits = currencyOf((await tx.table('settings').get('currency'))?.value).digits;
        for (const table of Object.keys(LEGACY_MONEY_FIELDS)) {
          if (!hasLegacyMoney(table)) continue;
          await tx.table(table).toCollection().modify((row: object, ref: { value: object }) => {
            ref.value = rowInMinorUnits(table, row, digits);
          });
        }
      });
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
    db.payments,
    db.tills,
  ];
}

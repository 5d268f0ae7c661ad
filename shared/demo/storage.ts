// The storage of a demo import batch: the engine's Dexie transaction (so a batch is one
// command of the pipeline, with its meta, its duplicate check and its stored result)
// widened with the two things a batch does that no single command does: read a set of
// levels with the order sequences in one go, and bulk-write a whole batch of orders.
import type { CounterDb } from '../db/database';
import { batchesOf } from '../db/events';
import type { EventRow, ItemRow, LedgerRow, OrderRow, RefundRow, ReservationRow, StockLevelRow, TimerRow, VoucherRow } from '../db/rows';
import { commandTables, DexieTx } from '../engine/dexieStorage';
import { applyStateMoves } from '../engine/stateCounts';
import type { CommandStorage, StorageTx } from '../engine/storage';

/** The rows one demo order ends with, and everything it appended. */
export interface DemoOrderRows {
  order: OrderRow;
  items: ItemRow[];
  refunds: RefundRow[];
  vouchers: VoucherRow[];
  timers: Map<string, TimerRow>;
  events: EventRow[];
  reservations: Map<string, ReservationRow>;
  ledger: LedgerRow[];
}

export interface DemoBatchWrite {
  orders: DemoOrderRows[];
  /** The levels the batch's orders moved, as they end. */
  levels: StockLevelRow[];
  /** Last number used per order type after the batch. */
  sequences: { product: number; service: number };
}

export interface DemoTx extends StorageTx {
  /** The stored levels of these (sku, location) pairs (absent ones left out). */
  levels(keys: ReadonlyArray<[string, string]>): Promise<StockLevelRow[]>;
  /** Writes a batch's orders with the stock rows they moved, each table in one bulk write. */
  writeDemoBatch(batch: DemoBatchWrite): Promise<void>;
}

class DemoDexieTx extends DexieTx implements DemoTx {
  async levels(keys: ReadonlyArray<[string, string]>) {
    const rows = await this.db.stockLevels.bulkGet(keys.map(([sku, locationId]) => [sku, locationId]));
    return rows.filter((r): r is StockLevelRow => r !== undefined);
  }

  async writeDemoBatch({ orders: batch, levels, sequences }: DemoBatchWrite) {
    const db = this.db;
    // The writes go out together: awaiting each table in turn left the storage idle for a
    // round trip between tables.
    await Promise.all([
      db.orders.bulkPut(batch.map((b) => b.order)),
      applyStateMoves(db, batch.map((b) => ({ type: b.order.type, from: null, to: b.order.state }))),
      db.items.bulkPut(batch.flatMap((b) => b.items)),
      db.refunds.bulkPut(batch.flatMap((b) => b.refunds)),
      // Added, not put: a code clash with a voucher made elsewhere fails the batch instead
      // of overwriting that voucher.
      db.vouchers.bulkAdd(batch.flatMap((b) => b.vouchers)),
      db.timers.bulkPut(batch.flatMap((b) => [...b.timers.values()])),
      db.events.bulkAdd(batch.flatMap((b) => batchesOf(b.events))),
      db.reservations.bulkPut(batch.flatMap((b) => [...b.reservations.values()])),
      db.stockLedger.bulkAdd(batch.flatMap((b) => b.ledger.map(({ seq: _seq, ...row }) => row))),
      db.stockLevels.bulkPut(levels),
      db.sequences.bulkPut([
        { name: 'order:product', value: sequences.product },
        { name: 'order:service', value: sequences.service },
      ]),
    ]);
  }
}

export function demoStorage(db: CounterDb): CommandStorage<DemoTx> {
  return {
    // An async scope function: Dexie follows native awaits inside it (dexieStorage.ts).
    transaction: (body) => db.transaction('rw', commandTables(db), async () => body(new DemoDexieTx(db))),
    read: (body) => db.transaction('r', commandTables(db), async () => body(new DemoDexieTx(db))),
  };
}

// The storage of shipment and exception commands: the engine's Dexie transaction (so a
// delivery can take the order's own action in the same transaction) widened with the
// tracking tables. The sync server implements the same interface on PostgreSQL
// (server/storage/pgTracking.ts). On an enrolled counter each write keeps the rows it
// replaces in the command's undo record, so a command the server refuses is taken back.
import type { CounterDb } from '../db/database';
import type { TimerRow } from '../db/rows';
import { commandTables, DexieTx } from '../engine/dexieStorage';
import type { CommandStorage, StorageTx } from '../engine/storage';
import type { CarrierRow } from './carriers';
import type { CheckpointRow, ExceptionRow, ShipmentRow } from './rows';
import { beforeRows } from '../sync/outbox';

export interface TrackingTx extends StorageTx {
  carrier(id: string): Promise<CarrierRow | undefined>;
  carriers(): Promise<CarrierRow[]>;
  putCarrier(row: CarrierRow): Promise<void>;
  shipment(id: string): Promise<ShipmentRow | undefined>;
  /** The shipment a parcel's tracking number or SSCC belongs to (the newest when several). */
  shipmentByCode(code: string): Promise<ShipmentRow | undefined>;
  putShipments(rows: ShipmentRow[]): Promise<void>;
  addCheckpoint(row: CheckpointRow): Promise<void>;
  checkpointsOf(shipmentId: string): Promise<CheckpointRow[]>;
  exception(id: string): Promise<ExceptionRow | undefined>;
  exceptionsOfShipment(shipmentId: string): Promise<ExceptionRow[]>;
  putExceptions(rows: ExceptionRow[]): Promise<void>;
  putTimers(rows: TimerRow[]): Promise<void>;
  /** A stored setting's value (undefined when unset). */
  settingValue(key: string): Promise<unknown>;
}

export function trackingTables(db: CounterDb) {
  return [...commandTables(db), db.carriers, db.shipments, db.checkpoints, db.exceptions];
}

export class TrackingDexieTx extends DexieTx implements TrackingTx {
  carrier(id: string) {
    return this.db.carriers.get(id);
  }
  carriers() {
    return this.db.carriers.toArray();
  }
  /** Puts rows keyed by `key`, keeping the rows they replace when syncing. */
  private putTracked<R>(table: 'carriers' | 'shipments' | 'exceptions' | 'timers', rows: R[], key: (r: R) => string) {
    return this.tracked(async (syncing) => {
      const restore = syncing ? await beforeRows(this.db, table, rows.map(key)) : [];
      await this.db.table(table).bulkPut(rows);
      return { restore };
    });
  }
  putCarrier(row: CarrierRow) {
    return this.putTracked('carriers', [row], (r) => r.id);
  }
  shipment(id: string) {
    return this.db.shipments.get(id);
  }
  async shipmentByCode(code: string) {
    const [byTracking, bySscc] = await Promise.all([this.db.shipments.where('trackingNumbers').equals(code).toArray(), this.db.shipments.where('sscc').equals(code).toArray()]);
    return [...byTracking, ...bySscc].sort((a, b) => b.createdAt - a.createdAt)[0];
  }
  putShipments(rows: ShipmentRow[]) {
    return this.putTracked('shipments', rows, (r) => r.id);
  }
  addCheckpoint(row: CheckpointRow) {
    // Append-only: taking it back deletes it by its local number.
    return this.tracked(async () => {
      const seq = await this.db.checkpoints.add(row);
      return { restore: [{ table: 'checkpoints', key: seq, before: null }] };
    });
  }
  checkpointsOf(shipmentId: string) {
    return this.db.checkpoints.where('shipmentId').equals(shipmentId).toArray();
  }
  exception(id: string) {
    return this.db.exceptions.get(id);
  }
  exceptionsOfShipment(shipmentId: string) {
    return this.db.exceptions.where('shipmentId').equals(shipmentId).toArray();
  }
  putExceptions(rows: ExceptionRow[]) {
    return this.putTracked('exceptions', rows, (r) => r.id);
  }
  async settingValue(key: string) {
    return (await this.db.settings.get(key))?.value;
  }
  putTimers(rows: TimerRow[]) {
    return this.putTracked('timers', rows, (r) => r.id);
  }
}

export function trackingStorage(db: CounterDb): CommandStorage<TrackingTx> {
  return {
    transaction: (body) => db.transaction('rw', trackingTables(db), async () => body(new TrackingDexieTx(db))),
    read: (body) => db.transaction('r', trackingTables(db), async () => body(new TrackingDexieTx(db))),
  };
}

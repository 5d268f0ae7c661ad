// The storage of shipment and exception commands: the engine's Dexie transaction (so a
// delivery can take the order's own action in the same transaction) widened with the
// tracking tables. Only the app has them; the sync server does not carry shipments yet.
import type { CounterDb } from '../db/database';
import type { TimerRow } from '../db/rows';
import { commandTables, DexieTx } from '../engine/dexieStorage';
import type { CommandStorage, StorageTx } from '../engine/storage';
import type { CarrierRow } from './carriers';
import type { CheckpointRow, ExceptionRow, ShipmentRow } from './rows';

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
  async putCarrier(row: CarrierRow) {
    await this.db.carriers.put(row);
  }
  shipment(id: string) {
    return this.db.shipments.get(id);
  }
  async shipmentByCode(code: string) {
    const [byTracking, bySscc] = await Promise.all([this.db.shipments.where('trackingNumbers').equals(code).toArray(), this.db.shipments.where('sscc').equals(code).toArray()]);
    return [...byTracking, ...bySscc].sort((a, b) => b.createdAt - a.createdAt)[0];
  }
  async putShipments(rows: ShipmentRow[]) {
    await this.db.shipments.bulkPut(rows);
  }
  async addCheckpoint(row: CheckpointRow) {
    await this.db.checkpoints.add(row);
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
  async putExceptions(rows: ExceptionRow[]) {
    await this.db.exceptions.bulkPut(rows);
  }
  async settingValue(key: string) {
    return (await this.db.settings.get(key))?.value;
  }
  async putTimers(rows: TimerRow[]) {
    await this.db.timers.bulkPut(rows);
  }
}

export function trackingStorage(db: CounterDb): CommandStorage<TrackingTx> {
  return {
    transaction: (body) => db.transaction('rw', trackingTables(db), async () => body(new TrackingDexieTx(db))),
    read: (body) => db.transaction('r', trackingTables(db), async () => body(new TrackingDexieTx(db))),
  };
}

// The tracking tables on PostgreSQL: the server's TrackingTx (and LogisticsTx), so pushed
// shipment, checkpoint and exception commands, and the order action that ships, run the
// counter's own rules (shared/tracking) in one SQL transaction. The shipment a scan moves
// and the exception a command works are read with row locks, as orders are: two scans of
// one parcel take turns. Every rule comes from shared/: this file only reads and writes rows.
import type { SettingRow, TimerRow } from '../../shared/db/rows';
import type { EventMeta } from '../../shared/engine/command';
import type { ChoiceLists, LogisticsTx } from '../../shared/engine/logistics';
import type { CommandStorage } from '../../shared/engine/storage';
import type { ShipmentRequest } from '../../shared/engine/work';
import type { CarrierRow } from '../../shared/tracking/carriers';
import { trackingMachines } from '../../shared/tracking/definitions';
import { carrierChoices, planShipmentsFor } from '../../shared/tracking/logistics';
import type { CheckpointRow, ExceptionRow, ShipmentRow } from '../../shared/tracking/rows';
import type { TrackingTx } from '../../shared/tracking/storage';
import type { Database } from '../db/sql';
import { PgTx, pgTxStorage } from './pgStorage';
import { TABLES, writeRows, type TableSpec } from './tables';
import type { MoneyTx } from '../../shared/payments/moneyTx';
import { withMoney } from './pgMoney';

const text = (field: string) => `r->>'${field}'`;

export const TRACKING_TABLES = {
  carriers: { table: 'carriers', columns: { id: text('id') }, conflict: ['id'] },
  shipments: { table: 'shipments', columns: { id: text('id'), order_id: text('orderId'), created_at: `(${text('createdAt')})::bigint` }, conflict: ['id'] },
  checkpoints: { table: 'checkpoints', columns: { id: text('id'), shipment_id: text('shipmentId') }, conflict: [] },
  exceptions: { table: 'exceptions', columns: { id: text('id'), shipment_id: text('shipmentId') }, conflict: ['id'] },
} satisfies Record<string, TableSpec>;

export class PgTrackingTx extends PgTx implements TrackingTx, LogisticsTx {
  carrier(id: string) {
    return this.one<CarrierRow>('SELECT row FROM carriers WHERE id = $1', [id]);
  }
  carriers() {
    return this.rows<CarrierRow>('SELECT row FROM carriers ORDER BY id COLLATE "C"', []);
  }
  putCarrier(row: CarrierRow) {
    return writeRows(this.q, TRACKING_TABLES.carriers, [row], 'put');
  }
  shipment(id: string) {
    return this.one<ShipmentRow>(`SELECT row FROM shipments WHERE id = $1${this.lock}`, [id]);
  }
  shipmentByCode(code: string) {
    // The newest shipment with the code (as the counter's index finds it), locked.
    return this.one<ShipmentRow>(`SELECT row FROM shipments WHERE row -> 'trackingNumbers' ? $1 OR row -> 'sscc' ? $1 ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT 1${this.lock}`, [code]);
  }
  putShipments(rows: ShipmentRow[]) {
    return writeRows(this.q, TRACKING_TABLES.shipments, rows, 'put');
  }
  addCheckpoint(row: CheckpointRow) {
    return writeRows(this.q, TRACKING_TABLES.checkpoints, [row], 'add');
  }
  checkpointsOf(shipmentId: string) {
    return this.rows<CheckpointRow>('SELECT row FROM checkpoints WHERE shipment_id = $1 ORDER BY seq', [shipmentId]);
  }
  exception(id: string) {
    return this.one<ExceptionRow>(`SELECT row FROM exceptions WHERE id = $1${this.lock}`, [id]);
  }
  exceptionsOfShipment(shipmentId: string) {
    return this.rows<ExceptionRow>('SELECT row FROM exceptions WHERE shipment_id = $1 ORDER BY id COLLATE "C"', [shipmentId]);
  }
  putExceptions(rows: ExceptionRow[]) {
    return writeRows(this.q, TRACKING_TABLES.exceptions, rows, 'put');
  }
  putTimers(rows: TimerRow[]) {
    return writeRows(this.q, TABLES.timers, rows, 'put');
  }
  async settingValue(key: string) {
    return (await this.one<SettingRow>('SELECT row FROM settings WHERE key = $1', [key]))?.value;
  }
  choiceLists(): Promise<ChoiceLists> {
    return carrierChoices(this);
  }
  shipmentsFor(meta: EventMeta, order: { id: string; number: string }, requests: readonly ShipmentRequest[]) {
    return planShipmentsFor(this, trackingMachines().shipment, meta, order, requests);
  }
}

/** The server's storage: the engine's tables and the tracking ones, in one transaction. */
/** The server's storage: every transaction carries the tracking tables and the money ones (pgMoney.ts). */
export function pgTrackingStorage(database: Database, options: { attempts?: number } = {}): CommandStorage<PgTrackingTx & MoneyTx> {
  return pgTxStorage(database, (q, locking) => withMoney(new PgTrackingTx(q, locking), q, locking), options);
}

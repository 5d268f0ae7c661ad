// The storage of the money commands: the engine's transaction widened with the money rows
// (payments, till sessions) and the few reads the money rules decide from. Dexie implements
// it on the counter (dexieMoney.ts), PostgreSQL on the sync server (server/storage/pgMoney.ts),
// so a payment is decided by the same code on both sides.
import type { OrderRow, PaymentRow, RefundRow, TillRow } from '../db/rows';
import type { StorageTx } from '../engine/storage';

export interface MoneyTx extends StorageTx {
  /** The order, for a money row that does not take an action (the server locks it, so two
   *  money commands on one order take turns). */
  order(id: string): Promise<OrderRow | undefined>;
  refund(id: string): Promise<RefundRow | undefined>;
  payment(id: string): Promise<PaymentRow | undefined>;
  paymentsOfOrder(orderId: string): Promise<PaymentRow[]>;
  paymentsOfTill(tillId: string): Promise<PaymentRow[]>;
  /** The till session open on a device, if any. */
  openTill(deviceId: string): Promise<TillRow | undefined>;
  till(id: string): Promise<TillRow | undefined>;
  /** A stored setting's value (undefined when unset). */
  settingValue(key: string): Promise<unknown>;
  /** Appends a money row (payments are never changed, only reversed by another row). */
  addPayment(row: PaymentRow): Promise<void>;
  /** Stores a till session as opened or closed. */
  putTill(row: TillRow): Promise<void>;
}

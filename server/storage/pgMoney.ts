// The money commands' storage on PostgreSQL: the reads and writes of shared/payments/moneyTx.ts
// over the connection of the command's transaction. The order a money row belongs to is read
// with its row lock, as an order command reads it, so two payments of one order (from two
// counters) are decided one after the other and the second sees the first.
import type { OrderRow, PaymentRow, RefundRow, SettingRow, TillRow } from '../../shared/db/rows';
import type { StorageTx } from '../../shared/engine/storage';
import type { MoneyTx } from '../../shared/payments/moneyTx';
import type { BatchedSession } from './batch';
import { TABLES, writeRows } from './tables';

type MoneyPart = Omit<MoneyTx, keyof StorageTx>;

function moneyPart(q: BatchedSession, locking: boolean): MoneyPart {
  const lock = locking ? ' FOR UPDATE' : '';
  // Through the batch, as the engine's reads: reads issued together share a round trip.
  const rows = async <R>(sql: string, params: unknown[]) => (await q.read<{ row: R }>(sql, params)).map((r) => r.row);
  const one = async <R>(sql: string, params: unknown[]) => (await rows<R>(sql, params))[0];
  return {
    order: (id) => one<OrderRow>(`SELECT row FROM orders WHERE id = $1${lock}`, [id]),
    refund: (id) => one<RefundRow>('SELECT row FROM refunds WHERE id = $1', [id]),
    payment: (id) => one<PaymentRow>('SELECT row FROM payments WHERE id = $1', [id]),
    paymentsOfOrder: (orderId) => rows<PaymentRow>('SELECT row FROM payments WHERE order_id = $1 ORDER BY change_seq', [orderId]),
    paymentsOfTill: (tillId) => rows<PaymentRow>('SELECT row FROM payments WHERE till_id = $1 ORDER BY change_seq', [tillId]),
    // Locked: a close and a payment of one drawer take turns.
    openTill: (deviceId) => one<TillRow>(`SELECT row FROM tills WHERE device_id = $1 AND status = 'open'${lock}`, [deviceId]),
    till: (id) => one<TillRow>('SELECT row FROM tills WHERE id = $1', [id]),
    settingValue: async (key) => (await one<SettingRow>('SELECT row FROM settings WHERE key = $1', [key]))?.value,
    addPayment: (row) => writeRows(q, TABLES.payments, [row], 'add'),
    putTill: (row) => writeRows(q, TABLES.tills, [row], 'put'),
  };
}

/** The engine's transaction with the money reads and writes on the same connection. */
export function withMoney<Tx extends StorageTx>(tx: Tx, q: BatchedSession, locking: boolean): Tx & MoneyTx {
  return Object.assign(tx, moneyPart(q, locking));
}

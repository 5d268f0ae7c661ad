// What an order's money ledger says: paid, refunded, balance. Pure: the rows in, figures
// out, in minor units. A reversal cancels the row it names; rows are never edited.
import type { PaymentRow } from '../db/rows';
import { sumMoney } from '../money';

export interface OrderMoney {
  /** Payments taken, less reversed ones. */
  paid: number;
  /** Money given back, less reversed refunds. */
  refunded: number;
  /** What the buyer still owes: total - paid (never below zero). */
  balance: number;
  /** Change handed back over the order's cash payments (not reversed). */
  change: number;
}

/** The rows a reversal has undone. */
export function reversedIds(rows: readonly PaymentRow[]): Set<string> {
  return new Set(rows.filter((r) => r.kind === 'reversal' && r.reverses !== null).map((r) => r.reverses!));
}

/** Payment and refund rows still in force (not reversals, not reversed). */
export function standingRows(rows: readonly PaymentRow[]): PaymentRow[] {
  const reversed = reversedIds(rows);
  return rows.filter((r) => r.kind !== 'reversal' && !reversed.has(r.id));
}

export function orderMoney(total: number, rows: readonly PaymentRow[]): OrderMoney {
  const standing = standingRows(rows);
  const paid = sumMoney(standing.filter((r) => r.kind === 'payment').map((r) => r.amount));
  const refunded = sumMoney(standing.filter((r) => r.kind === 'refund').map((r) => r.amount));
  const change = sumMoney(standing.map((r) => (r.kind === 'payment' ? (r.change ?? 0) : 0)));
  return { paid, refunded, balance: Math.max(0, total - paid), change };
}

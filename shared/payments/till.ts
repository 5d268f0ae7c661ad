// Till arithmetic and the closing (Z) report, pure and in minor units: the cash that should
// be in the drawer, and the day's payments and refunds per method and per operator.
import type { PaymentRow, TillRow } from '../db/rows';
import { sumMoney } from '../money';
import { standingRows } from './ledger';

const CASH = 'cash';

/** Float + cash taken - cash given back, over the session's rows still in force. (Change
 *  is not counted: a payment row's amount is what stayed in the drawer.) */
export function expectedCash(till: TillRow, rows: readonly PaymentRow[]): number {
  const cash = standingRows(rows.filter((r) => r.tillId === till.id)).filter((r) => r.method === CASH);
  return till.float + sumMoney(cash.map((r) => (r.kind === 'payment' ? r.amount : -r.amount)));
}

export interface ZLine {
  /** A method or an operator id. */
  key: string;
  payments: number;
  paymentCount: number;
  refunds: number;
  refundCount: number;
  /** payments - refunds. */
  net: number;
  /** Distinct orders paid or refunded. */
  orders: number;
}

export interface GivenBack {
  paymentId: string;
  orderNumber: string;
  /** The refund sheet it paid out, when it was tied to one. */
  refundId: string | null;
  method: string;
  amount: number;
  operator: string;
  at: number;
}

export interface ZReport {
  tillId: string;
  deviceId: string;
  openedAt: number;
  closedAt: number | null;
  openedBy: string;
  closedBy: string | null;
  float: number;
  byMethod: ZLine[];
  byOperator: ZLine[];
  totals: ZLine;
  /** Rows undone by a reversal during the session (they are left out of every figure). */
  reversals: number;
  /** Each time money went back (still in force), with its order and refund sheet. */
  givenBack: GivenBack[];
  expectedCash: number;
  counted: number | null;
  difference: number | null;
}

function line(key: string, rows: readonly PaymentRow[]): ZLine {
  const payments = rows.filter((r) => r.kind === 'payment');
  const refunds = rows.filter((r) => r.kind === 'refund');
  const p = sumMoney(payments.map((r) => r.amount));
  const f = sumMoney(refunds.map((r) => r.amount));
  return { key, payments: p, paymentCount: payments.length, refunds: f, refundCount: refunds.length, net: p - f, orders: new Set(rows.map((r) => r.orderId)).size };
}

function grouped(rows: readonly PaymentRow[], keyOf: (r: PaymentRow) => string, order: readonly string[] = []): ZLine[] {
  const groups = new Map<string, PaymentRow[]>(order.map((k) => [k, []]));
  for (const r of rows) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
  return [...groups].map(([k, list]) => line(k, list));
}

/** The closing report of a till session from the rows it holds. `methods` lists the
 *  counter's methods first, so a method with nothing taken still shows a zero line. */
export function zReport(till: TillRow, rows: readonly PaymentRow[], methods: readonly string[] = []): ZReport {
  const mine = rows.filter((r) => r.tillId === till.id);
  const standing = standingRows(mine);
  return {
    tillId: till.id,
    deviceId: till.deviceId,
    openedAt: till.openedAt,
    closedAt: till.closedAt,
    openedBy: till.openedBy,
    closedBy: till.closedBy,
    float: till.float,
    byMethod: grouped(standing, (r) => r.method, methods),
    byOperator: grouped(standing, (r) => r.operator).sort((a, b) => (a.key < b.key ? -1 : 1)),
    totals: line('total', standing),
    reversals: mine.filter((r) => r.kind === 'reversal').length,
    givenBack: standing
      .filter((r) => r.kind === 'refund')
      .map((r) => ({ paymentId: r.id, orderNumber: r.orderNumber, refundId: r.refundId, method: r.method, amount: r.amount, operator: r.operator, at: r.at })),
    expectedCash: expectedCash(till, rows),
    counted: till.counted,
    difference: till.difference,
  };
}

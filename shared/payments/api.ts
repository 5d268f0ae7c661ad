// The money and returns-desk part of the counter's public contract (shared/api.ts's Counter
// extends it). Amounts are integer minor units (shared/money.ts).
import type { Applied, CommandOptions, Refused } from '../api';
import type { TillRow } from '../db/rows';
import type { ZReport } from './till';

export interface TakePaymentInput {
  orderId: string;
  /** A method of the paymentMethods setting (cash, card, other by default). */
  method: string;
  amount: number;
  /** Cash handed over (cash only); the change is tendered - amount. */
  tendered?: number;
  /** Card slip or transfer reference. */
  reference?: string;
  /** The role the operator takes it in (recorded on the payment's timeline step). */
  role?: string;
}

export interface RefundMoneyInput {
  orderId: string;
  method: string;
  amount: number;
  /** The refund sheet this money pays out. */
  refundId?: string;
  reference?: string;
  reason?: string;
  /** The role the operator gives the money back in (recorded on the refund's timeline step). */
  role?: string;
}

export type PaymentResult =
  | {
      ok: true;
      paymentId: string;
      paid: number;
      balance: number;
      /** Cash to give back (cash payments only). */
      change: number | null;
      paidInFull: boolean;
      /** The order's "payment successful" action, when this payment settled it. */
      action: Applied | null;
    }
  | Refused;

export type MoneyRowResult = { ok: true; paymentId: string; paid: number; refunded: number; balance: number } | Refused;
export type TillResult = { ok: true; tillId: string; report: ZReport } | Refused;

/** What inspection found a returned line to be. */
export type InspectionOutcome = 'sellable' | 'damaged' | 'quarantine';

export interface InspectReturnInput {
  itemId: string;
  outcome: InspectionOutcome;
  /** Where the goods go: a sellable location for 'sellable', a non-sellable one otherwise. */
  locationId: string;
  reason: string;
  /** Units inspected (all waiting ones when absent). */
  qty?: number;
}

export interface MoneyApi {
  takePayment(input: TakePaymentInput, options?: CommandOptions): Promise<PaymentResult>;
  refundMoney(input: RefundMoneyInput, options?: CommandOptions): Promise<MoneyRowResult>;
  /** Appends the reversal of a payment or refund row (rows are never edited). */
  /** `role`: the role the operator reverses it in (recorded on the timeline step; Seller when none). */
  reversePayment(input: { paymentId: string; reason: string; role?: string }, options?: CommandOptions): Promise<MoneyRowResult>;
  openTill(input: { float: number; note?: string }, options?: CommandOptions): Promise<TillResult>;
  closeTill(input: { counted: number; note?: string }, options?: CommandOptions): Promise<TillResult>;
  tillReport(tillId: string): Promise<ZReport | undefined>;
  currentTill(): Promise<TillRow | undefined>;
  /** Returns desk: books a returned line's inspected units into a location, with the outcome and a reason. */
  inspectReturn(input: InspectReturnInput, options?: CommandOptions): Promise<{ ok: true; movements: number } | Refused>;
}

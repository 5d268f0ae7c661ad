// "Payment successful" carries the payment as its declared input (method, amount, cash
// handed over, a reference). Pure: which input is a payment, and the fields as the payment
// rules take them, or the refusal that names the missing field the way the action form shows it.
import type { Refused } from '../api';
import { refused } from '../engine/command';
import type { PaymentInput } from './decide';

/** The order action that takes the money (both built-in workflows name it so). */
export const PAYMENT_ACTION = 'payment successful';

const PAYMENT_FIELDS = ['method', 'amountPaid', 'tendered', 'reference'] as const;

const given = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

/** Whether an action's input carries a payment (any payment field given). Without one the
 *  action is the platform's word that the order was paid elsewhere, as before. */
export function carriesPayment(input: unknown): boolean {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false;
  const record = input as Record<string, unknown>;
  return PAYMENT_FIELDS.some((f) => given(record[f]));
}

const LABELS: Record<'method' | 'amountPaid', string> = { method: 'Payment method', amountPaid: 'Amount paid' };

function missing(field: 'method' | 'amountPaid'): Refused {
  return refused('invalid-input', `${LABELS[field]}: is missing`, { reason: 'action-input', action: PAYMENT_ACTION, field, label: LABELS[field], problem: 'missing', limit: null });
}

/** The payment an action's input (already checked against its declaration) carries. */
export function paymentOfInput(orderId: string, input: Readonly<Record<string, unknown>>): { ok: true; payment: PaymentInput } | Refused {
  const { method, amountPaid: amount, tendered, reference } = input;
  if (typeof amount !== 'number') return missing('amountPaid');
  if (typeof method !== 'string' || method.trim() === '') return missing('method');
  return {
    ok: true,
    payment: {
      orderId,
      method: method.trim(),
      amount,
      ...(typeof tendered === 'number' ? { tendered } : {}),
      ...(typeof reference === 'string' && reference.trim() ? { reference: reference.trim() } : {}),
    },
  };
}

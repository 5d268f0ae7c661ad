// How a refused command is named to the clerk: what it was (its kind, the action) and the
// order it was on, from the arguments it was sent with.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxRow } from '../../shared/db/rows';

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** The order a refused command named, when it named one directly. */
export function refusedOrderId(row: Pick<OutboxRow, 'kind' | 'args'>): string | undefined {
  if (row.kind === 'act') {
    const ref = obj(row.args[0]);
    return ref.kind === 'order' ? str(ref.id) : undefined;
  }
  if (row.kind === 'act-on-order') return str(row.args[0]);
  // Money: a payment or money back names its order; paying by the action, its reference.
  if (row.kind === 'money:take-payment' || row.kind === 'money:refund-money') return str(obj(row.args[0]).orderId);
  if (row.kind === 'money:pay-by-action') {
    const ref = obj(row.args[0]);
    return ref.kind === 'order' ? str(ref.id) : undefined;
  }
  return undefined;
}

/** The action a refused command took, when it was one. */
export function refusedAction(row: Pick<OutboxRow, 'kind' | 'args'>): string | undefined {
  return row.kind === 'act' || row.kind === 'act-on-order' ? str(row.args[2]) : undefined;
}

/** The parcel a refused scan named (its tracking number or SSCC as scanned). */
export function refusedParcel(row: Pick<OutboxRow, 'kind' | 'args'>): string | undefined {
  return row.kind === 'tracking:checkpoint' ? str(obj(row.args[0]).code) : undefined;
}

/** "Action “ship” on PO-D1-000001", "New order for Ann", "Parcel scan of 1Z…", "Receive stock". */
export function useRefusedSubject(): (row: Pick<OutboxRow, 'kind' | 'args'>, orderNumber?: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (row, orderNumber) => {
      const kind = t(`settings.sync.kind.${row.kind}`, { defaultValue: row.kind });
      const action = refusedAction(row);
      const buyer = row.kind === 'create-order' ? (str(obj(row.args[1]).buyerName) ?? str(obj(row.args[1]).buyerId)) : undefined;
      const parts = [action ? t('settings.sync.subject.action', { kind, action }) : kind];
      const parcel = refusedParcel(row);
      if (parcel) parts.push(t('settings.sync.subject.parcel', { code: parcel }));
      if (orderNumber) parts.push(t('settings.sync.subject.order', { order: orderNumber }));
      else if (buyer) parts.push(t('settings.sync.subject.buyer', { buyer }));
      return parts.join(' ');
    },
    [t],
  );
}

// The action form of "payment successful" (the payment is its declared input): it opens with
// the first payment method and the balance as the amount, and says what is still owed and
// the change to give as the clerk types what was handed over.
import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../shared/db/rows';
import { formatMoney, parseMoney } from '../../shared/money';
import { PAYMENT_ACTION } from '../../shared/payments/actionPayment';
import { CASH } from '../../shared/payments/decide';
import { orderMoney } from '../../shared/payments/ledger';
import { NoTillWarning } from './NoTillWarning';
import { usePayments } from './PaymentPanel';
import { useMoneyFormat, useMoneySettings } from './useMoney';

type Values = Record<string, string>;

export interface PaymentFormProps {
  defaults: Values;
  /** Fields the form needs although the action declares them optional (the action alone,
   *  with no payment, is the platform's word that it was paid elsewhere): while money is
   *  owed, taking it here needs its method and amount. */
  required: readonly string[];
  aside: (values: Values) => ReactNode;
}

/** What the payment action's form needs, or undefined for any other action. */
export function usePaymentForm(order: OrderRow, action: string | undefined): PaymentFormProps | undefined {
  const { t } = useTranslation();
  const fmt = useMoneyFormat();
  const { currency, methods } = useMoneySettings();
  const rows = usePayments(order.id);
  if (action !== PAYMENT_ACTION) return undefined;
  const { balance } = orderMoney(order.total, rows);
  const minor = (text: string | undefined) => {
    const parsed = parseMoney(text ?? '', currency.digits);
    return parsed.ok ? parsed.minor : null;
  };
  return {
    // Nothing owed (a free order): the form is empty, and the action takes no money.
    defaults: balance > 0 ? { method: methods[0] ?? CASH, amountPaid: formatMoney(balance, currency.digits) } : {},
    required: balance > 0 ? ['method', 'amountPaid'] : [],
    aside: (values) => {
      const amount = minor(values.amountPaid);
      const tendered = minor(values.tendered);
      const change = values.method === CASH && amount !== null && tendered !== null && tendered >= amount ? tendered - amount : null;
      return (
        <Stack gap="xs">
          <NoTillWarning cash={values.method === CASH} />
          <Group gap="lg">
            <Text fz="sm" data-testid="pay-form-balance">
              {t('money.pay.owed', { balance: fmt(balance) })}
            </Text>
            {change !== null ? (
              <Text fw={700} data-testid="pay-form-change">
                {t('money.pay.changeDue', { change: fmt(change) })}
              </Text>
            ) : null}
          </Group>
        </Stack>
      );
    },
  };
}

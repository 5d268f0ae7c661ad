// The counter's money settings, read live (currency digits, payment methods, shop name and
// device name for receipts), and money in the reader's language.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefusalLike } from '../ui/refusal';
import { currencyOf, paymentMethodsOf, type Currency } from '../../shared/settings/currency';
import { db } from '../db';
import { formatMoney, useLocale } from '../ui/time';
import { useRefusalText } from '../workflow/labels';

export interface MoneySettings {
  currency: Currency;
  methods: string[];
  shopName: string;
  deviceName: string;
}

const FALLBACK: MoneySettings = { currency: currencyOf(undefined), methods: paymentMethodsOf(undefined), shopName: '', deviceName: '' };

export function useMoneySettings(): MoneySettings {
  return (
    useLiveQuery(async () => {
      const [currency, methods, shopName, deviceName] = await db.settings.bulkGet(['currency', 'paymentMethods', 'shopName', 'deviceName']);
      return {
        currency: currencyOf(currency?.value),
        methods: paymentMethodsOf(methods?.value),
        shopName: typeof shopName?.value === 'string' ? shopName.value : '',
        deviceName: typeof deviceName?.value === 'string' ? deviceName.value : '',
      };
    }, []) ?? FALLBACK
  );
}

/** Minor units in the reader's locale with the counter's currency digits. */
export function useMoneyFormat(): (minor: number) => string {
  const { locale } = useLocale();
  const { currency } = useMoneySettings();
  return useCallback((minor: number) => formatMoney(minor, locale, currency.digits), [locale, currency.digits]);
}

/** A method's name in the reader's language (a method the settings added reads as itself). */
export function useMethodName(): (method: string) => string {
  const { t } = useTranslation();
  return (method) => t(`money.method.${method}`, { defaultValue: method });
}

const AMOUNT_PARAMS = ['balance', 'amount', 'tendered', 'refundable', 'outstanding'] as const;

/** A money command's refusal in the reader's language, its amounts formatted. */
export function useMoneyRefusalText(): (r: RefusalLike) => string {
  const { t } = useTranslation();
  const fmt = useMoneyFormat();
  const general = useRefusalText();
  return (r) => {
    const reason = typeof r.params?.reason === 'string' ? r.params.reason : '';
    const key = `money.refusal.${reason}`;
    const facts: Record<string, unknown> = { ...r.params };
    for (const k of AMOUNT_PARAMS) if (typeof facts[k] === 'number') facts[k] = fmt(facts[k]);
    const text = reason ? t(key, { ...facts, defaultValue: '' }) : '';
    return text && text !== key ? text : general(r);
  };
}

// The shop currency's minor-unit digits (Settings → Shop: JPY 0, CNY 2, KWD 3), read live,
// for words that show an amount outside the money screens (a refusal's amounts and bounds).
import { useLiveQuery } from 'dexie-react-hooks';
import { currencyOf, DEFAULT_CURRENCY, type CurrencyDigits } from '../../shared/money';
import { db } from '../db';

export function useCurrencyDigits(): CurrencyDigits {
  return useLiveQuery(async () => currencyOf((await db.settings.get('currency'))?.value).digits, []) ?? DEFAULT_CURRENCY.digits;
}

/** The same, read once (for code outside React: the scanner's router). */
export async function currencyDigits(): Promise<CurrencyDigits> {
  return currencyOf((await db.settings.get('currency'))?.value).digits;
}

// Schema version 7 stores money as integer minor units (shared/money.ts). Rows written
// before hold decimals in the currency's units; this turns one such row into the new
// shape. The Dexie upgrade (database.ts) and a restore of an older backup
// (backup/migrate.ts) both use it, so a database and its backup migrate alike.
import { DEFAULT_CURRENCY, minorFromLegacy, type CurrencyDigits } from '../money';

/** The schema version from which money is in minor units. */
export const MINOR_UNITS_SCHEMA_VERSION = 7;

/** The money fields of each table that has any. */
export const LEGACY_MONEY_FIELDS = {
  products: ['price'],
  items: ['price', 'unitPrice'],
  orders: ['total'],
  refunds: ['amount'],
} as const;

export type LegacyMoneyTable = keyof typeof LEGACY_MONEY_FIELDS;

export function hasLegacyMoney(table: string): table is LegacyMoneyTable {
  return Object.hasOwn(LEGACY_MONEY_FIELDS, table);
}

/** The row with its money fields in minor units (a null or absent amount stays as it is). */
export function rowInMinorUnits<T extends object>(table: LegacyMoneyTable, row: T, digits: CurrencyDigits = DEFAULT_CURRENCY.digits): T {
  const out = { ...row } as Record<string, unknown>;
  for (const field of LEGACY_MONEY_FIELDS[table]) {
    const value = out[field];
    if (typeof value === 'number') out[field] = minorFromLegacy(value, digits);
  }
  return out as T;
}

// The demo counter: demo data lives in a database of its own beside the shop's, named after
// it, so generated products, locations and orders never mix with the shop's books and the
// whole demo can be deleted in one go.

/** What a demo counter's database name ends with. */
export const DEMO_COUNTER_SUFFIX = '.demo';

export function isDemoCounter(dbName: string): boolean {
  return dbName.endsWith(DEMO_COUNTER_SUFFIX) && dbName.length > DEMO_COUNTER_SUFFIX.length;
}

/** The demo counter beside a shop's database (itself when it already is one). */
export function demoCounterOf(shopDb: string): string {
  return isDemoCounter(shopDb) ? shopDb : `${shopDb}${DEMO_COUNTER_SUFFIX}`;
}

/** The shop's database a demo counter belongs to (itself when it is no demo counter). */
export function shopOf(dbName: string): string {
  return isDemoCounter(dbName) ? dbName.slice(0, -DEMO_COUNTER_SUFFIX.length) : dbName;
}

/** Why demo data is refused here; null in a demo counter. */
export function demoImportRefusal(dbName: string): string | null {
  return isDemoCounter(dbName)
    ? null
    : 'Demo data goes into the demo counter only, never into the shop’s catalogue and locations: switch to the demo counter (Settings → Demo data), then generate it there. Nothing was changed.';
}

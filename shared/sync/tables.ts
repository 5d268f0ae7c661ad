// What a pull carries: the server's tables (PostgreSQL names) and the counter's Dexie
// table each one lands in. The server and the counter both read this list, so they agree
// on what is shared. Not shared: operators and sign-ins (each counter's own people),
// sequences (each device numbers its own orders), scans, the settings of one device, and
// till sessions (a drawer is one counter's: the server keeps them but does not send them).
import { TRACKING_SETTING_KEYS, TRACKING_SYNC_TABLES } from './trackingSync';

export const SYNC_TABLES = {
  orders: 'orders',
  items: 'items',
  refunds: 'refunds',
  vouchers: 'vouchers',
  timers: 'timers',
  events: 'events',
  commands: 'commands',
  settings: 'settings',
  workflows: 'workflows',
  products: 'products',
  locations: 'locations',
  stock_ledger: 'stockLedger',
  stock_levels: 'stockLevels',
  reservations: 'reservations',
  state_counts: 'stateCounts',
  ...TRACKING_SYNC_TABLES,
  // Money rows (issue 22, DESIGN.md → Money sync).
  payments: 'payments',
} as const;

export type SyncTable = keyof typeof SYNC_TABLES;
export const SYNC_TABLE_NAMES = Object.keys(SYNC_TABLES) as SyncTable[];

/** Settings every counter of a shop shares; the others (prefix, name, preset) are the device's.
 *  The currency and the payment methods are the shop's: the server decides payments with them. */
export const SHARED_SETTING_KEYS = ['periods', 'allocationStrategy', 'utcOffsetMinutes', ...TRACKING_SETTING_KEYS, 'currency', 'paymentMethods'] as const;

/** One changed row, as the server has it. */
export interface PulledChange {
  table: SyncTable;
  row: unknown;
}

/** A page of a pull: the changes after the cursor, oldest first, and where to go on from. */
export interface PullPage {
  changes: PulledChange[];
  /** Pass as `after` to read on; equal to the one sent when nothing changed. */
  cursor: number;
  /** More changes wait beyond this page. */
  more: boolean;
  /** The pulling device's SSCC device number (1-99), from a server that gives one. */
  ssccDevice?: number;
}

/** Rows per pull page, and the most a counter may ask for. A page is one request and one
 *  transaction on the counter: 2 000 rows (~150 orders) made an empty counter's catch-up
 *  faster than 500 (bench 8), and a page stays a few MB. */
export const PULL_PAGE_DEFAULT = 2000;
export const PULL_PAGE_MAX = 5000;

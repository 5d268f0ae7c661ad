// Where this window's data lives and who it is, decided once at start-up.
// `?db=NAME` gives e2e tests a fresh database each; `?demo=1` shortens workflow periods.
// The shop or its demo counter: chosen explicitly (switchCounter), remembered per shop.
import { demoCounterOf, isDemoCounter, shopOf } from '../shared/demo/demoCounter';

const DEVICE_KEY = 'counterflow.deviceId';
const OPERATOR_KEY = 'counterflow.operator';
const DEFAULT_DB = 'counterflow';

export interface AppConfig {
  /** The database this window works on: the shop's, or its demo counter's. */
  dbName: string;
  /** The shop's own database (dbName itself unless this is the demo counter). */
  shopDbName: string;
  /** This window works on the demo counter (demo data only, never the shop's books). */
  demoCounter: boolean;
  demo: boolean;
  deviceId: string;
  operator: string;
  /** `?e2e=1`: expose the engine to Playwright for seeding fixtures (catalog, stock); only
   *  honoured by the dev server and the e2e build (see main.tsx). */
  testHooks: boolean;
  /** Whether the first-start set-up may show: always, except in a test build's window that
   *  did not ask for it (`?firstStart=1`), so tests on a fresh database open on the board. */
  firstStartAllowed: boolean;
}

/** Query parameters may sit before the hash (`/?db=x#/boards`) or inside it (`#/boards?db=x`). */
function param(name: string): string | null {
  const fromSearch = new URLSearchParams(window.location.search).get(name);
  if (fromSearch !== null) return fromSearch;
  const hash = window.location.hash;
  const q = hash.indexOf('?');
  return q >= 0 ? new URLSearchParams(hash.slice(q + 1)).get(name) : null;
}

function safeDbName(raw: string | null): string {
  if (!raw) return DEFAULT_DB;
  const cleaned = raw.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 64);
  return cleaned || DEFAULT_DB;
}

function stored(key: string, make: () => string): string {
  try {
    const existing = localStorage.getItem(key);
    if (existing) return existing;
    const value = make();
    localStorage.setItem(key, value);
    return value;
  } catch {
    // Storage can be unavailable (private modes); fall back to a per-session value.
    return make();
  }
}

/** A short, readable device id (it prefixes order numbers made on this device). */
function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  return 'D' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** Which counter a shop's windows open, remembered per shop database. */
const counterKey = (shop: string) => `counterflow.counter:${shop}`;

function chosenCounter(shop: string): 'shop' | 'demo' {
  try {
    return localStorage.getItem(counterKey(shop)) === 'demo' ? 'demo' : 'shop';
  } catch {
    return 'shop';
  }
}

function readConfig(): AppConfig {
  const demoParam = param('demo');
  const named = safeDbName(param('db'));
  const shop = shopOf(named);
  // `?db=NAME.demo` names a demo counter outright; otherwise the remembered choice.
  const demoCounter = isDemoCounter(named) || chosenCounter(shop) === 'demo';
  return {
    dbName: demoCounter ? demoCounterOf(shop) : shop,
    shopDbName: shop,
    demoCounter,
    demo: demoParam === '1' || demoParam === 'true',
    deviceId: stored(DEVICE_KEY, newDeviceId),
    operator: stored(OPERATOR_KEY, () => 'counter'),
    testHooks: param('e2e') === '1',
    firstStartAllowed: param('e2e') !== '1' || param('firstStart') === '1',
  };
}

export const config: AppConfig = readConfig();

export function setOperator(name: string): void {
  localStorage.setItem(OPERATOR_KEY, name);
}

const PENDING_DELETE_KEY = 'counterflow.deleteDemoCounter';

/** Opens the shop or its demo counter: remembered, then the window starts anew on it. */
export function switchCounter(to: 'shop' | 'demo'): void {
  localStorage.setItem(counterKey(config.shopDbName), to);
  // A link that names a demo counter (`?db=NAME.demo`) would open it again: name the shop.
  const url = new URL(window.location.href);
  if (url.searchParams.has('db')) url.searchParams.set('db', to === 'demo' ? demoCounterOf(config.shopDbName) : config.shopDbName);
  window.history.replaceState(null, '', url);
  window.location.reload();
}

/** Back to the shop, and the demo counter's database deleted once nothing has it open. */
export function deleteDemoCounter(): void {
  localStorage.setItem(PENDING_DELETE_KEY, demoCounterOf(config.shopDbName));
  switchCounter('shop');
}

/** The demo counter whose deletion was asked for, if any (taken: asked once). */
export function takePendingDemoDelete(): string | null {
  try {
    const name = localStorage.getItem(PENDING_DELETE_KEY);
    localStorage.removeItem(PENDING_DELETE_KEY);
    // Never the database this window works on.
    return name && name !== config.dbName ? name : null;
  } catch {
    return null;
  }
}

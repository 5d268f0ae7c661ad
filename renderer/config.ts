// Where this window's data lives and who it is, decided once at start-up.
// `?db=NAME` gives e2e tests a fresh database each; `?demo=1` shortens workflow periods.

const DEVICE_KEY = 'counterflow.deviceId';
const OPERATOR_KEY = 'counterflow.operator';
const DEFAULT_DB = 'counterflow';

export interface AppConfig {
  dbName: string;
  demo: boolean;
  deviceId: string;
  operator: string;
  /** `?e2e=1`: expose the engine to Playwright for seeding fixtures (catalog, stock); only
   *  honoured by the dev server and the e2e build (see main.tsx). */
  testHooks: boolean;
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

function readConfig(): AppConfig {
  const demoParam = param('demo');
  return {
    dbName: safeDbName(param('db')),
    demo: demoParam === '1' || demoParam === 'true',
    deviceId: stored(DEVICE_KEY, newDeviceId),
    operator: stored(OPERATOR_KEY, () => 'counter'),
    testHooks: param('e2e') === '1',
  };
}

export const config: AppConfig = readConfig();

export function setOperator(name: string): void {
  localStorage.setItem(OPERATOR_KEY, name);
}

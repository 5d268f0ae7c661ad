// What went wrong under a write, in the terms a clerk can act on. IndexedDB and Dexie name
// their failures (QuotaExceededError, DatabaseClosedError, AbortError, ...) and wrap one in
// another (an AbortError whose `inner` is the QuotaExceededError that aborted it), so the
// whole chain is read: the most telling cause wins.

/** Thrown when the counter's database vanished under the running app (the browser
 *  evicted it, or someone cleared the site's data) and would be recreated empty. */
export class CounterDataGoneError extends Error {
  override readonly name = 'CounterDataGoneError';
  constructor(dbName: string) {
    super(`The database "${dbName}" was removed while the app was running (storage cleared or evicted)`);
  }
}

/**
 * - `disk-full`: the device (or the browser's share of it) has no room left;
 * - `gone`: the database was deleted under the app (eviction, "clear site data");
 * - `closed`: the connection was closed under the app (another window upgrading the
 *   database, the browser closing it);
 * - `interrupted`: the transaction was aborted or timed out for another reason.
 */
export type StorageFault = 'disk-full' | 'gone' | 'closed' | 'interrupted';

const BY_NAME: Record<string, StorageFault> = {
  QuotaExceededError: 'disk-full',
  CounterDataGoneError: 'gone',
  DatabaseClosedError: 'closed',
  VersionChangeError: 'closed',
  InvalidStateError: 'closed',
  MissingAPIError: 'closed',
  OpenFailedError: 'closed',
  AbortError: 'interrupted',
  TransactionInactiveError: 'interrupted',
  TimeoutError: 'interrupted',
  UnknownError: 'interrupted',
};

/** The more telling fault first: a full disk explains an abort, a deleted database a closed one. */
const RANK: StorageFault[] = ['gone', 'disk-full', 'closed', 'interrupted'];

/** The errors inside an error: Dexie's `inner`, the standard `cause`, a bulk write's failures. */
function causes(error: object): unknown[] {
  const e = error as { inner?: unknown; cause?: unknown; failures?: unknown };
  return [e.inner, e.cause, ...(Array.isArray(e.failures) ? (e.failures as unknown[]) : [])];
}

/** The storage fault behind an error, or null when it is not one (a bug, a key clash). */
export function storageFault(error: unknown): StorageFault | null {
  const seen = new Set<unknown>();
  const found = new Set<StorageFault>();
  const queue: unknown[] = [error];
  // Bounded: a hostile or cyclic chain cannot keep this busy.
  while (queue.length > 0 && seen.size < 32) {
    const next = queue.shift();
    if (next === null || typeof next !== 'object' || seen.has(next)) continue;
    seen.add(next);
    const name = (next as { name?: unknown }).name;
    const fault = typeof name === 'string' ? BY_NAME[name] : undefined;
    if (fault) found.add(fault);
    // Some wrappers keep only the text of the cause ("...QuotaExceededError: ...").
    const message = (next as { message?: unknown }).message;
    if (typeof message === 'string' && /QuotaExceeded/i.test(message)) found.add('disk-full');
    queue.push(...causes(next));
  }
  return RANK.find((f) => found.has(f)) ?? null;
}

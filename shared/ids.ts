// One place for identifiers.
//
// Ids are UUIDv7 (RFC 9562): unique like any UUID, but they sort by creation time, so a
// new row's key lands at the end of its table and of every index on an id (orderId,
// itemId...). IndexedDB in Chromium stores rows in a log-structured tree that keeps
// merging its files: random keys make its merges rewrite old data, time-ordered ones
// mostly append (100 000 demo orders: ~8 % faster, ~23 % less disk; bench/RESULTS.md).
// PostgreSQL's B-tree indexes on the sync server fill the same way.
import { v7 } from 'uuid';

// `v7()` asks the system for 16 random bytes per id, and one `getRandomValues` call costs
// ~1.2-1.4 µs in Chromium and Node, most of an id's cost; a demo order makes ~19 ids. So
// the bytes come from a pool refilled 4 KiB at a time (256 ids per call).
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolUsed = POOL_BYTES;

function random16(): Uint8Array {
  if (poolUsed === POOL_BYTES) {
    crypto.getRandomValues(pool);
    poolUsed = 0;
  }
  poolUsed += 16;
  return pool.subarray(poolUsed - 16, poolUsed);
}

// `v7()` keeps ids in order within a millisecond only when it draws its own bytes, so the
// clock is kept here, as the library keeps it (RFC 9562 method 1): a 32-bit counter,
// random at each new millisecond, counting up within one, carrying into the time when it
// wraps; a clock that steps back leaves the last time in place.
const clock = { msecs: -Infinity, seq: 0 };

export function newId(): string {
  const random = random16();
  const now = Date.now();
  if (now > clock.msecs) {
    clock.msecs = now;
    clock.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    clock.seq = (clock.seq + 1) | 0;
    if (clock.seq === 0) clock.msecs++;
  }
  return v7({ random, msecs: clock.msecs, seq: clock.seq });
}

// Ids derived from a command (sync, issue 22). The server decides a counter's command again
// with the same rules; when it derives the rows' ids from the command id, the order, lines,
// timers, reservations and movements it writes have the ids the counter gave them, so a
// pulled row replaces the counter's own and later commands naming them mean the same rows
// everywhere. The time part is the command id's own when that is a UUIDv7 (so derived ids
// still sort by time), the rest a hash of the command id and the id's number.
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function hash32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** The `n`-th id of a command: a UUID (version 8, RFC 9562's custom layout). */
export function derivedId(commandId: string, n: string | number): string {
  const key = `${commandId}#${n}`;
  const time = UUID_V7.test(commandId) ? commandId.slice(0, 8) + commandId.slice(9, 13) : hex8(hash32(commandId, 0x9747b28c)) + hex8(hash32(commandId, 0x1b873593)).slice(0, 4);
  const h = hex8(hash32(key, 0x811c9dc5)) + hex8(hash32(key, 0xc2b2ae35)) + hex8(hash32(key, 0x27d4eb2f));
  const variant = ((parseInt(h[3]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-8${h.slice(0, 3)}-${variant}${h.slice(4, 7)}-${h.slice(7, 19)}`;
}

/** The ids of one command's decision, in the order it asks for them. */
export function commandIdSource(commandId: string, scope = ''): () => string {
  let n = 0;
  return () => derivedId(commandId, `${scope}${n++}`);
}

/**
 * The attendance codes of one command's decision, in the order it asks for them: 10
 * digits, the first never 0 (a spreadsheet keeps it), derived from the command id as ids
 * are, so the sync server deciding the same command issues the same codes. A code that
 * clashes with a stored one would clash again on a retry (the command is refused, nothing
 * written); at 9·10^9 codes that is as rare as a random code's clash.
 */
export function commandVoucherCodes(commandId: string): () => string {
  let n = 0;
  return () => {
    const key = `${commandId}#v${n++}`;
    const lead = 1 + (hash32(key, 0x3c6ef372) % 9);
    const rest = (hash32(key, 0xa54ff53a) % 100_000) * 10_000 + (hash32(key, 0x510e527f) % 10_000);
    return `${lead}${String(rest).padStart(9, '0')}`;
  };
}

// Stock rules take their ids per piece of work (one StockWork per decision), numbered in
// the order the rules ask, kept apart from the order's own ids by their scope.
const workIds = new WeakMap<object, () => string>();

/** The next id a decision's stock work needs, derived from its command. */
export function workId(work: object, commandId: string): string {
  let next = workIds.get(work);
  if (!next) {
    next = commandIdSource(commandId, 's');
    workIds.set(work, next);
  }
  return next();
}

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

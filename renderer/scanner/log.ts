// The scan log is written by the engine like every other write (Counter.logScan), so a
// scan's row lands in the same database the engine serves, in the order scans arrive.
import type { ScanInput } from '../../shared/api';
import { counter } from '../engine/client';

let chain: Promise<void> = Promise.resolve();

/** Appends a scan to the log. Calls are written strictly in call order; never throws. */
export function logScan(scan: ScanInput): Promise<void> {
  const write = chain.then(() => counter.logScan(scan)).catch((error: unknown) => {
    // The log must never break scanning; the console keeps the reason for support.
    console.error('scan log write failed', error);
  });
  chain = write;
  return write;
}

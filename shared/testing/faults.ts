// Fault injection for tests: make one Dexie table's bulk write fail on its n-th call, the
// way a full disk, a crash or a window closed mid-write interrupts a transaction. The
// failing call rejects like a storage error, so the transaction it runs in aborts and
// tests can prove that what was committed before stays whole and nothing after it lands.
import type { Table } from 'dexie';

/** The writes a fault can hit (the bulk ones a batch makes, and the single ones a command
 *  row or a setting is stored with). */
export type BulkWrite = 'bulkAdd' | 'bulkPut' | 'add' | 'put';

/** The error a fault throws; tests can tell it from a real failure. */
export class InjectedFault extends Error {
  constructor(readonly table: string, readonly method: BulkWrite, readonly call: number) {
    super(`Injected fault: ${table}.${method} call ${call}`);
    this.name = 'InjectedFault';
  }
}

export interface Fault {
  /** Calls made so far, the failing one included. */
  readonly calls: number;
  /** Whether the fault has been thrown. */
  readonly fired: boolean;
  /** Put the table's own method back. */
  restore(): void;
}

/**
 * Wrap `table[method]` so that its `failOn`-th call (1-based, counted from now) rejects
 * with an InjectedFault instead of writing; every other call writes as usual. Without
 * `failOn` it only counts calls (to find out how many positions a run has). The wrapper
 * sits on this table object only, so other databases and tables are untouched: pass the
 * object the code under test calls (`db.orders`; in Dexie 4 `db.table('orders')` is another).
 */
export function injectFault<T, K>(table: Table<T, K>, method: BulkWrite, failOn?: number): Fault {
  const original = table[method];
  const own = Object.getOwnPropertyDescriptor(table, method);
  let calls = 0;
  let fired = false;
  const wrapped = function (this: Table<T, K>, ...args: unknown[]) {
    calls += 1;
    if (calls === failOn) {
      fired = true;
      return Promise.reject(new InjectedFault(table.name, method, calls));
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  // An own property shadows the prototype's method; restoring removes it again.
  Object.defineProperty(table, method, { value: wrapped, configurable: true, writable: true });
  return {
    get calls() {
      return calls;
    },
    get fired() {
      return fired;
    },
    restore() {
      if (own) Object.defineProperty(table, method, own);
      else delete (table as unknown as Record<string, unknown>)[method];
    },
  };
}

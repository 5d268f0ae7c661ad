// Serialization failures and deadlocks (SQLSTATE 40001, 40P01) roll a transaction back
// whole; the storage runs it again, a bounded number of times, and gives up with the error.
import { describe, expect, it } from 'vitest';
import type { Database, Session } from '../db/sql';
import { MAX_TRANSACTION_ATTEMPTS, pgStorage } from './pgStorage';

/** A database whose COMMIT fails with `code` the first `failures` times. */
function failingDatabase(code: string, failures: number) {
  const log: string[] = [];
  let left = failures;
  const session: Session = {
    async query<R>(text: string) {
      log.push(text.split(' ')[0]!);
      if (text === 'COMMIT' && left > 0) {
        left--;
        throw Object.assign(new Error(code === '40P01' ? 'deadlock detected' : 'could not serialize access'), { code });
      }
      return { rows: [] as R[] };
    },
    exec: async () => undefined,
    release: () => undefined,
  };
  const database: Database = { connect: async () => session, close: async () => undefined };
  return { database, log };
}

describe('retrying serialization failures and deadlocks', () => {
  for (const code of ['40001', '40P01']) {
    it(`runs a transaction again after ${code}, and its body each time`, async () => {
      const { database, log } = failingDatabase(code, 2);
      let runs = 0;
      const result = await pgStorage(database).transaction(async () => ++runs);
      expect(result).toBe(3);
      expect(log.filter((s) => s === 'ROLLBACK')).toHaveLength(2);
      expect(log.filter((s) => s === 'COMMIT')).toHaveLength(3);
    });
  }

  it('gives up after a bounded number of attempts with the database error', async () => {
    const { database } = failingDatabase('40001', 100);
    let runs = 0;
    await expect(pgStorage(database, { attempts: 3 }).transaction(async () => ++runs)).rejects.toMatchObject({ code: '40001' });
    expect(runs).toBe(3);
    expect(MAX_TRANSACTION_ATTEMPTS).toBeGreaterThan(1);
  });

  it('does not retry other failures', async () => {
    const { database } = failingDatabase('23503', 1);
    let runs = 0;
    await expect(pgStorage(database).transaction(async () => ++runs)).rejects.toMatchObject({ code: '23503' });
    expect(runs).toBe(1);
  });
});

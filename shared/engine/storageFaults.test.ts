// Storage faults as the clerk meets them, made at the IndexedDB layer (fake-indexeddb) the
// way browsers report them: a transaction aborted with QuotaExceededError (the disk is
// full), a write that throws it at once, the write fails at commit for another reason (UnknownError: an I/O error), the
// database closed under the app, upgraded by another window, or deleted (evicted). Each
// must come back as a worded `storage-failed` refusal (never a throw, never a hang), write
// nothing, and apply when the same command is sent again once the cause is gone.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CounterDataGoneError, storageFault } from '../db/storageFaults';
import type { EngineCounter } from './counter';
import { testCounter } from './testing/counter';
import { productOrder } from './testing/flows';
import { tables, within } from './testing/hostile';

type WriteMethod = (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
const store = globalThis.IDBObjectStore.prototype as unknown as Record<'put' | 'add', WriteMethod>;
const originals = { put: store.put, add: store.add };

/** fake-indexeddb's transaction: its own abort, and the step where a commit finishes. */
type FakeTx = IDBTransaction & { _abort(errName: string | null): void; _markFinished(): void; _state: string };
const txProto = globalThis.IDBTransaction.prototype as unknown as { _markFinished(this: FakeTx): void };
const originalFinish = txProto._markFinished;

/** Every read-write transaction from now on aborts as it commits, with the error named
 *  `errName` (as a browser does when the disk fills or its I/O fails at commit). */
function abortAtCommit(errName: string): void {
  const aborting = new WeakSet<FakeTx>();
  txProto._markFinished = function (this: FakeTx) {
    if (this.mode !== 'readwrite' || this.error || aborting.has(this) || this._state === 'finished') return originalFinish.call(this);
    aborting.add(this);
    this._abort(errName);
  };
}

function restore(): void {
  store.put = originals.put;
  store.add = originals.add;
  txProto._markFinished = originalFinish;
}
afterEach(restore);

const createOrder = (counter: EngineCounter) => counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 2 }] }, { commandId: 'order-under-fault' });

/** The command is refused with `reason`, wrote nothing, and applies once the fault is gone. */
async function refusedThenRetried(counter: EngineCounter, reason: string, words: RegExp, command: (c: EngineCounter) => Promise<unknown> = createOrder): Promise<void> {
  const before = await tables(counter);
  const result = await within('command under a fault', command(counter));
  expect(result).toMatchObject({ ok: false, code: 'storage-failed', params: { reason, cause: expect.any(String) } });
  expect((result as { message: string }).message).toMatch(words);
  restore();
  expect(await tables(counter), 'a refused command wrote nothing').toEqual(before);
  expect(await within('the same command again', command(counter))).toMatchObject({ ok: true });
  expect(await counter.checkStock()).toMatchObject({ ok: true });
}

describe('storage faults a clerk meets', () => {
  it('the disk is full at commit (transaction aborted with QuotaExceededError)', async () => {
    const { counter } = await testCounter();
    abortAtCommit('QuotaExceededError');
    await refusedThenRetried(counter, 'disk-full', /disk is full.*Free some space/);
  });

  it('the disk is full at once (the write throws QuotaExceededError)', async () => {
    const { counter } = await testCounter();
    for (const name of ['put', 'add'] as const) {
      store[name] = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    }
    await refusedThenRetried(counter, 'disk-full', /disk is full/);
  });

  it('the disk is full on the order actions too (pay)', async () => {
    const { counter } = await testCounter();
    const { orderId } = await productOrder(counter, 1);
    abortAtCommit('QuotaExceededError');
    const pay = (c: EngineCounter) => c.act({ kind: 'order', id: orderId }, 'P', 'payment successful', undefined, { commandId: 'pay-under-fault' });
    await refusedThenRetried(counter, 'disk-full', /disk is full/, pay);
  });

  it('the write fails at commit for another reason (UnknownError: an I/O error)', async () => {
    const { counter } = await testCounter();
    abortAtCommit('UnknownError');
    await refusedThenRetried(counter, 'interrupted', /interrupted\. Try again/);
  });

  it('the database closed under the app is refused in words and works again once reopened', async () => {
    const { counter } = await testCounter();
    const before = await tables(counter);
    counter.db.close();
    const result = await within('command on a closed database', createOrder(counter));
    expect(result).toMatchObject({ ok: false, code: 'storage-failed', params: { reason: 'closed' } });
    expect((result as { message: string }).message).toMatch(/reload the app/);
    await counter.db.open();
    expect(await tables(counter)).toEqual(before);
    expect(await createOrder(counter)).toMatchObject({ ok: true });
  });

  it('another window upgrading the schema: the app lets it, then goes on at the new version', async () => {
    const { counter } = await testCounter();
    const name = counter.db.name;
    const installed = counter.db.verno * 10;
    // A newer build in another window opens the same database at a higher version.
    const other = await within(
      'the other window upgrading',
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name, installed + 10);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      }),
    );
    other.close();
    expect(await within('command after the upgrade', createOrder(counter))).toMatchObject({ ok: true });
    expect(await counter.checkStock()).toMatchObject({ ok: true });
  });

  it('the database deleted under the app (evicted) is never recreated empty: every write is refused', async () => {
    const { counter } = await testCounter();
    const name = counter.db.name;
    await within(
      'deleting the database',
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error('delete failed'));
      }),
    );
    for (const attempt of [1, 2]) {
      const result = await within(`write ${attempt} after the eviction`, createOrder(counter));
      expect(result).toMatchObject({ ok: false, code: 'storage-failed', params: { reason: 'gone' } });
      expect((result as { message: string }).message).toMatch(/restore the latest backup/);
    }
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names, 'no empty database was created in its place').not.toContain(name);
  });
});

describe('storageFault', () => {
  it('reads the cause inside Dexie\'s wrappers, the most telling first', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(storageFault(Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota }))).toBe('disk-full');
    expect(storageFault(Object.assign(new Error('x'), { name: 'BulkError', failures: [new Error('a'), quota] }))).toBe('disk-full');
    expect(storageFault(Object.assign(new Error('closed'), { name: 'DatabaseClosedError', inner: new CounterDataGoneError('db') }))).toBe('gone');
    expect(storageFault(new Error('a bug'))).toBeNull();
    expect(storageFault(Object.assign(new Error('dup'), { name: 'ConstraintError' }))).toBeNull();
  });

  it('never throws nor loops on any value, cyclic chains included', () => {
    const cyclic: { name: string; inner?: unknown } = { name: 'AbortError' };
    cyclic.inner = cyclic;
    expect(storageFault(cyclic)).toBe('interrupted');
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (value) => {
        const fault = storageFault(value);
        expect([null, 'disk-full', 'gone', 'closed', 'interrupted']).toContain(fault);
      }),
    );
  });
});

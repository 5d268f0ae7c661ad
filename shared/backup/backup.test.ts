// Backup and restore: a round trip gives back every row; a file that is cut off, changed,
// not ours, or from a newer app is refused and leaves the database exactly as it was; a
// restore that fails halfway writes nothing.
import fc from 'fast-check';
import { hasLegacyMoney, LEGACY_MONEY_FIELDS } from '../db/legacyMoney';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allEvents, flattenBatches } from '../db/events';
import type { EventBatchRow } from '../db/rows';
import type { EngineCounter } from '../engine/counter';
import { dumpDb, testCounter } from '../engine/testing/counter';
import { createOk, item, ok, order } from '../engine/testing/flows';
import { importDemo } from '../demo/importDemo';
import { LAST_BACKUP_KEY, readBackup, restoreBackup, writeBackup } from './index';
import { blockDigestsOf, checksumOf } from './reader';
import { isBackupTable } from './rowSchemas';

const NOW = Date.UTC(2026, 11, 6, 8, 30);

/** A counter with a row in every table: orders of both kinds in many states, refunds,
 *  vouchers (one redeemed), pending and fired timers, stock movements, scans, demo orders. */
async function busyCounter(deviceId = 'dev-test'): Promise<EngineCounter> {
  const { counter, clock } = await testCounter({ deviceId });
  const paid = await createOk(counter, 'product', { buyerId: 'ann', buyerName: 'Ann', lines: [{ sku: 'SKU-1', qty: 2 }, { sku: 'SKU-2', qty: 1 }] });
  await ok(counter, order(paid), 'P', 'payment successful');
  const view = await counter.getOrder(paid);
  await ok(counter, item(view!.items[0]!.id), 'B', 'request refund');
  const shipped = await createOk(counter, 'product', { buyerId: 'bob', lines: [{ sku: 'SKU-3', qty: 1, price: 1250 }] });
  // Paid at the till: a payment row, a till session (closed) and the order's own action.
  expect(await counter.openTill({ float: 5000 })).toMatchObject({ ok: true });
  expect(await counter.takePayment({ orderId: shipped, method: 'cash', amount: 1250, tendered: 2000 })).toMatchObject({ ok: true, paidInFull: true });
  expect(await counter.closeTill({ counted: 6250 })).toMatchObject({ ok: true });
  await ok(counter, order(shipped), 'S', 'ship the order');
  await createOk(counter, 'product', { buyerId: 'cy', lines: [{ sku: 'SKU-1', qty: 1 }] }); // waits for payment: a pending timer
  const service = await createOk(counter, 'service', { buyerId: 'dee', lines: [{ sku: 'YOGA-10', qty: 1, price: 100, unitPrice: 50, serviceTimes: 2 }] });
  await ok(counter, order(service), 'P', 'payment successful');
  const codes = (await counter.getOrder(service))!.items[0]!.vouchers!.map((v) => v.code);
  expect((await counter.redeemVoucher(codes[0]!)).ok).toBe(true);
  const unpaid = await createOk(counter, 'product', { buyerId: 'eve', lines: [{ sku: 'SKU-2', qty: 1 }] });
  clock.advance(2 * 86_400_000);
  await counter.runDueTimers(); // closes the unpaid orders: fired timers
  expect((await counter.getOrder(unpaid))!.state).not.toBe('WP');
  await counter.logScan({ raw: 'SKU-1', type: 'product', screen: 'stock', ok: true, message: 'found' });
  const parcel = await counter.createShipment({ orderId: shipped, carrier: 'ups', trackingNumbers: ['1Z999AA10123456784'], parcels: [{ weightGrams: 900 }] });
  if (!parcel.ok) throw new Error(parcel.message);
  expect(await counter.scanCheckpoint({ code: '1Z999AA10123456784', kind: 'handover' })).toMatchObject({ ok: true });
  expect(await counter.openException({ shipmentId: parcel.shipmentId, type: 'damaged', note: 'corner crushed' })).toMatchObject({ ok: true });
  await importDemo(counter, { orders: 12 });
  await counter.setSetting('deviceName', 'Front desk');
  // An operator (stored with a PIN hash) and a sign-in: the counter now runs as her.
  expect(await counter.addOperator({ name: 'Ada', badge: 'ADA-1', pin: '4711', roles: ['B', 'S', 'P', 'A'] })).toMatchObject({ ok: true });
  expect(await counter.signIn({ badge: 'ADA-1' })).toMatchObject({ ok: true });
  return counter;
}

/** Every row, without the record of the last backup (a restore writes it). */
async function content(counter: EngineCounter): Promise<Record<string, unknown[]>> {
  const all = await dumpDb(counter);
  // Sync's outbox and state are the device's own, never in a backup.
  const dump = Object.fromEntries(Object.entries(all).filter(([t]) => isBackupTable(t)));
  dump.settings = dump.settings!.filter((row) => (row as { key: string }).key !== LAST_BACKUP_KEY);
  return dump;
}

async function text(blob: Blob): Promise<string> {
  return new TextDecoder().decode(await blob.arrayBuffer());
}

/** The same file with its checksum made right again (a forger's file, or an older app's). */
async function resign(lines: string[]): Promise<Blob> {
  const { checksum: _c, ...unsigned } = JSON.parse(lines[0]!) as Record<string, unknown>;
  const body = new Blob([lines.slice(1).map((l) => l + '\n').join('')]);
  const checksum = await checksumOf(JSON.stringify(unsigned), await blockDigestsOf(body));
  return new Blob([JSON.stringify({ ...unsigned, checksum }) + '\n', body]);
}

function linesOf(file: string): string[] {
  return file.split('\n').filter(Boolean);
}

afterEach(() => vi.restoreAllMocks());

describe('backup → restore', () => {
  it('gives back every row of every table, into another counter', async () => {
    const source = await busyCounter();
    const before = await content(source);
    for (const [table, rows] of Object.entries(before)) expect(rows.length, `rows in ${table}`).toBeGreaterThan(0);
    const backup = await writeBackup(source.db, { deviceId: 'dev-test', deviceName: 'Front desk', now: () => NOW });
    expect(backup.fileName).toBe('counterflow-dev-test-20261206-083000.cfbackup');
    expect(backup.header).toMatchObject({ app: 'Counterflow', schemaVersion: source.db.verno, deviceId: 'dev-test', createdAt: NOW });
    expect(backup.header.rowCounts).toEqual(Object.fromEntries(Object.entries(before).map(([t, rows]) => [t, rows.length])));

    const { counter: target } = await testCounter({ deviceId: 'dev-other' });
    const read = await readBackup(target.db, backup.blob, { deviceId: 'dev-other' });
    expect(read).toMatchObject({ ok: true, summary: { deviceId: 'dev-test', deviceName: 'Front desk', createdAt: NOW, fromAnotherCounter: true, migrated: false } });
    expect(read.ok && read.summary.orders).toBe(before.orders!.length);

    const restored = await restoreBackup(target.db, backup.blob, { deviceId: 'dev-other' });
    expect(restored.ok).toBe(true);
    expect(await content(target)).toEqual(before);
    expect(await target.db.settings.get(LAST_BACKUP_KEY)).toEqual({ key: LAST_BACKUP_KEY, value: { at: NOW } });
    // The restored counter works on, as an operator of the file: new rows continue the sequences.
    expect(await target.signIn({ name: 'Ada', pin: '4711' })).toMatchObject({ ok: true });
    const next = await createOk(target, 'product', { buyerId: 'fay', lines: [{ sku: 'SKU-1', qty: 1 }] });
    expect((await target.getOrder(next))!.number).not.toBe('');
    expect(await target.checkStock()).toMatchObject({ ok: true });
  });

  it('reads a file of several checksum blocks, with text that is not ASCII across block edges', async () => {
    const { counter: source } = await testCounter();
    // Random CJK text: three bytes a character, and too random for gzip to shrink much.
    const random = (n: number) => String.fromCharCode(...Array.from(crypto.getRandomValues(new Uint16Array(n)), (v) => 0x4e00 + (v % 0x5000)));
    await source.db.scans.bulkAdd(Array.from({ length: 500 }, (_, i) => ({ at: i, raw: `${i}扫码${random(1500 + (i % 7))}`, type: 'unknown', screen: 'boards', ok: false, message: 'unknown' })));
    const plain = await writeBackup(source.db, { deviceId: 'dev-test', now: () => NOW, compress: false });
    const packed = await writeBackup(source.db, { deviceId: 'dev-test', now: () => NOW });
    expect(plain.blob.size).toBeGreaterThan(2 * 1024 * 1024);
    expect(packed.blob.size).toBeGreaterThan(1.2 * 1024 * 1024);
    for (const backup of [plain, packed]) {
      const { counter: target } = await testCounter();
      expect((await restoreBackup(target.db, backup.blob, { deviceId: 'dev-test' })).ok).toBe(true);
      expect(await content(target)).toEqual(await content(source));
    }
  });

  it('says a file comes from this counter', async () => {
    const { counter } = await testCounter();
    const backup = await writeBackup(counter.db, { deviceId: 'dev-test', now: () => NOW });
    expect(await readBackup(counter.db, backup.blob, { deviceId: 'dev-test' })).toMatchObject({ ok: true, summary: { fromAnotherCounter: false } });
  });

  it('restores a backup of an older schema (v2: one event per row, no state counts)', async () => {
    const source = await busyCounter();
    const backup = await writeBackup(source.db, { deviceId: 'dev-test', now: () => NOW, compress: false });
    const lines = linesOf(await text(backup.blob));
    const header = JSON.parse(lines[0]!) as { schemaVersion: number; rowCounts: Record<string, number> };
    const old: string[] = [];
    let flatEvents = 0;
    for (const line of lines.slice(1)) {
      const chunk = JSON.parse(line) as { table: string; rows: unknown[] };
      if (['stateCounts', 'carriers', 'shipments', 'checkpoints', 'exceptions', 'payments', 'tills'].includes(chunk.table)) continue;
      if (hasLegacyMoney(chunk.table)) {
        // Before v7 money was stored as decimals: the restore turns them back into minor units.
        const fields: readonly string[] = LEGACY_MONEY_FIELDS[chunk.table];
        const decimal = (chunk.rows as Array<Record<string, unknown>>).map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, fields.includes(k) && typeof v === 'number' ? v / 100 : v])),
        );
        old.push(JSON.stringify({ table: chunk.table, rows: decimal }));
      } else if (chunk.table === 'events') {
        const rows = flattenBatches(chunk.rows as EventBatchRow[]);
        flatEvents += rows.length;
        old.push(JSON.stringify({ table: 'events', rows }));
      } else old.push(line);
    }
    const { stateCounts: _s, carriers: _c, shipments: _h, checkpoints: _p, exceptions: _e, payments: _pay, tills: _t, ...rowCounts } = header.rowCounts;
    old.unshift(JSON.stringify({ ...header, schemaVersion: 2, rowCounts: { ...rowCounts, events: flatEvents } }));
    const file = await resign(old);

    const { counter: target } = await testCounter();
    expect(await readBackup(target.db, file, { deviceId: 'x' })).toMatchObject({ ok: true, summary: { schemaVersion: 2, migrated: true } });
    expect((await restoreBackup(target.db, file, { deviceId: 'x' })).ok).toBe(true);
    const withoutSeq = (events: Array<{ seq?: number }>) => events.map(({ seq: _seq, ...e }) => e);
    expect(withoutSeq(await allEvents(target.db))).toEqual(withoutSeq(await allEvents(source.db)));
    const byKey = (rows: Array<{ type: string; state: string; count: number }>) => rows.filter((r) => r.count > 0).sort((a, b) => `${a.type}${a.state}`.localeCompare(`${b.type}${b.state}`));
    expect(byKey(await target.db.stateCounts.toArray())).toEqual(byKey(await source.db.stateCounts.toArray()));
    expect(await target.db.orders.toArray()).toEqual(await source.db.orders.toArray());
    // A file from before carriers were data restores with the default ones.
    expect((await target.db.carriers.toArray()).map((c) => c.id)).toEqual(['chinapost', 'dhl', 'sf', 'ups']);
    expect(await target.db.items.toArray()).toEqual(await source.db.items.toArray());
    expect(await target.db.products.toArray()).toEqual(await source.db.products.toArray());
  });
});

describe('a file that cannot be restored is refused and changes nothing', () => {
  async function setUp() {
    const source = await busyCounter();
    const backup = await writeBackup(source.db, { deviceId: 'dev-test', now: () => NOW });
    // Plain lines, for the tests that edit a file as text.
    const plain = await writeBackup(source.db, { deviceId: 'dev-test', now: () => NOW, compress: false });
    const { counter: target } = await testCounter();
    await createOk(target, 'product', { buyerId: 'keep-me', lines: [{ sku: 'SKU-1', qty: 1 }] });
    return { backup, plain, target, before: await dumpDb(target) };
  }

  async function expectRefused(target: EngineCounter, before: unknown, file: Blob, reason: string, message: RegExp) {
    const read = await readBackup(target.db, file, { deviceId: 'dev-test' });
    expect(read).toMatchObject({ ok: false, reason, message: expect.stringMatching(message) });
    const restore = await restoreBackup(target.db, file, { deviceId: 'dev-test' });
    expect(restore).toMatchObject({ ok: false, reason, message: expect.stringMatching(message) });
    expect(await dumpDb(target)).toEqual(before);
  }

  it('a truncated file', async () => {
    const { backup, target, before } = await setUp();
    await expectRefused(target, before, backup.blob.slice(0, backup.blob.size - 200), 'damaged', /damaged/);
    await expectRefused(target, before, backup.blob.slice(0, 300), 'damaged', /damaged/);
    await expectRefused(target, before, backup.blob.slice(0, 20), 'not-a-backup', /not a Counterflow backup/);
  });

  it('a file changed after it was made (checksum)', async () => {
    const { backup, plain, target, before } = await setUp();
    const file = await text(plain.blob);
    const changed = file.replace('"buyerName":"Ann"', '"buyerName":"Bob"');
    expect(changed).not.toBe(file);
    await expectRefused(target, before, new Blob([changed]), 'damaged', /damaged/);
    // One byte of the compressed rows.
    const bytes = new Uint8Array(await backup.blob.arrayBuffer());
    bytes[bytes.length - 40] ^= 0x01;
    await expectRefused(target, before, new Blob([bytes]), 'damaged', /damaged/);
  });

  it('compresses the rows, and the plain and compressed files restore alike', async () => {
    const { backup, plain } = await setUp();
    expect(backup.header.compression).toBe('gzip');
    expect(backup.blob.size * 4).toBeLessThan(plain.blob.size);
    const [a, b] = [await testCounter(), await testCounter()];
    expect((await restoreBackup(a.counter.db, backup.blob, { deviceId: 'x' })).ok).toBe(true);
    expect((await restoreBackup(b.counter.db, plain.blob, { deviceId: 'x' })).ok).toBe(true);
    expect(await content(a.counter)).toEqual(await content(b.counter));
  });

  it('a file that is not a Counterflow backup: text, other JSON, binary, empty', async () => {
    const { target, before } = await setUp();
    await expectRefused(target, before, new Blob(['orders,total\nPO-1,13\n']), 'not-a-backup', /not a Counterflow backup/);
    await expectRefused(target, before, new Blob([JSON.stringify({ formatName: 'dexie', data: {} }) + '\n']), 'not-a-backup', /not a Counterflow backup/);
    await expectRefused(target, before, new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x0a, 0x00, 0xc3])]), 'not-a-backup', /not a Counterflow backup/);
    await expectRefused(target, before, new Blob([]), 'not-a-backup', /not a Counterflow backup/);
  });

  it('a file from a newer version of the app', async () => {
    const { plain, target, before } = await setUp();
    const lines = linesOf(await text(plain.blob));
    lines[0] = JSON.stringify({ ...JSON.parse(lines[0]!), schemaVersion: 99 });
    await expectRefused(target, before, await resign(lines), 'newer-schema', /newer version of Counterflow.*Update the app/);
  });

  it('a correctly signed file with a row that does not fit its table', async () => {
    const { plain, target, before } = await setUp();
    const lines = linesOf(await text(plain.blob)).map((line) => line.replace('"buyerName":"Ann"', '"buyerName":17'));
    await expectRefused(target, before, await resign(lines), 'invalid-rows', /orders.*buyerName/);
    const badSetting = linesOf(await text(plain.blob)).map((line) => line.replace('{"key":"periodPreset","value":"production"}', '{"key":"periodPreset","value":"weekly"}'));
    expect(badSetting.join('\n')).toContain('"weekly"');
    await expectRefused(target, before, await resign(badSetting), 'invalid-rows', /settings.*not a valid periodPreset/);
  });

  it('a restore that fails while writing one table leaves the database as it was', async () => {
    const { backup, target, before } = await setUp();
    const table = Object.getPrototypeOf(target.db.stockLedger) as { bulkAdd: (...args: unknown[]) => Promise<unknown> };
    const real = table.bulkAdd;
    vi.spyOn(table, 'bulkAdd').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'stockLedger') return Promise.reject(new Error('disk full'));
      return real.apply(this, args);
    });
    const result = await restoreBackup(target.db, backup.blob, { deviceId: 'dev-test' });
    expect(result).toMatchObject({ ok: false, reason: 'write-failed', message: expect.stringMatching(/nothing was changed.*disk full/) });
    vi.restoreAllMocks();
    expect(await dumpDb(target)).toEqual(before);
  });
  it('a restore the disk has no room for says so, and leaves the database as it was', async () => {
    const { backup, target, before } = await setUp();
    const table = Object.getPrototypeOf(target.db.stockLedger) as { bulkAdd: (...args: unknown[]) => Promise<unknown> };
    const real = table.bulkAdd;
    // As Dexie gives it: the transaction aborted, its cause the browser's QuotaExceededError.
    const quota = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
    vi.spyOn(table, 'bulkAdd').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      if (this.name === 'stockLedger') return Promise.reject(quota);
      return real.apply(this, args);
    });
    const result = await restoreBackup(target.db, backup.blob, { deviceId: 'dev-test' });
    expect(result).toMatchObject({ ok: false, reason: 'disk-full', message: expect.stringMatching(/not enough free disk space.*nothing was changed/) });
    vi.restoreAllMocks();
    expect(await dumpDb(target)).toEqual(before);
  });
});

describe('any change to a valid backup (property)', () => {
  it('is refused with the database unchanged, or restores exactly what the file holds', async () => {
    const { counter: source } = await testCounter();
    const a = await createOk(source, 'product', { buyerId: 'ann', buyerName: 'Ann', lines: [{ sku: 'SKU-1', qty: 2 }] });
    await ok(source, order(a), 'P', 'payment successful');
    const service = await createOk(source, 'service', { buyerId: 'dee', lines: [{ sku: 'YOGA-10', qty: 1, price: 100, unitPrice: 100, serviceTimes: 1 }] });
    await ok(source, order(service), 'P', 'payment successful');
    // Bytes are changed in the file as written (gzip'd rows); rows are changed in plain lines.
    const backup = await writeBackup(source.db, { deviceId: 'dev-test', now: () => NOW });
    const bytes = new Uint8Array(await backup.blob.arrayBuffer());
    const plain = await writeBackup(source.db, { deviceId: 'dev-test', now: () => NOW, compress: false });
    const lines = linesOf(await text(plain.blob));
    const { counter: target } = await testCounter();

    /** What the database must hold after restoring a file: its rows, table by table. */
    const canonical = (value: unknown): string =>
      JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
    const byContent = (dump: Record<string, unknown[]>) => Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.map(canonical).sort()]));

    const expectedOf = (fileLines: string[]) => {
      const out: Record<string, unknown[]> = Object.fromEntries(target.db.tables.map((t) => [t.name, []]));
      for (const line of fileLines.slice(1)) {
        const chunk = JSON.parse(line) as { table: string; rows: unknown[] };
        out[chunk.table]!.push(...chunk.rows);
      }
      return out;
    };

    const byteChange = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
    );
    const rowChange = fc.record({
      line: fc.nat(),
      row: fc.nat(),
      field: fc.string({ maxLength: 12 }),
      value: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
      pickExisting: fc.boolean(),
    });

    await fc.assert(
      fc.asyncProperty(fc.oneof(byteChange.map((b) => ({ bytes: b })), rowChange.map((r) => ({ rows: r }))), async (change) => {
        let file: Blob;
        let expected: Record<string, unknown[]> | null;
        if ('bytes' in change) {
          const b = change.bytes;
          const at = b.at % bytes.length;
          if (b.kind === 'set') {
            const copy = bytes.slice();
            copy[at] = b.byte;
            file = new Blob([copy]);
          } else if (b.kind === 'cut') file = new Blob([bytes.slice(0, at)]);
          else file = new Blob([bytes.slice(0, at), b.text, bytes.slice(at)]);
          expected = expectedOf(lines); // the only acceptable success: the original rows
        } else {
          const r = change.rows;
          const changed = lines.slice();
          const lineNo = 1 + (r.line % (lines.length - 1));
          const chunk = JSON.parse(changed[lineNo]!) as { table: string; rows: Array<Record<string, unknown>> };
          const row = chunk.rows[r.row % chunk.rows.length]!;
          const keys = Object.keys(row);
          const field = r.pickExisting && keys.length ? keys[r.row % keys.length]! : r.field;
          if (r.value === undefined) delete row[field];
          else row[field] = r.value;
          changed[lineNo] = JSON.stringify(chunk);
          file = await resign(changed);
          expected = expectedOf(changed);
        }
        const before = await dumpDb(target);
        const result = await restoreBackup(target.db, file, { deviceId: 'dev-test' });
        if (result.ok) {
          const after = await dumpDb(target);
          after.settings = after.settings!.filter((s) => (s as { key: string }).key !== LAST_BACKUP_KEY);
          expected.settings = expected.settings!.filter((s) => (s as { key: string }).key !== LAST_BACKUP_KEY);
          // The store lists rows by key; the file in its own order (a changed key moves a row).
          expect(byContent(after)).toEqual(byContent(expected));
        } else {
          expect(result.message.length).toBeGreaterThan(10);
          expect(await dumpDb(target)).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

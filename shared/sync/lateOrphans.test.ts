// A late exception the counter fired itself, against the parcel timer the server sends back:
// fired or still pending there, the exception stays (the server has it, or will make the same
// one); ended another way there, the exception and the firing's stored result go, in the
// page's transaction; a firing the server stored itself (skipped) is the server's and stays.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { TimerRow, TimerStatus } from '../db/rows';
import { timerCommandId } from '../engine/command';
import { testCounter } from '../engine/testing/counter';
import { shippedOrder } from '../engine/testing/flows';
import { dropOrphanLateExceptions } from './lateOrphans';
import { pullTables } from './apply';

const UPS_1 = '1Z999AA10123456784';

async function firedOffline() {
  const t = await testCounter();
  const o = await shippedOrder(t.counter);
  const s = await t.counter.createShipment({ orderId: o.orderId, carrier: 'ups', trackingNumbers: [UPS_1], parcels: [{}], direction: 'outbound' });
  if (!s.ok) throw new Error(s.message);
  const timerId = (await t.counter.db.shipments.get(s.shipmentId))!.lateTimerId!;
  t.clock.advance(49 * 3_600_000);
  expect(await t.counter.runDueTimers()).toBeGreaterThan(0);
  expect(await t.counter.db.exceptions.get(`late:${timerId}`)).toMatchObject({ type: 'late' });
  const timer = (await t.counter.db.timers.get(timerId))!;
  const db = t.counter.db;
  const pulled = (status: TimerStatus): TimerRow => ({ ...timer, status });
  const drop = (rows: TimerRow[]) => db.transaction('rw', pullTables(), () => dropOrphanLateExceptions(db, rows.map((row) => ({ table: 'timers' as const, row }))));
  return { db, timerId, pulled, drop };
}

describe('dropOrphanLateExceptions', () => {
  it('keeps the exception when the server fired the timer or has not yet', async () => {
    const { db, timerId, pulled, drop } = await firedOffline();
    expect(await drop([pulled('pending'), pulled('fired')])).toBe(0);
    expect(await db.exceptions.get(`late:${timerId}`)).toBeDefined();
    expect(await db.commands.get(timerCommandId(timerId))).toBeDefined();
  });

  for (const status of ['cancelled', 'skipped', 'failed'] as const) {
    it(`drops the exception and the local firing when the server's timer is ${status}`, async () => {
      const { db, timerId, pulled, drop } = await firedOffline();
      expect(await drop([pulled(status)])).toBe(1);
      expect(await db.exceptions.get(`late:${timerId}`)).toBeUndefined();
      expect(await db.commands.get(timerCommandId(timerId))).toBeUndefined();
      // Once more (the same page read again): nothing left to drop.
      expect(await drop([pulled(status)])).toBe(0);
    });
  }

  it('keeps a firing the server stored itself (it did not fire: skipped), dropping only the exception', async () => {
    const { db, timerId, pulled, drop } = await firedOffline();
    const firing = (await db.commands.get(timerCommandId(timerId)))!;
    await db.commands.put({ ...firing, deviceId: 'server', result: { ok: true, fired: false, outcome: 'the parcel moved on' } });
    expect(await drop([pulled('skipped')])).toBe(1);
    expect(await db.commands.get(timerCommandId(timerId))).toMatchObject({ deviceId: 'server' });
  });

  it('leaves order timers alone', async () => {
    const { db, timerId, pulled, drop } = await firedOffline();
    expect(await drop([{ ...pulled('cancelled'), orderId: 'order-1' }])).toBe(0);
    expect(await db.exceptions.get(`late:${timerId}`)).toBeDefined();
  });
});

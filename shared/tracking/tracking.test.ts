// Shipments, checkpoints, exceptions and the late timer, through the counter's commands.
import { describe, expect, it } from 'vitest';
import { dumpDb, testCounter } from '../engine/testing/counter';
import { order, paidOrder, shippedOrder, states } from '../engine/testing/flows';
import { checkTrackingDefinition } from './machine';
import shipmentJson from '../workflows/shipment.json';
import exceptionJson from '../workflows/exception.json';
import { isSscc } from './sscc';
import { upsCheckDigit } from './carriers';
import { LIMITS } from '../limits';

const HOUR = 3_600_000;
const UPS_1 = '1Z999AA10123456784';
const POST = (serial: string, digit: number) => `RA${serial}${digit}CN`;

async function shipped() {
  const t = await testCounter();
  const o = await shippedOrder(t.counter);
  const s = await t.counter.createShipment({ orderId: o.orderId, carrier: 'ups', trackingNumbers: [UPS_1], parcels: [{ weightGrams: 1200 }], direction: 'outbound' });
  if (!s.ok) throw new Error(s.message);
  return { ...t, ...o, shipmentId: s.shipmentId, shipment: s };
}

describe('the built-in definitions', () => {
  it('check whole', () => {
    expect(checkTrackingDefinition(shipmentJson).ok).toBe(true);
    expect(checkTrackingDefinition(exceptionJson).ok).toBe(true);
  });

  it('a definition with an unreachable state or a doubled row is refused with its path', () => {
    const broken = structuredClone(shipmentJson) as { states: Record<string, { label: string }>; transitions: unknown[] };
    broken.states.XX = { label: 'nowhere' };
    broken.transitions.push({ on: 'handover', action: 'again', from: ['CR'], to: 'HC' });
    const r = checkTrackingDefinition(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.states.XX', '$.transitions[8]']));
  });
});

describe('shipments', () => {
  it('creates a shipment with an SSCC per parcel and a late timer', async () => {
    const { counter, shipment } = await shipped();
    expect(shipment.sscc).toHaveLength(1);
    expect(isSscc(shipment.sscc[0]!)).toBe(true);
    const row = await counter.db.shipments.get(shipment.shipmentId);
    expect(row).toMatchObject({ state: 'CR', carrierId: 'ups', trackingNumbers: [UPS_1] });
    expect(await counter.db.timers.get(row!.lateTimerId!)).toMatchObject({ status: 'pending', key: 'parcel-late' });
  });

  it("labels parcels with the counter's GS1 company prefix and extension digit (an Admin setting)", async () => {
    const { counter } = await testCounter();
    // Another role is refused and nothing is written; a prefix that leaves no 18 digits is refused.
    expect(await counter.setSetting('sscc', { companyPrefix: '4012345', extension: 7 }, { role: 'S' })).toMatchObject({ ok: false, code: 'role-not-permitted' });
    expect(await counter.setSetting('sscc', { companyPrefix: '40123', extension: 7 }, { role: 'A' })).toMatchObject({ ok: false, code: 'invalid-input', params: { field: 'sscc' } });
    expect(await counter.db.settings.get('sscc')).toBeUndefined();
    expect(await counter.setSetting('sscc', { companyPrefix: '4012345', extension: 7 }, { role: 'A' })).toEqual({ ok: true });
    const o = await shippedOrder(counter);
    const s = await counter.createShipment({ orderId: o.orderId, carrier: 'ups', trackingNumbers: [UPS_1], parcels: [{}, {}], direction: 'outbound' });
    if (!s.ok) throw new Error(s.message);
    expect(s.sscc).toHaveLength(2);
    for (const [i, code] of s.sscc.entries()) {
      expect(code).toMatch(/^74012345\d{10}$/);
      expect(isSscc(code)).toBe(true);
      expect(Number(code.slice(8, 17))).toBe(i + 1);
    }
  });

  it('refuses a wrong check digit naming the field, and writes nothing', async () => {
    const { counter } = await testCounter();
    const o = await paidOrder(counter);
    const before = await dumpDb(counter);
    const r = await counter.createShipment({ orderId: o.orderId, carrier: 'chinapost', trackingNumbers: [POST('12345678', 4)], parcels: [{}], direction: 'outbound' });
    expect(r).toMatchObject({ ok: false, code: 'invalid-input', params: { reason: 'tracking-check-digit', field: 'trackingNumbers.0', expected: 5, got: 4 } });
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('refuses an unknown carrier and a tracking number already on another order', async () => {
    const { counter } = await shipped();
    const other = await paidOrder(counter);
    expect(await counter.createShipment({ orderId: other.orderId, carrier: 'nope', trackingNumbers: [UPS_1], parcels: [{}] })).toMatchObject({ ok: false, params: { reason: 'unknown-carrier' } });
    expect(await counter.createShipment({ orderId: other.orderId, carrier: 'ups', trackingNumbers: [UPS_1], parcels: [{}] })).toMatchObject({ ok: false, params: { reason: 'tracking-in-use' } });
  });
});

describe('checkpoints', () => {
  it('move the shipment through its workflow; a pick-up confirms reception on the order by its own action', async () => {
    const { counter, orderId } = await shipped();
    expect(await counter.scanCheckpoint({ code: UPS_1, kind: 'handover', place: 'counter' })).toMatchObject({ ok: true, from: 'CR', to: 'HC' });
    expect(await counter.scanCheckpoint({ code: UPS_1, kind: 'depot' })).toMatchObject({ ok: true, to: 'AD' });
    expect(await counter.scanCheckpoint({ code: UPS_1, kind: 'pickup' })).toMatchObject({ ok: false, params: { field: 'signedBy' } });
    const done = await counter.scanCheckpoint({ code: UPS_1, kind: 'pickup', signedBy: 'Ann Lee' });
    expect(done).toMatchObject({ ok: true, to: 'DL', order: { action: 'confirm reception of order', ok: true, to: 'ST' } });
    expect((await states(counter, orderId)).order).toBe('ST');
    const events = await counter.db.events.where('[orderId+seq]').between([orderId, 0], [orderId, Infinity]).toArray();
    expect(events.flatMap((b) => b.events).some((e) => e.action === 'confirm reception of order' && e.to === 'ST')).toBe(true);
    expect(await counter.db.checkpoints.where('shipmentId').equals(done.ok ? done.shipmentId : '').count()).toBe(3);
  });

  it('a delivery stands when the order refuses its action (confirmed already)', async () => {
    const { counter, orderId } = await shipped();
    await counter.act(order(orderId), 'B', 'confirm reception of order');
    for (const kind of ['handover', 'depot'] as const) await counter.scanCheckpoint({ code: UPS_1, kind });
    expect(await counter.scanCheckpoint({ code: UPS_1, kind: 'pickup', signedBy: 'Ann' })).toMatchObject({ ok: true, to: 'DL', order: { ok: false, code: 'not-allowed-in-state' } });
  });

  it('refuses the same parcel twice for one step and a step the shipment cannot take', async () => {
    const { counter } = await shipped();
    await counter.scanCheckpoint({ code: UPS_1, kind: 'handover' });
    const before = await dumpDb(counter);
    expect(await counter.scanCheckpoint({ code: UPS_1, kind: 'handover' })).toMatchObject({ ok: false, params: { reason: 'parcel-already-scanned' } });
    expect(await counter.scanCheckpoint({ code: UPS_1, kind: 'pickup', signedBy: 'x' })).toMatchObject({ ok: false, code: 'not-allowed-in-state' });
    expect(await counter.scanCheckpoint({ code: '1Z999AA10123456700', kind: 'depot' })).toMatchObject({ ok: false, params: { reason: 'unknown-parcel' } });
    expect(await dumpDb(counter)).toEqual(before);
  });

  it('each parcel of a shipment is one checkpoint at hand-over, by its SSCC', async () => {
    const { counter } = await testCounter();
    const o = await shippedOrder(counter);
    const s = await counter.createShipment({ orderId: o.orderId, carrier: 'ups', trackingNumbers: [UPS_1], parcels: [{}, {}] });
    if (!s.ok) throw new Error(s.message);
    expect(await counter.scanCheckpoint({ code: s.sscc[0]!, kind: 'handover' })).toMatchObject({ ok: true, parcelNo: 1, to: 'HC' });
    expect(await counter.scanCheckpoint({ code: `(00)${s.sscc[1]!}`, kind: 'handover' })).toMatchObject({ ok: true, parcelNo: 2, to: 'HC' });
    expect(await counter.scanCheckpoint({ code: s.sscc[1]!, kind: 'handover' })).toMatchObject({ ok: false });
  });
});

describe('when a parcel is late (parcelLateAfterMs), a live setting', () => {
  it('is the Admin\'s, within the limits; a refusal writes nothing', async () => {
    const { counter } = await testCounter();
    expect(await counter.setSetting('parcelLateAfterMs', 6 * HOUR, { role: 'S' })).toMatchObject({ ok: false, code: 'role-not-permitted' });
    expect(await counter.setSetting('parcelLateAfterMs', 6 * HOUR)).toMatchObject({ ok: false, code: 'role-not-permitted' });
    expect(await counter.setSetting('parcelLateAfterMs', LIMITS.MIN_PARCEL_LATE_AFTER_MS - 1, { role: 'A' })).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(await counter.setSetting('parcelLateAfterMs', LIMITS.MAX_PARCEL_LATE_AFTER_MS + 1, { role: 'A' })).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(await counter.db.settings.get('parcelLateAfterMs')).toBeUndefined();
    expect(await counter.setSetting('parcelLateAfterMs', 6 * HOUR, { role: 'A' })).toEqual({ ok: true });
    expect(await counter.db.settings.get('parcelLateAfterMs')).toMatchObject({ value: 6 * HOUR });
  });
});

describe('SSCC serials', () => {
  it('when the prefix leaves no room for the parcels, the shipment is refused, worded for the admin, and nothing is written', async () => {
    const { counter } = await testCounter();
    expect(await counter.setSetting('sscc', { companyPrefix: '401234567890', extension: 0 }, { role: 'A' })).toEqual({ ok: true });
    const o = await shippedOrder(counter);
    // 999 labels per counter for a 12-digit prefix (two of its four serial digits are the
    // device number, here 07 as an enrolment gives); 997 are used.
    await counter.db.sequences.bulkPut([{ name: 'sscc', value: 997 }, { name: 'sscc-device', value: 7 }]);
    const before = await dumpDb(counter);
    const three = await counter.createShipment({ orderId: o.orderId, carrier: 'ups', trackingNumbers: [UPS_1], parcels: [{}, {}, {}], direction: 'outbound' });
    expect(three).toMatchObject({ ok: false, code: 'limit-exceeded', params: { reason: 'sscc-exhausted', prefix: '401234567890', limit: 999, left: 2, needed: 3 } });
    if (!three.ok) expect(three.message).toContain('shorter GS1 company prefix');
    expect(await dumpDb(counter)).toEqual(before);
    const two = await counter.createShipment({ orderId: o.orderId, carrier: 'ups', trackingNumbers: [UPS_1], parcels: [{}, {}], direction: 'outbound' });
    if (!two.ok) throw new Error(two.message);
    // The last two of the room: extension digit 9, device 07, serials 98 and 99.
    expect(two.sscc.map((c) => c.slice(0, 17))).toEqual(['94012345678900798', '94012345678900799']);
    expect(await counter.createShipment({ orderId: o.orderId, carrier: 'ups', trackingNumbers: [UPS_1], parcels: [{}], direction: 'outbound' })).toMatchObject({ ok: false, params: { reason: 'sscc-exhausted', left: 0 } });
    // A shorter prefix has room again.
    expect(await counter.setSetting('sscc', { companyPrefix: '4012345', extension: 0 }, { role: 'A' })).toEqual({ ok: true });
    await expect(counter.createShipment({ orderId: o.orderId, carrier: 'ups', trackingNumbers: [UPS_1], parcels: [{}], direction: 'outbound' })).resolves.toMatchObject({ ok: true });
  });
});

describe('exceptions', () => {
  it('a parcel with no checkpoint in time opens one late exception, found by the durable timer', async () => {
    const { counter, clock, shipmentId } = await shipped();
    await counter.setSetting('parcelLateAfterMs', 2 * HOUR, { role: 'A' });
    await counter.scanCheckpoint({ code: UPS_1, kind: 'handover' });
    clock.advance(2 * HOUR - 1);
    await counter.runDueTimers();
    expect(await counter.db.exceptions.count()).toBe(0);
    clock.advance(1);
    expect(await counter.runDueTimers()).toBe(1);
    const [late] = await counter.db.exceptions.where('shipmentId').equals(shipmentId).toArray();
    expect(late).toMatchObject({ type: 'late', state: 'OP', open: 1 });
    // Fired once: another run finds nothing due.
    clock.advance(10 * HOUR);
    expect(await counter.runDueTimers()).toBe(0);
  });

  it('a checkpoint in time cancels the timer: no exception', async () => {
    const { counter, clock } = await shipped();
    await counter.setSetting('parcelLateAfterMs', 2 * HOUR, { role: 'A' });
    clock.advance(HOUR);
    await counter.scanCheckpoint({ code: UPS_1, kind: 'handover' });
    clock.advance(HOUR + 1);
    expect(await counter.runDueTimers()).toBe(0);
    expect(await counter.db.exceptions.count()).toBe(0);
  });

  it('is worked to a resolution by reship (a new shipment) and closed, with owner and notes', async () => {
    const { counter, shipmentId, orderId } = await shipped();
    const opened = await counter.openException({ shipmentId, type: 'damaged', note: 'box crushed', owner: 'Mia' });
    if (!opened.ok) throw new Error(opened.message);
    const id = opened.exceptionId;
    expect(await counter.workException({ exceptionId: id, action: 'investigate', note: 'called carrier' })).toMatchObject({ ok: true, state: 'IN' });
    expect(await counter.workException({ exceptionId: id, action: 'reship' })).toMatchObject({ ok: false, params: { field: 'trackingNumber' } });
    const reship = await counter.workException({ exceptionId: id, action: 'reship', trackingNumber: POST('12345678', 5) });
    expect(reship).toMatchObject({ ok: false, params: { reason: 'tracking-pattern' } }); // UPS parcel, China Post number
    const second = `1Z999AA1012345679${upsCheckDigit('999AA1012345679')}`;
    const done = await counter.workException({ exceptionId: id, action: 'reship', trackingNumber: second });
    expect(done).toMatchObject({ ok: true, state: 'RR' });
    expect(await counter.db.shipments.where('orderId').equals(orderId).count()).toBe(2);
    expect(await counter.workException({ exceptionId: id, action: 'close' })).toMatchObject({ ok: true, state: 'CL' });
    const row = await counter.db.exceptions.get(id);
    expect(row).toMatchObject({ open: 0, owner: 'Mia' });
    expect(row!.notes.map((n) => [n.text, n.action])).toEqual([['box crushed', null], ['called carrier', 'investigate'], ['', 'reship'], ['', 'close']]);
    expect(await counter.workException({ exceptionId: id, note: 'late note' })).toMatchObject({ ok: false, code: 'not-allowed-in-state' });
  });
});

describe('hostile input', () => {
  it('any value as a checkpoint, shipment or exception is answered, never thrown, and a refusal writes nothing', async () => {
    const fc = (await import('fast-check')).default;
    const { counter } = await shipped();
    const before = await dumpDb(counter);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.record({ code: fc.string(), kind: fc.string(), signedBy: fc.anything() }), fc.record({ orderId: fc.string(), carrier: fc.constantFrom('ups', 'dhl', 'x'), trackingNumbers: fc.array(fc.string()), parcels: fc.array(fc.anything()) })), async (value) => {
        for (const call of [counter.scanCheckpoint, counter.createShipment, counter.openException, counter.workException, counter.saveCarrier]) {
          const r = await call(value);
          expect(r.ok).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
    expect(await dumpDb(counter)).toEqual(before);
  });
});

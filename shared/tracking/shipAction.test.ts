// The order's own actions make shipments (issue 24): the seller's "ship the order" with
// carrier + tracking number(s) + parcels, the buyer's "ship back" on a refund with return.
// One command, one transaction: a refused ship writes nothing and names the field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../workflow/check';
import { BUILT_IN_HANDLER_NAMES } from '../workflow/handlerNames';
import productOrderJson from '../workflows/product-order.json';
import { testCounter } from '../engine/testing/counter';
import { item, ok, order, paidOrder, shippedOrder } from '../engine/testing/flows';
import { tables } from '../engine/testing/hostile';
import { DEFAULT_CARRIERS, upsCheckDigit } from './carriers';
import { isSscc } from './sscc';

const ups = (body: string) => `1Z${body}${upsCheckDigit(body)}`;
const UPS_1 = ups('999AA1012345678');
const UPS_2 = ups('999AA1012345679');
const wrongDigit = (code: string) => code.slice(0, -1) + String((Number(code.slice(-1)) + 1) % 10);

async function paid() {
  const t = await testCounter();
  return { ...t, ...(await paidOrder(t.counter)) };
}

describe('ship the order', () => {
  it('makes the shipment from the input in the same command: carrier, tracking numbers, one SSCC per parcel, a late timer', async () => {
    const { counter, orderId } = await paid();
    const r = await counter.act(order(orderId), 'S', 'ship the order', { carrier: 'ups', trackingNumbers: [UPS_1.toLowerCase(), UPS_2], parcels: 3 });
    expect(r).toMatchObject({ ok: true, to: 'FS', shipmentIds: [expect.any(String)] });
    const shipments = await counter.db.shipments.where('orderId').equals(orderId).toArray();
    expect(shipments).toHaveLength(1);
    const s = shipments[0]!;
    expect(s).toMatchObject({ carrierId: 'ups', direction: 'outbound', trackingNumbers: [UPS_1, UPS_2], state: 'CR', commandId: expect.any(String) });
    expect(s.id).toBe(r.ok ? r.shipmentIds![0] : '');
    // Three parcels: the first two carry their own number, the third the first one.
    expect(s.parcels.map((p) => p.trackingNumber)).toEqual([UPS_1, UPS_2, UPS_1]);
    expect(s.sscc).toHaveLength(3);
    for (const code of s.sscc) expect(isSscc(code)).toBe(true);
    expect(await counter.db.timers.get(s.lateTimerId!)).toMatchObject({ status: 'pending', key: 'parcel-late' });
    // One command: the shipment is the ship command's own, stored once.
    const commands = await counter.db.commands.toArray();
    expect(commands.filter((c) => c.id === s.commandId).map((c) => c.kind)).toEqual(['act']);
    expect((await counter.getOrder(orderId))!.state).toBe('FS');
  });

  it('without parcels each tracking number is one parcel', async () => {
    const { counter, orderId } = await paid();
    await expect(counter.act(order(orderId), 'S', 'ship the order', { carrier: 'ups', trackingNumbers: [UPS_1, UPS_2] })).resolves.toMatchObject({ ok: true });
    const [s] = await counter.db.shipments.where('orderId').equals(orderId).toArray();
    expect(s!.parcels).toHaveLength(2);
  });

  it('shipped without carrier and tracking number (collected, own van): no shipment', async () => {
    const { counter, orderId } = await paid();
    await ok(counter, order(orderId), 'S', 'ship the order');
    expect(await counter.db.shipments.count()).toBe(0);
  });

  it('a wrong check digit refuses the whole ship, naming the field; nothing is written', async () => {
    const { counter, orderId } = await paid();
    const before = await tables(counter);
    const r = await counter.act(order(orderId), 'S', 'ship the order', { carrier: 'ups', trackingNumbers: [UPS_1, wrongDigit(UPS_2)], parcels: 2 });
    expect(r).toMatchObject({ ok: false, code: 'invalid-input', params: { reason: 'tracking-check-digit', field: 'trackingNumbers', index: 1, action: 'ship the order', carrier: 'UPS' } });
    if (!r.ok) expect(r.message).toMatch(/^"ship the order": trackingNumbers: .*wrong check digit/);
    expect(await tables(counter)).toEqual(before);
  });

  it('refuses, writing nothing: a number not in the carrier\'s pattern, a carrier that is not one of the counter\'s, one without the other, more numbers than parcels', async () => {
    const { counter, orderId } = await paid();
    const before = await tables(counter);
    const ship = (input: Record<string, unknown>) => counter.act(order(orderId), 'S', 'ship the order', input);
    expect(await ship({ carrier: 'dhl', trackingNumbers: [UPS_1] })).toMatchObject({ ok: false, params: { reason: 'tracking-pattern', field: 'trackingNumbers', index: 0 } });
    expect(await ship({ carrier: 'fedex', trackingNumbers: [UPS_1] })).toMatchObject({ ok: false, params: { reason: 'action-input', field: 'carrier', problem: 'not-choice' } });
    expect(await ship({ carrier: 'ups' })).toMatchObject({ ok: false, params: { reason: 'action-input', field: 'trackingNumbers', problem: 'missing' } });
    expect(await ship({ trackingNumbers: [UPS_1] })).toMatchObject({ ok: false, params: { reason: 'action-input', field: 'carrier', problem: 'missing' } });
    expect(await ship({ carrier: 'ups', trackingNumbers: [UPS_1, UPS_2], parcels: 1 })).toMatchObject({ ok: false, params: { reason: 'action-input', field: 'parcels', problem: 'too-small', limit: 2 } });
    expect(await tables(counter)).toEqual(before);
  });

  it('a tracking number already on another order is refused', async () => {
    const { counter, orderId } = await paid();
    await expect(counter.act(order(orderId), 'S', 'ship the order', { carrier: 'ups', trackingNumbers: [UPS_1] })).resolves.toMatchObject({ ok: true });
    const other = await paidOrder(counter);
    const before = await tables(counter);
    expect(await counter.act(order(other.orderId), 'S', 'ship the order', { carrier: 'ups', trackingNumbers: [UPS_1] })).toMatchObject({ ok: false, params: { reason: 'tracking-in-use', field: 'trackingNumbers' } });
    expect(await tables(counter)).toEqual(before);
  });

  it('carriers are data: one added in Settings is offered and taken, one turned off is refused', async () => {
    const { counter, orderId } = await paid();
    expect(await counter.saveCarrier({ id: 'zto', name: 'ZTO Express', pattern: '\\d{12}', check: 'none', trackingUrl: 'https://www.zto.com/?num={tracking}' })).toMatchObject({ ok: true });
    expect(await counter.saveCarrier({ ...DEFAULT_CARRIERS.find((c) => c.id === 'ups')!, active: false })).toMatchObject({ ok: true });
    expect(await counter.act(order(orderId), 'S', 'ship the order', { carrier: 'ups', trackingNumbers: [UPS_1] })).toMatchObject({ ok: false, params: { field: 'carrier', problem: 'not-choice' } });
    expect(await counter.act(order(orderId), 'S', 'ship the order', { carrier: 'zto', trackingNumbers: ['731234567890'] })).toMatchObject({ ok: true });
    expect((await counter.db.shipments.toArray()).map((s) => s.carrierId)).toEqual(['zto']);
  });

  it('the same command id twice makes one shipment', async () => {
    const { counter, orderId } = await paid();
    const input = { carrier: 'ups', trackingNumbers: [UPS_1] };
    const first = await counter.act(order(orderId), 'S', 'ship the order', input, { commandId: 'ship-once' });
    expect(await counter.act(order(orderId), 'S', 'ship the order', input, { commandId: 'ship-once' })).toEqual(first);
    expect(await counter.db.shipments.count()).toBe(1);
  });

  it('any scanned text: answered, never thrown; a refusal writes nothing, an applied ship has its shipment', async () => {
    const { counter } = await testCounter();
    const code = fc.oneof(fc.constant(UPS_1), fc.constant(UPS_2), fc.constant(wrongDigit(UPS_1)), fc.string({ maxLength: 24 }), fc.stringMatching(/^1Z[0-9A-Z]{16}$/));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('ups', 'dhl', 'sf', 'chinapost'), fc.array(code, { minLength: 1, maxLength: 3 }), async (carrier, numbers) => {
        const { orderId } = await paidOrder(counter);
        const before = await tables(counter);
        const r = await counter.act(order(orderId), 'S', 'ship the order', { carrier, trackingNumbers: numbers });
        if (!r.ok) {
          expect(r.message.length).toBeGreaterThan(0);
          expect(await tables(counter)).toEqual(before);
          return;
        }
        const made = await counter.db.shipments.where('orderId').equals(orderId).toArray();
        // Blank entries are "not given": then there may be no shipment at all.
        expect(made.length).toBe(r.shipmentIds?.length ?? 0);
      }),
      { numRuns: 40, seed: 24 },
    );
  }, 120_000);
});

describe('ship back', () => {
  it('makes a return shipment for the refund sheet; a wrong number refuses it and writes nothing', async () => {
    const { counter } = await testCounter();
    const { orderId, itemIds } = await shippedOrder(counter);
    await ok(counter, item(itemIds[0]!), 'B', 'request refund with return');
    await ok(counter, item(itemIds[0]!), 'S', 'agree refund');
    const before = await tables(counter);
    expect(await counter.act(item(itemIds[0]!), 'B', 'ship back', { courier: 'ups', trackingNumber: wrongDigit(UPS_2) })).toMatchObject({
      ok: false,
      params: { reason: 'tracking-check-digit', field: 'trackingNumber', action: 'ship back' },
    });
    expect(await tables(counter)).toEqual(before);
    expect(await counter.act(item(itemIds[0]!), 'B', 'ship back', { courier: 'ups', trackingNumber: UPS_2 })).toMatchObject({ ok: true, to: 'WSA' });
    const view = await counter.getOrder(orderId);
    const [s] = await counter.db.shipments.where('orderId').equals(orderId).toArray();
    expect(s).toMatchObject({ direction: 'return', carrierId: 'ups', trackingNumbers: [UPS_2], refundId: view!.items[0]!.refund!.id });
  });
});

describe('the definition', () => {
  const load = (def: unknown) => loadDefinition(def, BUILT_IN_HANDLER_NAMES);
  it('a shipment effect must name declared input fields; a choice has its choices or a list kept as data', () => {
    const def = structuredClone(productOrderJson) as unknown as { machines: { order: { transitions: Array<{ action: string; effects?: Array<Record<string, unknown>>; input?: Array<Record<string, unknown>> }> } } };
    const ship = def.machines.order.transitions.find((t) => t.action === 'ship the order')!;
    ship.effects!.find((e) => e.kind === 'shipment')!.trackingNumbers = 'waybill';
    delete ship.input![0]!.choicesFrom;
    const r = load(def);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const messages = r.problems.map((p) => `${p.path} ${p.message}`).join('\n');
      expect(messages).toMatch(/effects\[1\]\.trackingNumbers .*"waybill"/);
      expect(messages).toMatch(/input\[0\]\.choices .*either "choices"/);
    }
  });

  it('the built-in product order checks whole and offers carriers from the table', () => {
    const r = load(productOrderJson);
    expect(r.ok).toBe(true);
    const ship = productOrderJson.machines.order.transitions.find((t) => t.action === 'ship the order')!;
    expect(ship.input![0]).toMatchObject({ name: 'carrier', choicesFrom: 'carriers' });
  });
});

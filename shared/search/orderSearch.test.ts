import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCounter } from '../engine/testing/counter';
import { createOk, order, ok } from '../engine/testing/flows';
import { planQuery, searchOrders } from './orderSearch';

describe('planQuery', () => {
  it('reads what a clerk types', () => {
    expect(planQuery('123').numbers).toEqual(['PO-000123', 'SO-000123']);
    expect(planQuery('po-0001').numberPrefix).toBe('PO-0001');
    expect(planQuery('1z999aa1 0123456784').tracking).toBe('1Z999AA10123456784');
    expect(planQuery('138 0013-8000').phonePrefix).toBe('13800138000');
    expect(planQuery('ann').namePrefix).toBe('ann');
    expect(planQuery('ann').tracking).toBeNull();
    expect(planQuery('   ')).toMatchObject({ numbers: [], tracking: null, phonePrefix: null, namePrefix: null, sku: null });
  });

  it('never throws and never plans an unbounded lookup, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const plan = planQuery(text);
        expect(plan.numbers.length).toBeLessThanOrEqual(2);
        if (plan.phonePrefix) expect(plan.phonePrefix).toMatch(/^\+?\d{3,20}$/);
        if (plan.tracking) expect(plan.tracking).toMatch(/^[0-9A-Z]{8,40}$/);
      }),
    );
  });
});

describe('searchOrders', () => {
  it('finds an order by tracking number, phone prefix, name, SKU and number; filters by state and date', async () => {
    const { counter, clock } = await testCounter();
    const ann = await createOk(counter, 'product', { buyerId: 'ann', buyerName: 'Ann Lee', phone: '+86 138-0013-8000', lines: [{ sku: 'SKU-1', qty: 1 }] });
    clock.advance(60_000);
    const bob = await createOk(counter, 'product', { buyerId: 'bob', buyerName: 'Bob Wu', phone: '13900001111', lines: [{ sku: 'SKU-2', qty: 1 }] });
    await ok(counter, order(ann), 'P', 'payment successful');
    await ok(counter, order(ann), 'S', 'ship the order');
    const s = await counter.createShipment({ orderId: ann, carrier: 'ups', trackingNumbers: ['1Z999AA10123456784'], parcels: [{}] });
    expect(s.ok).toBe(true);
    const ids = async (text: string, extra = {}) => (await searchOrders(counter.db, { text, ...extra })).map((h) => h.order.id);
    expect(await ids('1Z999AA10123456784')).toEqual([ann]);
    expect(await ids('+86138')).toEqual([ann]);
    expect(await ids('139')).toEqual([bob]);
    expect(await ids('bob')).toEqual([bob]);
    expect(await ids('sku-2')).toEqual([bob]);
    const number = (await counter.db.orders.get(bob))!.number;
    expect(await ids(number.slice(-1))).toEqual([bob]);
    expect(await ids('', { states: ['FS'] })).toEqual([ann]);
    expect(await ids('', { from: clock.now })).toEqual([bob]);
    expect(await ids('', {})).toEqual([bob, ann]);
    expect(await ids('1Z999AA10123456784', { states: ['WP'] })).toEqual([]);
    if (s.ok) expect(await ids(s.sscc[0]!)).toEqual([ann]);
  });
});

// An order line without a price is priced from the catalogue, never 0 by omission; a line
// whose product has no price is refused with the line and the sku named.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOrderInputSchema, priceLines, type OrderLine } from './input';
import { dumpDb, testCounter } from './testing/counter';

describe('createOrder without a unit price', () => {
  it('takes the product price from the catalogue', async () => {
    const { counter } = await testCounter();
    await counter.addProduct({ sku: 'TEA-100', name: 'Green tea', price: 1250 });
    await counter.receive({ sku: 'TEA-100', locationId: 'main', qty: 10 });
    const r = await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'TEA-100', qty: 3 }, { sku: 'SKU-1', qty: 1, unitPrice: 99 }] });
    if (!r.ok) throw new Error(r.message);
    const view = await counter.getOrder(r.orderId);
    expect((await counter.db.orders.get(r.orderId))!.total).toBe(3 * 1250 + 99);
    const items = await counter.db.items.where('orderId').equals(r.orderId).sortBy('lineNo');
    expect(view!.items).toHaveLength(2);
    expect(items.map((i) => [i.sku, i.unitPrice, i.price])).toEqual([
      ['TEA-100', 1250, 3750],
      ['SKU-1', 99, 99],
    ]);
  });

  it('refuses, naming the line and the sku, when the catalogue has no price for it; writes nothing', async () => {
    const { counter } = await testCounter();
    await counter.addProduct({ sku: 'FREE-1', name: 'Leaflet', price: 0 });
    const before = await dumpDb(counter);
    const r = await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }, { sku: 'FREE-1', qty: 2 }] });
    expect(r).toMatchObject({ ok: false, code: 'invalid-input', params: { reason: 'unpriced-line', problem: 'no-price', line: 2, sku: 'FREE-1' } });
    expect(!r.ok && r.message).toMatch(/^Line 2: FREE-1 has no price in the catalogue/);
    expect(await dumpDb(counter)).toEqual(before);
    // Saying the price (0 too, on purpose) is the way on.
    expect(await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'FREE-1', qty: 2, unitPrice: 0 }] })).toMatchObject({ ok: false, code: 'insufficient-stock' });
  });

  it('a service line takes its price too', async () => {
    const { counter } = await testCounter();
    const r = await counter.createOrder('service', { buyerId: 'b', lines: [{ sku: 'YOGA-10', qty: 2, serviceTimes: 1 }] });
    if (!r.ok) throw new Error(r.message);
    expect((await counter.db.orders.get(r.orderId))!.total).toBe(200);
  });
});

const lineArb = fc.record(
  {
    sku: fc.constantFrom('A', 'B', 'C', 'GONE'),
    qty: fc.integer({ min: 1, max: 50 }),
    price: fc.integer({ min: 0, max: 100_000 }),
    unitPrice: fc.integer({ min: 0, max: 100_000 }),
  },
  { requiredKeys: ['sku', 'qty'] },
);
const catalogue = new Map([
  ['A', { price: 1250 }],
  ['B', { price: 1 }],
  ['C', { price: 0 }],
]);

describe('the order input schema and line prices (property)', () => {
  it('the schema never invents a price: a line without one stays without one', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 5 }), (lines) => {
        const parsed = createOrderInputSchema.safeParse({ buyerId: 'b', lines });
        expect(parsed.success).toBe(true);
        parsed.data!.lines.forEach((l, i) => {
          expect(l.price).toBe(lines[i]!.price);
          expect(l.unitPrice).toBe(lines[i]!.unitPrice);
        });
      }),
    );
  });

  it('every priced line keeps its price; every unpriced one gets the catalogue price or the whole order is refused at the first that cannot', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 5 }), (raw) => {
        const lines = createOrderInputSchema.parse({ buyerId: 'b', lines: raw }).lines as OrderLine[];
        const r = priceLines(lines, catalogue);
        const firstBad = lines.findIndex((l) => l.price === undefined && l.unitPrice === undefined && !((catalogue.get(l.sku)?.price ?? 0) > 0));
        if (firstBad >= 0) {
          expect(r).toEqual({ ok: false, unpriced: { line: firstBad + 1, sku: lines[firstBad]!.sku, problem: lines[firstBad]!.sku === 'GONE' ? 'unknown-product' : 'no-price' } });
          return;
        }
        if (!r.ok) throw new Error('refused a priceable order');
        r.lines.forEach((l, i) => {
          const given = lines[i]!;
          if (given.price !== undefined || given.unitPrice !== undefined) expect(l).toEqual(given);
          else expect(l).toEqual({ ...given, unitPrice: catalogue.get(given.sku)!.price });
          expect((l.price ?? l.unitPrice ?? 0) > 0 || given.price === 0 || given.unitPrice === 0).toBe(true);
        });
      }),
    );
  });
});

// Command ids as properties, over random valid commands of every kind: the same id sent
// again returns the first result and changes nothing; the same id with a changed payload,
// or for another kind of command, is a command-id-conflict and changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import productOrderJson from '../workflows/product-order.json';
import type { EngineCounter } from './counter';
import { testCounter } from './testing/counter';
import { createOk, ok, order, paidOrder, productOrder } from './testing/flows';
import { tables, within } from './testing/hostile';

const SEED = Number(process.env.IDEMPOTENCY_SEED ?? 20261206);

interface Fixture {
  unpaid: string;
  paid: string;
  codes: string[];
}

/** One valid command, as a function of its id; `n` varies the payload. */
type Maker = (c: EngineCounter, f: Fixture, n: number) => (commandId: string) => Promise<unknown>;

const sku = (n: number) => `SKU-${1 + (n % 3)}`;
const MAKERS: Record<string, Maker> = {
  createOrder: (c, _f, n) => (id) => c.createOrder('product', { buyerId: `b-${n}`, lines: [{ sku: sku(n), qty: 1 + (n % 4) }] }, { commandId: id }),
  createService: (c, _f, n) => (id) => c.createOrder('service', { buyerId: `b-${n}`, lines: [{ sku: 'YOGA-10', qty: 1, price: 10 + n, serviceTimes: 1 + (n % 3) }] }, { commandId: id }),
  pay: (c, f, n) => (id) => c.act(order(f.unpaid), 'P', n % 2 ? 'payment successful' : 'make payment', undefined, { commandId: id }),
  cancel: (c, f, n) => (id) => c.act(order(f.unpaid), 'B', 'cancel order', n % 2 ? null : {}, { commandId: id }),
  shipWithInput: (c, f, n) => (id) => c.act(order(f.paid), 'S', 'ship the order', { carrier: 'sf', trackingNumbers: [`SF${n}`], parcels: 1 + (n % 3) }, { commandId: id }),
  ship: (c, f, n) => (id) => (n % 2 ? c.act(order(f.paid), 'S', 'ship the order', undefined, { commandId: id }) : c.actOnOrder(f.paid, 'S', 'ship the order', { commandId: id })),
  redeem: (c, f, n) => (id) => c.redeemVoucher(f.codes[n % f.codes.length]!, { commandId: id }),
  receive: (c, _f, n) => (id) => c.receive({ sku: sku(n), locationId: n % 2 ? 'main' : 'back', qty: 1 + (n % 9) }, { commandId: id }),
  adjust: (c, _f, n) => (id) => c.adjust({ sku: sku(n), locationId: 'main', qty: -(1 + (n % 5)), reason: 'damaged' }, { commandId: id }),
  transfer: (c, _f, n) => (id) => c.transfer({ sku: sku(n), fromLocationId: 'main', toLocationId: 'back', qty: 1 + (n % 7) }, { commandId: id }),
  count: (c, _f, n) => (id) => c.count({ sku: sku(n), locationId: 'main', qty: 50 + n, reason: 'stock-take' }, { commandId: id }),
  addProduct: (c, _f, n) => (id) => c.addProduct({ sku: `NEW-${n}`, name: `New ${n}`, price: n }, { commandId: id }),
  updateProduct: (c, _f, n) => (id) => c.updateProduct({ sku: sku(n), name: `Renamed ${n}` }, { commandId: id }),
  addLocation: (c, _f, n) => (id) => c.addLocation({ id: `shelf-${n}`, name: `Shelf ${n}` }, { commandId: id }),
  importProducts: (c, _f, n) => (id) => c.importProducts(`sku,name,price\nIMP-${n},Imported ${n},${n}\n`, { commandId: id }),
  importStockLevels: (c, _f, n) => (id) => c.importStockLevels(`sku,locationId,onHand\n${sku(n)},back,${n}\n`, { commandId: id }),
  installWorkflow: (c, _f, n) => (id) => c.installWorkflow({ ...structuredClone(productOrderJson), version: productOrderJson.version + n }, { commandId: id }),
  setSetting: (c, _f, n) => (id) => (n % 2 ? c.setSetting('allocationStrategy', n % 4 === 1 ? 'most-stock' : 'priority', { commandId: id, role: 'A' }) : c.setSetting('deviceName', `Desk ${n}`, { commandId: id })),
};
const NAMES = Object.keys(MAKERS);

async function fixture(counter: EngineCounter): Promise<Fixture> {
  const { orderId: unpaid } = await productOrder(counter, 2);
  const { orderId: paid } = await paidOrder(counter);
  const service = await createOk(counter, 'service', { buyerId: 'b-s', lines: [{ sku: 'YOGA-10', qty: 1, price: 30, serviceTimes: 3 }] });
  await ok(counter, order(service), 'P', 'payment successful');
  const codes = (await counter.getOrder(service))!.items[0]!.vouchers!.map((v) => v.code);
  return { unpaid, paid, codes };
}

describe('command ids', () => {
  it('the same id twice has effect once; with another payload or kind it is a conflict that writes nothing', async () => {
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...NAMES),
        fc.nat(20),
        fc.oneof(fc.record({ other: fc.constantFrom(...NAMES), n: fc.nat(20) }), fc.record({ other: fc.constant(null), n: fc.nat(20) })),
        fc.uuid(),
        async (name, n, change, commandId) => {
          const { counter } = await testCounter();
          try {
            const f = await fixture(counter);
            const first = await within(name, MAKERS[name]!(counter, f, n)(commandId));
            const afterFirst = await tables(counter);
            const again = await within(`${name} again`, MAKERS[name]!(counter, f, n)(commandId));
            expect(again).toEqual(first);
            expect(await tables(counter)).toEqual(afterFirst);
            // A refused command stored nothing, not even its id: the id is still free.
            if ((first as { ok: boolean }).ok !== true) return;
            applied += 1;
            // Another command under the used id: another kind, or this kind with another payload.
            const otherName = change.other ?? name;
            const otherN = change.other === null || change.other === name ? n + 1 : change.n; // every maker's payload differs from n to n + 1
            const conflict = await within(`${otherName} under a used id`, MAKERS[otherName]!(counter, f, otherN)(commandId));
            expect(conflict).toMatchObject({ ok: false, code: 'command-id-conflict', message: expect.stringContaining(commandId) });
            expect(await tables(counter)).toEqual(afterFirst);
            expect(await counter.checkStock()).toMatchObject({ ok: true });
          } finally {
            await counter.close();
          }
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
    // Most generated commands apply (a property over refusals only would prove little).
    expect(applied).toBeGreaterThan(25);
  }, 120_000);
});

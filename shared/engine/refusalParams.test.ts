// A refusal carries its facts as data (`params`), so a screen can word it in the clerk's
// language; the English message stays exactly what scripts read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCounter } from './testing/counter';
import { createOk, order, ok } from './testing/flows';

describe('refusals carry their facts as params', () => {
  it('a sale of more than is in stock: sku, requested, available', async () => {
    const { counter } = await testCounter();
    const r = await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1000 }] });
    expect(r).toMatchObject({ ok: false, code: 'insufficient-stock', params: { reason: 'insufficient', sku: 'SKU-1', requested: 1000, available: 100, verb: 'requested' } });
    expect(!r.ok && r.message).toMatch(/^Only 100 x SKU-1 available .*; 1000 requested$/);
  });

  it('an unknown sku names it', async () => {
    const { counter } = await testCounter();
    const r = await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'NOPE-9', qty: 1 }] });
    expect(r).toMatchObject({ ok: false, code: 'not-found', message: "Unknown SKU 'NOPE-9'", params: { reason: 'unknown-sku', sku: 'NOPE-9' } });
  });

  it('the workflow refusals: role, action, state with the allowed states', async () => {
    const { counter } = await testCounter();
    const id = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] });
    expect(await counter.act(order(id), 'Q', 'make payment')).toMatchObject({ code: 'unknown-role', params: { role: 'Q' } });
    expect(await counter.act(order(id), 'B', 'fly away')).toMatchObject({ code: 'unknown-action', params: { action: 'fly away', kind: 'order' } });
    expect(await counter.act(order(id), 'S', 'payment successful')).toMatchObject({ code: 'wrong-role', params: { action: 'payment successful', role: 'S', roles: 'P' } });
    await ok(counter, order(id), 'P', 'payment successful');
    const r = await counter.act(order(id), 'P', 'payment successful');
    expect(r).toMatchObject({ code: 'not-allowed-in-state', params: { action: 'payment successful', kind: 'order', state: 'FP' } });
    expect(!r.ok && String(r.params?.allowed).split(',')).toContain('WP');
  });

  it('a bad input names its field and line', async () => {
    const { counter } = await testCounter();
    const r = await counter.createOrder('product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }, { sku: 'SKU-1', qty: -2 }] });
    expect(r).toMatchObject({ ok: false, code: 'invalid-input', params: { reason: 'bad-field', field: 'lines.1.qty', line: 2 } });
  });

  it('whatever a clerk or a scanner sends, a refusal carries params (property)', async () => {
    const { counter } = await testCounter();
    const id = await createOk(counter, 'product', { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] });
    const role = fc.oneof(fc.constantFrom('B', 'S', 'P', 'A', 'b'), fc.string({ maxLength: 4 }));
    const action = fc.oneof(fc.constantFrom('make payment', 'payment successful', 'ship the order', 'cancel order', 'finished accounting'), fc.string({ maxLength: 12 }));
    await fc.assert(
      fc.asyncProperty(role, action, fc.integer({ min: -2, max: 500 }), fc.string({ maxLength: 8 }), async (r, a, qty, sku) => {
        const acted = await counter.act(order(id), r, a);
        if (!acted.ok) expect(acted.params, `${acted.code}: ${acted.message}`).toBeDefined();
        const created = await counter.createOrder('product', { buyerId: 'b', lines: [{ sku, qty }] });
        if (!created.ok) expect(created.params, `${created.code}: ${created.message}`).toBeDefined();
      }),
      { numRuns: 40 },
    );
  });
});

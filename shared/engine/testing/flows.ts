// Small verbs for workflow tests: act-or-fail, and the common order set-ups.
import { expect } from 'vitest';
import type { ActResult } from '../../api';
import type { EntityRef } from '../../db/rows';
import type { EngineCounter } from '../counter';

export const order = (id: string): EntityRef => ({ kind: 'order', id });
export const item = (id: string): EntityRef => ({ kind: 'item', id });
export const refund = (id: string): EntityRef => ({ kind: 'refund', id });

export async function ok(counter: EngineCounter, ref: EntityRef, role: string, action: string): Promise<ActResult & { ok: true }> {
  const r = await counter.act(ref, role, action);
  if (!r.ok) expect.fail(`${role} "${action}" on ${ref.kind} was refused: ${r.code}: ${r.message}`);
  return r as ActResult & { ok: true };
}

/** Creates an order that must be accepted; its id. */
export async function createOk(counter: Pick<EngineCounter, 'createOrder'>, ...args: Parameters<EngineCounter['createOrder']>): Promise<string> {
  const r = await counter.createOrder(...args);
  if (!r.ok) expect.fail(`creating the order was refused: ${r.code}: ${r.message}`);
  return r.orderId;
}

export async function productOrder(counter: EngineCounter, lines = 1): Promise<{ orderId: string; itemIds: string[] }> {
  const orderId = await createOk(counter, 'product', {
    buyerId: 'buyer-1',
    lines: Array.from({ length: lines }, (_, i) => ({ sku: `SKU-${i + 1}`, qty: 1, price: 10 })),
  });
  const view = await counter.getOrder(orderId);
  return { orderId, itemIds: view!.items.map((i) => i.id) };
}

export async function paidOrder(counter: EngineCounter, lines = 1) {
  const o = await productOrder(counter, lines);
  await ok(counter, order(o.orderId), 'P', 'payment successful');
  return o;
}

export async function shippedOrder(counter: EngineCounter, lines = 1) {
  const o = await paidOrder(counter, lines);
  await ok(counter, order(o.orderId), 'S', 'ship the order');
  return o;
}

export async function states(counter: EngineCounter, orderId: string) {
  const view = await counter.getOrder(orderId);
  return {
    order: view!.state,
    items: view!.items.map((i) => i.state),
    refunds: view!.items.map((i) => i.refund?.state ?? null),
  };
}

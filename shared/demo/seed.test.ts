import { importDemo } from './importDemo';
import { SEED_ORDERS_PER_TRANSACTION } from './seed';
import { describe, expect, it } from 'vitest';
import { orderEvents } from '../db/events';
import { openCounter } from '../engine/counter';

describe('demo data', () => {
  it('drives orders through the real workflows into many states, with stock that agrees with its ledger', async () => {
    const counter = await openCounter({ dbName: `seed-${Math.random()}`, now: () => Date.UTC(2026, 10, 22, 12) });
    const result = await importDemo(counter, { orders: 600 });
    expect(result.orders).toBe(600);
    const orders = await counter.db.orders.toArray();
    expect(orders).toHaveLength(600);
    const states = new Set(orders.map((o) => `${o.type}:${o.state}`));
    for (const s of ['product:WP', 'product:FP', 'product:HS', 'product:FS', 'product:ST', 'product:WA', 'product:FA', 'product:CT', 'service:WP', 'service:FP', 'service:ST', 'service:CT']) {
      expect(states, s).toContain(s);
    }
    expect(new Set(orders.map((o) => o.number)).size).toBe(600);
    expect(await counter.checkStock()).toMatchObject({ ok: true });
    // Every order has a timeline that starts with its creation.
    const [first] = await orderEvents(counter.db, orders[0]!.id);
    expect(first).toMatchObject({ type: 'transition', action: 'create order', to: 'WP' });
    // The engine keeps working on seeded orders.
    const paid = orders.find((o) => o.type === 'product' && o.state === 'FP')!;
    expect(await counter.act({ kind: 'order', id: paid.id }, 'S', 'ship the order')).toMatchObject({ ok: true, to: 'FS' });
    expect(await counter.checkStock()).toMatchObject({ ok: true });
    // Production periods: nothing seeded is overdue.
    expect(await counter.runDueTimers()).toBe(0);
    // More demo data continues the numbering.
    await importDemo(counter, { orders: 10 });
    expect(new Set((await counter.db.orders.toArray()).map((o) => o.number)).size).toBe(610);
    await counter.close();
  });

  it(`writes in batches of at most ${SEED_ORDERS_PER_TRANSACTION} orders, so the counter's own reads get in between`, async () => {
    const counter = await openCounter({ dbName: `seed-${Math.random()}`, now: () => Date.UTC(2026, 10, 22, 12) });
    let done = false;
    const seeding = importDemo(counter, { orders: 1000 }).then(() => (done = true));
    // A read sees the batches committed so far; a pause between reads lets the next batch in
    // (fake-indexeddb lets back-to-back readers hold a writer off, which Chromium does not).
    const seen = [0];
    while (!done) {
      const count = await counter.db.orders.count();
      if (count !== seen.at(-1)) seen.push(count);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await seeding;
    expect(seen.at(-1)).toBe(1000);
    expect(seen.length).toBeGreaterThanOrEqual(1000 / SEED_ORDERS_PER_TRANSACTION + 1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]! - seen[i - 1]!).toBeLessThanOrEqual(SEED_ORDERS_PER_TRANSACTION);
    await counter.close();
  });
});

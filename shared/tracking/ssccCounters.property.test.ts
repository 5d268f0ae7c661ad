// SSCC serials across the counters of one shop (issue 22): several counters ship parcels in
// any interleaving, one of them before it enrolled, under one shared GS1 company prefix. No
// SSCC is ever printed twice, every one has a right check digit, and a counter refuses a
// shipment (`sscc-exhausted`) exactly when its own room is used up, saying what is left.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineCounter } from '../engine/counter';
import { testCounter } from '../engine/testing/counter';
import { shippedOrder } from '../engine/testing/flows';
import { SSCC_DEVICE_SEQUENCE, SSCC_SEQUENCE } from './plan';
import { isSscc, ssccCapacity } from './sscc';

const UPS_1 = '1Z999AA10123456784';

/** The shop's day: steps where a counter ships some parcels, or enrols with the server. */
const steps = (counters: number) =>
  fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('ship' as const), counter: fc.nat({ max: counters - 1 }), parcels: fc.integer({ min: 1, max: 3 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('enrol' as const), counter: fc.nat({ max: counters - 1 }), nearEnd: fc.boolean() }) },
    ),
    { minLength: 4, maxLength: 24 },
  );

interface Shop {
  counter: EngineCounter;
  orderId: string;
  /** The device number the server gave it; undefined before it enrolled. */
  device?: number;
  /** Serials it used in its present device number. */
  used: number;
}

describe('SSCCs of several counters of one shop', () => {
  it('are never the same on two parcels, have a right check digit, and run out exactly at each counter\'s capacity', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }).chain((n) => fc.tuple(fc.constant(n), steps(n))),
        // Long prefixes: a counter's room is small enough to be used up in a run.
        fc.constantFrom('401234567890', '40123456789', '0200000'),
        fc.integer({ min: 0, max: 9 }),
        async ([n, plan], companyPrefix, extension) => {
          const capacity = ssccCapacity(companyPrefix);
          const shop: Shop[] = [];
          for (let i = 0; i < n; i++) {
            const { counter } = await testCounter();
            expect(await counter.setSetting('sscc', { companyPrefix, extension }, { role: 'A' })).toEqual({ ok: true });
            shop.push({ counter, orderId: (await shippedOrder(counter)).orderId, used: 0 });
          }
          let enrolled = 0;
          const printed = new Map<string, string>();
          for (const [at, step] of plan.entries()) {
            const c = shop[step.counter]!;
            if (step.kind === 'enrol') {
              if (c.device !== undefined) continue;
              // What the sync client writes on enrolment, with the server's next device number;
              // sometimes with the room nearly used, to reach the refusal.
              c.device = ++enrolled;
              c.used = step.nearEnd ? capacity - 2 : 0;
              await c.counter.db.sequences.bulkPut([
                { name: SSCC_DEVICE_SEQUENCE, value: c.device },
                { name: SSCC_SEQUENCE, value: c.used },
              ]);
              continue;
            }
            // Only the first counter ships before enrolling (two counters that are not enrolled are two shops).
            if (c.device === undefined && step.counter !== 0) continue;
            const r = await c.counter.createShipment({ orderId: c.orderId, carrier: 'ups', trackingNumbers: [UPS_1], parcels: Array.from({ length: step.parcels }, () => ({})), direction: 'outbound' });
            if (c.used + step.parcels > capacity) {
              expect(r).toMatchObject({ ok: false, code: 'limit-exceeded', params: { reason: 'sscc-exhausted', limit: capacity, left: capacity - c.used, needed: step.parcels } });
              continue;
            }
            if (!r.ok) throw new Error(r.message);
            c.used += step.parcels;
            expect(r.sscc).toHaveLength(step.parcels);
            for (const code of r.sscc) {
              expect(isSscc(code), code).toBe(true);
              expect(code.slice(1, 1 + companyPrefix.length)).toBe(companyPrefix);
              const where = `counter ${step.counter} (device ${c.device ?? 'not enrolled'}) at step ${at}`;
              expect(printed.get(code), `${code} printed by ${printed.get(code)} and ${where}`).toBeUndefined();
              printed.set(code, where);
            }
          }
          await Promise.all(shop.map((c) => c.counter.close()));
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);
});

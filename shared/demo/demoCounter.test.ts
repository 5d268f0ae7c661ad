import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoCounterOf, demoImportRefusal, isDemoCounter, shopOf } from './demoCounter';

describe('the demo counter beside a shop', () => {
  it('is its own database, named after the shop, and leads back to it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), (shop) => {
        const demo = demoCounterOf(shop);
        expect(demo).not.toBe(shop);
        expect(isDemoCounter(demo)).toBe(true);
        expect(isDemoCounter(shop)).toBe(false);
        expect(shopOf(demo)).toBe(shop);
        expect(demoCounterOf(demo)).toBe(demo);
      }),
    );
  });

  it('refuses demo data anywhere but a demo counter, saying where to go', () => {
    expect(demoImportRefusal('counterflow')).toMatch(/demo counter/);
    expect(demoImportRefusal('counterflow.demo')).toBeNull();
    expect(isDemoCounter('.demo')).toBe(false);
  });
});

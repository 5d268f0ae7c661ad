import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencySchema, SUPPORTED_CURRENCIES } from './currency';
import { needsFirstStart } from './firstStart';
import { settingSchemas } from './settings';

describe('first start', () => {
  it('is offered only on a counter with nothing set up and no work in it', () => {
    fc.assert(
      fc.property(fc.record({ done: fc.boolean(), anyOrder: fc.boolean(), anyProduct: fc.boolean(), anyOperator: fc.boolean(), shopName: fc.boolean(), singleOperatorName: fc.boolean() }), (f) => {
        expect(needsFirstStart(f)).toBe(Object.values(f).every((v) => !v));
      }),
    );
  });

  it('its record is a setting: the choice and when', () => {
    expect(settingSchemas.firstStart.safeParse({ choice: 'demo', at: 1 }).success).toBe(true);
    expect(settingSchemas.firstStart.safeParse({ choice: 'later', at: 1 }).success).toBe(false);
  });

  it('offers currencies with the minor-unit digits ISO 4217 gives them (JPY 0, BHD 3)', () => {
    expect(new Set(SUPPORTED_CURRENCIES.map((c) => c.code)).size).toBe(SUPPORTED_CURRENCIES.length);
    for (const c of SUPPORTED_CURRENCIES) {
      expect(currencySchema.safeParse(c).success).toBe(true);
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency: c.code }).resolvedOptions().maximumFractionDigits;
      // Intl shows some 0-digit currencies (KRW, JPY) as 0; its data is ISO 4217's.
      expect([c.code, c.digits]).toEqual([c.code, digits]);
    }
    expect(SUPPORTED_CURRENCIES.find((c) => c.code === 'JPY')?.digits).toBe(0);
    expect(SUPPORTED_CURRENCIES.find((c) => c.code === 'BHD')?.digits).toBe(3);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CURRENCY } from '../money';
import { currencyOf, currencySchema } from './currency';

// currencyOf (money.ts) reads the stored setting without zod, to keep zod out of the window's
// entry; it must read every value exactly as the schema Settings writes with.
describe('currencyOf', () => {
  const or = <T,>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: fc.anything() });
  const shaped = fc.record(
    {
      code: or(fc.oneof(fc.constantFrom('CNY', ' EUR ', 'jpy', 'EURO', 'KW', '\tUSD\n', '', 'U S'), fc.string({ maxLength: 5 }))),
      digits: or(fc.constantFrom(0, 1, 2, 3, 4, -1, 2.5, '2', null)),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  );

  it('reads any value as currencySchema does, the default when the schema refuses it', () => {
    fc.assert(
      fc.property(fc.oneof(shaped, fc.anything()), (value) => {
        expect(currencyOf(value)).toEqual(currencySchema.safeParse(value).data ?? DEFAULT_CURRENCY);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a good setting and trims its code', () => {
    expect(currencyOf({ code: ' JPY ', digits: 0 })).toEqual({ code: 'JPY', digits: 0 });
    expect(currencyOf({ code: 'KWD', digits: 3, note: 'x' })).toEqual({ code: 'KWD', digits: 3 });
    expect(currencyOf(undefined)).toEqual(DEFAULT_CURRENCY);
  });
});

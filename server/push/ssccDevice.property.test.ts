// The SSCC device number a push says (issue 22) is input from the network: any value is
// taken only when it is a whole number 1-99, as the counter takes one from a pull page, and
// a refusal says the rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isServerSsccDevice, SSCC_DEVICE_MAX } from '../../shared/tracking/sscc';
import { pushBodySchema } from './schema';

const commands = [{ commandId: 'c1', kind: 'stock:add-location', args: [{ id: 'main', name: 'Main', priority: 1 }] }];
const anyValue = fc.oneof(
  fc.integer({ min: -5, max: SSCC_DEVICE_MAX + 5 }),
  fc.double(),
  fc.constantFrom(0, 1, 99, 100, -0, 1.5, Number.NaN, Infinity, 2 ** 53, '7', '07', null, true, [], {}),
  fc.jsonValue(),
);

describe('ssccDevice of a push and of a pull page', () => {
  it('is taken exactly when it is a whole number from 1 to 99, by the server and by the counter alike', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const expected = typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= SSCC_DEVICE_MAX;
        expect(isServerSsccDevice(value)).toBe(expected);
        const parsed = pushBodySchema.safeParse({ commands, ssccDevice: value });
        expect(parsed.success).toBe(expected);
        if (parsed.success) expect(parsed.data.ssccDevice).toBe(value);
        else expect(parsed.error.issues.map((i) => i.message).join('; ')).toContain('ssccDevice is a whole number from 1 to 99');
      }),
      { numRuns: 500 },
    );
  });

  it('may be left out (a counter on 00, or an older one)', () => {
    expect(pushBodySchema.safeParse({ commands }).success).toBe(true);
  });
});

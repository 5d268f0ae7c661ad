// What a person types or scans at sign-in: never throws, accepts only bounded printable values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import { addOperatorSchema, badgeSchema, operatorNameSchema, pinSchema, signInSchema } from './operatorInput';

const CONTROL = /\p{Cc}/u;
const anyValue = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.anything());

describe('operator input', () => {
  it('PINs: digits only, bounded; the refusal never repeats the PIN', () => {
    expect(pinSchema.safeParse('0123').success).toBe(true);
    expect(pinSchema.safeParse('123').success).toBe(false);
    expect(pinSchema.safeParse('1'.repeat(LIMITS.MAX_PIN_LENGTH + 1)).success).toBe(false);
    expect(pinSchema.safeParse('12a4').success).toBe(false);
    fc.assert(
      fc.property(anyValue, (value) => {
        const r = pinSchema.safeParse(value);
        if (r.success) return /^[0-9]+$/.test(r.data) && r.data.length >= LIMITS.MIN_PIN_LENGTH && r.data.length <= LIMITS.MAX_PIN_LENGTH;
        // What a PIN would be (a run of digits) never comes back in the refusal. Short words are
        // left out: a random "to" is in any English sentence.
        return typeof value !== 'string' || !/\d{3,}/.test(value) || !r.error.issues.some((i) => i.message.includes(value));
      }),
    );
  });

  it('names and badges: never throw, bounded, no control characters', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const name = operatorNameSchema.safeParse(value);
        const badge = badgeSchema.safeParse(value);
        if (name.success) expect(name.data.length > 0 && name.data.length <= LIMITS.MAX_OPERATOR_NAME_LENGTH && !CONTROL.test(name.data)).toBe(true);
        if (badge.success) expect(/^[A-Za-z0-9._-]{1,64}$/.test(badge.data) && badge.data.length <= LIMITS.MAX_BADGE_LENGTH).toBe(true);
      }),
    );
  });

  it('sign-in and new operators: whole objects from anywhere never throw', () => {
    fc.assert(
      fc.property(fc.record({ name: anyValue, badge: anyValue, pin: anyValue, roles: fc.oneof(fc.array(anyValue, { maxLength: 20 }), anyValue) }, { requiredKeys: [] }), (input) => {
        signInSchema.safeParse(input);
        const added = addOperatorSchema.safeParse(input);
        if (added.success) expect(added.data.roles.length).toBeLessThanOrEqual(LIMITS.MAX_OPERATOR_ROLES);
      }),
    );
    expect(signInSchema.safeParse({ badge: 'C-1' }).success).toBe(true);
    expect(signInSchema.safeParse({ name: 'Cleo', pin: '1234' }).success).toBe(true);
    expect(signInSchema.safeParse({ name: 'Cleo' }).success).toBe(false);
    expect(addOperatorSchema.parse({ name: ' Cleo ', badge: 'C1', roles: ['s', 'S', 'b'], pin: '1234' })).toMatchObject({ name: 'Cleo', roles: ['S', 'B'] });
  });
});

// Amounts in refusals are shown with the shop currency's digits (Settings → Shop): JPY has
// none, CNY two, KWD three — never two decimals whatever the currency.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Refused } from '../../shared/api';
import { LIMITS } from '../../shared/limits';
import { formatMoney } from '../../shared/money';
import { reader } from './refusalReader.testkit';

const moreThanOwed = (balance: number, amount: number): Refused => ({
  ok: false,
  code: 'invalid-input',
  message: 'ENGLISH',
  params: { reason: 'more-than-owed', order: 'P-1', balance, amount },
});

describe('amounts in refusals take the currency digits', () => {
  it.each([
    [0, '1500', '2000'],
    [2, '15.00', '20.00'],
    [3, '1.500', '2.000'],
  ] as const)('digits %i: %s owed, %s given', async (digits, owed, given) => {
    for (const lang of ['en', 'zh'] as const) {
      const text = (await reader(lang, { digits }))(moreThanOwed(1500, 2000));
      expect(text).toContain(owed);
      expect(text).toContain(given);
      if (digits !== 2) expect(text).not.toContain('15.00');
    }
  });

  it('a money field bound in a bad input (the amount above the limit) and an action input limit', async () => {
    const badAmount: Refused = {
      ok: false,
      code: 'invalid-input',
      message: 'ENGLISH',
      params: { reason: 'bad-field', field: 'payment', issues: [{ path: 'payment.amount', field: 'amount', line: null, code: 'too_big', origin: 'number', limit: LIMITS.MAX_AMOUNT, inclusive: true }] },
    };
    expect((await reader('zh', { digits: 0 }))(badAmount)).toBe(`输入有误：金额不能大于 ${LIMITS.MAX_AMOUNT}`);
    expect((await reader('zh', { digits: 3 }))(badAmount)).toBe(`输入有误：金额不能大于 ${formatMoney(LIMITS.MAX_AMOUNT, 3)}`);
    const actionLimit: Refused = { ok: false, code: 'invalid-input', message: 'ENGLISH', params: { reason: 'action-input', action: 'payment successful', field: 'amount', label: 'Amount', problem: 'too-big', limit: 125 } };
    expect((await reader('en', { digits: 0 }))(actionLimit)).toContain('125');
    expect((await reader('en', { digits: 0 }))(actionLimit)).not.toContain('1.25');
    expect((await reader('en', { digits: 2 }))(actionLimit)).toContain('1.25');
    // Decimals a money field may have are the currency's, not two.
    const decimals: Refused = { ...actionLimit, params: { ...actionLimit.params, problem: 'decimals' } };
    expect((await reader('zh', { digits: 3 }))(decimals)).toContain('最多 3 位小数');
    expect((await reader('en', { digits: 0 }))(decimals)).toContain('at most 0 decimals');
  });

  it('any amount reads back as the same minor units with the currency digits', async () => {
    const read = { 0: await reader('en', { digits: 0 }), 2: await reader('en', { digits: 2 }), 3: await reader('en', { digits: 3 }) };
    fc.assert(
      fc.property(fc.constantFrom(0, 2, 3), fc.integer({ min: 0, max: LIMITS.MAX_AMOUNT }), (digits, minor) => {
        const text = read[digits as 0 | 2 | 3](moreThanOwed(minor, minor + 1));
        expect(text).toContain(formatMoney(minor, digits as 0 | 2 | 3));
      }),
      { numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SignInRow } from '../db/rows';
import { delayAfter, MAX_SIGN_IN_DELAY_MS, signInWait } from './rateLimit';

const row = (outcome: SignInRow['outcome'], at: number): SignInRow => ({ operatorId: 'op', method: 'pin', outcome, deviceId: 'd', at });

describe('the wrong-PIN delay', () => {
  it('grows 0, 0, 1, 2, 4, 8 s... and stops at its cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(delayAfter)).toEqual([0, 0, 1000, 2000, 4000, 8000, 16000]);
    expect(delayAfter(40)).toBe(MAX_SIGN_IN_DELAY_MS);
  });

  it('counts wrong PINs since the last success, newest first, from the latest one', () => {
    const t = 1_000_000;
    const three = [row('wrong-pin', t), row('wrong-pin', t - 10), row('wrong-pin', t - 20)];
    expect(signInWait(three, t)).toBe(2000);
    expect(signInWait(three, t + 1500)).toBe(500);
    expect(signInWait(three, t + 2000)).toBe(0);
    // A success resets it; what came before no longer counts.
    expect(signInWait([row('wrong-pin', t), row('ok', t - 5), ...three], t)).toBe(0);
    expect(signInWait([row('ok', t), ...three], t)).toBe(0);
    // Tries refused for being too soon, and unknown names, do not make the wait longer.
    expect(signInWait([row('rate-limited', t + 100), ...three], t + 100)).toBe(1900);
    expect(signInWait([], t)).toBe(0);
    // A clock set back an hour still waits only the delay.
    expect(signInWait(three, t - 3_600_000)).toBe(2000);
  });

  it('is never negative nor above the cap, whatever the log holds', () => {
    const outcomes = fc.constantFrom<SignInRow['outcome']>('ok', 'wrong-pin', 'unknown', 'inactive', 'rate-limited');
    fc.assert(
      fc.property(fc.array(fc.tuple(outcomes, fc.integer({ min: 0, max: 1e9 }))), fc.integer({ min: 0, max: 2e9 }), (rows, now) => {
        const wait = signInWait(rows.map(([o, at]) => row(o, at)), now);
        return wait >= 0 && wait <= MAX_SIGN_IN_DELAY_MS;
      }),
    );
  });
});

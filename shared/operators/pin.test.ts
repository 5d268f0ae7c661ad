import { describe, expect, it } from 'vitest';
import { constantTimeEqual, hashPin, PIN_ITERATIONS, verifyPin } from './pin';

describe('PIN hashing', () => {
  it('verifies the right PIN and refuses a wrong one, at the default cost', async () => {
    const stored = await hashPin('482913');
    expect(stored).toMatchObject({ algorithm: 'PBKDF2-SHA256', iterations: PIN_ITERATIONS });
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain('482913');
    expect(await verifyPin('482913', stored)).toBe(true);
    expect(await verifyPin('482914', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('salts every hash: the same PIN never gives the same hash twice', async () => {
    const [a, b] = await Promise.all([hashPin('1234', 1000), hashPin('1234', 1000)]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPin('1234', a)).toBe(true);
    expect(await verifyPin('1234', b)).toBe(true);
  });

  it('checks with the iterations stored in the hash, and refuses an unknown algorithm', async () => {
    const cheap = await hashPin('5555', 10);
    expect(await verifyPin('5555', cheap)).toBe(true);
    expect(await verifyPin('5555', { ...cheap, iterations: 11 })).toBe(false);
    expect(await verifyPin('5555', { ...cheap, algorithm: 'MD5' as never })).toBe(false);
  });

  it('compares byte arrays whole', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});

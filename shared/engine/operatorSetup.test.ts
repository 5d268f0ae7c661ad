// First start (the first admin and the admin recovery code) and a forgotten admin PIN reset
// with that code: the code is shown once, stored only as a hash, spent when used, and
// wrong codes are slowed down like wrong PINs.
import { describe, expect, it } from 'vitest';
import type { AddOperatorInput } from '../api';
import { dumpDb, testCounter } from './testing/counter';

const ADA: AddOperatorInput = { name: 'Ada', badge: 'ADA-1', roles: ['S', 'P'], pin: '918273' };

async function setUp() {
  const t = await testCounter({ pinIterations: 1000 });
  const r = await t.counter.setUpOperators(ADA);
  if (!r.ok) expect.fail(`set-up refused: ${r.message}`);
  return { ...t, ada: r.operator, code: r.recoveryCode };
}

describe('setting up operators', () => {
  it('makes the first operator an admin, signs the counter in as them and returns a code stored only as a hash', async () => {
    const { counter, ada, code } = await setUp();
    expect(ada.roles).toEqual(['S', 'P', 'A']);
    expect(await counter.signedIn()).toMatchObject({ id: ada.id });
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const text = JSON.stringify(await dumpDb(counter));
    expect(text).not.toContain(code);
    expect(text).not.toContain(code.replace(/-/g, ''));
    expect(text).not.toContain(ADA.pin);
  });

  it('is refused once operators exist, and writes nothing', async () => {
    const { counter } = await setUp();
    const before = await counter.operators();
    expect(await counter.setUpOperators({ ...ADA, name: 'Eve', badge: 'EVE-1' })).toMatchObject({ ok: false, code: 'not-allowed-in-state', params: { reason: 'already-set-up' } });
    expect(await counter.operators()).toEqual(before);
  });
});

describe('resetting a forgotten admin PIN with the recovery code', () => {
  it('sets the new PIN, signs in, and spends the code (a new one is given)', async () => {
    const { counter, ada, code } = await setUp();
    await counter.signOut();
    const r = await counter.recoverAdminPin({ name: 'ada', code: code.toLowerCase().replace(/-/g, ' '), pin: '5555' });
    if (!r.ok) expect.fail(r.message);
    expect(r.recoveryCode).not.toBe(code);
    expect(await counter.signedIn()).toMatchObject({ id: ada.id });
    await counter.signOut();
    expect(await counter.signIn({ name: 'Ada', pin: ADA.pin })).toMatchObject({ ok: false, code: 'sign-in-failed' });
    expect(await counter.signIn({ name: 'Ada', pin: '5555' })).toMatchObject({ ok: true });
    await counter.signOut();
    // The old code is spent; the new one works.
    expect(await counter.recoverAdminPin({ name: 'Ada', code, pin: '6666' })).toMatchObject({ ok: false, code: 'sign-in-failed', params: { reason: 'wrong-recovery' } });
    expect(await counter.recoverAdminPin({ name: 'Ada', code: r.recoveryCode, pin: '6666' })).toMatchObject({ ok: true });
  });

  it('refuses a wrong code or a non-admin, slows repeated wrong codes and changes nothing', async () => {
    const { counter, clock, code } = await setUp();
    expect(await counter.addOperator({ name: 'Cleo', badge: 'C-1', roles: ['S'], pin: '1234' })).toMatchObject({ ok: true });
    await counter.signOut();
    expect(await counter.recoverAdminPin({ name: 'Cleo', code, pin: '4321' })).toMatchObject({ ok: false, code: 'sign-in-failed' });
    expect(await counter.recoverAdminPin({ name: 'Ada', code: 'AAAA-BBBB-CCCC-DDDD', pin: '4321' })).toMatchObject({ ok: false, code: 'sign-in-failed' });
    expect(await counter.recoverAdminPin({ name: 'Ada', code: 'AAAA-BBBB-CCCC-DDDE', pin: '4321' })).toMatchObject({ ok: false, params: { waitSeconds: 1 } });
    // Even the right code waits its turn.
    expect(await counter.recoverAdminPin({ name: 'Ada', code, pin: '4321' })).toMatchObject({ ok: false, code: 'rate-limited' });
    expect(await counter.signedIn()).toBeNull();
    expect(await counter.signIn({ name: 'Ada', pin: ADA.pin })).toMatchObject({ ok: false, code: 'rate-limited' });
    clock.advance(2000);
    expect(await counter.signIn({ name: 'Ada', pin: ADA.pin })).toMatchObject({ ok: true });
    const methods = (await counter.db.signIns.toArray()).map((r) => `${r.method}:${r.outcome}`);
    expect(methods).toEqual(expect.arrayContaining(['recovery:unknown', 'recovery:wrong-pin', 'recovery:rate-limited']));
  });
});

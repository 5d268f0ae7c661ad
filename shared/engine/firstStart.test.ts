// The first-start set-up is one command: shop name, currency, the first person and the data
// choice are applied together or not at all; a repeat of its id has effect once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FirstStartInput } from '../api';
import { dumpDb, testCounter } from './testing/counter';

const WITH_PIN: FirstStartInput = { shopName: 'Tea House Kyoto', currency: 'JPY', name: 'Ada', pin: '918273', badge: 'ADA-1', roles: ['S', 'P'], data: 'empty' };
const ALONE: FirstStartInput = { shopName: '麦纳麦茶馆', currency: 'BHD', name: '李明', data: 'demo' };

const setting = async (t: Awaited<ReturnType<typeof testCounter>>, key: string) => (await t.counter.db.settings.get(key))?.value;

describe('first start, applied', () => {
  it('with a PIN: the shop, its currency, the first admin signed in, the choice; the code shown once and stored only as a hash', async () => {
    const t = await testCounter({ pinIterations: 1000 });
    const r = await t.counter.firstStart(WITH_PIN);
    if (!r.ok) expect.fail(r.message);
    expect(r.operator?.roles).toEqual(['S', 'P', 'A']);
    expect(r.recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await t.counter.signedIn()).toMatchObject({ name: 'Ada' });
    expect(await setting(t, 'shopName')).toBe('Tea House Kyoto');
    expect(await setting(t, 'currency')).toEqual({ code: 'JPY', digits: 0 });
    expect(await setting(t, 'firstStart')).toMatchObject({ choice: 'empty' });
    expect(await setting(t, 'singleOperatorName')).toBeUndefined();
    const text = JSON.stringify(await dumpDb(t.counter));
    expect(text).not.toContain(r.recoveryCode!);
    expect(text).not.toContain(WITH_PIN.pin);
  });

  it('without a PIN: one person works alone under the name, and the next command carries it', async () => {
    const t = await testCounter();
    const r = await t.counter.firstStart(ALONE);
    expect(r).toMatchObject({ ok: true, data: 'demo' });
    expect(r.ok && r.recoveryCode).toBeFalsy();
    expect(await setting(t, 'singleOperatorName')).toBe('李明');
    expect(await setting(t, 'currency')).toEqual({ code: 'BHD', digits: 3 });
    expect(await t.counter.operators()).toEqual([]);
    expect(t.counter.operator).toBe('李明');
    // The audit's first row is theirs too.
    expect((await t.counter.db.commands.toArray()).find((c) => c.kind === 'first-start')?.operator).toBe('李明');
  });

  it('the same command id twice has effect once: the repeat says so and carries no recovery code', async () => {
    const t = await testCounter({ pinIterations: 1000 });
    const first = await t.counter.firstStart(WITH_PIN, { commandId: 'fs-1' });
    expect(first).toMatchObject({ ok: true });
    // The window sends it again (its answer was lost): the stored result, no second admin.
    const again = await t.counter.firstStart(WITH_PIN, { commandId: 'fs-1' });
    expect(again).toMatchObject({ ok: true, repeated: true });
    expect(again.ok && again.recoveryCode).toBeFalsy();
    expect(await t.counter.operators()).toHaveLength(1);
    // Signed out, the repeat is not a way in: operators exist now, and no one is signed in.
    await t.counter.signOut();
    expect(await t.counter.firstStart(WITH_PIN, { commandId: 'fs-1' })).toMatchObject({ ok: false, code: 'role-not-permitted' });
    expect(await t.counter.signedIn()).toBeNull();
    await t.counter.signIn({ name: 'Ada', pin: WITH_PIN.pin! });
    // The same id for another set-up is a conflict, not a second set-up.
    expect(await t.counter.firstStart({ ...WITH_PIN, shopName: 'Other' }, { commandId: 'fs-1' })).toMatchObject({ ok: false, code: 'command-id-conflict' });
    expect(await setting(t, 'shopName')).toBe('Tea House Kyoto');
  });
});

describe('first start, refused wholly', () => {
  it('once the set-up was done or skipped: nothing changes', async () => {
    const t = await testCounter();
    expect(await t.counter.setSetting('firstStart', { choice: 'skipped', at: 1 })).toMatchObject({ ok: true });
    const before = await dumpDb(t.counter);
    expect(await t.counter.firstStart(ALONE)).toMatchObject({ ok: false, code: 'not-allowed-in-state', params: { reason: 'already-set-up' } });
    expect(await dumpDb(t.counter)).toEqual(before);
  });

  it('once operators exist (even if signed in as their admin): nothing changes', async () => {
    const t = await testCounter({ pinIterations: 1000 });
    expect(await t.counter.setUpOperators({ name: 'Ada', badge: 'ADA-1', roles: ['S'], pin: '1234' })).toMatchObject({ ok: true });
    const before = await dumpDb(t.counter);
    expect(await t.counter.firstStart({ ...WITH_PIN, name: 'Eve', badge: 'EVE-1' })).toMatchObject({ ok: false, code: 'not-allowed-in-state', params: { reason: 'already-set-up' } });
    expect(await dumpDb(t.counter)).toEqual(before);
  });

  it('a write that fails half-way leaves no shop name, currency, operator or set-up record', async () => {
    const t = await testCounter({ pinIterations: 1000 });
    const before = await dumpDb(t.counter);
    // The last of the set-up's writes fails: the ones before it must be taken back with it.
    t.counter.db.settings.hook('creating', (key) => {
      if (key === 'firstStart') throw new Error('disk full');
    });
    const r = await t.counter.firstStart(WITH_PIN);
    expect(r).toMatchObject({ ok: false, code: 'storage-failed' });
    expect(await dumpDb(t.counter)).toEqual(before);
    expect(await t.counter.signedIn()).toBeNull();
  });

  it('bad input is refused on its field, and nothing is written (any input)', async () => {
    const t = await testCounter({ pinIterations: 1000 });
    const before = await dumpDb(t.counter);
    const bad: Array<[unknown, string]> = [
      [{ ...ALONE, shopName: '  ' }, 'input.shopName'],
      [{ ...ALONE, currency: 'XXX' }, 'input.currency'],
      [{ ...ALONE, name: '' }, 'input.name'],
      [{ ...WITH_PIN, pin: '12' }, 'input.pin'],
      [{ ...WITH_PIN, pin: '12ab' }, 'input.pin'],
      [{ ...ALONE, data: 'all' }, 'input.data'],
      [{ ...ALONE, extra: 1 }, 'input'],
      [null, 'input'],
    ];
    for (const [input, path] of bad) {
      const r = await t.counter.firstStart(input as FirstStartInput);
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, code: 'invalid-input' });
      expect(JSON.stringify(r.ok ? null : r.params)).toContain(path.replace(/^input\.?/, ''));
    }
    await fc.assert(
      fc.asyncProperty(
        fc.record({ shopName: fc.oneof(fc.string(), fc.constant('')), currency: fc.oneof(fc.constantFrom('CNY', 'JPY'), fc.string()), name: fc.string(), pin: fc.option(fc.string(), { nil: undefined }), data: fc.string().filter((d) => d !== 'empty' && d !== 'demo') }, { requiredKeys: [] }),
        async (input) => {
          // data is never "empty" or "demo": every draw is refused on its input.
          const r = await t.counter.firstStart(input as FirstStartInput);
          expect(r).toMatchObject({ ok: false, code: 'invalid-input' });
        },
      ),
      { numRuns: 60 },
    );
    expect(await dumpDb(t.counter)).toEqual(before);
  });
});

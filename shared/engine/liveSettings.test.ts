// Settings that change how the live counter behaves need the Admin role, checked by the
// engine whatever the window sends; other settings do not (issue 25, "No traps").
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LIVE_SETTING_KEYS } from '../settings/settings';
import { testCounter } from './testing/counter';

describe('live-counter settings', () => {
  it('are refused for any role but Admin, with the setting named, and nothing is written', async () => {
    const { counter } = await testCounter();
    for (const role of [undefined, 'S', 'B', 'P', 'seller']) {
      const r = await counter.setSetting('periodPreset', 'demo', role ? { role } : {});
      expect(r).toMatchObject({ ok: false, code: 'role-not-permitted', params: { reason: 'admin-setting', setting: 'periodPreset', role: 'A' } });
      expect(await counter.db.settings.get('periodPreset')).toMatchObject({ value: 'production' });
    }
    expect(await counter.setSetting('allocationStrategy', 'most-stock', { role: 'S' })).toMatchObject({ ok: false, code: 'role-not-permitted' });
    expect(await counter.db.settings.get('allocationStrategy')).toBeUndefined();
  });

  it('are saved for the Admin role (any case)', async () => {
    const { counter } = await testCounter();
    expect(await counter.setSetting('periodPreset', 'demo', { role: 'a' })).toEqual({ ok: true });
    expect(await counter.setSetting('periods', { payment: 60_000 }, { role: 'A' })).toEqual({ ok: true });
    expect(await counter.db.settings.get('periodPreset')).toMatchObject({ value: 'demo' });
  });

  it('covers the periods, the preset and the allocation; the device name needs no Admin', async () => {
    expect([...LIVE_SETTING_KEYS]).toEqual(expect.arrayContaining(['periodPreset', 'periods', 'allocationStrategy']));
    const { counter } = await testCounter();
    expect(await counter.setSetting('deviceName', 'Front desk', { role: 'S' })).toEqual({ ok: true });
  });

  it('refuses any role text but Admin for every live key', async () => {
    const { counter } = await testCounter();
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 8 }).filter((r) => r.trim().toUpperCase() !== 'A' && r.trim().length > 0), async (role) => {
        const r = await counter.setSetting('allocationStrategy', 'most-stock', { role });
        expect(r).toMatchObject({ ok: false, code: 'role-not-permitted' });
      }),
      { numRuns: 30 },
    );
  });
});

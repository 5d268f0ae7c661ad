import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syncBadgeState } from './syncBadgeState';

describe('the sync badge', () => {
  it('shows nothing on a counter with no server, whatever else is kept', () => {
    fc.assert(fc.property(fc.boolean(), fc.record({ lastError: fc.option(fc.string(), { nil: undefined }), offline: fc.boolean(), locked: fc.boolean() }), fc.nat(), (paused, status, pending) => {
      expect(syncBadgeState(false, paused, status, pending)).toEqual({ state: 'none' });
    }));
  });

  it('says connected, N waiting, offline, error or paused', () => {
    expect(syncBadgeState(true, false, {}, 0)).toEqual({ state: 'connected', pending: 0 });
    expect(syncBadgeState(true, false, {}, 3)).toEqual({ state: 'waiting', pending: 3 });
    expect(syncBadgeState(true, false, { lastError: 'cannot be reached', offline: true }, 2)).toEqual({ state: 'offline', pending: 2 });
    expect(syncBadgeState(true, false, { lastError: 'revoked', locked: true }, 2)).toEqual({ state: 'error', pending: 2 });
    expect(syncBadgeState(true, false, { lastError: 'The server answered 500.' }, 0)).toEqual({ state: 'error', pending: 0 });
    expect(syncBadgeState(true, true, { lastError: 'x', offline: true }, 1)).toEqual({ state: 'paused', pending: 1 });
  });
});

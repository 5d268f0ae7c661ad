// A committed state shows until the row on hand reaches its version, never after.
import { describe, expect, it } from 'vitest';
import { anyAhead, shownState, useShownStates } from './shownStates';

const row = (stateVersion: number, state = 'FP') => ({ id: 'o1', state, stateVersion });

describe('shown states', () => {
  it('shows the committed state while the row is older, the row once it has caught up or moved on', () => {
    const committed = { state: 'FS', stateVersion: 3 };
    expect(shownState(row(2), committed)).toBe('FS');
    expect(shownState(row(3, 'FS'), committed)).toBe('FS');
    // Another counter moved it further: the row wins.
    expect(shownState(row(4, 'ST'), committed)).toBe('ST');
    expect(shownState(row(2), undefined)).toBe('FP');
  });

  it('says when any row of an order is behind what was committed', () => {
    const committed = { o1: { state: 'FS', stateVersion: 3 } };
    expect(anyAhead([row(2), { id: 'i1', state: null, stateVersion: 0 }], committed)).toBe(true);
    expect(anyAhead([row(3, 'FS')], committed)).toBe(false);
    expect(anyAhead([{ id: 'other', state: 'WP', stateVersion: 1 }], committed)).toBe(false);
  });

  it('keeps one entry per entity: the latest command wins, forget drops it', () => {
    const store = useShownStates.getState();
    store.show('o9', { to: 'FS', stateVersion: 3 });
    store.show('o9', { to: 'ST', stateVersion: 4 });
    expect(useShownStates.getState().committed.o9).toEqual({ state: 'ST', stateVersion: 4 });
    useShownStates.getState().forget('o9');
    expect(useShownStates.getState().committed.o9).toBeUndefined();
  });
});

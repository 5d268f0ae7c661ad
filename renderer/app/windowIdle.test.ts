import { describe, expect, it, vi } from 'vitest';

describe('afterFirstIdle', () => {
  it('holds work until the window is first idle, then runs it at once', async () => {
    vi.useFakeTimers();
    vi.resetModules();
    // Without requestIdleCallback (as here, in Node) the first idle is the next macrotask.
    const { afterFirstIdle } = await import('./windowIdle');
    const order: string[] = [];
    afterFirstIdle(() => order.push('worker'));
    const cancel = afterFirstIdle(() => order.push('cancelled'));
    afterFirstIdle(() => order.push('picker'));
    cancel();
    expect(order).toEqual([]);

    vi.runAllTimers();
    expect(order).toEqual(['worker', 'picker']);

    afterFirstIdle(() => order.push('late'));
    expect(order).toEqual(['worker', 'picker', 'late']);
    vi.useRealTimers();
  });
});

describe('holdFirstIdle', () => {
  it('keeps the first idle moment back until every hold is released, then comes at the next idle moment', async () => {
    vi.useFakeTimers();
    vi.resetModules();
    const { afterFirstIdle, holdFirstIdle } = await import('./windowIdle');
    const order: string[] = [];
    const releaseBoard = holdFirstIdle();
    const releaseOther = holdFirstIdle();
    afterFirstIdle(() => order.push('worker'));
    vi.advanceTimersByTime(100);
    expect(order).toEqual([]); // idle, but held

    releaseBoard();
    releaseBoard(); // twice is once
    vi.advanceTimersByTime(100);
    expect(order).toEqual([]);

    releaseOther();
    expect(order).toEqual([]); // not inside the release (a busy render), at the next idle moment
    vi.advanceTimersByTime(1);
    expect(order).toEqual(['worker']);
    expect(holdFirstIdle()).toBeTypeOf('function'); // once idle, a hold holds nothing
    afterFirstIdle(() => order.push('late'));
    expect(order).toEqual(['worker', 'late']);
    vi.useRealTimers();
  });

  it('gives up a hold that is never released after HOLD_MAX_MS', async () => {
    vi.useFakeTimers();
    vi.resetModules();
    const { afterFirstIdle, holdFirstIdle, HOLD_MAX_MS } = await import('./windowIdle');
    const order: string[] = [];
    holdFirstIdle();
    afterFirstIdle(() => order.push('worker'));
    vi.advanceTimersByTime(HOLD_MAX_MS - 1);
    expect(order).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(order).toEqual(['worker']);
    vi.useRealTimers();
  });
});

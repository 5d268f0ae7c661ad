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

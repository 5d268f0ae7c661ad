import { describe, expect, it } from 'vitest';
import { remembering } from './remembering';

describe('remembering', () => {
  it('asks once per distinct arguments and gives the same answer after', () => {
    const asked: string[] = [];
    const t = remembering((key: string, options?: Record<string, unknown>) => {
      asked.push(key);
      return `${key}:${JSON.stringify(options ?? {})}`;
    });
    expect(t('common.lines', { count: 2 })).toBe('common.lines:{"count":2}');
    expect(t('common.lines', { count: 2 })).toBe('common.lines:{"count":2}');
    expect(t('common.lines', { count: 3 })).toBe('common.lines:{"count":3}');
    expect(t('common.age')).toBe('common.age:{}');
    expect(asked).toEqual(['common.lines', 'common.lines', 'common.age']);
  });

  it('keeps a bounded number of answers', () => {
    let calls = 0;
    const words = remembering((n: number) => String(++calls + n * 0));
    for (let n = 0; n < 5_000; n++) words(n);
    expect(words(0)).toBe('1');
    words(5_000); // the 5 001st: starts again
    expect(words(0)).toBe('5002');
  });
});

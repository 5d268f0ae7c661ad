import { describe, expect, it } from 'vitest';
import { visibleControls, visibleKey } from './visible';

describe('visibleControls', () => {
  it('shows control characters as symbols and leaves the rest', () => {
    expect(visibleControls('0104006381333931\x1d10ABC\r\n\t')).toBe('0104006381333931<GS>10ABC␍␊␉');
    expect(visibleControls('\x01\x7f\x85é😀')).toBe('␁␡<85>é😀');
    expect(visibleControls('')).toBe('');
  });

  it('shows named keys', () => {
    expect(visibleKey('Enter')).toBe('␍');
    expect(visibleKey('Tab')).toBe('␉');
    expect(visibleKey('#')).toBe('#');
    expect(visibleKey('F12')).toBe('⟨F12⟩');
  });
});

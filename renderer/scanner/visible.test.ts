import { describe, expect, it } from 'vitest';
import { visibleControls, visibleKey, visibleParts } from './visible';

describe('visibleControls', () => {
  it('writes control characters as tags and leaves the rest', () => {
    expect(visibleControls('0104006381333931\x1d10ABC\r\n\t')).toBe('0104006381333931<GS>10ABC<CR><LF><TAB>');
    expect(visibleControls('\x01\x7f\x85é😀')).toBe('<0x01><DEL><0x85>é😀');
    expect(visibleControls('')).toBe('');
  });

  it('splits text into plain runs and controls', () => {
    expect(visibleParts('10AB\x1d21X')).toEqual([{ text: '10AB' }, { control: 'GS' }, { text: '21X' }]);
  });

  it('shows keys', () => {
    expect(visibleKey('Enter')).toBe('<Enter>');
    expect(visibleKey('Tab')).toBe('<Tab>');
    expect(visibleKey('#')).toBe('#');
  });
});

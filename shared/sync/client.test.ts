import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseServerUrl } from './client';

describe('a server address as typed', () => {
  it('takes host, port and path, adding http:// when no scheme is given', () => {
    expect(normaliseServerUrl(' 192.168.1.20:8787/ ')).toBe('http://192.168.1.20:8787');
    expect(normaliseServerUrl('https://sync.shop.example/api')).toBe('https://sync.shop.example/api');
    expect(normaliseServerUrl('http://[::1]:8787')).toBe('http://[::1]:8787');
  });

  it('refuses what is not an http address', () => {
    for (const bad of ['', '   ', 'ftp://x', 'http://', 'http://a b', 'javascript:alert(1)', 'http://x?y=1']) expect(normaliseServerUrl(bad), bad).toBeUndefined();
  });

  it('answers any text with an http(s) address or nothing, never throwing', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      const url = normaliseServerUrl(text);
      if (url !== undefined) expect(url).toMatch(/^https?:\/\/\S+$/);
    }));
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppRequest } from './app-protocol';

const ROOT = '/opt/counterflow/resources/app.asar/dist';
const WIN_ROOT = 'C:\\Program Files\\Counterflow\\resources\\app.asar\\dist';

function resolvePosix(url: string) {
  return resolveAppRequest(url, ROOT, path.posix);
}

function expectInside(url: string, expected: string): void {
  const result = resolvePosix(url);
  expect(result).toEqual({ ok: true, filePath: expected, spaFallback: path.posix.extname(expected) === '' });
}

describe('resolveAppRequest: files of the built renderer', () => {
  it('serves index.html for the root and for directories', () => {
    expectInside('app://counterflow/', `${ROOT}/index.html`);
    expectInside('app://counterflow', `${ROOT}/index.html`);
    expectInside('app://counterflow/assets/', `${ROOT}/assets/index.html`);
  });

  it('maps asset paths and ignores query strings and fragments', () => {
    expectInside('app://counterflow/assets/index-abc123.js', `${ROOT}/assets/index-abc123.js`);
    expectInside('app://counterflow/assets/engine.worker-x.js?worker_file&type=module', `${ROOT}/assets/engine.worker-x.js`);
    expectInside('app://counterflow/index.html#/orders', `${ROOT}/index.html`);
  });

  it('decodes percent-encoded names that stay inside', () => {
    expectInside('app://counterflow/assets/my%20icon.svg', `${ROOT}/assets/my icon.svg`);
    // Double encoding decodes once: a literal "%2e%2e" file name, harmless.
    expectInside('app://counterflow/%252e%252e/x.js', `${ROOT}/%2e%2e/x.js`);
  });

  it('marks extension-less paths as client-side routes (SPA fallback)', () => {
    const result = resolvePosix('app://counterflow/orders/42');
    expect(result).toEqual({ ok: true, filePath: `${ROOT}/orders/42`, spaFallback: true });
  });

  it('accepts the host in any case (Chromium lower-cases it anyway)', () => {
    expectInside('app://COUNTERFLOW/index.html', `${ROOT}/index.html`);
  });
});

describe('resolveAppRequest: path traversal never leaves the renderer folder', () => {
  const attempts = [
    'app://counterflow/../../etc/passwd',
    'app://counterflow/%2e%2e/%2e%2e/etc/passwd',
    'app://counterflow/%2E%2E/%2E%2E/etc/passwd',
    'app://counterflow/.%2e/.%2e/etc/passwd',
    'app://counterflow/assets/../../../../etc/passwd',
  ];
  it.each(attempts)('%s is normalised by the URL parser to a path inside the root', (url) => {
    const result = resolvePosix(url);
    // The WHATWG parser drops the leading dot segments; what is left must still be under ROOT.
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.filePath.startsWith(`${ROOT}/`)).toBe(true);
    if (result.ok) expect(result.filePath).toBe(`${ROOT}/etc/passwd`);
  });

  const forbidden = [
    'app://counterflow/..%2f..%2f..%2fetc%2fpasswd',
    'app://counterflow/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://counterflow/assets/..%2f..%2f..%2f..%2fetc/passwd',
    'app://counterflow/%2e%2e%2f',
    'app://counterflow/..%2F',
    // An absolute path smuggled as one encoded segment.
    'app://counterflow/%2fetc%2fpasswd%2f..%2f..%2f..',
  ];
  it.each(forbidden)('%s is refused (403)', (url) => {
    const result = resolvePosix(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.status).toBe(403);
  });

  it('refuses backslashes and colons (Windows separators, drives, data streams)', () => {
    for (const url of [
      'app://counterflow/..%5c..%5cWindows%5cwin.ini',
      'app://counterflow/assets%5c..%5c..%5csecret',
      'app://counterflow/C:/Windows/win.ini',
      'app://counterflow/C%3a%5cWindows%5cwin.ini',
      'app://counterflow/index.html%3a%24DATA',
    ]) {
      const result = resolvePosix(url);
      expect(result, url).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('refuses NUL bytes and malformed encodings (400)', () => {
    expect(resolvePosix('app://counterflow/index.html%00.png')).toMatchObject({ ok: false, status: 400 });
    expect(resolvePosix('app://counterflow/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses other hosts and schemes (404)', () => {
    expect(resolvePosix('app://evil.example/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolvePosix('file:///etc/passwd')).toMatchObject({ ok: false, status: 404 });
    expect(resolvePosix('https://counterflow/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolvePosix('not a url')).toMatchObject({ ok: false, status: 400 });
  });

  it('applies the same rules with Windows paths', () => {
    const win = (url: string) => resolveAppRequest(url, WIN_ROOT, path.win32);
    expect(win('app://counterflow/assets/app.js')).toEqual({
      ok: true,
      filePath: `${WIN_ROOT}\\assets\\app.js`,
      spaFallback: false,
    });
    expect(win('app://counterflow/..%2f..%2f..%2fWindows%2fwin.ini')).toMatchObject({ ok: false, status: 403 });
    expect(win('app://counterflow/..%5c..%5cWindows%5cwin.ini')).toMatchObject({ ok: false, status: 403 });
    expect(win('app://counterflow/D:%2fsecret.txt')).toMatchObject({ ok: false, status: 403 });
    // A UNC path smuggled in: leading separators are stripped, so it stays a relative path.
    expect(win('app://counterflow/%2f%2fserver%2fshare%2fx')).toMatchObject({
      ok: true,
      filePath: `${WIN_ROOT}\\server\\share\\x`,
    });
  });

  it('does not confuse a sibling folder with the same prefix for the root', () => {
    // /opt/.../dist-evil starts with "/opt/.../dist" as a string but is outside the root.
    const result = resolvePosix('app://counterflow/..%2fdist-evil%2fx.js');
    expect(result).toMatchObject({ ok: false, status: 403 });
  });
});

describe('contentTypeFor', () => {
  it('serves scripts with a JavaScript MIME type (module scripts and workers require it)', () => {
    expect(contentTypeFor('/x/assets/index-1.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/assets/worker.MJS')).toBe('text/javascript; charset=utf-8');
  });
  it('knows the other asset types and falls back to octet-stream', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.wasm')).toBe('application/wasm');
    expect(contentTypeFor('/x/blob')).toBe('application/octet-stream');
  });
});

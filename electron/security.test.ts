import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isPermissionAllowed,
  isTrustedSender,
  originOf,
  resolveTrustedOrigin,
  securityHeaders,
} from './security';

const DEV = { protocol: 'http:', host: 'localhost:5173' };

describe('originOf', () => {
  it('reads scheme and host of the app and dev origins', () => {
    expect(originOf('app://counterflow/index.html')).toEqual(APP_ORIGIN);
    expect(originOf('http://localhost:5173/orders')).toEqual(DEV);
  });
  it('has no origin for host-less or malformed URLs', () => {
    for (const url of ['about:blank', 'data:text/html,hi', 'file:///etc/passwd', 'not a url', '', null, undefined]) {
      expect(originOf(url), String(url)).toBeNull();
    }
  });
});

describe('isTrustedSender', () => {
  const mainFrame = (frameUrl: string | null) => ({ frameUrl, isMainWindowMainFrame: true });

  it('trusts the main frame of the main window on app://counterflow', () => {
    expect(isTrustedSender(mainFrame('app://counterflow/index.html'), APP_ORIGIN)).toBe(true);
    expect(isTrustedSender(mainFrame('app://counterflow/orders/42?x=1#y'), APP_ORIGIN)).toBe(true);
  });

  it('refuses foreign sender URLs', () => {
    for (const url of [
      'https://evil.example/',
      'http://localhost:5173/',
      'app://evil/index.html',
      'app://counterflow.evil.example/index.html',
      'appx://counterflow/index.html',
      'file:///opt/counterflow/dist/index.html',
      'about:blank',
      'data:text/html,<script>1</script>',
      'not a url',
      null,
    ]) {
      expect(isTrustedSender(mainFrame(url), APP_ORIGIN), String(url)).toBe(false);
    }
  });

  it('refuses a sub-frame or another window even on the app origin', () => {
    expect(isTrustedSender({ frameUrl: 'app://counterflow/index.html', isMainWindowMainFrame: false }, APP_ORIGIN)).toBe(false);
  });

  it('trusts the dev server origin only when that is the trusted origin', () => {
    expect(isTrustedSender(mainFrame('http://localhost:5173/'), DEV)).toBe(true);
    expect(isTrustedSender(mainFrame('http://localhost:5174/'), DEV)).toBe(false);
    expect(isTrustedSender(mainFrame('app://counterflow/index.html'), DEV)).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('allows navigation inside app://counterflow', () => {
    expect(isAllowedNavigation('app://counterflow/index.html', APP_ORIGIN)).toBe(true);
    expect(isAllowedNavigation('app://counterflow/orders/7', APP_ORIGIN)).toBe(true);
  });
  it('denies navigation to the outside world', () => {
    for (const url of [
      'https://evil.example',
      'https://evil.example/app://counterflow/',
      'http://counterflow/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://other/index.html',
      'about:blank',
    ]) {
      expect(isAllowedNavigation(url, APP_ORIGIN), url).toBe(false);
    }
  });
  it('in dev allows only the dev server origin', () => {
    expect(isAllowedNavigation('http://localhost:5173/orders', DEV)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173.evil.example/', DEV)).toBe(false);
    expect(isAllowedNavigation('https://evil.example', DEV)).toBe(false);
  });
});

describe('resolveTrustedOrigin', () => {
  it('uses app:// when no dev server is given', () => {
    expect(resolveTrustedOrigin(undefined, false)).toEqual({
      origin: APP_ORIGIN,
      startUrl: 'app://counterflow/index.html',
      dev: false,
    });
  });
  it('uses the dev server in an unpackaged app', () => {
    expect(resolveTrustedOrigin('http://localhost:5173/', false)).toEqual({
      origin: DEV,
      startUrl: 'http://localhost:5173/',
      dev: true,
    });
  });
  it('ignores VITE_DEV_SERVER_URL in a packaged app', () => {
    expect(resolveTrustedOrigin('https://evil.example/', true).origin).toEqual(APP_ORIGIN);
  });
  it('refuses a dev server URL that is not http(s)', () => {
    expect(() => resolveTrustedOrigin('file:///tmp/index.html', false)).toThrow(/http/);
    expect(() => resolveTrustedOrigin('nonsense', false)).toThrow(/http/);
  });
});

describe('isPermissionAllowed', () => {
  it('grants only the few needed permissions, and only to the app origin', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://counterflow/', APP_ORIGIN)).toBe(true);
    expect(isPermissionAllowed('fullscreen', 'app://counterflow/index.html', APP_ORIGIN)).toBe(true);
    expect(isPermissionAllowed('fullscreen', 'https://evil.example/', APP_ORIGIN)).toBe(false);
  });
  it('denies everything else', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'serial', 'hid', 'usb', 'clipboard-read', 'unknown']) {
      expect(isPermissionAllowed(permission, 'app://counterflow/', APP_ORIGIN), permission).toBe(false);
    }
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );

  it('is strict: own scripts only, no plugins, no base or framing', () => {
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('worker-src')).toBe("'self' blob:");
    expect(directives.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(directives.get('img-src')).toBe("'self' data: blob:");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
  });

  it('never allows inline or eval’d scripts', () => {
    expect(directives.get('script-src')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });

  it('is part of every response’s headers', () => {
    expect(securityHeaders()['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(securityHeaders()['X-Content-Type-Options']).toBe('nosniff');
  });
});

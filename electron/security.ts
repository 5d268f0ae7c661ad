// Pure security decisions of the shell: which origin the window may be on, which IPC sender is
// trusted, which navigation and permission is allowed, and the Content-Security-Policy.
// Imports nothing from 'electron' (main.ts wires these into Electron's hooks), so every rule
// here is unit-tested under plain Node.
import { APP_HOST, APP_SCHEME } from './app-protocol';

/** An origin compared by scheme + host(:port). Custom schemes have an opaque `URL.origin`
 * ("null") in Node, so we never compare `origin` strings. */
export interface TrustedOrigin {
  protocol: string; // e.g. 'app:' or 'http:'
  host: string; // e.g. 'counterflow' or 'localhost:5173'
}

export const APP_ORIGIN: TrustedOrigin = { protocol: `${APP_SCHEME}:`, host: APP_HOST };

export function originOf(url: string | null | undefined): TrustedOrigin | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null; // about:blank, data:, file:///... have no host to trust
  return { protocol: parsed.protocol, host: parsed.host.toLowerCase() };
}

export function isSameOrigin(url: string | null | undefined, trusted: TrustedOrigin): boolean {
  const origin = originOf(url);
  return origin !== null && origin.protocol === trusted.protocol && origin.host === trusted.host;
}

/**
 * The origin the window is allowed to show. `VITE_DEV_SERVER_URL` is honoured only when the app
 * is not packaged: an installed app must never be pointed at another site by an environment
 * variable, since that site would get the bridge.
 */
export function resolveTrustedOrigin(
  devServerUrl: string | undefined,
  isPackaged: boolean,
): { origin: TrustedOrigin; startUrl: string; dev: boolean } {
  if (devServerUrl && !isPackaged) {
    const origin = originOf(devServerUrl);
    if (!origin || (origin.protocol !== 'http:' && origin.protocol !== 'https:')) {
      throw new Error(`VITE_DEV_SERVER_URL must be an http(s) URL, got: ${devServerUrl}`);
    }
    return { origin, startUrl: devServerUrl, dev: true };
  }
  return { origin: APP_ORIGIN, startUrl: `${APP_SCHEME}://${APP_HOST}/index.html`, dev: false };
}

/** The facts main.ts reads off an IpcMainInvokeEvent. */
export interface SenderFacts {
  /** `event.senderFrame?.url` (null when the frame is gone). */
  frameUrl: string | null | undefined;
  /** The sending frame is the main frame of our one main window (not an iframe, not another window). */
  isMainWindowMainFrame: boolean;
}

/** An IPC message is acted upon only if it comes from our page in our window's top frame. */
export function isTrustedSender(sender: SenderFacts, trusted: TrustedOrigin): boolean {
  return sender.isMainWindowMainFrame && isSameOrigin(sender.frameUrl, trusted);
}

/** The window may only ever navigate within its own origin (app:// or the dev server). */
export function isAllowedNavigation(targetUrl: string, trusted: TrustedOrigin): boolean {
  return isSameOrigin(targetUrl, trusted);
}

/**
 * Web permissions the page may be granted, and only for its own origin. Everything else
 * (camera, geolocation, notifications, openExternal, serial, ...) is denied: a counter app needs
 * none of it; keyboard-wedge barcode scanners type like a keyboard and need no permission.
 * - clipboard-sanitized-write: "copy order number" buttons.
 * - fullscreen: kiosk-style counters.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write', 'fullscreen'];

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | null | undefined,
  trusted: TrustedOrigin,
): boolean {
  return GRANTED_PERMISSIONS.includes(permission) && isSameOrigin(requestingUrl, trusted);
}

/**
 * The Content-Security-Policy sent with every app:// response.
 * - script-src 'self': no inline or eval'd script; the Vite build emits only files.
 * - worker-src 'self' blob:: the engine worker (a file, or a blob when a bundler inlines it).
 * - style-src 'unsafe-inline': Mantine writes inline style attributes and <style> tags.
 * - connect-src 'self': the app fetches only its own files; sync to a server would need its
 *   origin added here deliberately.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['worker-src', "'self' blob:"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** Headers added to every response of the app:// protocol, including errors. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

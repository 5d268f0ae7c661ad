// Mapping of app://counterflow/<path> requests to files of the built renderer (dist/).
// Pure (no 'electron' import, no file-system access): main.ts does the reading. The one job
// here is to never map a request outside the renderer folder, whatever the URL encodes.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'counterflow';

type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep' | 'extname'>;

export type AppRequestResolution =
  | {
      ok: true;
      /** Absolute path of the requested file, inside the root. */
      filePath: string;
      /** Extension-less paths are client-side routes: serve index.html if the file is missing. */
      spaFallback: boolean;
    }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Resolves an app:// request URL to a file under `root`.
 * `pathApi` defaults to the host platform's path module; tests pass `path.win32` to check the
 * Windows rules on any machine.
 */
export function resolveAppRequest(requestUrl: string, root: string, pathApi: PathApi = path): AppRequestResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) {
    return { ok: false, status: 404, reason: `unknown host ${url.protocol}//${url.host}` };
  }

  // The URL parser already removed literal and %2e-encoded dot segments; decoding may still
  // reveal separators ("..%2f..%2fetc") which the containment check below catches.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL byte in path' };
  // Backslashes are separators on Windows and colons name drives or alternate data streams:
  // no file of the built renderer has either, so refuse them everywhere.
  if (decoded.includes('\\') || decoded.includes(':')) {
    return { ok: false, status: 403, reason: 'forbidden character in path' };
  }

  let relative = decoded.replace(/^\/+/, '');
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';

  const resolvedRoot = pathApi.resolve(root);
  const filePath = pathApi.resolve(resolvedRoot, relative);
  const fromRoot = pathApi.relative(resolvedRoot, filePath);
  if (
    fromRoot === '' ||
    fromRoot === '..' ||
    fromRoot.startsWith(`..${pathApi.sep}`) ||
    pathApi.isAbsolute(fromRoot)
  ) {
    return { ok: false, status: 403, reason: 'path escapes the renderer folder' };
  }
  return { ok: true, filePath, spaFallback: pathApi.extname(filePath) === '' };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

/** Module scripts and workers are refused by Chromium unless served with a JavaScript MIME type. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

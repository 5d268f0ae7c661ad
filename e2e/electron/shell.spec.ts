// The Electron shell from the outside: launches the built app with Playwright's Electron
// support and checks the security promises of electron/main.ts and electron/preload.ts.
// Needs `npm run build` (dist/) and the Electron build (dist-electron/). Where no Electron
// binary exists (its download is blocked on some machines) every test is skipped, and the run
// output says so with the reason.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BRIDGE_FUNCTIONS, type CounterflowBridge } from '../../electron/ipc-contract';
import { frameWords, pdfText } from '../support/pdf';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

type BinaryLookup = { ok: true; executablePath: string } | { ok: false; reason: string };

/**
 * The binary the electron package installed, found the way its index.js finds it (path.txt
 * beside it, the binary under dist/) but without requiring it: since Electron 45 a require
 * with no binary starts a download, which this check must never do.
 */
function findElectronBinary(): BinaryLookup {
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch (error) {
    return { ok: false, reason: `the electron package is not installed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { ok: false, reason: 'the electron package has no binary: its download was skipped or blocked' };
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const executablePath = path.join(dist, readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executablePath)) return { ok: false, reason: `${executablePath} does not exist` };
  return { ok: true, executablePath };
}

const binary = findElectronBinary();
const packageVersion = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

type BridgeWindow = Window & { counterflow: CounterflowBridge };

test.describe('Electron shell', () => {
  test.describe.configure({ mode: 'serial' });

  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    if (!binary.ok) {
      console.log(`skipped: no Electron binary (${binary.reason})`);
      test.skip(true, `skipped: no Electron binary (${binary.reason})`);
      return;
    }
    for (const built of ['dist/index.html', 'dist-electron/main.js', 'dist-electron/preload.cjs']) {
      if (!existsSync(path.join(ROOT, built))) {
        throw new Error(`${built} is missing: run \`npm run build && npm run build:electron\` first`);
      }
    }
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    delete env.VITE_DEV_SERVER_URL; // the packaged path: app:// serving dist/
    delete env.ELECTRON_RUN_AS_NODE;
    app = await electron.launch({
      executablePath: binary.executablePath,
      // Chromium refuses to start as root with its OS sandbox (CI containers); the renderer is
      // still sandboxed at the Electron level (no Node, contextIsolation, sandboxed preload).
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT],
      cwd: ROOT,
      env,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('loads the renderer over app://', async () => {
    expect(page.url()).toMatch(/^app:\/\/counterflow\//);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  });

  test('window.counterflow exposes exactly the contract functions', async () => {
    const shape = await page.evaluate(() => {
      const bridge = (window as unknown as { counterflow?: Record<string, unknown> }).counterflow;
      return bridge ? Object.keys(bridge).map((key) => [key, typeof bridge[key]] as const) : null;
    });
    expect(shape).not.toBeNull();
    expect([...(shape ?? [])].sort()).toEqual([...BRIDGE_FUNCTIONS].sort().map((key) => [key, 'function']));
    const version = await page.evaluate(() => (window as unknown as BridgeWindow).counterflow.getAppVersion());
    expect(version).toBe(packageVersion);
  });

  test('the page has no Node: require, process, module and Buffer are undefined', async () => {
    const types = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return ['require', 'process', 'module', 'Buffer', 'global', 'ipcRenderer'].map((name) => [name, typeof g[name]]);
    });
    expect(types).toEqual([
      ['require', 'undefined'],
      ['process', 'undefined'],
      ['module', 'undefined'],
      ['Buffer', 'undefined'],
      ['global', 'undefined'],
      ['ipcRenderer', 'undefined'],
    ]);
  });

  test('navigation to an external URL is denied', async () => {
    const before = page.url();
    // The main process says when it blocked the navigation: wait for that, not for a time.
    const blocked = app.waitForEvent('console', { predicate: (m) => m.text().includes('Blocked navigation to https://evil.example/'), timeout: 15_000 });
    await page.evaluate(() => {
      window.location.href = 'https://evil.example/';
    });
    await blocked;
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => typeof (window as unknown as { counterflow?: unknown }).counterflow)).toBe('object');
  });

  test('window.open is denied', async () => {
    const denied = (url: string) => app.waitForEvent('console', { predicate: (m) => m.text().includes(`Blocked window.open(${url})`), timeout: 15_000 });
    const bothDenied = Promise.all([denied('https://evil.example/'), denied('app://counterflow/index.html')]);
    const results = await page.evaluate(() => [
      window.open('https://evil.example/') === null,
      window.open('app://counterflow/index.html') === null,
    ]);
    expect(results).toEqual([true, true]);
    // The main process has answered both requests (and logged it): no window can still come.
    await bothDenied;
    expect(app.windows()).toHaveLength(1);
  });

  test('every app:// response carries the Content-Security-Policy, and it is enforced', async () => {
    const headers = await page.evaluate(async () => {
      const response = await fetch('/index.html');
      return {
        status: response.status,
        csp: response.headers.get('content-security-policy'),
        type: response.headers.get('content-type'),
      };
    });
    expect(headers.status).toBe(200);
    expect(headers.type).toMatch(/^text\/html/);
    expect(headers.csp).toContain("default-src 'self'");
    expect(headers.csp).toContain("script-src 'self'");
    expect(headers.csp).toContain("object-src 'none'");
    expect(headers.csp).toContain("frame-ancestors 'none'");

    const evalOutcome = await page.evaluate(() => {
      try {
        return String(eval('1 + 1'));
      } catch (error) {
        return error instanceof Error ? error.name : 'blocked';
      }
    });
    expect(evalOutcome).toBe('EvalError');
  });

  test('the app:// protocol refuses paths outside the renderer folder', async () => {
    const outcome = await page.evaluate(async () => {
      const response = await fetch('app://counterflow/..%2f..%2fpackage.json');
      return { status: response.status, csp: response.headers.get('content-security-policy') };
    });
    expect(outcome.status).toBe(403);
    expect(outcome.csp).toContain("default-src 'self'");
  });

  test('the main process refuses malformed IPC arguments', async () => {
    const outcome = await page.evaluate(() =>
      (window as unknown as { counterflow: { openTextFile(r: unknown): Promise<unknown> } }).counterflow
        .openTextFile({ kind: 'exe', path: '/etc/passwd' })
        .then(
          () => 'resolved',
          (error: unknown) => String(error),
        ),
    );
    expect(outcome).toContain('invalid arguments');
  });

  test('print-to-PDF through the host bridge: the screen is on the paper, the frame is not', async () => {
    await page.evaluate(() => (window.location.hash = '#/nowhere'));
    await expect(page.getByText('Page not found').first()).toBeVisible({ timeout: 60_000 });
    const frame = await frameWords(page);
    const bytes = await page.evaluate(async () => Array.from(await (window as unknown as BridgeWindow).counterflow.printToPdf({ pageSize: 'A4' })));
    const pdf = Buffer.from(bytes);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(pdf)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Page not found');
    for (const word of frame) expect(text).not.toContain(word);
  });
});

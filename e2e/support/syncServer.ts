// A sync server for one spec file: embedded PGlite in a temporary folder, on a free port,
// started before the file's tests and stopped after them; and the way a clerk enrols a
// counter against it (Settings → Sync, a code the admin made).
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_START_TIMEOUT } from './app';

const ADMIN = 'e2e-admin-token';

export interface SyncServer {
  /** `http://127.0.0.1:<port>`, known once the file's beforeAll has run. */
  readonly base: string;
  enrolmentCode(name: string): Promise<string>;
  /** Opens Settings → Sync and enrols the counter with a fresh code. */
  enrol(page: Page, name: string): Promise<void>;
  /** Stops the server now (a counter that loses its server); afterAll then only cleans up. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Call at a spec file's top level: registers the server's beforeAll and afterAll. */
export function useSyncServer(): SyncServer {
  let server: ChildProcess | undefined;
  let dataDir = '';
  let base = '';

  test.beforeAll(async () => {
    // The embedded PostgreSQL starts and migrates in tens of seconds on a loaded machine.
    test.setTimeout(180_000);
    dataDir = mkdtempSync(join(tmpdir(), 'counterflow-e2e-sync-'));
    base = `http://127.0.0.1:${await freePort()}`;
    server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: new URL(base).port, COUNTERFLOW_DATA: dataDir, COUNTERFLOW_ADMIN_TOKEN: ADMIN, COUNTERFLOW_TIMER_PERIOD_MS: '0' },
      stdio: 'ignore',
    });
    await expect.poll(async () => (await fetch(`${base}/health`).catch(() => undefined))?.status, { timeout: 150_000 }).toBe(200);
  });

  const stop = async (): Promise<void> => {
    server?.kill('SIGTERM');
    await new Promise((resolve) => (server?.exitCode !== null ? resolve(undefined) : server.once('exit', resolve)));
  };

  test.afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const enrolmentCode = async (name: string): Promise<string> => {
    const r = await fetch(`${base}/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
    return ((await r.json()) as { code: string }).code;
  };

  return {
    get base() {
      return base;
    },
    enrolmentCode,
    stop,
    async enrol(page, name) {
      await page.goto(page.url().replace(/#.*$/, '#/settings'));
      await expect(page.getByTestId('settings-sync')).toBeVisible({ timeout: ENGINE_START_TIMEOUT });
      await page.getByTestId('sync-url').fill(base);
      await page.getByTestId('sync-code').fill(await enrolmentCode(name));
      await page.getByTestId('sync-enrol').click();
      await expect(page.getByTestId('sync-state')).toBeVisible({ timeout: ENGINE_START_TIMEOUT });
    },
  };
}

// A till closed on an enrolled counter is the server's too (issue 22): Settings → Sync reads
// the Z report the server keeps of it — cash expected, counted and the difference — against
// a sync server the test starts (embedded PGlite in a temporary folder, a free port).
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_START_TIMEOUT, engineCall, goToScreen, openApp } from './support/app';

const ADMIN = 'e2e-admin-token';
let server: ChildProcess | undefined;
let dataDir = '';
let base = '';

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

test.beforeAll(async () => {
  // The embedded PostgreSQL starts and migrates in tens of seconds on a loaded machine.
  test.setTimeout(180_000);
  dataDir = mkdtempSync(join(tmpdir(), 'counterflow-e2e-zreport-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), COUNTERFLOW_DATA: dataDir, COUNTERFLOW_ADMIN_TOKEN: ADMIN, COUNTERFLOW_TIMER_PERIOD_MS: '0' },
    stdio: 'ignore',
  });
  await expect.poll(async () => (await fetch(`${base}/health`).catch(() => undefined))?.status, { timeout: 150_000 }).toBe(200);
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await new Promise((resolve) => (server?.exitCode !== null ? resolve(undefined) : server.once('exit', resolve)));
  rmSync(dataDir, { recursive: true, force: true });
});

test('a till closed 1.00 short shows in Settings → Sync as the server keeps it', async ({ page }, testInfo) => {
  await openApp(page, testInfo, { path: '/boards' });
  await goToScreen(page, '/settings', 'settings-sync');
  const code = await fetch(`${base}/admin/enrolment-codes`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Counter Z' }) });
  await page.getByTestId('sync-url').fill(base);
  await page.getByTestId('sync-code').fill(((await code.json()) as { code: string }).code);
  await page.getByTestId('sync-enrol').click();
  await expect(page.getByTestId('sync-state')).toBeVisible({ timeout: ENGINE_START_TIMEOUT });

  // Nothing closed yet.
  await page.getByTestId('sync-z-load').click();
  await expect(page.getByTestId('sync-z-reports')).toContainText('The server has no closed till of this counter yet.');

  expect(await engineCall(page, 'openTill', { float: 1000 })).toMatchObject({ ok: true });
  expect(await engineCall(page, 'closeTill', { counted: 900 })).toMatchObject({ ok: true });
  expect(await engineCall(page, 'syncNow')).toMatchObject({ state: 'synced' });

  await page.getByTestId('sync-z-load').click();
  const report = page.getByTestId('sync-z-report');
  await expect(report).toHaveCount(1);
  await expect(report).toContainText('Till closed');
  await expect(report).toContainText(/Cash: expected \D*10\.00, counted \D*9\.00, difference -\D*1\.00/);
  await expect(report).toContainText(/Card: expected \D*0\.00 \(not counted at the counter\)/);
});

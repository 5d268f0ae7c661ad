// A till closed on an enrolled counter is the server's too (issue 22): Settings → Sync reads
// the Z report the server keeps of it — cash expected, counted and the difference — against
// a sync server the test starts (embedded PGlite in a temporary folder, a free port).
import { expect, test } from '@playwright/test';
import { engineCall, openApp } from './support/app';
import { useSyncServer } from './support/syncServer';

const server = useSyncServer();

test('a till closed 1.00 short shows in Settings → Sync as the server keeps it', async ({ page }, testInfo) => {
  await openApp(page, testInfo, { path: '/boards' });
  await server.enrol(page, 'Counter Z');

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

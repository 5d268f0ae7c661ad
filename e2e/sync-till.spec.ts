// A counter with its till open cannot enrol with a sync server (issue 22): the payments in
// that till are of orders the server never receives, so Settings → Sync says to close the
// till first, and nothing changes. Once the till is closed the enrolment goes on (here to
// an address where no server answers, so the next message is the network's).
import { expect, test } from '@playwright/test';
import { engineCall, goToScreen, openApp } from './support/app';

test('enrolling with the till open is refused with what to do; closed, the enrolment goes on', async ({ page }, testInfo) => {
  await openApp(page, testInfo, { path: '/boards' });
  expect(await engineCall(page, 'openTill', { float: 1000 })).toMatchObject({ ok: true });
  await goToScreen(page, '/settings', 'settings-sync');
  // Port 9 (discard): nothing answers there.
  await page.getByTestId('sync-url').fill('http://127.0.0.1:9');
  await page.getByTestId('sync-code').fill('ABCD-EFGH-JKMN-PQRS');
  await page.getByTestId('sync-enrol').click();
  await expect(page.getByTestId('sync-enrol-error')).toContainText('A till is open on this counter. Close it first (Till → Close the till');
  await expect(page.getByTestId('sync-url')).toBeVisible();

  expect(await engineCall(page, 'closeTill', { counted: 1000 })).toMatchObject({ ok: true });
  await page.getByTestId('sync-enrol').click();
  await expect(page.getByTestId('sync-enrol-error')).toContainText('cannot be reached');
});

// A clerk opens Scan goods and scans at once, before the screen's code has loaded: the scans
// wait for the screen and it takes them (they are not answered by the global routing).
import { expect, test, type Route } from '@playwright/test';
import { handled, scan } from './scanner.support';
import { createOrderViaEngine, ENGINE_START_TIMEOUT, openApp, seedCatalog } from './support/app';

test('scans made while a screen loads go to that screen once it shows', async ({ page }, testInfo) => {
  await openApp(page, testInfo, { path: '/boards' });
  await seedCatalog(page); // TEA-100: 40 on hand at MAIN

  // Hold the screen's code back until the scans are in, as a slow disk or machine would.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: Promise<void>[] = [];
  await page.route('**/assets/ScanStockPage-*.js', (route: Route) => {
    held.push(released.then(() => route.continue()));
  });
  await page.evaluate(() => (window.location.hash = '#/stock/scan'));
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/stock/scan');

  await scan(page, 'CF:LOC:MAIN');
  await scan(page, '4006381333931');
  await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-handled', '0');
  release();
  await Promise.all(held);

  await handled(page, 2);
  await expect(page.getByTestId('scan-last')).toHaveText('Received 1 × TEA-100 · Green tea 100 g at Main store.');
  await expect(page.getByTestId('scan-stock-panel').getByTestId('scan-stock-on-hand').first()).toHaveText('41');
});

// The code reader (GS1, nomenclature, labels) is not in the window's entry: it loads at the
// window's first idle moment. Scans made before it has loaded wait for it, whole and in order.
test('scans made as a new window opens, before its code reader has loaded, are read whole and in order', async ({ page }, testInfo) => {
  const db = await openApp(page, testInfo, { path: '/boards' });
  await seedCatalog(page);
  await createOrderViaEngine(page, { buyerId: 'C-1001', lines: [{ sku: 'TEA-100', qty: 1 }] }); // the board shows its columns

  const fresh = await page.context().newPage();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: Promise<void>[] = [];
  await fresh.route('**/assets/codeReader-*.js', (route: Route) => {
    held.push(released.then(() => route.continue()));
  });
  await fresh.goto(`./?${new URLSearchParams({ db, e2e: '1' }).toString()}#/boards`);
  // The board's columns are there (the scanner listens from the first commit on), the reader not yet.
  await expect(fresh.getByTestId('board-column').first()).toBeVisible({ timeout: ENGINE_START_TIMEOUT });
  await scan(fresh, 'CF:ROLE:B');
  await scan(fresh, '4006381333937'); // TEA-100's EAN-13 with its last digit misread
  await expect(fresh.getByTestId('scan-feedback')).toHaveAttribute('data-handled', '0');
  await expect.poll(() => held.length, { timeout: ENGINE_START_TIMEOUT }).toBeGreaterThan(0);
  release();
  await Promise.all(held);

  await handled(fresh, 2);
  await expect(fresh.getByTestId('role-switcher').locator('input[value="B"]')).toBeChecked();
  await expect(fresh.getByTestId('scan-last')).toHaveText('Check digit wrong: expected 1, got 7 (4006381333937). Scan again, or type the code.');
  await expect(fresh.getByTestId('scan-toast').filter({ hasText: 'Check digit wrong' })).toBeVisible();
  await fresh.close();
});

// A clerk opens Scan goods and scans at once, before the screen's code has loaded: the scans
// wait for the screen and it takes them (they are not answered by the global routing).
import { expect, test, type Route } from '@playwright/test';
import { handled, scan } from './scanner.support';
import { openApp, seedCatalog } from './support/app';

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

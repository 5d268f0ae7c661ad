// The disk is full: the engine worker's IndexedDB refuses every write with the browser's
// QuotaExceededError (the e2e build's seam, renderer/engine/e2eStorageFault.ts; Chromium's
// DevTools quota override does not reach IndexedDB writes here). Creating an order then says so in words the clerk can act on,
// in English and in Chinese, the app stays usable, nothing is saved, and the very same
// order goes through once there is room again.
import { expect, test, type Page } from '@playwright/test';
import { engineCall, openApp, seedCatalog } from './support/app';

const diskFull = (page: Page, full: boolean) => engineCall(page, 'e2eStorageFault', full ? 'QuotaExceededError' : null);

/** The orders in the database, read by the window's own connection (the e2e seam). */
function orderCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __counterflowTest: { db: { orders: { count(): Promise<number> } } } }).__counterflowTest.db.orders.count());
}

async function fillOrder(page: Page): Promise<void> {
  await page.getByTestId('buyer-id').fill('C-9001');
  const entry = page.getByTestId('line-entry');
  await entry.fill('TEA-100');
  await entry.press('Enter');
  await expect(page.getByTestId('line-qty')).toBeVisible();
}

test('a full disk refuses an order in words, writes nothing, and the same order goes through once there is room', async ({ page }, testInfo) => {
  await openApp(page, testInfo, { path: '/orders/new' });
  await seedCatalog(page);
  await expect(page.getByTestId('buyer-id')).toBeVisible();

  await diskFull(page, true);
  await fillOrder(page);
  await page.getByTestId('create-order').click();
  const refusal = page.getByTestId('create-refusal');
  await expect(refusal).toContainText('the disk is full. Free some space on this computer, then try again.');
  // The form is still there, usable, with what was typed.
  await expect(page.getByTestId('buyer-id')).toHaveValue('C-9001');
  await expect(page).toHaveURL(/#\/orders\/new$/);
  expect(await orderCount(page), 'nothing was saved').toBe(0);

  // The same words in Chinese.
  await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
  await page.getByTestId('create-order').click();
  await expect(refusal).toContainText('磁盘已满');

  // Room again: the same order is created.
  await diskFull(page, false);
  await page.getByTestId('create-order').click();
  await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('order-state')).toHaveText('等待付款');
  expect(await orderCount(page)).toBe(1);
});

test('the database removed under the app (storage cleared) is said so, and never recreated empty', async ({ page }, testInfo) => {
  const db = await openApp(page, testInfo, { path: '/orders/new' });
  await seedCatalog(page);
  await fillOrder(page);
  // As "clear site data" or an eviction does: the database is deleted while the app runs.
  await page.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error('delete failed'));
      }),
    db,
  );
  await page.getByTestId('create-order').click();
  await expect(page.getByTestId('create-refusal')).toContainText('Reload the app and restore the latest backup.');
  await expect(page).toHaveURL(/#\/orders\/new$/);
  // Neither the engine nor the window made a new, empty database in its place.
  expect(await page.evaluate(async (name) => (await indexedDB.databases()).some((d) => d.name === name), db)).toBe(false);
});

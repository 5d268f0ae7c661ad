// Backup and restore through the Settings screen (browser mode): the backup is a download,
// the restore a file chosen in a file input, shown and confirmed before it replaces anything.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { createOrderViaEngine, openApp, seedCatalog } from './support/app';

async function backUp(page: Page, file: string): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, '#/settings'));
  const card = page.getByTestId('settings-backup');
  await expect(card).toBeVisible();
  const download = page.waitForEvent('download');
  await card.getByTestId('backup-now').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^counterflow-.+\.cfbackup$/);
  await saved.saveAs(file);
  await expect(card.getByTestId('backup-last')).toContainText('Last backup:');
  await expect(card.getByTestId('backup-overdue')).toHaveCount(0);
}

async function chooseRestoreFile(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('restore-open').click();
  await (await chooser).setFiles(file);
}

/** Confirms the restore and waits for the window to start afresh on the restored data. */
async function confirmAndReload(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { beforeRestore: boolean }).beforeRestore = true));
  await page.getByTestId('restore-confirm').click();
  await expect.poll(() => page.evaluate(() => 'beforeRestore' in window).catch(() => true), { timeout: 30_000 }).toBe(false);
  await expect(page.getByTestId('role-switcher')).toBeVisible();
}

async function showOrder(page: Page, orderId: string): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, `#/orders/${orderId}`));
}

test.describe('backup and restore', () => {
  test('a restore brings back the backed-up orders and drops the ones made since', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/settings' });
    await expect(page.getByTestId('backup-last')).toHaveText('No backup yet.');
    await expect(page.getByTestId('backup-overdue')).toBeVisible();
    await expect(page.getByTestId('storage-used')).toContainText('Storage used');
    await expect(page.getByTestId('storage-persisted')).toContainText(/persistent|cannot be told/);
    await seedCatalog(page);
    const first = await createOrderViaEngine(page, { buyerId: 'C-1', buyerName: 'Ann Backup', lines: [{ sku: 'TEA-100', qty: 2 }] });

    const file = testInfo.outputPath('counter.cfbackup');
    await backUp(page, file);
    const second = await createOrderViaEngine(page, { buyerId: 'C-2', buyerName: 'Made After', lines: [{ sku: 'TEA-100', qty: 1 }] });

    // A second window on the same counter starts afresh when the first one restores.
    const other = await page.context().newPage();
    await other.goto(page.url().replace(/#.*$/, '#/boards'));
    await expect(other.locator(`[data-testid="order-card"][data-order-number="${second.number}"]`)).toBeVisible();
    await other.evaluate(() => ((window as unknown as { beforeRestore: boolean }).beforeRestore = true));

    await chooseRestoreFile(page, file);
    const summary = page.getByTestId('restore-summary');
    await expect(summary).toBeVisible();
    await expect(summary.getByTestId('restore-count-orders')).toContainText('1');
    await expect(summary.getByTestId('restore-count-products')).toContainText('3');
    await expect(summary.getByTestId('restore-other-counter')).toHaveCount(0);
    await confirmAndReload(page);
    await expect.poll(() => other.evaluate(() => 'beforeRestore' in window).catch(() => true), { timeout: 30_000 }).toBe(false);
    await expect(other.locator(`[data-testid="order-card"][data-order-number="${first.number}"]`)).toBeVisible();
    await expect(other.locator(`[data-testid="order-card"][data-order-number="${second.number}"]`)).toHaveCount(0);
    await other.close();

    await showOrder(page, first.orderId);
    await expect(page.getByTestId('order-number')).toHaveText(first.number);
    await expect(page.getByTestId('order-buyer')).toContainText('Ann Backup');
    await expect(page.getByTestId('timeline')).toBeVisible();
    await showOrder(page, second.orderId);
    await expect(page.getByText('No such order')).toBeVisible();
    // The stock is as it was at the backup: 40 received, 2 reserved by the first order.
    await page.goto(page.url().replace(/#.*$/, '#/stock'));
    const tea = page.locator('[data-testid="level-row"][data-sku="TEA-100"][data-location="MAIN"]');
    await expect(tea.getByTestId('level-onhand')).toHaveText('40');
    await expect(tea.getByTestId('level-reserved')).toHaveText('2');
  });

  test('another counter restores the file into an empty profile and is told where it came from', async ({ page, browser }, testInfo) => {
    await openApp(page, testInfo, { path: '/settings' });
    await seedCatalog(page);
    const order = await createOrderViaEngine(page, { buyerId: 'C-9', buyerName: 'Moved Over', lines: [{ sku: 'CUP-01', qty: 1 }] });
    const file = testInfo.outputPath('moved.cfbackup');
    await backUp(page, file);

    // A new browser profile: its own storage, so its own device id and an empty database.
    const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: 'en-US', timezoneId: 'UTC' });
    const fresh = await other.newPage();
    await openApp(fresh, testInfo, { path: '/settings' });
    await chooseRestoreFile(fresh, file);
    await expect(fresh.getByTestId('restore-other-counter')).toBeVisible();
    await confirmAndReload(fresh);
    await showOrder(fresh, order.orderId);
    await expect(fresh.getByTestId('order-number')).toHaveText(order.number);
    await fresh.goto(fresh.url().replace(/#.*$/, '#/boards'));
    await expect(fresh.locator(`[data-testid="order-card"][data-order-number="${order.number}"]`)).toBeVisible();
    await other.close();
  });

  test('a changed file is refused with the reason shown, and nothing changes', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/settings' });
    await seedCatalog(page);
    const order = await createOrderViaEngine(page, { buyerId: 'C-3', buyerName: 'Kept Safe', lines: [{ sku: 'TEA-100', qty: 1 }] });
    const file = testInfo.outputPath('good.cfbackup');
    await backUp(page, file);

    // One bit of the (compressed) rows changed, as a failing disk or a bad copy would.
    const tampered = testInfo.outputPath('tampered.cfbackup');
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 30).toString('utf8')).toBe('{"format":"counterflow-backup"');
    bytes[bytes.length - 100]! ^= 0x04;
    writeFileSync(tampered, bytes);
    await chooseRestoreFile(page, tampered);
    const error = page.getByTestId('restore-error');
    await expect(error).toContainText('This backup is damaged');
    await expect(error).toContainText('Nothing was changed');
    await page.getByTestId('restore-close').click();

    const foreign = testInfo.outputPath('orders.csv');
    writeFileSync(foreign, 'number,total\nPO-1,13\n');
    await chooseRestoreFile(page, foreign);
    await expect(page.getByTestId('restore-error')).toContainText('not a Counterflow backup');
    await page.getByTestId('restore-close').click();

    await showOrder(page, order.orderId);
    await expect(page.getByTestId('order-buyer')).toContainText('Kept Safe');
  });
});

import { expect, test } from '@playwright/test';
import { openApp, screenshotBoth, seedCatalog } from './support/app';

test.describe('create order', () => {
  test('a clerk builds an order from typed and scanned codes and creates it', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/orders/new' });
    await seedCatalog(page);

    const form = page.getByTestId('create-order-form');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create order');
    await expect(page.getByTestId('no-lines')).toBeVisible();

    await page.getByTestId('buyer-id').fill('C-1001');
    await page.getByTestId('buyer-name').fill('Wang Fang');
    await form.getByLabel('Address').fill('12 Harbour Road');

    // By SKU, then the same product again by its barcode: one line, quantity 2.
    const entry = page.getByTestId('line-entry');
    await entry.fill('TEA-100');
    await entry.press('Enter');
    await expect(page.getByTestId('draft-line')).toHaveCount(1);
    await entry.fill('4006381333931');
    await entry.press('Enter');
    await expect(page.getByTestId('draft-line')).toHaveCount(1);
    await expect(page.getByTestId('line-qty')).toHaveValue('2');
    await expect(page.getByTestId('line-available')).toHaveText('40');

    // By the start of the name, picked from the suggestions with the keyboard.
    await entry.fill('Cera');
    await expect(page.getByRole('option', { name: /CUP-01/ })).toBeVisible();
    await entry.press('ArrowDown');
    await entry.press('Enter');
    await expect(page.getByTestId('draft-line')).toHaveCount(2);

    // An unknown code is reported at the field and adds nothing.
    await entry.fill('NOPE-42');
    await entry.press('Enter');
    await expect(form.getByText('No product with SKU or barcode “NOPE-42”.')).toBeVisible();
    await expect(page.getByTestId('draft-line')).toHaveCount(2);
    await entry.fill('');

    await screenshotBoth(page, 'create-order');

    await page.keyboard.press('Control+Enter');
    await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('order-number')).toHaveText(/^PO-\d{6}$/);
    await expect(page.getByTestId('order-state')).toHaveText('waiting for payment');
    await expect(page.getByTestId('order-buyer')).toContainText('Wang Fang');
    await expect(page.getByTestId('order-lines').locator('tbody tr')).toHaveCount(2);
  });

  test('the engine refuses an order it cannot fill, says why, and creates nothing', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/orders/new' });
    await seedCatalog(page);

    await page.getByTestId('buyer-id').fill('C-2002');
    const entry = page.getByTestId('line-entry');
    await entry.fill('CUP-01');
    await entry.press('Enter');
    await page.getByTestId('line-qty').fill('3');
    // Only one cup is in stock: the availability badge warns before the engine refuses.
    await expect(page.getByTestId('line-available')).toHaveText('1');

    await page.getByTestId('create-order').click();
    const refusal = page.getByTestId('create-refusal');
    await expect(refusal).toBeVisible();
    await expect(refusal).toContainText(/CUP-01/);
    await expect(page).toHaveURL(/#\/orders\/new$/);

    // Without a buyer the engine's validation message is shown as is.
    await page.getByTestId('buyer-id').fill('');
    await page.getByTestId('line-qty').fill('1');
    await page.getByTestId('create-order').click();
    await expect(refusal).toContainText('buyer is missing');

    // Nothing was created.
    await page.keyboard.press('Alt+1');
    await expect(page.getByText('No orders yet')).toBeVisible();
  });
});

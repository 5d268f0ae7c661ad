// Labels: order, product and location labels and action cards with real barcodes, printed
// through the host (window.print in the browser, with only the sheet left on paper).
import { expect, test, type Page } from '@playwright/test';
import { handled, scan } from './scanner.support';
import { join } from 'node:path';
import { actViaEngine, createOrderViaEngine, openApp, SCREENSHOT_DIR, screenshotBoth, seedCatalog } from './support/app';

async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => (window.location.hash = `#${p}`), path);
}

/** Counts the bars JsBarcode drew and checks the symbol is not empty. */
async function expectBars(card: ReturnType<Page['locator']>): Promise<void> {
  const bars = await card.locator('svg.barcode rect').count();
  expect(bars).toBeGreaterThan(20);
  expect(await card.locator('svg.qr path').getAttribute('d')).toMatch(/^M\d/);
}

test.describe('labels', () => {
  test('order, product and location labels carry the payloads the scanner reads, and print', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page);
    const { orderId, number } = await createOrderViaEngine(page, { buyerId: 'C-1', buyerName: 'Chen Jie', lines: [{ sku: 'TEA-100', qty: 2, unitPrice: 1250 }] });

    // From an order: /labels?order=<id> has its label ready.
    await goTo(page, `/labels?order=${orderId}`);
    const sheet = page.getByTestId('label-sheet');
    const orderCard = sheet.getByTestId('label-card');
    await expect(orderCard).toHaveCount(1);
    await expect(orderCard).toHaveAttribute('data-payload', `CF:O:${number}`);
    await expect(orderCard).toContainText('Chen Jie');
    await expect(orderCard.locator('svg.barcode')).toHaveAttribute('data-format', 'CODE128');
    await expectBars(orderCard);

    // Printing goes through the host: window.print in the browser.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByTestId('labels-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // Without the Electron bridge, PDF is the print dialog's "Save as PDF".
    await expect(page.getByTestId('labels-pdf')).toHaveText('PDF (print dialog)');

    // Products: the EAN-13 prints as EAN-13, a product without one as its SKU in Code 128.
    await page.getByTestId('labels-tab').getByText('Products').click();
    await page.getByTestId('labels-products').getByText('TEA-100').click();
    await page.getByTestId('labels-products').getByText('CUP-01').click();
    const products = sheet.getByTestId('label-card');
    await expect(products).toHaveCount(2);
    await expect(products.nth(0)).toHaveAttribute('data-payload', '4006381333931');
    await expect(products.nth(0).locator('svg.barcode')).toHaveAttribute('data-format', 'EAN13');
    await expect(products.nth(1)).toHaveAttribute('data-payload', 'CUP-01');
    await expect(products.nth(1).locator('svg.barcode')).toHaveAttribute('data-format', 'CODE128');
    await page.getByTestId('labels-copies').fill('3');
    await expect(products).toHaveCount(6);
    await screenshotBoth(page, 'labels-products');

    // Locations.
    await page.getByTestId('labels-tab').getByText('Locations').click();
    await page.getByTestId('labels-locations').getByText('Main store').click();
    await expect(sheet.getByTestId('label-card')).toHaveAttribute('data-payload', 'CF:LOC:MAIN');
    await expectBars(sheet.getByTestId('label-card'));

    // Scanning a label on this screen adds it to the sheet (a re-print), it does not open it.
    await page.getByTestId('labels-tab').getByText('Orders').click();
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await scan(page, `CF:O:${number}`);
    await handled(page, 1);
    await expect(sheet.getByTestId('label-card')).toHaveAttribute('data-payload', `CF:O:${number}`);
    await expect(page).toHaveURL(/#\/labels/);
    await page.getByTestId('labels-tab').getByText('Locations').click();
    await page.getByTestId('labels-locations').getByText('Main store').click();

    // In print, only the sheet is left: no header, navbar or controls.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.mantine-AppShell-navbar')).toBeHidden();
    await expect(page.getByTestId('labels-tab')).toBeHidden();
    await expect(sheet).toBeVisible();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'labels-print-media.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  test('action cards for a role, and the printed payload drives the order when scanned', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/labels?tab=actions' });
    await seedCatalog(page);
    await page.getByTestId('labels-role').getByText('S · Seller').click();
    const cards = page.getByTestId('label-sheet').getByTestId('label-card');
    const actions = cards.and(page.locator('[data-kind="action"]'));
    await expect(actions).toHaveCount(6);
    await expect(cards.and(page.locator('[data-kind="role"]'))).toHaveCount(4);
    const ship = actions.filter({ hasText: 'ship the order' });
    await expect(ship).toHaveAttribute('data-payload', 'CF:A:ship the order');
    await expectBars(ship);
    await screenshotBoth(page, 'labels-action-cards');

    // What the card carries is what the scanner routes: open a paid order, scan the card.
    const payload = (await ship.getAttribute('data-payload')) ?? '';
    const { orderId, number } = await createOrderViaEngine(page, { buyerId: 'C-2', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    await scan(page, `CF:O:${number}`);
    await expect(page.getByTestId('order-state')).toHaveText('finished payment');
    await scan(page, payload);
    await handled(page, 2);
    await expect(page.getByTestId('order-state')).toHaveText('finished shipping');
  });
});

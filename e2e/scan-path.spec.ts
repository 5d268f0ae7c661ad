// The scanner path with no traps (issue 25): a barcode scanned in the product form lands in
// its barcodes; repeated scans add up while receiving and "*5" multiplies the next one;
// Enter on an exact SKU in another case adds the line; GS1 DataBar prices, logistics labels
// and pharmacy DataMatrix codes find the product, lot and quantity; quick find by surname;
// labels for order lines and refund sheets.
import { expect, test, type Page } from '@playwright/test';
import { handled, scan } from './scanner.support';
import { createOrderViaEngine, openApp, screenshotBoth, seedCatalog, type SeedProduct } from './support/app';

const GS = '\x1d';
const GTIN = '09501101530003'; // stored as its EAN-13, 9501101530003
const SSCC = '106141411234567897';

const PRODUCTS: SeedProduct[] = [
  { sku: 'TEA-100', name: 'Green tea 100 g', price: 1250, stock: 40, barcodes: ['4006381333931'] },
  { sku: 'CUP-01', name: 'Ceramic cup', price: 800, stock: 1 },
  { sku: 'AMOX-500', name: 'Amoxicillin 500 mg', price: 6, stock: 0, barcodes: ['9501101530003'] },
];

type Evaluated = { db: Record<string, { get(k: unknown): Promise<unknown>; toArray(): Promise<unknown[]> }> };

async function product(page: Page, sku: string): Promise<{ barcodes: string[] } | undefined> {
  return page.evaluate(async (s) => {
    const { db } = (window as unknown as { __counterflowTest: Evaluated }).__counterflowTest;
    return (await db.products!.get(s)) as { barcodes: string[] } | undefined;
  }, sku);
}

async function onHand(page: Page, sku: string, locationId: string): Promise<number | undefined> {
  return page.evaluate(
    async ([s, l]) => {
      const { db } = (window as unknown as { __counterflowTest: Evaluated }).__counterflowTest;
      return ((await db.stockLevels!.get([s, l])) as { onHand: number } | undefined)?.onHand;
    },
    [sku, locationId],
  );
}

async function ledgerReasons(page: Page, sku: string): Promise<string[]> {
  return page.evaluate(async (s) => {
    const { db } = (window as unknown as { __counterflowTest: Evaluated }).__counterflowTest;
    return ((await db.stockLedger!.toArray()) as Array<{ sku: string; reason: string }>).filter((r) => r.sku === s).map((r) => r.reason);
  }, sku);
}

test.describe('scanner path', () => {
  test('a barcode scanned in the product form lands in its barcodes and is saved', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/stock' });
    await seedCatalog(page, PRODUCTS);
    await page.getByTestId('stock-more').click();
    await page.getByTestId('stock-add-product').click();
    const dialog = page.getByRole('dialog', { name: 'Add product' });
    await dialog.getByTestId('product-sku').fill('JAM-1');
    await dialog.getByTestId('product-name').fill('Apricot jam');
    // The person clicks into Barcodes and scans the jar.
    await dialog.getByTestId('product-barcodes').click();
    await scan(page, '5901234123457');
    await handled(page, 1);
    await expect(page.getByTestId('scan-last')).toHaveText('5901234123457 added to the barcodes of this product.');
    await expect(dialog.locator('.mantine-Pill-root', { hasText: '5901234123457' })).toBeVisible();
    // The same jar again: said so, not added twice. Not a lookup: the form stays open.
    await scan(page, '5901234123457');
    await handled(page, 2);
    await expect(page.getByTestId('scan-last')).toHaveText("5901234123457 is already one of this product's barcodes.");
    // A label is no product code: refused, nothing opened.
    await scan(page, 'CF:LOC:MAIN');
    await handled(page, 3);
    await expect(page.getByTestId('scan-last')).toHaveText('This is not a product barcode (CF:LOC:MAIN); nothing was added.');
    await expect(dialog.locator('.mantine-Pill-root')).toHaveCount(1);
    await screenshotBoth(page, 'scan-product-form');
    await dialog.getByTestId('product-submit').click();
    await expect(dialog).toBeHidden();
    expect((await product(page, 'JAM-1'))?.barcodes).toEqual(['5901234123457']);
  });

  test('receiving: repeated scans add up on one line, *5 then a scan receives 5, GS1 codes bring lot and count', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/stock/scan' });
    await seedCatalog(page, PRODUCTS);
    const panel = page.getByTestId('scan-stock-panel');
    await expect(panel).toBeVisible();
    const last = page.getByTestId('scan-last');
    await scan(page, 'CF:LOC:MAIN');
    await handled(page, 1);

    for (let i = 0; i < 3; i += 1) await scan(page, '4006381333931');
    await handled(page, 4);
    const tea = panel.locator('[data-testid="scan-stock-receipt"][data-sku="TEA-100"]');
    await expect(tea).toHaveCount(1);
    await expect(tea.getByTestId('scan-stock-received')).toHaveText('+3');
    await expect(tea).toContainText('3 scans');
    await expect(last).toHaveText('Received 1 more × TEA-100 · Green tea 100 g at Main store: 3 on this line.');

    // "*" then 5, typed by a person: the next scan counts 5, and only that one.
    await page.keyboard.type('*', { delay: 120 });
    await expect(panel.getByTestId('scan-stock-qty')).toBeFocused();
    await page.keyboard.type('5', { delay: 120 });
    await expect(panel.getByTestId('scan-stock-qty')).toHaveValue('5');
    await scan(page, '4006381333931');
    await handled(page, 5);
    await expect(tea.getByTestId('scan-stock-received')).toHaveText('+8');
    await expect(panel.getByTestId('scan-stock-qty')).toHaveValue('1');
    await scan(page, '4006381333931');
    await handled(page, 6);
    await expect(tea.getByTestId('scan-stock-received')).toHaveText('+9');
    expect(await onHand(page, 'TEA-100', 'MAIN')).toBe(49);

    // A logistics label: SSCC, the content's GTIN and a count of 24.
    await scan(page, `]C100${SSCC}02${GTIN}3724`);
    await handled(page, 7);
    await expect(last).toContainText('Received 24 × AMOX-500 · Amoxicillin 500 mg at Main store.');
    expect(await onHand(page, 'AMOX-500', 'MAIN')).toBe(24);

    // A pharmacy DataMatrix: GTIN, expiry, lot and serial with FNC1 separators.
    await scan(page, `]d2${GS}01${GTIN}17271130` + `10LOT42${GS}21SER-1`);
    await scan(page, `]d2${GS}01${GTIN}17271130` + `10LOT42${GS}21SER-2`);
    await handled(page, 9);
    await expect(last).toHaveText('Received 1 more × AMOX-500 · Amoxicillin 500 mg at Main store: 2 on this line. lot LOT42 · expires 2027-11-30 · serial SER-2');
    const lot = panel.locator('[data-testid="scan-stock-receipt"][data-batch="LOT42"]');
    await expect(lot.getByTestId('scan-stock-received')).toHaveText('+2');
    await expect(lot.getByTestId('scan-stock-batch')).toHaveText('lot LOT42');
    expect(await onHand(page, 'AMOX-500', 'MAIN')).toBe(26);
    expect(await ledgerReasons(page, 'AMOX-500')).toContain('Received by scanning · lot LOT42 · expires 2027-11-30 · serial SER-1');
    await screenshotBoth(page, 'scan-receive-lines');
  });

  test('order lines: Enter takes an exact SKU in any case or the only suggestion; a miss is selected; a GS1 DataBar with a price adds its product at that price', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/orders/new' });
    await seedCatalog(page, PRODUCTS);
    await page.getByTestId('buyer-id').fill('C-25');
    const entry = page.getByTestId('line-entry');
    const lines = page.getByTestId('draft-line');

    await entry.fill('tea-100');
    await entry.press('Enter');
    await expect(lines).toHaveCount(1);
    await expect(lines.nth(0)).toHaveAttribute('data-sku', 'TEA-100');
    await expect(entry).toHaveValue('');

    // A miss: said so, and the text is selected so the next try replaces it.
    await entry.fill('nothing-like-it');
    await entry.press('Enter');
    await expect(page.getByText('nothing-like-it', { exact: false }).first()).toBeVisible();
    await expect.poll(() => entry.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 'nothing-like-it'.length]);
    // "cup" names one product only: Enter takes it.
    await page.keyboard.type('cup');
    await expect(entry).toHaveValue('cup');
    await entry.press('Enter');
    await expect(lines).toHaveCount(2);
    await expect(lines.nth(1)).toHaveAttribute('data-sku', 'CUP-01');

    // A GS1 DataBar with a price (AI 3922): read, not refused as an unknown AI.
    // Its price is this item's price; another price is a line of its own, the same one adds up.
    await scan(page, `]e001${GTIN}3922001299`);
    await handled(page, 1);
    await expect(lines).toHaveCount(3);
    await expect(lines.nth(2)).toHaveAttribute('data-sku', 'AMOX-500');
    await expect(lines.nth(2)).toContainText('12.99');
    await scan(page, `]e001${GTIN}3922000650`);
    await scan(page, `]e001${GTIN}3922001299`);
    await handled(page, 3);
    await expect(lines).toHaveCount(4);
    await expect(lines.nth(2).getByTestId('line-qty')).toHaveValue('2');
    await expect(lines.nth(3)).toContainText('6.50');
  });

  test('quick find: a surname finds the order, Enter opens the only one, and it says when there are more', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page, PRODUCTS);
    const { number } = await createOrderViaEngine(page, { buyerId: 'C-1', buyerName: 'Chen Jie', lines: [{ sku: 'TEA-100', qty: 1 }] });
    for (let i = 0; i < 9; i += 1) await createOrderViaEngine(page, { buyerId: `C-${i + 2}`, buyerName: `Ann Lee${i}`, lines: [{ sku: 'TEA-100', qty: 1 }] });
    const find = page.getByTestId('quick-find');
    await find.click();
    await find.fill('lee');
    await expect(find).toHaveAttribute('aria-controls', /.+/);
    const options = page.locator(`#${await find.getAttribute('aria-controls')}`).getByRole('option');
    await expect(options).toHaveCount(9); // 8 orders and "more"
    await expect(options.last()).toHaveText('More orders match than the 8 shown: type more of the number or name');
    await find.fill('jie');
    await expect(options).toHaveCount(1);
    await expect(options.first()).toHaveText(`${number} · Chen Jie`);
    await find.press('Enter');
    await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByText(number).first()).toBeVisible();
  });

  test("an order's number as printed under its barcode opens the order; a product code is still a product", async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page, PRODUCTS);
    const { number } = await createOrderViaEngine(page, { buyerId: 'C-1', buyerName: 'Chen Jie', lines: [{ sku: 'TEA-100', qty: 1 }] });
    await scan(page, number);
    await handled(page, 1);
    await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByText(number).first()).toBeVisible();
    await expect(page.getByText(`No product with the code ${number}`)).toHaveCount(0);
    await scan(page, 'PO-999999');
    await handled(page, 2);
    await expect(page.getByText('No product with the code PO-999999').first()).toBeVisible();
  });

  test('labels for an order, its lines and its refund sheets', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page, PRODUCTS);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-9', buyerName: 'Chen Jie', lines: [{ sku: 'TEA-100', qty: 2 }, { sku: 'CUP-01', qty: 1 }] });
    await page.evaluate((id) => (window.location.hash = `#/orders/${id}`), orderId);
    await page.getByTestId('order-print-label').click();
    const cards = page.getByTestId('label-sheet').getByTestId('label-card');
    await expect(cards).toHaveCount(3);
    await expect(cards.nth(0)).toHaveAttribute('data-kind', 'order');
    await expect(cards.nth(1)).toHaveAttribute('data-kind', 'item');
    await expect(cards.nth(1)).toHaveAttribute('data-payload', /^CF:L:/);
    await expect(cards.nth(1)).toContainText('TEA-100 · Green tea 100 g');
    // The line label scans back to its line.
    const payload = (await cards.nth(1).getAttribute('data-payload'))!;
    await page.getByTestId('labels-with-parts').click({ force: true });
    await expect(cards).toHaveCount(1);
    await scan(page, payload);
    await handled(page, 1);
    await expect(page.getByTestId('scan-last')).toHaveText(/^Line 1 of order PO-\d+: the next action cards apply to this line\.$/);
  });

  test('in Chinese: receiving by scanning and its quantity key speak zh-CN', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/stock/scan' });
    await seedCatalog(page, PRODUCTS);
    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    const panel = page.getByTestId('scan-stock-panel');
    await expect(panel).toContainText('下一次扫描的数量');
    await scan(page, 'CF:LOC:MAIN');
    await scan(page, '4006381333931');
    await scan(page, '4006381333931');
    await handled(page, 3);
    await expect(page.getByTestId('scan-last')).toHaveText('又入库 1 × TEA-100 · Green tea 100 g 到 Main store：本行共 2。');
    await expect(panel).toContainText('2 次扫描');
    await screenshotBoth(page, 'scan-receive-zh');
  });
});

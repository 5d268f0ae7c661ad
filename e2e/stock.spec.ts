// Stock screen, driven as a clerk drives it: menus, forms, keys, files.
import { expect, test, type Page } from '@playwright/test';
import { engineCall, openApp, screenshotBoth } from './support/app';
import { handled, scan } from './scanner.support';

/** Close every toast first: screenshotBoth's own loop can wait on a close button that has gone. */
async function quietToasts(page: Page): Promise<void> {
  const toasts = page.locator('.mantine-Notification-root');
  for (let i = 0; i < 20 && (await toasts.count()) > 0; i++) {
    await toasts.first().locator('button').first().click({ timeout: 1000 }).catch(() => undefined);
  }
  await expect(toasts).toHaveCount(0);
}

/** Seed catalogue and stock through the engine the UI uses (`?e2e=1` test seam). */
async function pickProduct(page: Page, dialog: ReturnType<Page['getByRole']>, search: string, option: RegExp) {
  await dialog.getByTestId('movement-sku').click();
  await dialog.getByTestId('movement-sku').fill(search);
  await page.getByRole('option', { name: option }).click();
}

function levelRow(page: Page, sku: string, location: string) {
  return page.locator(`[data-testid="level-row"][data-sku="${sku}"][data-location="${location}"]`);
}

test.describe('stock', () => {
  test('add a location and a product, receive, then count: levels and the ledger follow', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/stock' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stock');
    await expect(page.getByText('No products yet')).toBeVisible();

    // A location, from the More menu.
    await page.getByTestId('stock-more').click();
    await page.getByTestId('stock-add-location').click();
    const locationDialog = page.getByRole('dialog', { name: 'Add location' });
    await locationDialog.getByTestId('location-id').fill('MAIN');
    await locationDialog.getByTestId('location-name').fill('Main store');
    await locationDialog.getByTestId('location-name').press('Enter');
    await expect(locationDialog).toBeHidden();

    // A product.
    await page.getByTestId('stock-more').click();
    await page.getByTestId('stock-add-product').click();
    const productDialog = page.getByRole('dialog', { name: 'Add product' });
    await productDialog.getByTestId('product-sku').fill('TEA-1');
    await productDialog.getByTestId('product-name').fill('Green tea');
    await productDialog.getByTestId('product-reorder').fill('5');
    await productDialog.getByTestId('product-submit').click();
    await expect(productDialog).toBeHidden();
    await expect(page.getByText('No stock recorded yet')).toBeVisible();

    // Receive 12 with the R key; the only location is chosen already.
    await page.keyboard.press('r');
    const receive = page.getByRole('dialog', { name: 'Receive stock' });
    await pickProduct(page, receive, 'TEA', /TEA-1 · Green tea/);
    await expect(receive.getByTestId('movement-location')).toHaveValue(/Main store/);
    await receive.getByTestId('movement-qty').fill('12');
    await receive.getByTestId('movement-qty').press('Enter');
    await expect(receive).toBeHidden();
    await expect(page.getByText('Stock received')).toBeVisible();

    const row = levelRow(page, 'TEA-1', 'MAIN');
    await expect(row.getByTestId('level-onhand')).toHaveText('12');
    await expect(row.getByTestId('level-available')).toHaveText('12');
    await expect(row).toHaveAttribute('data-tone', 'ok');

    // Stock-take from the row's menu: counted 4, which is at the reorder point -> low.
    await row.getByTestId('level-menu').click();
    await page.getByRole('menuitem', { name: 'Count' }).click();
    const count = page.getByRole('dialog', { name: 'Count (stock-take)' });
    await expect(count.getByTestId('movement-level')).toContainText('12 on hand');
    await count.getByTestId('movement-qty').fill('4');
    await expect(count.getByText('Was 12, counted 4: difference -8')).toBeVisible();
    await count.getByTestId('movement-submit').click();
    await expect(count).toBeHidden();
    await expect(row.getByTestId('level-onhand')).toHaveText('4');
    await expect(row).toHaveAttribute('data-tone', 'low');
    await expect(row).toContainText('Low');
    await quietToasts(page);
    await screenshotBoth(page, 'stock-levels');

    // The ledger: newest first, the count's difference and the receipt.
    await row.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('ledger-drawer');
    await expect(drawer.getByRole('heading', { name: /Ledger.*TEA-1.*Green tea/ })).toBeVisible();
    const movements = drawer.getByTestId('ledger-row');
    await expect(movements).toHaveCount(2);
    await expect(movements.nth(0)).toHaveAttribute('data-kind', 'count');
    await expect(movements.nth(0).getByTestId('ledger-delta')).toHaveText('-8');
    await expect(movements.nth(0)).toContainText('Stock-take: counted 4, previous 12 (-8)');
    await expect(movements.nth(1)).toHaveAttribute('data-kind', 'receive');
    await expect(movements.nth(1).getByTestId('ledger-delta')).toHaveText('+12');
    await quietToasts(page);
    await screenshotBoth(page, 'stock-ledger');
    await page.keyboard.press('Escape');
    await expect(drawer.getByTestId('ledger-table')).toBeHidden();

    // Levels agree with the ledger.
    await page.getByTestId('stock-check').click();
    await expect(page.getByTestId('check-ok')).toContainText('Levels agree with the ledger');
    await page.getByRole('dialog', { name: 'Check stock' }).getByTestId('check-close').click();

    // Scanning goods in lives on its own screen, one menu item away.
    await page.getByTestId('stock-more').click();
    await page.getByTestId('stock-scan-goods').click();
    await expect(page).toHaveURL(/#\/stock\/scan$/);
  });

  test('change a product from its ledger: a taken barcode is refused and changes nothing; the new barcode scans; inactive is not sold', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/stock' });
    await engineCall(page, 'addLocation', { id: 'MAIN', name: 'Main store', priority: 0 });
    await engineCall(page, 'addProduct', { sku: 'TEA-1', name: 'Green tea', price: 650, barcodes: ['4006381333931'] });
    await engineCall(page, 'addProduct', { sku: 'MUG-1', name: 'Mug', barcodes: ['96385074'] });
    await engineCall(page, 'receive', { sku: 'TEA-1', locationId: 'MAIN', qty: 5 });
    const storedTea = () =>
      page.evaluate(() => (window as unknown as { __counterflowTest: { db: { products: { get(k: string): Promise<unknown> } } } }).__counterflowTest.db.products.get('TEA-1'));

    const row = levelRow(page, 'TEA-1', 'MAIN');
    await row.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByTestId('ledger-drawer');
    await drawer.getByTestId('ledger-edit-product').click();
    const dialog = page.getByRole('dialog', { name: 'Change product TEA-1' });
    await expect(dialog.getByTestId('product-sku')).toHaveValue('TEA-1');
    await expect(dialog.getByTestId('product-sku')).toHaveAttribute('readonly', '');
    await expect(dialog.getByTestId('product-name')).toHaveValue('Green tea');
    await expect(dialog.getByTestId('product-price')).toHaveValue('6.50');

    // The mug's barcode, even written as an EAN-13 (its EAN-8 with zeros in front): refused
    // with the engine's words, and nothing is written.
    const before = await storedTea();
    await dialog.getByTestId('product-name').fill('Sencha green tea');
    await dialog.getByTestId('product-barcodes').fill('0000096385074');
    await dialog.getByTestId('product-barcodes').press('Enter');
    await dialog.getByTestId('product-submit').click();
    await expect(dialog.getByTestId('product-refusal')).toHaveText('Barcode 0000096385074 already belongs to MUG-1');
    expect(await storedTea()).toEqual(before);
    await quietToasts(page);
    await screenshotBoth(page, 'stock-product-change');

    // Fixed: the tea keeps its barcode and gets a new one instead; name and price change.
    await dialog.getByTestId('product-barcodes').press('Backspace');
    await dialog.getByTestId('product-barcodes').fill('5901234123457');
    await dialog.getByTestId('product-barcodes').press('Enter');
    await dialog.getByTestId('product-price').fill('7.5');
    await dialog.getByTestId('product-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Product changed')).toBeVisible();
    await expect(drawer.getByRole('heading', { name: /Ledger.*TEA-1.*Sencha green tea/ })).toBeVisible();
    await expect(drawer).toContainText('4006381333931, 5901234123457');
    // A change to the catalogue moves no stock.
    await expect(drawer.getByTestId('ledger-row')).toHaveCount(1);
    await expect(drawer.getByTestId('ledger-levels')).toContainText('5');

    // No longer sold: the switch, then the new barcode scanned into a new order says so.
    await drawer.getByTestId('ledger-edit-product').click();
    await dialog.getByTestId('product-active').click({ force: true });
    await dialog.getByTestId('product-submit').click();
    await expect(dialog).toBeHidden();
    await expect(drawer).toContainText('inactive');
    await page.keyboard.press('Escape');
    await page.evaluate(() => (window.location.hash = '#/orders/new'));
    await expect(page.getByTestId('buyer-id')).toBeVisible();
    await scan(page, '5901234123457');
    await handled(page, 1);
    await expect(page.getByTestId('scan-last')).toHaveText('TEA-1 · Sencha green tea is no longer sold.');
    await expect(page.getByTestId('draft-line')).toHaveCount(0);
  });

  test('change a location: a bin cannot hold its own warehouse; renamed and first in line; inactive takes in no goods', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/stock' });
    await engineCall(page, 'addLocation', { id: 'MAIN', name: 'Main store', priority: 1 });
    await engineCall(page, 'addLocation', { id: 'BACK', name: 'Back room', priority: 2 });
    await engineCall(page, 'addLocation', { id: 'BIN-1', name: 'Bin 1', priority: 3, parentId: 'BACK' });
    await engineCall(page, 'addProduct', { sku: 'TEA-1', name: 'Green tea' });
    await engineCall(page, 'receive', { sku: 'TEA-1', locationId: 'BACK', qty: 2 });
    const storedBack = () =>
      page.evaluate(() => (window as unknown as { __counterflowTest: { db: { locations: { get(k: string): Promise<unknown> } } } }).__counterflowTest.db.locations.get('BACK'));
    await expect(levelRow(page, 'TEA-1', 'BACK')).toContainText('Back room');

    const changeBack = async () => {
      await page.getByTestId('stock-more').click();
      await page.getByTestId('stock-change-location').click();
      const dialog = page.getByRole('dialog', { name: 'Change location' });
      await dialog.getByTestId('location-pick').click();
      await page.getByRole('option', { name: 'Back room (BACK)' }).or(page.getByRole('option', { name: 'Back store (BACK)' })).click();
      await expect(dialog.getByTestId('location-id')).toHaveValue('BACK');
      return dialog;
    };

    // Part of its own bin: refused at the field, nothing written.
    let dialog = await changeBack();
    await expect(dialog.getByTestId('location-name')).toHaveValue('Back room');
    const before = await storedBack();
    await dialog.getByTestId('location-parent').click();
    await page.getByRole('option', { name: 'Bin 1 (BIN-1)' }).click();
    await dialog.getByTestId('location-submit').click();
    await expect(dialog.getByText('Back room cannot be part of Bin 1: that is part of Back room itself')).toBeVisible();
    expect(await storedBack()).toEqual(before);

    // Fixed: no parent, a new name, first in line for orders.
    await dialog.getByTestId('location-parent-clear').click();
    await expect(dialog.getByTestId('location-parent')).toHaveValue('');
    await dialog.getByTestId('location-name').fill('Back store');
    await dialog.getByTestId('location-priority').fill('0');
    await dialog.getByTestId('location-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Location changed')).toBeVisible();
    await expect(levelRow(page, 'TEA-1', 'BACK')).toContainText('Back store');
    expect(await storedBack()).toEqual({ id: 'BACK', name: 'Back store', priority: 0, parentId: null, active: true });

    // Inactive: receiving there is refused with the engine's words.
    dialog = await changeBack();
    await dialog.getByTestId('location-active').click({ force: true });
    await dialog.getByTestId('location-submit').click();
    await expect(dialog).toBeHidden();
    await levelRow(page, 'TEA-1', 'BACK').getByTestId('level-menu').click();
    await page.getByRole('menuitem', { name: 'Receive' }).click();
    const receive = page.getByRole('dialog', { name: 'Receive stock' });
    await receive.getByTestId('movement-qty').fill('3');
    await receive.getByTestId('movement-submit').click();
    await expect(receive.getByTestId('movement-refusal')).toContainText('Location Back store is not active');
    await expect(levelRow(page, 'TEA-1', 'BACK').getByTestId('level-onhand')).toHaveText('2');
  });

  test('a refused transfer or adjustment shows the clerk message and changes nothing', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/stock?e2e=1' });
    await engineCall(page, 'addLocation', { id: 'MAIN', name: 'Main store', priority: 0 });
    await engineCall(page, 'addLocation', { id: 'BACK', name: 'Back room', priority: 1 });
    await engineCall(page, 'addProduct', { sku: 'MUG-1', name: 'Ceramic mug', reorderPoint: 2 });
    await engineCall(page, 'receive', { sku: 'MUG-1', locationId: 'MAIN', qty: 5 });
    const row = levelRow(page, 'MUG-1', 'MAIN');
    await expect(row.getByTestId('level-onhand')).toHaveText('5');

    // More than is available.
    await page.keyboard.press('t');
    const transfer = page.getByRole('dialog', { name: 'Transfer stock' });
    await pickProduct(page, transfer, 'mug', /MUG-1 · Ceramic mug/);
    await transfer.getByTestId('movement-from').click();
    await page.getByRole('option', { name: /Main store/ }).click();
    await transfer.getByTestId('movement-to').click();
    await page.getByRole('option', { name: /Back room/ }).click();
    await transfer.getByTestId('movement-qty').fill('8');
    await transfer.getByTestId('movement-submit').click();
    await expect(transfer.getByTestId('movement-refusal')).toContainText('Only 5 x MUG-1 available (Main store 5); 8 to transfer from Main store');
    await quietToasts(page);
    await screenshotBoth(page, 'stock-transfer-refused');

    // To the location it is in: the message sits on the "To" field.
    await transfer.getByTestId('movement-to').click();
    await page.getByRole('option', { name: /Main store/ }).click();
    await transfer.getByTestId('movement-qty').fill('2');
    await transfer.getByTestId('movement-submit').click();
    await expect(transfer.getByText('Choose two different locations: stock cannot be transferred to the location it is in')).toBeVisible();
    await transfer.getByRole('button', { name: 'Cancel' }).click();

    // An adjustment without a reason.
    await row.getByTestId('level-menu').click();
    await page.getByRole('menuitem', { name: 'Adjust' }).click();
    const adjust = page.getByRole('dialog', { name: 'Adjust stock' });
    await adjust.getByTestId('movement-qty').fill('1');
    await adjust.getByTestId('movement-submit').click();
    await expect(adjust.getByText('Give a reason for the adjustment')).toBeVisible();
    await adjust.getByRole('button', { name: 'Cancel' }).click();

    // Nothing changed: same level, only the receipt in the ledger, nothing at the back room.
    await expect(row.getByTestId('level-onhand')).toHaveText('5');
    await expect(levelRow(page, 'MUG-1', 'BACK')).toHaveCount(0);
    expect(await engineCall(page, 'ledger', { sku: 'MUG-1' })).toHaveLength(1);

    // With a reason it goes through: 1 damaged.
    await row.getByTestId('level-menu').click();
    await page.getByRole('menuitem', { name: 'Adjust' }).click();
    await adjust.getByTestId('movement-qty').fill('1');
    await adjust.locator('label', { hasText: 'Damaged' }).click();
    await expect(adjust.getByTestId('movement-reason')).toHaveValue('Damaged');
    await adjust.getByTestId('movement-submit').click();
    await expect(adjust).toBeHidden();
    await expect(row.getByTestId('level-onhand')).toHaveText('4');

    // And a transfer that fits.
    await row.getByTestId('level-menu').click();
    await page.getByRole('menuitem', { name: 'Transfer' }).click();
    await transfer.getByTestId('movement-to').click();
    await page.getByRole('option', { name: /Back room/ }).click();
    await transfer.getByTestId('movement-qty').fill('3');
    await transfer.getByTestId('movement-submit').click();
    await expect(transfer).toBeHidden();
    await expect(row.getByTestId('level-onhand')).toHaveText('1');
    await expect(row).toHaveAttribute('data-tone', 'low');
    await expect(levelRow(page, 'MUG-1', 'BACK').getByTestId('level-onhand')).toHaveText('3');
  });

  test('CSV import with bad rows lists every problem and imports nothing; a good file imports; export saves', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/stock?e2e=1' });
    await engineCall(page, 'addLocation', { id: 'MAIN', name: 'Main store' });

    const bad = [
      'sku,name,unit,price,barcodes,reorderPoint,allowBackorder,active',
      'RICE-5,"Rice, 5 kg",bag,14,,3,false,true',
      'SOY-1,Soy sauce,btl,abc,,2,false,true',
      'RICE-5,Rice again,bag,14,,3,false,true',
      ',No sku,pcs,1,,0,false,true',
    ].join('\n');
    await page.getByTestId('stock-more').click();
    await page.getByTestId('stock-import-products').click();
    const dialog = page.getByRole('dialog', { name: 'Import products' });
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByTestId('csv-choose').click();
    await (await chooser).setFiles({ name: 'products-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await expect(dialog.getByTestId('csv-refusal')).toContainText('products-bad.csv: nothing was imported');
    const errors = dialog.getByTestId('csv-error');
    await expect(errors).toHaveCount(3);
    await expect(errors.nth(0)).toContainText('3');
    await expect(errors.nth(0)).toContainText('price');
    await expect(errors.nth(1)).toContainText('RICE-5 appears twice in the file (first on row 2)');
    await expect(errors.nth(2)).toContainText('SKU is required');
    await quietToasts(page);
    await screenshotBoth(page, 'stock-import-errors');
    await dialog.getByTestId('import-close').click();
    expect(await engineCall(page, 'exportProducts')).not.toContain('RICE-5');
    await expect(page.getByText('No products yet')).toBeVisible();

    // A good file, then stock levels for it.
    const good = ['sku,name,unit,price,barcodes,reorderPoint,allowBackorder,active', 'RICE-5,"Rice, 5 kg",bag,14,,3,false,true', 'SOY-1,Soy sauce,btl,4.6,,2,false,true'].join('\n');
    await page.getByTestId('stock-more').click();
    await page.getByTestId('stock-import-products').click();
    const chooser2 = page.waitForEvent('filechooser');
    await dialog.getByTestId('csv-choose').click();
    await (await chooser2).setFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await expect(dialog).toBeHidden();
    await expect(page.getByText('products.csv: 2 created, 0 updated')).toBeVisible();

    await page.getByTestId('stock-more').click();
    await page.getByTestId('stock-import-levels').click();
    const levels = page.getByRole('dialog', { name: 'Import stock levels' });
    const chooser3 = page.waitForEvent('filechooser');
    await levels.getByTestId('csv-choose').click();
    await (await chooser3).setFiles({ name: 'levels.csv', mimeType: 'text/csv', buffer: Buffer.from('sku,locationId,onHand\nRICE-5,MAIN,20\nSOY-1,MAIN,1\n') });
    await expect(levels).toBeHidden();
    await expect(levelRow(page, 'RICE-5', 'MAIN').getByTestId('level-onhand')).toHaveText('20');
    await expect(levelRow(page, 'SOY-1', 'MAIN')).toHaveAttribute('data-tone', 'low');

    // Filter: "low stock only", then by name.
    await page.locator('label', { hasText: 'Low stock only' }).click();
    await expect(page.getByTestId('level-row')).toHaveCount(1);
    await page.locator('label', { hasText: 'Low stock only' }).click();
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('/');
    await expect(page.getByTestId('stock-filter-query')).toBeFocused();
    await page.keyboard.type('soy', { delay: 90 }); // a person's pace: fast bursts read as scans
    await expect(page.getByTestId('level-row')).toHaveCount(1);
    await expect(page.getByTestId('level-row')).toHaveAttribute('data-sku', 'SOY-1');
    await page.getByTestId('stock-filter-query').press('Escape');
    await expect(page.getByTestId('level-row')).toHaveCount(2);

    // Export stock levels: a CSV download with the figures.
    const download = page.waitForEvent('download');
    await page.getByTestId('stock-more').click();
    await page.getByTestId('stock-export-levels').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^stock-levels-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(text).toContain('RICE-5,MAIN,20,0,20');
  });
});

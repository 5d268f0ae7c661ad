// Receiving and counting stock by scanning (Stock › Scan goods): a location label first,
// then the products.
import { expect, test } from '@playwright/test';
import { handled, scan } from './scanner.support';
import { openApp, screenshotBoth, seedCatalog } from './support/app';

async function onHand(page: import('@playwright/test').Page, sku: string, locationId: string): Promise<number | undefined> {
  return page.evaluate(
    async ([s, l]) => {
      const { db } = (window as unknown as { __counterflowTest: { db: { stockLevels: { get(k: [string, string]): Promise<{ onHand: number } | undefined> } } } }).__counterflowTest;
      return (await db.stockLevels.get([s!, l!]))?.onHand;
    },
    [sku, locationId],
  );
}

test.describe('stock by scanning', () => {
  test('a location label, then products: received at once; a count is booked when saved', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/stock/scan' });
    await seedCatalog(page);
    await page.evaluate(async () => {
      const { counter } = (window as unknown as { __counterflowTest: { counter: { addLocation(l: unknown): Promise<{ ok: boolean }> } } }).__counterflowTest;
      await counter.addLocation({ id: 'BIN-A1', name: 'Shelf A1', priority: 2 });
    });
    const panel = page.getByTestId('scan-stock-panel');
    const last = page.getByTestId('scan-last');

    // A product before any location: said so, nothing booked.
    await scan(page, '4006381333931');
    await handled(page, 1);
    await expect(last).toHaveText('Scan a location label first (or pick the location), then scan the products.');

    await scan(page, 'CF:LOC:BIN-A1');
    await handled(page, 2);
    await expect(last).toHaveText('Location Shelf A1 (BIN-A1): the next products go there.');
    await expect(panel.getByTestId('scan-stock-location')).toHaveValue('Shelf A1 (BIN-A1)');

    // Receive: each scan books one in; the second adds to the same line.
    await scan(page, '4006381333931');
    await scan(page, '4006381333931');
    await handled(page, 4);
    await expect(last).toHaveText('Received 1 more × TEA-100 · Green tea 100 g at Shelf A1: 2 on this line.');
    await expect(panel.getByTestId('scan-stock-receipt')).toHaveCount(1);
    await expect(panel.getByTestId('scan-stock-received')).toHaveText('+2');
    await expect(panel.getByTestId('scan-stock-on-hand').first()).toHaveText('2');
    expect(await onHand(page, 'TEA-100', 'BIN-A1')).toBe(2);
    expect(await onHand(page, 'TEA-100', 'MAIN')).toBe(40);

    // Count: scans add to a tally; saving books it as the counted figure.
    await panel.getByTestId('scan-stock-mode').getByText('Count').click();
    for (let i = 0; i < 3; i += 1) await scan(page, 'CUP-01');
    await handled(page, 7);
    const tally = panel.locator('[data-testid="scan-stock-tally"][data-sku="CUP-01"]');
    await expect(tally.getByTestId('scan-stock-counted')).toHaveText('3');
    await screenshotBoth(page, 'scanner-stock');
    expect(await onHand(page, 'CUP-01', 'BIN-A1')).toBeUndefined();
    await panel.getByTestId('scan-stock-save-count').click();
    await expect(tally).toHaveCount(0);
    expect(await onHand(page, 'CUP-01', 'BIN-A1')).toBe(3);
  });
});

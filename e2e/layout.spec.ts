// Fit and finish at a counter's common screen, 1366x768: nothing in the header is cut off,
// toasts stay off the screen being worked on, and "opening the database" does not move the
// board when it goes.
import { expect, test, type Page, type Route } from '@playwright/test';
import { actViaEngine, createOrderViaEngine, openApp, seedCatalog } from './support/app';
import { handled, scan } from './scanner.support';

test.use({ viewport: { width: 1366, height: 768 } });

/** Elements in `selector` whose content is wider than their box (cut off or ellipsised). */
function cutOff(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const root of document.querySelectorAll<HTMLElement>(sel)) {
      for (const el of [root, ...root.querySelectorAll<HTMLElement>('*')]) {
        // Screen-reader-only text is 1 px wide on purpose; hidden elements have no box.
        if (el.closest('.mantine-VisuallyHidden-root') || el.clientWidth === 0) continue;
        if (el.scrollWidth > el.clientWidth) out.push(`${el.className || el.tagName} "${el.textContent?.trim()}": ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    return out;
  }, selector);
}

test.describe('layout at 1366x768', () => {
  for (const lang of ['en', 'zh'] as const) {
    test(`no header badge, role or control is cut off (${lang}, demo periods on)`, async ({ page }, testInfo) => {
      await page.addInitScript((l) => window.localStorage.setItem('counterflow.lang', l), lang);
      await openApp(page, testInfo, { demo: true });
      const header = page.locator('header');
      // Both status badges are shown: the demo periods one and this device's.
      await expect(header.locator('.mantine-Badge-root')).toHaveCount(2);
      await expect(header.getByTestId('leader-badge')).toBeVisible();
      expect(await cutOff(page, 'header')).toEqual([]);
      // The header's row fits the window: nothing runs off its right edge.
      const row = await header.evaluate((h) => ({ scroll: h.scrollWidth, client: h.clientWidth }));
      expect(row.scroll).toBeLessThanOrEqual(row.client);
      const toggle = await page.getByTestId('theme-toggle').boundingBox();
      expect(toggle!.x + toggle!.width).toBeLessThanOrEqual(1366);
    });
  }

  test('no badge or pill on the board, an order or the stock screen is cut off; the column picker says what it shows', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { demo: true });
    await seedCatalog(page);
    const paid = await createOrderViaEngine(page, { buyerId: 'ann', buyerName: 'Ann Lee-Montgomery', lines: [{ sku: 'TEA-100', qty: 2 }, { sku: 'CUP-01', qty: 1 }] });
    await actViaEngine(page, { kind: 'order', id: paid.orderId }, 'P', 'payment successful');
    await createOrderViaEngine(page, { buyerId: 'bob', lines: [{ sku: 'TEA-100', qty: 1 }] });
    const badges = 'main .mantine-Badge-root, main .mantine-Pill-root, main .mantine-SegmentedControl-root';

    await expect(page.getByTestId('order-card')).toHaveCount(2);
    const picker = page.getByTestId('column-picker');
    const columns = page.getByTestId('board-column');
    const total = await columns.count();
    await expect(picker).toHaveText(`${total} of ${total} shown`);
    expect(await cutOff(page, badges)).toEqual([]);
    expect(await cutOff(page, '[data-testid="board-filters"]')).toEqual([]);

    // Hide a column from the picker: the board and the picker's words follow.
    await picker.click();
    await page.getByTestId('column-option').first().click();
    await expect(columns).toHaveCount(total - 1);
    await expect(picker).toHaveText(`${total - 1} of ${total} shown`);
    await page.keyboard.press('Escape');

    for (const [path, shown] of [[`/orders/${paid.orderId}`, 'timeline-event'], ['/stock', 'level-row'], ['/tasks', 'timer-row']] as const) {
      await page.evaluate((p) => (window.location.hash = p), path);
      await expect(page.getByTestId(shown).first()).toBeVisible();
      expect(await cutOff(page, badges), path).toEqual([]);
    }
  });

  test('a toast stays within the navbar, off the screen being worked on', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    // A product scanned on the board: an info toast says where it can be used.
    await scan(page, '4006381333931');
    await handled(page, 1);
    const toast = page.locator('.mantine-Notification-root').filter({ hasText: 'TEA-100' });
    await expect(toast).toBeVisible();
    // It slides in from the left edge: the check holds once it has come to rest.
    await expect(async () => {
      const [box, navbar, screen] = await Promise.all([toast.boundingBox(), page.locator('nav').first().boundingBox(), page.getByRole('heading', { level: 1 }).boundingBox()]);
      expect(box!.x).toBeGreaterThanOrEqual(navbar!.x);
      expect(box!.x + box!.width).toBeLessThanOrEqual(navbar!.x + navbar!.width);
      expect(box!.x + box!.width).toBeLessThan(screen!.x);
      expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    }).toPass();
  });

  test('"opening the database" does not move the board when it goes', async ({ page }, testInfo) => {
    // Hold the engine worker's script, so the app shows its starting state for as long as the
    // test needs to measure it; then let the engine start.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/engine\.worker-[^/]*\.js$/, async (route: Route) => {
      await held;
      await route.continue();
    });
    await openApp(page, testInfo, { waitForEngine: false });
    const starting = page.getByTestId('engine-starting');
    await expect(starting).toBeVisible();
    const heading = page.getByRole('heading', { level: 1, name: 'Order boards' });
    await expect(heading).toBeVisible();
    const where = async () => {
      const [h, main] = await Promise.all([heading.boundingBox(), page.locator('main').boundingBox()]);
      return { headingX: h!.x, headingY: h!.y, mainY: main!.y, mainHeight: main!.height };
    };
    const before = await where();
    release();
    await expect(starting).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByTestId('engine-failed')).toHaveCount(0);
    expect(await where()).toEqual(before);
  });
});

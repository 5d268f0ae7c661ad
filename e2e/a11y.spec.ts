// Readable at arm's length: every screen and the main dialogs pass an automated WCAG 2.1 AA
// check (axe-core), in the light and the dark theme, with data on them so that tables,
// badges in several state colours, cards and the timeline are drawn. Nothing is excluded:
// a finding is fixed in the theme or the component.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { actViaEngine, createOrderViaEngine, openApp, seedCatalog } from './support/app';
import { handled, scan } from './scanner.support';

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Finding {
  where: string;
  rule: string;
  nodes: string[];
}

/** Runs axe on the page (or the open dialog) and returns what it found, one line per node. */
async function check(page: Page, where: string, include?: string): Promise<Finding[]> {
  // Let transitions (a dialog fading in, a colour changing) finish: axe reads the colours of the moment.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  let builder = new AxeBuilder({ page }).withTags(WCAG_AA);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map((v) => ({
    where,
    rule: v.id,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''}`),
  }));
}

function report(findings: Finding[]): string {
  return findings.map((f) => `${f.where}: ${f.rule} (${f.nodes.length})\n  ${f.nodes.join('\n  ')}`).join('\n');
}

/** Navigates the way the menu does and waits until the screen and its data are shown. */
async function goTo(page: Page, path: string, shown: (page: Page) => ReturnType<Page['getByText']>): Promise<void> {
  await page.evaluate((p) => (window.location.hash = p), path);
  await expect(shown(page).first()).toBeVisible();
  await expect(page.locator('main [role="status"]').filter({ hasText: /loading/i })).toHaveCount(0);
}

async function engine(page: Page, method: string, ...args: unknown[]): Promise<void> {
  const result = await page.evaluate(
    ([m, a]) => (window as unknown as { __counterflowTest: { counter: Record<string, (...x: unknown[]) => Promise<{ ok: boolean; message?: string }>> } }).__counterflowTest.counter[m as string]!(...(a as unknown[])),
    [method, args] as const,
  );
  if (!result.ok) throw new Error(`${method}: ${result.message}`);
}

/** Opens the app in `scheme` (the operator's saved choice, as the theme toggle leaves it), demo periods on. */
async function openIn(page: Page, testInfo: TestInfo, scheme: 'light' | 'dark'): Promise<void> {
  await page.addInitScript((s) => window.localStorage.setItem('mantine-color-scheme-value', s), scheme);
  await openApp(page, testInfo, { demo: true });
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
  // A catalogue with a product in stock, one low (at its reorder point) and one out.
  await seedCatalog(page);
  await engine(page, 'addProduct', { sku: 'SOAP-1', name: 'Olive soap', price: 3, reorderPoint: 5, barcodes: [] });
  await engine(page, 'receive', { sku: 'SOAP-1', locationId: 'MAIN', qty: 4 });
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`WCAG 2.1 AA, ${scheme} theme`, () => {
    test('every screen passes', async ({ page }, testInfo) => {
      test.setTimeout(300_000);
      await openIn(page, testInfo, scheme);
      // Orders in several states: paid, waiting for payment, cancelled, a paid service.
      const paid = await createOrderViaEngine(page, { buyerId: 'ann', buyerName: 'Ann Lee', lines: [{ sku: 'TEA-100', qty: 2 }] });
      await actViaEngine(page, { kind: 'order', id: paid.orderId }, 'P', 'payment successful');
      await createOrderViaEngine(page, { buyerId: 'bob', lines: [{ sku: 'CUP-01', qty: 1 }] });
      const cancelled = await createOrderViaEngine(page, { buyerId: 'dee', lines: [{ sku: 'TEA-100', qty: 1 }] });
      await actViaEngine(page, { kind: 'order', id: cancelled.orderId }, 'B', 'cancel order');
      const service = await createOrderViaEngine(page, { type: 'service', buyerId: 'cy', lines: [{ sku: 'MASSAGE-60', qty: 1, serviceTimes: 2 }] });
      await actViaEngine(page, { kind: 'order', id: service.orderId }, 'P', 'payment successful');
      // A scan, for the scan log (and its toast, on the screens that follow).
      await scan(page, '4006381333931');
      await handled(page, 1);

      const findings: Finding[] = [];
      const heading = (p: Page) => p.getByRole('heading', { level: 1 });
      // Every route in renderer/app/routes.tsx, an unknown one included.
      const screens: Array<[string, (p: Page) => ReturnType<Page['getByText']>]> = [
        ['/boards', (p) => p.getByTestId('order-card')],
        ['/orders/new', heading],
        [`/orders/${paid.orderId}`, (p) => p.getByTestId('timeline-event')],
        [`/orders/${service.orderId}`, (p) => p.getByTestId('timeline-event')],
        [`/orders/${cancelled.orderId}`, (p) => p.getByTestId('timeline-event')],
        ['/stock', (p) => p.getByTestId('level-row')],
        ['/stock/scan', heading],
        ['/tasks', (p) => p.getByTestId('timer-row')],
        ['/workflows', (p) => p.getByTestId('diagram-state')],
        ['/scans', heading],
        ['/settings', heading],
        ['/labels', heading],
        ['/audit', heading],
        ['/parcels', (p) => p.getByTestId('parcels-page')],
        ['/parcels/exceptions', heading],
        ['/search', (p) => p.getByTestId('search-text')],
        [`/print/receipt/${paid.orderId}`, (p) => p.getByTestId('print-sheet')],
        ['/nowhere', (p) => p.getByText('Page not found')],
      ];
      for (const [path, shown] of screens) {
        await goTo(page, path, shown);
        findings.push(...(await check(page, path)));
      }
      expect(findings, report(findings)).toEqual([]);
    });

    test('the main dialogs and menus pass', async ({ page }, testInfo) => {
      test.setTimeout(300_000);
      await openIn(page, testInfo, scheme);
      const findings: Finding[] = [];

      // The board's column picker.
      await goTo(page, '/boards', (p) => p.getByTestId('column-picker'));
      await page.getByTestId('column-picker').click();
      await expect(page.getByRole('menu')).toBeVisible();
      findings.push(...(await check(page, 'column picker', '[role="menu"]')));
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menu')).toHaveCount(0);

      // The stock screen's dialogs and drawer.
      const dialog = page.getByRole('dialog');
      await goTo(page, '/stock', (p) => p.getByTestId('level-row'));
      const dialogs: Array<[string, () => Promise<void>]> = [
        ['product form', async () => {
          await page.getByTestId('stock-more').click();
          await page.getByTestId('stock-add-product').click();
        }],
        ['location form', async () => {
          await page.getByTestId('stock-more').click();
          await page.getByTestId('stock-add-location').click();
        }],
        ['receive', () => page.getByTestId('stock-receive').click()],
        ['check stock', () => page.getByTestId('stock-check').click()],
        ['ledger', () => page.locator('[data-testid="level-row"][data-sku="TEA-100"]').getByTestId('level-sku').click()],
      ];
      for (const [name, open] of dialogs) {
        await open();
        await expect(dialog).toBeVisible();
        findings.push(...(await check(page, name, '[role="dialog"]')));
        // Its close button has a name now (it had none: axe's button-name).
        await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
        await expect(dialog).toHaveCount(0);
      }
      expect(findings, report(findings)).toEqual([]);
    });

    test('an action form, the CSV import, the restore, the till with its Z report and the returns desk pass', async ({ page }, testInfo) => {
      test.setTimeout(300_000);
      await openIn(page, testInfo, scheme);
      const findings: Finding[] = [];
      const dialog = page.getByRole('dialog');

      // The seller's "ship the order" form (carrier, tracking numbers, parcels), open on the order.
      const paid = await createOrderViaEngine(page, { buyerId: 'ann', buyerName: 'Ann Lee', lines: [{ sku: 'TEA-100', qty: 1 }] });
      await actViaEngine(page, { kind: 'order', id: paid.orderId }, 'P', 'payment successful');
      await goTo(page, `#/orders/${paid.orderId}`, (p) => p.getByTestId('timeline-event'));
      await expect(page.getByTestId('action-panel')).toHaveAttribute('aria-busy', 'false');
      await page.keyboard.press('F2');
      await page.locator('[data-testid="action-button"][data-action="ship the order"]').click();
      await expect(page.getByTestId('action-form')).toBeVisible();
      findings.push(...(await check(page, 'ship form', '[data-testid="action-form-panel"]')));
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('action-form')).toHaveCount(0);

      // The returns desk with a returned line waiting for its inspection.
      const returned = await createOrderViaEngine(page, { buyerId: 'bob', buyerName: 'Bob Wu', lines: [{ sku: 'TEA-100', qty: 1 }] });
      const lineId = await page.evaluate(
        async (id) => ((await (window as unknown as { __counterflowTest: { counter: { getOrder(id: string): Promise<{ items: Array<{ id: string }> }> } } }).__counterflowTest.counter.getOrder(id)).items[0]!.id),
        returned.orderId,
      );
      await actViaEngine(page, { kind: 'order', id: returned.orderId }, 'P', 'payment successful');
      await actViaEngine(page, { kind: 'order', id: returned.orderId }, 'S', 'ship the order');
      for (const [role, action] of [['B', 'request refund with return'], ['S', 'agree refund'], ['B', 'ship back'], ['S', 'agree refund'], ['P', 'finished refund']] as const) {
        await actViaEngine(page, { kind: 'item', id: lineId }, role, action);
      }
      await goTo(page, '#/returns', (p) => p.getByTestId('returns-order'));
      await page.getByTestId('returns-order').fill(returned.number);
      await page.getByTestId('returns-find').click();
      await expect(page.getByTestId('returns-line')).toBeVisible();
      findings.push(...(await check(page, '/returns')));

      // The till: open with a float, then closed with a count, and its Z report.
      await goTo(page, '#/till', (p) => p.getByTestId('till-float'));
      findings.push(...(await check(page, '/till (closed)')));
      await page.getByTestId('till-float').fill('100');
      await page.getByTestId('till-open').click();
      await expect(page.getByTestId('till-open-session')).toBeVisible();
      findings.push(...(await check(page, '/till (open)')));
      await page.getByTestId('till-counted').fill('99.50');
      await page.getByTestId('till-close').click();
      await page.getByTestId('confirm-close-till-ok').click();
      await expect(page.getByTestId('z-report')).toBeVisible();
      findings.push(...(await check(page, 'Z report')));

      // The CSV import dialog.
      await goTo(page, '#/stock', (p) => p.getByTestId('level-row'));
      await page.getByTestId('stock-more').click();
      await page.getByTestId('stock-import-products').click();
      await expect(dialog.getByTestId('csv-choose')).toBeVisible();
      findings.push(...(await check(page, 'CSV import', '[role="dialog"]')));
      await dialog.getByTestId('import-close').click();
      await expect(dialog).toHaveCount(0);

      // The restore dialog, asking before it replaces everything.
      await goTo(page, '#/settings', (p) => p.getByTestId('settings-backup'));
      const download = page.waitForEvent('download');
      await page.getByTestId('backup-now').click();
      const file = testInfo.outputPath('a11y.cfbackup');
      await (await download).saveAs(file);
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('restore-open').click();
      await (await chooser).setFiles(file);
      await expect(page.getByTestId('restore-summary')).toBeVisible();
      findings.push(...(await check(page, 'restore', '[role="dialog"]')));
      await page.getByTestId('restore-cancel').click();
      await expect(dialog).toHaveCount(0);

      expect(findings, report(findings)).toEqual([]);
    });
  });
}

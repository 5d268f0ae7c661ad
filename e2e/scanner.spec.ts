// The barcode scanner, simulated the way a keyboard-wedge scanner types: characters a few
// milliseconds apart, then Enter (see scanner.support.ts). A person is simulated with keys
// well apart.
import { expect, test, type Page } from '@playwright/test';
import { withCheckDigit } from '../shared/barcode/index';
import { handled, scan } from './scanner.support';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actViaEngine, createOrderViaEngine, openApp, SCREENSHOT_DIR, screenshotBoth, seedCatalog } from './support/app';

const lastScan = (page: Page) => page.getByTestId('scan-last');

async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => (window.location.hash = `#${p}`), path);
}

test.describe('scanner', () => {
  test('a scan never lands in the focused input or clicks the focused button; a person typing still does', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/orders/new' });
    await seedCatalog(page);

    // Focus is in the buyer field (the form focuses it). A scan of a product barcode adds a
    // line instead of typing 13 digits into the buyer's id.
    const buyer = page.getByTestId('buyer-id');
    await buyer.click();
    await scan(page, '4006381333931');
    await handled(page, 1);
    await expect(buyer).toHaveValue('');
    await expect(page.getByTestId('draft-line')).toHaveCount(1);
    await expect(page.getByTestId('draft-line')).toHaveAttribute('data-sku', 'TEA-100');
    await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-ok', 'true');

    // A person typing into the same field, at a person's pace, with Enter at the end.
    await buyer.pressSequentially('C-1001', { delay: 90 });
    await expect(buyer).toHaveValue('C-1001');
    // Editing keys and the caret work as usual.
    await buyer.press('Backspace');
    await buyer.pressSequentially('2', { delay: 90 });
    await expect(buyer).toHaveValue('C-1002');

    // A scan with the Create button focused neither clicks it nor types anything.
    await page.getByTestId('create-order').focus();
    await scan(page, 'CF:ROLE:B');
    await handled(page, 2);
    await expect(page).toHaveURL(/#\/orders\/new$/);
    await expect(page.getByTestId('create-refusal')).toHaveCount(0);
    await expect(page.getByTestId('role-switcher').locator('input[value="B"]')).toBeChecked();
    await expect(buyer).toHaveValue('C-1002');
    // Spaces inside a scan (an action card) do not press the focused button either.
    await page.getByTestId('create-order').focus();
    await scan(page, 'CF:A:ship the order');
    await handled(page, 3);
    await expect(page.getByTestId('scan-last')).toContainText('Open an order first');
    await expect(page.getByTestId('create-refusal')).toHaveCount(0);
    await expect(page).toHaveURL(/#\/orders\/new$/);

    // A scan while the line field has focus lands as a line, not as text in it.
    const entry = page.getByTestId('line-entry');
    await entry.click();
    await scan(page, '4006381333931');
    await handled(page, 4);
    await expect(entry).toHaveValue('');
    await expect(page.getByTestId('line-qty')).toHaveValue('2');
    await screenshotBoth(page, 'scanner-create-order');
  });

  test('scanning products into create-order builds the lines (same product twice = qty 2)', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/orders/new' });
    await seedCatalog(page);
    await page.getByTestId('buyer-id').fill('C-3003');

    await scan(page, '4006381333931'); // TEA-100 by its EAN-13
    await scan(page, 'CUP-01'); // a SKU label (Code 128)
    await scan(page, '4006381333931');
    await handled(page, 3);
    const lines = page.getByTestId('draft-line');
    await expect(lines).toHaveCount(2);
    await expect(lines.nth(0)).toHaveAttribute('data-sku', 'TEA-100');
    await expect(lines.nth(0).getByTestId('line-qty')).toHaveValue('2');
    await expect(lines.nth(1)).toHaveAttribute('data-sku', 'CUP-01');
    await expect(lines.nth(1).getByTestId('line-qty')).toHaveValue('1');
    await expect(lastScan(page)).toHaveText('TEA-100 · Green tea 100 g: quantity now 2.');

    // An unknown product is reported and adds nothing.
    await scan(page, '5012345678900');
    await handled(page, 4);
    await expect(lastScan(page)).toHaveText('No product with the code 5012345678900. Check the catalogue on the Stock screen.');
    await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-ok', 'false');
    await expect(lines).toHaveCount(2);

    await page.keyboard.press('Control+Enter');
    await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('order-lines').locator('tbody tr')).toHaveCount(2);
  });

  test('ten quick scans are ten scans, in order', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/orders/new' });
    const codes = Array.from({ length: 10 }, (_, i) => withCheckDigit(`400638100${String(i).padStart(3, '0')}`));
    await seedCatalog(
      page,
      codes.map((code, i) => ({ sku: `P-${i}`, name: `Product ${i}`, price: (1 + i) * 100, stock: 5, barcodes: [code] })),
    );

    const started = Date.now();
    for (const code of codes) await scan(page, code);
    const took = Date.now() - started;
    await handled(page, 10);
    testInfo.annotations.push({ type: 'ten scans typed in', description: `${took} ms` });

    await expect(page.getByTestId('draft-line')).toHaveCount(10);
    for (let i = 0; i < 10; i += 1) await expect(page.getByTestId('draft-line').nth(i)).toHaveAttribute('data-sku', `P-${i}`);

    // The scan log has the ten rows, newest first, in the order they were scanned.
    await goTo(page, '/scans');
    const rows = page.getByTestId('scanlog-row');
    await expect(rows).toHaveCount(10);
    await expect(page.getByTestId('scanlog-raw')).toHaveText([...codes].reverse());
    await expect(page.getByTestId('scanlog-result').first()).toHaveAttribute('data-ok', 'true');
    await screenshotBoth(page, 'scanlog');

    // Filters: kind and result.
    await page.getByTestId('scanlog-filter-result').getByText('Failed').click();
    await expect(page.getByTestId('empty-state')).toContainText('No scans match these filters');
    await page.getByTestId('scanlog-filter-result').getByText('All').click();
    await expect(rows).toHaveCount(10);

    // CSV export through the host (a download in the browser), oldest first.
    const download = page.waitForEvent('download');
    await page.getByTestId('scanlog-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^scan-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await file.path(), 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('seq,time,raw,type,screen,result,message,operator,role,device');
    expect(csv).toHaveLength(11);
    expect(csv[1]).toContain(`,${codes[0]},product,create-order,ok,`);
  });

  test('an order label opens the whole order at once, and a second label never shows the first order under its address', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page);
    const first = await createOrderViaEngine(page, { buyerId: 'C-1', buyerName: 'Ann Meyer', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    const second = await createOrderViaEngine(page, { buyerId: 'C-2', buyerName: 'Ben Wang', lines: [{ sku: 'TEA-100', qty: 2, unitPrice: 1250 }] });
    await expect(page.locator(`[data-testid="order-card"][data-order-number="${first.number}"]`)).toBeVisible();
    // The order screen's code is loaded once per window (its first opening may show that).
    await scan(page, `CF:O:${first.number}`);
    await expect(page.getByTestId('order-number')).toHaveText(first.number);
    await goTo(page, '/boards');
    await expect(page.locator(`[data-testid="order-card"][data-order-number="${first.number}"]`)).toBeVisible();

    // Every DOM change from here on: was a loading indicator up, which order did the page
    // show, and under which address.
    await page.evaluate(() => {
      const w = window as unknown as { seen: Array<{ hash: string; number: string | null; loading: boolean }> };
      w.seen = [];
      new MutationObserver(() => {
        w.seen.push({
          hash: location.hash,
          number: document.querySelector('[data-testid="order-number"]')?.textContent ?? null,
          loading: document.querySelector('main [role="status"]') !== null,
        });
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const seen = () => page.evaluate(() => (window as unknown as { seen: Array<{ hash: string; number: string | null; loading: boolean }> }).seen.splice(0));

    // From the board: the order's page comes complete, with no loading step in between.
    await scan(page, `CF:O:${first.number}`);
    await expect(page.getByTestId('order-number')).toHaveText(first.number);
    await expect(page.getByTestId('line-1')).toBeVisible();
    const fromBoard = await seen();
    expect(fromBoard.some((s) => s.hash.includes(first.orderId))).toBe(true);
    expect(fromBoard.filter((s) => s.loading)).toEqual([]);

    // From that order to another: the new address never shows the first order's rows, and
    // the new order opens on its timeline whichever record tab the first one showed.
    await page.getByRole('tab', { name: /Refund sheets/ }).click();
    await expect(page.getByRole('tab', { name: /Refund sheets/ })).toHaveAttribute('aria-selected', 'true');
    await seen();
    await scan(page, `CF:O:${second.number}`);
    await expect(page).toHaveURL(new RegExp(`#/orders/${second.orderId}$`));
    await expect(page.getByTestId('order-number')).toHaveText(second.number);
    await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('timeline')).toBeVisible();
    const toSecond = (await seen()).filter((s) => s.hash.includes(second.orderId));
    expect(toSecond.length).toBeGreaterThan(0);
    expect(toSecond.filter((s) => s.number !== second.number || s.loading)).toEqual([]);

    // Back to the first order through the browser's history (no scan read it ahead): its
    // address shows the loading state or the first order, never the second one.
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`#/orders/${first.orderId}$`));
    await expect(page.getByTestId('order-number')).toHaveText(first.number);
    const back = (await seen()).filter((s) => s.hash.includes(first.orderId));
    expect(back.length).toBeGreaterThan(0);
    expect(back.filter((s) => s.number !== null && s.number !== first.number)).toEqual([]);
  });

  test('an order label then an action card moves the order; detail and board follow', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page);
    const { orderId, number } = await createOrderViaEngine(page, { buyerId: 'C-9', buyerName: 'Zhou Min', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    const card = page.locator(`[data-testid="order-card"][data-order-number="${number}"]`);
    await expect(card).toBeVisible();

    // From the boards: the order label opens the order.
    await scan(page, `CF:O:${number}`);
    await expect(page).toHaveURL(new RegExp(`#/orders/${orderId}$`));
    await expect(page.getByTestId('order-state')).toHaveText('finished payment');

    // The seller's "ship the order" card. The page notes when the badge first shows the
    // new state, to check below that the app's scan-to-screen measure does not end before.
    await expect(page.getByTestId('acting-role')).toHaveText(/Seller/);
    await page.evaluate(() => {
      const w = window as unknown as { badgeShowedFsAt?: number };
      const observer = new MutationObserver(() => {
        if (w.badgeShowedFsAt === undefined && document.querySelector('[data-testid="order-state"][data-state="FS"]')) {
          w.badgeShowedFsAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await scan(page, 'CF:A:ship the order');
    await handled(page, 2);
    await expect(page.getByTestId('order-state')).toHaveText('finished shipping');
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-entity-id', orderId);
    // The panel offers the new state's actions once the page has re-read the order.
    await expect(page.locator('[data-testid="action-button"][data-action="ship the order"]')).toHaveCount(0);
    await expect(page.getByTestId('action-panel')).toHaveAttribute('aria-busy', 'false');
    await page.waitForFunction(() => performance.getEntriesByName('scan:painted', 'mark').some((m) => (m as PerformanceMark).detail?.kind === 'action'), undefined, { timeout: 15_000 });
    const shipTiming = await page.evaluate(() => {
      const w = window as unknown as { badgeShowedFsAt?: number };
      const mark = performance.getEntriesByName('scan:painted', 'mark').find((m) => (m as PerformanceMark).detail?.kind === 'action');
      return { badge: w.badgeShowedFsAt ?? null, painted: mark?.startTime ?? null };
    });
    expect(shipTiming.badge).not.toBeNull();
    expect(shipTiming.painted).not.toBeNull();
    expect(shipTiming.painted!).toBeGreaterThanOrEqual(shipTiming.badge!);
    await expect(lastScan(page)).toContainText('ship the order');
    await expect(page.getByTestId('scan-toast').filter({ hasText: 'finished shipping' })).toBeVisible();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scanner-feedback-ok.png') });
    await screenshotBoth(page, 'scanner-action-card');

    // The same card again: not possible in this state, said so, nothing changes.
    await scan(page, 'CF:A:ship the order');
    await handled(page, 3);
    await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-ok', 'false');
    await expect(lastScan(page)).toContainText('not allowed in finished shipping');
    await expect(page.getByTestId('order-state')).toHaveText('finished shipping');

    // A role card then the buyer's card.
    await scan(page, 'CF:ROLE:B');
    await scan(page, 'CF:A:confirm reception of order');
    await handled(page, 5);
    await expect(page.getByTestId('order-state')).toHaveText('successful transaction');

    // Scan-to-screen is measured for the benchmarks: Enter keydown to the painted result.
    await expect
      .poll(() => page.evaluate(() => performance.getEntriesByName('scan-to-screen', 'measure').length))
      .toBeGreaterThanOrEqual(5);
    const timings = await page.evaluate(() =>
      performance.getEntriesByName('scan-to-screen', 'measure').map((m) => ({ ms: m.duration, ...((m as PerformanceMeasure).detail as { kind: string; settle: string; timedOut: boolean }) })),
    );
    const moved = timings.filter((m) => m.kind === 'action' && m.settle === 'commit');
    expect(moved.length).toBeGreaterThanOrEqual(2);
    for (const m of moved) {
      expect(m.timedOut).toBe(false);
      expect(m.ms).toBeGreaterThan(0);
    }
    testInfo.annotations.push({ type: 'scan-to-screen (ms)', description: timings.map((m) => `${m.kind}:${Math.round(m.ms)}`).join(' ') });

    // The board shows it in its new column.
    await page.keyboard.press('Alt+1');
    const column = page.locator('[data-testid="board-column"]', { has: card });
    await expect(column).toHaveAttribute('aria-label', /successful transaction/i);

    // An action card with no order open says what to do.
    await scan(page, 'CF:A:ship the order');
    await handled(page, 6);
    await expect(lastScan(page)).toHaveText('Open an order first (scan its label), then scan the card “ship the order”.');
  });

  test('an attendance code redeems once; the second scan says it is already used', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page);
    const { orderId, number } = await createOrderViaEngine(page, {
      type: 'service',
      buyerId: 'C-12',
      lines: [{ sku: 'MASSAGE-60', qty: 1, unitPrice: 3000, price: 6000, serviceTimes: 2 }],
    });
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    const codes = await page.evaluate(async (id) => {
      const { db } = (window as unknown as { __counterflowTest: { db: { vouchers: { where(i: string): { equals(v: string): { toArray(): Promise<Array<{ code: string }>> } } } } } }).__counterflowTest;
      return (await db.vouchers.where('orderId').equals(id).toArray()).map((v) => v.code).sort();
    }, orderId);
    expect(codes).toHaveLength(2);
    const [code] = codes as [string];

    await scan(page, code);
    await handled(page, 1);
    await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-ok', 'true');
    await expect(lastScan(page)).toHaveText(`Code ${code} accepted. 1 use left on order ${number}.`);
    // The green frame goes away on its own, stepped by timers: no animation runs on the page
    // meanwhile (one would make the next scan's keys wait for a frame).
    const flash = page.getByTestId('scan-flash');
    await expect(flash).toHaveClass(/ok/);
    expect(await flash.evaluate((el) => el.getAnimations().length)).toBe(0);
    await expect(flash).toHaveCSS('opacity', '0');

    await scan(page, code);
    await handled(page, 2);
    await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-ok', 'false');
    await expect(lastScan(page)).toHaveText(`Code ${code} has already been used.`);
    await expect(page.getByTestId('scan-toast').filter({ hasText: 'already been used' })).toBeVisible();
  });

  test('a bad check digit and unknown input are reported clearly', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    // 4006381333931 is valid; the last digit misread as 7.
    await scan(page, '4006381333937');
    await handled(page, 1);
    await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-ok', 'false');
    await expect(page.getByTestId('scan-flash')).toBeAttached();
    await expect(lastScan(page)).toHaveText('Check digit wrong: expected 1, got 7 (4006381333937). Scan again, or type the code.');
    await expect(page.getByTestId('scan-toast').filter({ hasText: 'Check digit wrong: expected 1, got 7' })).toBeVisible();
    // The moment after the scan: red frame and the toast (screenshotBoth waits them away).
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scanner-feedback-error.png') });
    // The frame blinks, then goes away on its own.
    await expect(page.getByTestId('scan-flash')).toHaveClass(/error/);
    await expect(page.getByTestId('scan-flash')).toHaveCSS('opacity', '0');
    await screenshotBoth(page, 'scanner-bad-check-digit');

    await scan(page, 'CF:O:not an order');
    await handled(page, 2);
    await expect(lastScan(page)).toContainText('Not recognised');

    await goTo(page, '/scans');
    await expect(page.getByTestId('scanlog-row')).toHaveCount(2);
    await expect(page.getByTestId('scanlog-result').first()).toHaveAttribute('data-ok', 'false');
  });

  test('held keys of a person still reach the digit hotkeys of the action panel', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-5', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await goTo(page, `/orders/${orderId}`);
    await expect(page.getByTestId('order-state')).toHaveText('waiting for payment');
    await page.keyboard.press('F3');
    await expect(page.getByTestId('panel-order').getByTestId('action-button')).toHaveText(['no payment1', 'payment successful2']);
    await page.keyboard.press('2');
    // Its form (the payment, the balance in cash) takes Enter.
    await expect(page.getByTestId('action-form')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('order-state')).toHaveText('finished payment');
  });
});

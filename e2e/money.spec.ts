// Money at the counter as a person does it: take a cash payment with change and print the
// receipt; open and close the till with a Z report; return a damaged line into quarantine.
import { expect, test, type Page } from '@playwright/test';
import { actViaEngine, createOrderViaEngine, engineCall, goToScreen, openApp, seedCatalog } from './support/app';
import { handled, scan } from './scanner.support';
import { frameWords, printedPdf } from './support/pdf';

/** window.print opens nothing in a test: count the calls instead. */
async function stubPrint(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __printed: number };
    w.__printed = 0;
    window.print = () => {
      w.__printed += 1;
    };
  });
}

async function payCash(page: Page, orderId: string, tendered: string) {
  await goToScreen(page, `/orders/${orderId}`, 'payment-panel');
  await page.getByTestId('payment-tendered').fill(tendered);
  await page.getByTestId('take-payment').click();
  await expect(page.getByTestId('print-sheet')).toBeVisible();
}

/** What the receipt and the slip say, in each language (renderer/money/locales). */
const WORDS = {
  en: { receipt: 'Receipt', slip: 'Packing slip', total: 'Total', payment: 'Payment', cash: 'Cash', tendered: 'Cash handed over', change: 'Change' },
  zh: { receipt: '购物小票', slip: '装箱单', total: '合计', payment: '收款', cash: '现金', tendered: '实收现金', change: '找零' },
} as const;

for (const lang of ['en', 'zh'] as const) {
  test(`cash payment with change, then the receipt is printed (${lang})`, async ({ page }, testInfo) => {
    await stubPrint(page);
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    await engineCall(page, 'setSetting', 'shopName', 'Corner Tea Shop');
    const { orderId, number } = await createOrderViaEngine(page, { buyerId: 'C-1', buyerName: 'Ann Meyer', lines: [{ sku: 'TEA-100', qty: 2, unitPrice: 1250 }] });

    await goToScreen(page, `/orders/${orderId}`, 'payment-panel');
    await expect(page.getByTestId('money-balance')).toHaveText('25.00');
    await page.getByTestId('payment-tendered').fill('50');
    await expect(page.getByTestId('payment-change-preview')).toContainText('25.00');
    await page.getByTestId('take-payment').click();

    // Settled: the receipt opens and is sent to the printer.
    const sheet = page.getByTestId('print-sheet');
    await expect(sheet).toBeVisible();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBeGreaterThan(0);
    await expect(sheet.locator('svg')).not.toHaveCount(0); // the order number as a barcode
    // What the printer gets: only the sheet, with the shop, the order, the lines, the payment and the change.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.mantine-AppShell-header')).toBeHidden();
    const printed = await sheet.innerText();
    expect(printed).toContain('Corner Tea Shop');
    expect(printed).toContain(number);
    expect(printed).toContain('Green tea 100 g');
    expect(printed).toContain(lang === 'zh' ? '购物小票' : 'Receipt');
    expect(printed).toContain(lang === 'zh' ? '找零' : 'Change');
    await expect(page.getByTestId('receipt-change')).toHaveText('25.00');
    await expect(page.getByTestId('receipt-total')).toHaveText('25.00');
    // The PDF the printer gets says the same: shop, order number, lines, total, payment, change;
    // and nothing of the app's frame.
    await page.emulateMedia({ media: 'screen' });
    const frame = await frameWords(page);
    const pdf = await printedPdf(page, { width: '80mm' });
    const words = WORDS[lang];
    expect(pdf.text).toContain('Corner Tea Shop');
    expect(pdf.text).toContain(words.receipt);
    expect(pdf.text).toContain(number);
    expect(pdf.text).toContain('Green tea 100 g');
    expect(pdf.text).toMatch(/2\s*×\s*12\.50\s*25\.00/);
    expect(pdf.text).toMatch(new RegExp(`${words.total}\\s*25\\.00`));
    expect(pdf.text).toMatch(new RegExp(`${words.payment}\\s*·\\s*${words.cash}\\s*25\\.00`));
    expect(pdf.text).toMatch(new RegExp(`${words.tendered}\\s*50\\.00`));
    expect(pdf.text).toMatch(new RegExp(`${words.change}\\s*25\\.00`));
    for (const word of frame) expect(pdf.text).not.toContain(word);

    // "PDF" beside Print: a browser has no PDF bridge, so it opens the print dialog, where
    // "Save as PDF" is a printer (the desktop app saves the file itself: e2e/electron).
    const before = await page.evaluate(() => (window as unknown as { __printed: number }).__printed);
    await expect(page.getByTestId('print-pdf')).toHaveText(lang === 'zh' ? 'PDF（打印对话框）' : 'PDF (print dialog)');
    await page.getByTestId('print-pdf').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(before + 1);

    // The 58 mm roll narrows the sheet.
    await page.getByTestId('paper-width').getByText(lang === 'zh' ? '58 毫米' : '58 mm').click();
    const width = await sheet.evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeLessThan(240);

    // The order took its own "payment successful" action; nothing is owed.
    await goToScreen(page, `/orders/${orderId}`, 'payment-panel');
    await expect(page.getByTestId('money-balance')).toHaveText('0.00');
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'FP');
    await expect(page.getByTestId('take-payment')).toHaveCount(0);

    // The packing slip of the same order: its lines by SKU and quantity, for the buyer.
    await page.getByTestId('print-slip').click();
    await expect(page.locator('[data-testid="print-sheet"][data-kind="slip"]')).toBeVisible();
    await page.getByTestId('paper-width').getByText('A4').click();
    const slip = await printedPdf(page, { format: 'A4' });
    expect(slip.text).toContain(words.slip);
    expect(slip.text).toContain(number);
    expect(slip.text).toContain('Ann Meyer');
    expect(slip.text).toMatch(/TEA-100\s*Green tea 100 g\s*2/);
    for (const word of frame) expect(slip.text).not.toContain(word);
  });
}

test('open the till with a float, take cash, close it with a count and read the Z report', async ({ page }, testInfo) => {
  await stubPrint(page);
  await openApp(page, testInfo);
  await seedCatalog(page);
  const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-2', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });

  await goToScreen(page, '/till', 'till-float');
  await page.getByTestId('till-float').fill('100');
  await page.getByTestId('till-open').click();
  await expect(page.getByTestId('till-open-session')).toBeVisible();

  await payCash(page, orderId, '20');

  await goToScreen(page, '/till', 'till-open-session');
  await expect(page.getByTestId('till-expected')).toHaveText('112.50');
  await page.getByTestId('till-counted').fill('112.00');
  await page.getByTestId('till-close').click();
  await page.getByTestId('confirm-close-till-ok').click();

  const report = page.getByTestId('z-report');
  await expect(report).toBeVisible();
  await expect(page.getByTestId('z-difference')).toHaveText('-0.50');
  await expect(page.getByTestId('z-by-method').locator('tr[data-key="cash"]')).toContainText('12.50');
  await expect(page.getByTestId('z-by-operator').locator('tbody tr')).toHaveCount(1);

  const download = page.waitForEvent('download');
  await page.getByTestId('z-export').click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv.map((c) => Buffer.from(c as Uint8Array))).toString('utf8');
  expect(text).toContain('method,cash,12.50,1,0.00,0,12.50,1');
  expect(text).toContain('till,difference,-0.50');

  await page.getByTestId('print-now').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBeGreaterThan(0);
});

test('a returned line is inspected as damaged and goes into quarantine, started by scanning the order label', async ({ page }, testInfo) => {
  await openApp(page, testInfo);
  await seedCatalog(page);
  await engineCall(page, 'addLocation', { id: 'QUAR', name: 'Quarantine', sellable: false });
  const { orderId, number } = await createOrderViaEngine(page, { buyerId: 'C-3', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
  const view = await engineCall<{ items: Array<{ id: string }> }>(page, 'getOrder', orderId);
  const line = { kind: 'item' as const, id: view.items[0]!.id };
  await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
  await actViaEngine(page, { kind: 'order', id: orderId }, 'S', 'ship the order');
  for (const [role, action] of [['B', 'request refund with return'], ['S', 'agree refund'], ['B', 'ship back'], ['S', 'agree refund'], ['P', 'finished refund']] as const) {
    await actViaEngine(page, line, role, action);
  }

  await goToScreen(page, '/returns', 'returns-order');
  await scan(page, `CF:O:${number}`);
  await handled(page, 1);
  const row = page.getByTestId('returns-line');
  await expect(row).toHaveAttribute('data-sku', 'TEA-100');
  await row.getByTestId('returns-outcome').getByText('Damaged').click();
  await expect(row.getByTestId('returns-location')).toHaveValue('Quarantine');
  await row.getByTestId('returns-reason').fill('cracked lid');
  await row.getByTestId('returns-book').click();
  await expect(page.getByTestId('returns-nothing')).toBeVisible();

  const levels = await engineCall<Array<{ locationId: string; onHand: number; available: number }>>(page, 'stockLevels', { sku: 'TEA-100' });
  expect(levels.find((l) => l.locationId === 'QUAR')).toMatchObject({ onHand: 1 });
  expect(levels.find((l) => l.locationId === 'MAIN')).toMatchObject({ onHand: 39, available: 39 });
  const ledger = await engineCall<Array<{ reason: string; locationId: string }>>(page, 'ledger', { sku: 'TEA-100' });
  expect(ledger.at(-1)).toMatchObject({ locationId: 'QUAR', reason: 'Return inspected: damaged: cracked lid' });
});

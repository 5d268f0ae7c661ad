// Parcels (issue 24): hand-over scans in bulk with a manifest, a late parcel's exception
// worked to a reship, finding an order by tracking number and phone, and the shipping label.
import { expect, test, type Page } from '@playwright/test';
import { handled, scan } from './scanner.support';
import { actViaEngine, createOrderViaEngine, openApp, seedCatalog } from './support/app';
import { frameWords, printedPdf } from './support/pdf';

/** A valid UPS 1Z number from 15 body characters (the check digit computed as UPS does). */
function ups(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : (c - 63) % 10;
    sum += i % 2 === 1 ? v * 2 : v;
  }
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}

type Engine = Record<string, (...a: unknown[]) => Promise<{ ok: boolean; message?: string } & Record<string, unknown>>>;

async function engine<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ({ fn, args }) => {
      const { counter } = (window as unknown as { __counterflowTest: { counter: Engine } }).__counterflowTest;
      const r = await counter[fn]!(...args);
      if (!r.ok) throw new Error(`${fn}: ${r.message}`);
      return r as unknown;
    },
    { fn, args },
  ) as Promise<T>;
}

/** A paid and shipped order with a UPS shipment: what the seller's "ship" step will create. */
async function shippedWithParcel(page: Page, buyer: { buyerId: string; buyerName: string; phone?: string; address?: string }, tracking: string) {
  const { orderId, number } = await page.evaluate(async (input) => {
    const { counter } = (window as unknown as { __counterflowTest: { counter: Engine } }).__counterflowTest;
    const r = await counter.createOrder!('product', { ...input, lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    if (!r.ok) throw new Error(r.message);
    return r as unknown as { orderId: string; number: string };
  }, buyer);
  await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
  await actViaEngine(page, { kind: 'order', id: orderId }, 'S', 'ship the order');
  const shipment = await engine<{ shipmentId: string; sscc: string[] }>(page, 'createShipment', { orderId, carrier: 'ups', trackingNumbers: [tracking], parcels: [{ weightGrams: 800 }], direction: 'outbound' });
  return { orderId, number, ...shipment };
}

async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => (window.location.hash = `#${p}`), path);
}

test.describe('parcels', () => {
  test('ten parcels scanned at hand-over, one checkpoint each, then the manifest prints with a signature line', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page, [{ sku: 'TEA-100', name: 'Green tea 100 g', price: 1250, stock: 40 }]);
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const code = ups(`999AA10${String(1000_0000 + i)}`);
      codes.push(code);
      await shippedWithParcel(page, { buyerId: `C-${i}`, buyerName: `Buyer ${i}`, address: `${i} Harbour Road` }, code);
    }
    await goTo(page, '/parcels');
    await expect(page.getByTestId('parcels-page')).toBeVisible();
    for (const [i, code] of codes.entries()) {
      await scan(page, code);
      await handled(page, i + 1);
    }
    const rows = page.getByTestId('parcel-row');
    await expect(rows).toHaveCount(10);
    await expect(page.locator('[data-testid="parcel-row"][data-ok="true"]')).toHaveCount(10);
    // The same parcel again: refused, in red, and nothing is recorded twice.
    await scan(page, codes[3]!);
    await handled(page, 11);
    await expect(rows.first()).toHaveAttribute('data-ok', 'false');
    await expect(rows.first()).toContainText('scanned for this already');
    await expect(page.getByTestId('scan-flash')).toHaveCount(1);
    expect(await page.evaluate(async () => (window as unknown as { __counterflowTest: { db: { checkpoints: { count(): Promise<number> } } } }).__counterflowTest.db.checkpoints.count())).toBe(10);

    // The manifest of the parcels handed to UPS.
    await page.getByTestId('parcels-manifest-carrier').click();
    await page.getByRole('option', { name: 'UPS' }).click();
    await page.getByTestId('parcels-manifest').click();
    await expect(page.getByTestId('manifest-row')).toHaveCount(10);
    await expect(page.getByTestId('manifest-title')).toHaveText('Hand-over manifest — UPS');
    await expect(page.getByTestId('manifest-signature')).toHaveText('Received by (driver signature)');
    for (const code of codes) await expect(page.getByTestId('manifest-table')).toContainText(code);
    // What prints: only the sheet (the print stylesheet hides the shell). The PDF's text has
    // every parcel's tracking number and the signature line, and none of the app's frame.
    const frame = await frameWords(page);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation')).toBeHidden();
    await expect(page.getByTestId('print-sheet')).toBeVisible();
    const pdf = await printedPdf(page, { format: 'A4' });
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.text).toContain('Hand-over manifest — UPS');
    for (const code of codes) expect(pdf.text).toContain(code);
    expect(pdf.text).toContain('Received by (driver signature)');
    for (const word of frame) expect(pdf.text).not.toContain(word);
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByTestId('parcels-print').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // PDF: in a browser, the print dialog (its "Save as PDF" printer).
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByTestId('parcels-pdf')).toHaveText('PDF (print dialog)');
    await page.getByTestId('parcels-pdf').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
  });

  test('a late parcel opens an exception, shown on the board and the order, resolved by a reship', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page, [{ sku: 'TEA-100', name: 'Green tea 100 g', price: 1250, stock: 10 }]);
    // A parcel is late one second after its last checkpoint (Settings → Carriers sets hours).
    await engine(page, 'setSetting', 'parcelLateAfterMs', 1000, { role: 'A' });
    const { orderId, number } = await shippedWithParcel(page, { buyerId: 'C-late', buyerName: 'Late Lee' }, ups('999AA1020000001'));
    // The leader's timer loop finds it: a late exception, listed with its age.
    await goTo(page, '/parcels/exceptions');
    const row = page.getByTestId('exception-row');
    await expect(row).toHaveCount(1, { timeout: 60_000 });
    await expect(row).toHaveAttribute('data-type', 'late');
    await expect(row).toContainText(number);
    // A badge on the board card.
    await goTo(page, '/boards');
    await expect(page.locator(`[data-testid="order-card"][data-order-number="${number}"] [data-testid="exception-badge"]`)).toHaveText('1 exception');
    // Worked on the order: investigate, then reship with a new tracking number, then close.
    await goTo(page, `/orders/${orderId}`);
    const exception = page.getByTestId('exception');
    await expect(exception).toHaveAttribute('data-state', 'OP');
    await exception.getByTestId('exception-owner').fill('Mia');
    await exception.getByTestId('exception-note').fill('Driver says it was left at the depot');
    await exception.getByTestId('exception-action-investigate').click();
    await expect(exception).toHaveAttribute('data-state', 'IN');
    // The reshipped parcel gets the usual two days before it counts as late.
    await engine(page, 'setSetting', 'parcelLateAfterMs', 48 * 3_600_000, { role: 'A' });
    await exception.getByTestId('exception-reship-tracking').fill(ups('999AA1020000002'));
    await exception.getByTestId('exception-action-reship').click();
    await expect(exception).toHaveAttribute('data-state', 'RR');
    await expect(exception.getByTestId('exception-state')).toHaveText('resolved by reship');
    await expect(page.getByTestId('shipment')).toHaveCount(2);
    await expect(exception).toContainText('Driver says it was left at the depot');
    await exception.getByTestId('exception-action-close').click();
    await expect(exception).toHaveAttribute('data-state', 'CL');
    await goTo(page, '/parcels/exceptions');
    await expect(page.getByTestId('exception-row')).toHaveCount(0);
  });

  test('finds an order by tracking number and by phone as you type; a scanned tracking number opens it from any screen', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page, [{ sku: 'TEA-100', name: 'Green tea 100 g', price: 1250, stock: 10 }]);
    const tracking = ups('999AA1030000001');
    const ann = await shippedWithParcel(page, { buyerId: 'C-ann', buyerName: 'Ann Zhou', phone: '+86 138 0013 8000' }, tracking);
    await createOrderViaEngine(page, { buyerId: 'C-bob', buyerName: 'Bob Wu', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await goTo(page, '/search');
    const text = page.getByTestId('search-text');
    await expect(text).toBeVisible();
    await text.fill(tracking);
    await expect(page.getByTestId('search-hit')).toHaveCount(1);
    await expect(page.getByTestId('search-hit')).toHaveAttribute('data-order-number', ann.number);
    await expect(page.getByTestId('search-hit')).toContainText('tracking number');
    await text.fill('+86138');
    await expect(page.getByTestId('search-hit')).toHaveCount(1);
    await expect(page.getByTestId('search-hit')).toContainText('phone');
    await text.fill('bob');
    await expect(page.getByTestId('search-hit')).toHaveCount(1);
    await expect(page.getByTestId('search-hit')).toContainText('Bob Wu');

    await goTo(page, '/stock');
    await expect(page.getByRole('heading', { name: 'Stock' }).first()).toBeVisible();
    await scan(page, tracking);
    await expect(page).toHaveURL(new RegExp(`#/orders/${ann.orderId}$`));
    await expect(page.getByTestId('order-shipments')).toContainText(tracking);
  });

  test('on Find order, a scanned product barcode lists the orders holding it; an order number scanned there still opens the order', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page, [
      { sku: 'TEA-100', name: 'Green tea 100 g', price: 1250, stock: 10, barcodes: ['4006381333931'] },
      { sku: 'CUP-01', name: 'Ceramic cup', price: 800, stock: 10 },
    ]);
    const tea = await createOrderViaEngine(page, { buyerId: 'C-ann', buyerName: 'Ann Zhou', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await createOrderViaEngine(page, { buyerId: 'C-bob', buyerName: 'Bob Wu', lines: [{ sku: 'CUP-01', qty: 1, unitPrice: 800 }] });
    await goTo(page, '/search');
    const text = page.getByTestId('search-text');
    await expect(text).toBeVisible();
    await scan(page, '4006381333931');
    await handled(page, 1);
    await expect(text).toHaveValue('TEA-100');
    await expect(page.getByTestId('search-hit')).toHaveCount(1);
    await expect(page.getByTestId('search-hit')).toHaveAttribute('data-order-number', tea.number);
    await expect(page.getByTestId('search-hit')).toContainText('SKU');
    await scan(page, tea.number);
    await handled(page, 2);
    await expect(page).toHaveURL(new RegExp(`#/orders/${tea.orderId}$`));
  });

  test('prints a shipping label with the address, the tracking barcode and the SSCC as GS1-128; words in zh-CN', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page, [{ sku: 'TEA-100', name: 'Green tea 100 g', price: 1250, stock: 10 }]);
    // The shop's GS1 company prefix (Settings → Carriers, Admin, confirmed): the label's SSCC uses it.
    await goTo(page, '/settings');
    const ssccForm = page.getByTestId('sscc-settings');
    await expect(ssccForm).toBeVisible();
    await expect(page.getByTestId('sscc-prefix')).toBeDisabled();
    await page.keyboard.press('F4');
    await expect(page.getByTestId('sscc-prefix')).toBeEnabled();
    await page.getByTestId('sscc-prefix').fill('40123');
    await page.getByTestId('sscc-save').click();
    await expect(ssccForm).toContainText('the GS1 company prefix is not in the right form: use 6 to 12 digits; this one has 5 characters');
    await page.getByTestId('sscc-prefix').fill('4012345');
    await page.getByTestId('sscc-extension').fill('7');
    await expect(page.getByTestId('sscc-example')).toHaveText('(00) 740123450000000015');
    // What the prefix leaves: 9 serial digits under each of the 10 extension digits.
    await expect(page.getByTestId('sscc-room')).toContainText('99,999,999 parcels (0 used so far)');
    await page.getByTestId('sscc-save').click();
    await expect(page.getByTestId('confirm-live-setting')).toContainText('(00) 740123450000000015');
    await page.getByTestId('confirm-live-ok').click();
    await expect(page.getByTestId('confirm-live-setting')).toHaveCount(0);
    await expect(page.getByTestId('sscc-save')).toBeDisabled();

    const tracking = ups('999AA1040000001');
    const { orderId, sscc } = await shippedWithParcel(page, { buyerId: 'C-lin', buyerName: 'Lin Mei', address: '88 Nanjing Road\nShanghai', phone: '13900001111' }, tracking);
    await goTo(page, `/orders/${orderId}`);
    await page.getByTestId('shipment-print-label').click();
    const label = page.getByTestId('shipping-label');
    await expect(label).toHaveCount(1);
    await expect(label).toContainText('Lin Mei');
    await expect(label).toContainText('88 Nanjing Road');
    await expect(label.getByTestId('label-tracking')).toHaveText(tracking);
    await expect(label.getByTestId('label-sscc')).toHaveText(`(00) ${sscc[0]}`);
    await expect(label.locator('.gs1-128')).toHaveAttribute('data-payload', `(00)${sscc[0]}`);
    await expect(label.locator('.gs1-128 svg path').first()).toBeAttached();
    await expect(label.locator('.code-128')).toHaveAttribute('data-payload', tracking);
    // The PDF's text: the delivery address, the tracking number and the SSCC as people read
    // it, (00) and the 18 digits; nothing of the app's frame.
    const frame = await frameWords(page);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation')).toBeHidden();
    const pdf = await printedPdf(page, { width: '100mm', height: '150mm' });
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.text).toContain('Lin Mei');
    expect(pdf.text).toContain('88 Nanjing Road');
    expect(pdf.text).toContain('Shanghai');
    expect(pdf.text).toContain('13900001111');
    expect(pdf.text).toContain(tracking);
    expect(pdf.text).toContain(`(00) ${sscc[0]}`);
    expect(sscc[0]).toMatch(/^74012345\d{10}$/);
    for (const word of frame) expect(pdf.text).not.toContain(word);

    // The same screens in Chinese.
    await page.evaluate(() => localStorage.setItem('counterflow.lang', 'zh'));
    await page.reload();
    await expect(page.getByTestId('shipping-label')).toContainText('收件人');
    await goTo(page, '/parcels');
    await expect(page.getByTestId('parcels-mode')).toContainText('交给承运商');
  });
});

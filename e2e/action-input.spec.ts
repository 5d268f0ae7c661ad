// Actions that carry data, as a clerk does them: shipping with a carrier and a scanned
// tracking number, a refund request whose amount is checked against the line's price, and
// a cancel that needs its key twice (Esc keeps the order).
import { expect, test, type Page } from '@playwright/test';
import { actViaEngine, createOrderViaEngine, openApp, seedCatalog } from './support/app';
import { handled, scan } from './scanner.support';

async function openOrder(page: Page, orderId: string) {
  await page.goto(page.url().replace(/#.*$/, `#/orders/${orderId}`));
  await expect(page.getByTestId('order-number')).toBeVisible();
  await expect(page.getByTestId('action-panel')).toHaveAttribute('aria-busy', 'false');
}

const orderState = (page: Page) => page.getByTestId('order-state');

/** The number key the panel shows on an action's button. */
async function keyOf(page: Page, action: string): Promise<string> {
  const button = page.locator(`[data-testid="action-button"][data-action="${action}"]`);
  await expect(button.locator('kbd')).toBeVisible();
  return (await button.locator('kbd').textContent())!.trim();
}

test.describe('actions that carry data', () => {
  test('the seller ships with a carrier and a scanned tracking number; the timeline shows both', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-11', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    await openOrder(page, orderId);

    await page.keyboard.press('F2');
    const key = await keyOf(page, 'ship the order');
    await page.keyboard.press(key);
    const form = page.getByTestId('action-form');
    await expect(form).toBeVisible();
    // Esc closes the form and does nothing; the key opens it again.
    await page.keyboard.press('Escape');
    await expect(form).toHaveCount(0);
    await page.keyboard.press(key);
    await expect(form).toBeVisible();
    await expect(orderState(page)).toHaveText('finished payment');
    const carrier = page.getByTestId('input-carrier');
    await expect(carrier).toBeFocused();
    // The carriers offered are the counter's own (Settings → Carriers), not a list in the workflow.
    await expect(carrier.locator('option')).toHaveText(['Choose…', 'China Post / EMS', 'DHL Express', 'SF Express', 'UPS']);
    await carrier.selectOption({ label: 'SF Express' });

    // The scan lands in the focused tracking field, not in the global routing.
    const tracking = page.getByTestId('input-trackingNumbers');
    await tracking.focus();
    await scan(page, 'SF123456789012');
    await handled(page, 1);
    await expect(tracking).toHaveValue('SF123456789012');
    await expect(form).toBeVisible();
    // A second parcel's label adds its number rather than replacing the first.
    await scan(page, 'SF123456789013');
    await handled(page, 2);
    await expect(tracking).toHaveValue('SF123456789012, SF123456789013');
    await page.getByTestId('input-parcels').fill('2');

    await page.keyboard.press('Enter');
    await expect(orderState(page)).toHaveText('finished shipping');
    await expect(form).toHaveCount(0);
    const shipped = page.locator('[data-testid="timeline-event"][data-type="transition"][data-action="ship the order"]');
    await expect(shipped).toContainText('Carrier: SF Express · Tracking numbers: SF123456789012, SF123456789013 · Parcels: 2');

    // The same command made the shipment: on the order with its carrier, numbers, a QR code
    // of the carrier's tracking page per number, and on the timeline after the step.
    const shipment = page.getByTestId('shipment');
    await expect(shipment).toHaveCount(1);
    await expect(shipment).toContainText('SF Express');
    await expect(shipment.getByTestId('shipment-tracking')).toHaveText(['SF123456789012', 'SF123456789013']);
    await expect(shipment.getByTestId('shipment-qr').first()).toHaveAttribute('data-payload', 'https://www.sf-express.com/chn/en/waybill/waybill-detail/SF123456789012');
    await expect(shipment.getByTestId('shipment-qr').first().locator('svg')).toBeVisible();
    const created = page.locator('[data-testid="timeline-event"][data-type="shipment"]');
    await expect(created).toContainText('Shipment created');
    await expect(created).toContainText('SF Express · SF123456789012, SF123456789013 · 2 parcels');

    // Handed to the driver on the Parcels screen: one scan, one checkpoint, on the order's timeline.
    await page.evaluate(() => (window.location.hash = '#/parcels'));
    await expect(page.getByTestId('parcels-page')).toBeVisible();
    await scan(page, 'SF123456789013');
    await handled(page, 3);
    await expect(page.locator('[data-testid="parcel-row"][data-ok="true"]')).toHaveCount(1);
    await openOrder(page, orderId);
    await expect(page.getByTestId('shipment-state')).toHaveText('handed to carrier');
    const checkpoint = page.locator('[data-testid="timeline-event"][data-type="checkpoint"]');
    await expect(checkpoint).toContainText('Parcel scanned: Handed to carrier');
    await expect(checkpoint).toContainText('created → handed to carrier');
    await expect(checkpoint).toContainText('parcel 2 of 2 (SF123456789013)');

    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(shipped).toContainText('承运商：SF Express · 运单号：SF123456789012、SF123456789013 · 包裹数：2');
    await expect(created).toContainText('已创建发货包裹');
    await expect(checkpoint).toContainText('包裹扫描');
  });

  test('a tracking number with a wrong check digit is refused on its field, and nothing ships', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-13', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    await openOrder(page, orderId);
    await page.keyboard.press('F2');
    await page.keyboard.press(await keyOf(page, 'ship the order'));
    await page.getByTestId('input-carrier').selectOption({ label: 'UPS' });
    const tracking = page.getByTestId('input-trackingNumbers');
    // 1Z999AA10123456784 is valid; its last digit changed.
    await tracking.fill('1Z999AA10123456785');
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-field="trackingNumbers"][aria-invalid="true"]')).toBeVisible();
    await expect(page.getByTestId('action-form')).toContainText('1Z999AA10123456785 has a wrong check digit for UPS: expected 4, got 5.');
    await expect(orderState(page)).toHaveText('finished payment');
    await expect(page.getByTestId('shipment')).toHaveCount(0);
  });

  test('a refund request above the line price is refused, naming the amount; a smaller one sets the sheet', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-12', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    await actViaEngine(page, { kind: 'order', id: orderId }, 'S', 'ship the order');
    await openOrder(page, orderId);

    await page.keyboard.press('F1');
    await page.getByTestId('panel-line-1').locator('[data-testid="action-button"][data-action="request refund"]').click();
    await expect(page.getByTestId('action-form')).toBeVisible();
    await page.getByTestId('input-reason').selectOption({ label: 'Arrived damaged' });
    await page.getByTestId('input-memo').fill('Box crushed');
    const amount = page.getByTestId('input-amount');
    await expect(page.getByTestId('action-form')).toContainText('At most 12.50');
    await amount.fill('20');
    await amount.press('Enter');

    // Refused: the form stays, the amount is named and has focus; nothing changed.
    await expect(page.getByTestId('action-form')).toContainText("Refund amount can be at most 12.50, the line's price");
    await expect(amount).toBeFocused();
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('line-1')).toContainText('paid');

    await amount.fill('5');
    await amount.press('Enter');
    await expect(page.getByTestId('line-1')).toContainText('waiting for refund');
    const requested = page.locator('[data-testid="timeline-event"][data-type="transition"][data-action="request refund"]');
    await expect(requested).toContainText('Reason: Arrived damaged · Memo: Box crushed · Refund amount: 5.00');
    await page.getByRole('tab', { name: /Refund sheets/ }).click();
    await expect(page.getByTestId('refund-sheets')).toContainText('5.00');

    await page.getByRole('tab', { name: /Timeline/ }).click();
    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(requested).toContainText('原因：到货损坏 · 备注：Box crushed · 退款金额：5.00');
  });

  test('cancelling asks once more: Esc keeps the order, the same key twice cancels it', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-13', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await openOrder(page, orderId);

    await page.keyboard.press('F1');
    const key = await keyOf(page, 'cancel order');
    await page.keyboard.press(key);
    const ask = page.getByTestId('action-confirm');
    await expect(ask).toContainText('cancel order: are you sure?');
    await expect(ask).toContainText(`Press ${key} again or Enter to confirm`);
    await expect(orderState(page)).toHaveText('waiting for payment');

    // Another number key does nothing while it asks; Esc aborts.
    await page.keyboard.press(key === '1' ? '2' : '1');
    await expect(ask).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(ask).toHaveCount(0);
    await expect(orderState(page)).toHaveText('waiting for payment');

    // In Chinese too, then the same key twice cancels.
    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await page.keyboard.press(key);
    await expect(ask).toContainText('确定要取消订单吗？');
    await expect(ask).toContainText(`再按一次 ${key} 或按 Enter 确认`);
    await page.keyboard.press(key);
    await expect(orderState(page)).toHaveText('交易关闭');
    await expect(ask).toHaveCount(0);
  });

  test('a scanned "cancel order" card asks too: the card again cancels', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-14', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await openOrder(page, orderId);
    await page.keyboard.press('F1');
    await expect(page.getByTestId('acting-role')).toHaveText(/Buyer/);

    await scan(page, 'CF:A:cancel order');
    await handled(page, 1);
    const ask = page.getByTestId('action-confirm');
    await expect(ask).toContainText('Scan the card again or press Enter to confirm');
    await expect(orderState(page)).toHaveText('waiting for payment');
    await scan(page, 'CF:A:cancel order');
    await handled(page, 2);
    await expect(orderState(page)).toHaveText('closed (cancelled)');
    await expect(ask).toHaveCount(0);
  });
});

// A changed refund request may switch its kind: the buyer whose refund-only request the
// seller rejected asks again, now with the goods going back; the seller then answers on the
// return path (agreeing asks the buyer to ship back).
import { expect, test, type Page } from '@playwright/test';
import { actViaEngine, createOrderViaEngine, openApp, seedCatalog } from './support/app';

async function openOrder(page: Page, orderId: string) {
  await page.goto(page.url().replace(/#.*$/, `#/orders/${orderId}`));
  await expect(page.getByTestId('order-number')).toBeVisible();
  await expect(page.getByTestId('action-panel')).toHaveAttribute('aria-busy', 'false');
}

async function itemIdsOf(page: Page, orderId: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    type View = { items: Array<{ id: string }> } | null;
    const { counter } = (window as unknown as { __counterflowTest: { counter: { getOrder(id: string): Promise<View> } } }).__counterflowTest;
    return (await counter.getOrder(id))?.items.map((i) => i.id) ?? [];
  }, orderId);
}

const button = (page: Page, action: string) => page.getByTestId('panel-line-1').locator(`[data-testid="action-button"][data-action="${action}"]`);

test('a rejected refund-only request changed to one with return: the seller then sees the return path', async ({ page }, testInfo) => {
  await openApp(page, testInfo);
  await seedCatalog(page);
  const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-24', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
  const itemIds = await itemIdsOf(page, orderId);
  await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
  await actViaEngine(page, { kind: 'order', id: orderId }, 'S', 'ship the order');
  await actViaEngine(page, { kind: 'item', id: itemIds[0]! }, 'B', 'request refund');
  await actViaEngine(page, { kind: 'item', id: itemIds[0]! }, 'S', 'reject refund');
  await openOrder(page, orderId);
  const line = page.getByTestId('panel-line-1');
  await expect(line).toContainText('Refund only:');
  await expect(line).toContainText('seller rejected refund');

  await page.keyboard.press('F1');
  await button(page, 'change refund request').click();
  const form = page.getByTestId('action-form');
  await expect(form).toBeVisible();
  // The form starts at the sheet's kind: saved as it opens, it would change nothing else.
  const kind = page.getByTestId('input-refundKind');
  await expect(kind).toHaveValue('refund_only');
  await expect(kind.locator('option')).toHaveText(['Choose…', 'Refund only', 'Refund with return']);
  await kind.selectOption({ label: 'Refund with return' });
  await page.getByTestId('input-memo').fill('I will send it back');
  await kind.press('Enter');
  await expect(form).toHaveCount(0);

  await expect(line).toContainText('Refund with return:');
  await expect(line).toContainText('waiting for seller response');
  const switched = page.locator('[data-testid="timeline-event"][data-type="refund-kind-changed"]');
  await expect(switched).toContainText('Refund only → Refund with return');
  const changed = page.locator('[data-testid="timeline-event"][data-type="transition"][data-action="change refund request"]');
  await expect(changed).toContainText('Refund kind: Refund with return · Memo: I will send it back');

  // The seller answers on the return path: agreeing asks the buyer to ship the goods back.
  await page.keyboard.press('F2');
  await expect(page.getByTestId('acting-role')).toHaveText(/Seller/);
  await expect(button(page, 'reject refund')).toBeVisible();
  await button(page, 'agree refund').click();
  await page.getByTestId('action-confirm-yes').click();
  await expect(line).toContainText('waiting for buyer to ship back');
  await page.keyboard.press('F1');
  await expect(button(page, 'ship back')).toBeVisible();

  await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
  await expect(switched).toContainText('仅退款 → 退货退款');
  await expect(changed).toContainText('退款类型：退货退款');
});

import { expect, test, type Page } from '@playwright/test';
import { actViaEngine, createOrderViaEngine, openApp, screenshotBoth, seedCatalog } from './support/app';

async function openOrder(page: Page, orderId: string) {
  await page.goto(page.url().replace(/#.*$/, `#/orders/${orderId}`));
  await expect(page.getByTestId('order-number')).toBeVisible();
}

const orderState = (page: Page) => page.getByTestId('order-state');

test.describe('order actions', () => {
  test('roles switch with F-keys, actions run from buttons and number keys, the timeline follows', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId, number } = await createOrderViaEngine(page, {
      buyerId: 'C-7',
      buyerName: 'Li Na',
      lines: [
        { sku: 'TEA-100', qty: 2, unitPrice: 1250 },
        { sku: 'CUP-01', qty: 1, unitPrice: 800 },
      ],
    });
    await openOrder(page, orderId);
    await expect(page.getByTestId('order-number')).toHaveText(number);
    await expect(orderState(page)).toHaveText('waiting for payment');
    await expect(page.getByTestId('pending-timer')).toContainText('auto-cancel in');

    // Seller: may change the shipping fee now; shipping is listed as not possible, with why.
    await page.keyboard.press('F2');
    await expect(page.getByTestId('acting-role')).toHaveText(/Seller/);
    const orderPanel = page.getByTestId('panel-order');
    await expect(orderPanel.getByTestId('action-button')).toHaveText(['change shipping fee1']);
    const ship = orderPanel.locator('[data-testid="unavailable-action"][data-action="ship the order"]');
    await expect(ship).toContainText('Not in this state');
    await expect(ship).toContainText('Only in: finished payment');
    await expect(orderPanel.getByTestId('other-roles')).toContainText('payment successful');

    // Trying it anyway: the engine refuses, says why, and nothing changes.
    await ship.click();
    const result = orderPanel.getByTestId('action-result');
    await expect(result).toHaveAttribute('data-ok', 'false');
    await expect(result).toContainText('not allowed in waiting for payment;');
    await expect(result).not.toContainText('(WP)');
    await expect(result).toContainText('Nothing was changed.');
    await expect(page.locator('.mantine-Notification-root').filter({ hasText: 'ship the order: refused' })).toBeVisible();
    await expect(orderState(page)).toHaveText('waiting for payment');

    // Platform: "payment successful" is the second action; press 2.
    await page.keyboard.press('F3');
    await expect(orderPanel.getByTestId('action-button')).toHaveText(['no payment1', 'payment successful2']);
    await page.keyboard.press('2');
    // The payment is the action's input: the form opens with the balance in cash; Enter pays it.
    await expect(page.getByTestId('input-amountPaid')).toHaveValue('33.00');
    await page.keyboard.press('Enter');
    await expect(orderState(page)).toHaveText('finished payment');
    await expect(orderPanel.getByTestId('action-result')).toContainText('Now finished payment; then: order paid.');
    await expect(page.getByTestId('line-1')).toContainText('paid');
    // The payment timer was skipped: nothing is pending any more.
    await expect(page.getByTestId('pending-timer')).toHaveCount(0);

    // Seller ships with a click.
    await page.keyboard.press('F2');
    await orderPanel.locator('[data-testid="action-button"][data-action="ship the order"]').click();
    // Shipping carries data: its form opens; every field is optional, so Enter ships.
    await expect(page.getByTestId('action-form')).toBeVisible();
    await expect(page.getByTestId('input-carrier')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(orderState(page)).toHaveText('finished shipping');
    await expect(page.getByTestId('pending-timer').filter({ hasText: 'auto-confirm in' })).toContainText('15 days');
    await expect(page.getByTestId('pending-timer').filter({ hasText: 'extension opens in' })).toContainText('7 days');

    // Buyer confirms with key 1.
    await page.keyboard.press('F1');
    await expect(orderPanel.getByTestId('action-button').first()).toHaveAttribute('data-action', 'confirm reception of order');
    await page.keyboard.press('1');
    await expect(orderState(page)).toHaveText('successful transaction');

    // The timeline tells the story in order, with roles and from -> to.
    const timeline = page.getByTestId('timeline');
    const transitions = timeline.locator('[data-testid="timeline-event"][data-type="transition"]');
    await expect(transitions.filter({ hasText: /^Buyer/ }).first()).toContainText('create order');
    // The new state shows as soon as the engine answers; the timeline follows when the page has
    // re-read the order, so the story is polled for rather than read once.
    const orderActions = () => transitions.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    await expect.poll(async () => (await orderActions()).filter((a) => a !== 'order state changed to FP' && a !== 'order state changed to FS')).toEqual([
      'create order',
      'payment successful',
      'ship the order',
      'confirm reception of order',
    ]);
    await expect(timeline.locator('[data-type="timer-scheduled"]').first()).toContainText('auto-cancel');
    await expect(timeline.locator('[data-type="timer-skipped"]').first()).toBeVisible();
    await expect(timeline.locator('[data-type="stock"]').first()).toBeVisible();
    await expect(transitions.filter({ hasText: 'confirm reception of order' })).toContainText('finished shipping');

    await screenshotBoth(page, 'order-detail');
    await page.getByTestId('theme-toggle').click();
    await screenshotBoth(page, 'order-detail-dark');
  });

  test('a line refund: buyer asks on the line, seller agrees from the same panel', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-9', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    await openOrder(page, orderId);

    await page.keyboard.press('F1');
    const line = page.getByTestId('panel-line-1');
    await line.locator('[data-action="request refund"]').click();
    // The request's form (reason, memo, amount): sent as it is, the sheet refunds the whole line.
    await expect(page.getByTestId('action-form')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(line).toContainText('waiting for seller response');
    await expect(page.getByTestId('line-1')).toContainText('waiting for refund');
    await expect(page.getByTestId('pending-timer').first()).toContainText('seller deadline in');

    await page.keyboard.press('F2');
    await expect(line.locator('[data-testid="action-button"][data-action="agree refund"]')).toBeVisible();
    // The order's own panel has nothing for the seller now, so "agree refund" is key 1... unless
    // "change shipping addr" is offered first; find its number from the button instead.
    const agree = line.locator('[data-testid="action-button"][data-action="agree refund"]');
    const key = (await agree.locator('kbd').textContent())!.trim();
    await page.keyboard.press(key);
    // Agreeing to refund asks once more: the same key again confirms.
    await expect(page.getByTestId('action-confirm')).toContainText(`Press ${key} again or Enter to confirm`);
    await page.keyboard.press(key);
    await expect(page.getByTestId('line-1')).toContainText('platform processing refund');
    await page.getByRole('tab', { name: /Refund sheets/ }).click();
    await expect(page.getByTestId('refund-sheets')).toContainText('Refund only');
  });

  test('an unknown order shows a way back, and the panel speaks Chinese', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/orders/does-not-exist' });
    await expect(page.getByText('No such order')).toBeVisible();

    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-3', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await openOrder(page, orderId);
    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(orderState(page)).toHaveText('等待付款');
    // The timeline's steps and their state badges follow the switch too.
    const created = page.getByTestId('timeline-event').filter({ has: page.locator('[data-state="WP"]') }).first();
    await expect(created).toContainText('创建订单');
    await expect(created).toContainText('订单');
    await expect(created.locator('[data-state="WP"]')).toHaveText('等待付款');
    await page.keyboard.press('F3');
    await expect(page.getByTestId('panel-order').getByTestId('action-button')).toHaveText(['超时未付款1', '付款成功2']);
    await expect(page.getByTestId('pending-timer')).toContainText('自动取消');
    // Why the seller cannot ship yet, in Chinese too: the state by its name, not its code.
    await page.keyboard.press('F2');
    const ship = page.getByTestId('panel-order').locator('[data-testid="unavailable-action"][data-action="ship the order"]');
    await expect(ship).toContainText('当前状态不允许 · 仅在以下状态：已付款');
  });

  test('from an order, "Print label" opens its label and "Show in workflow" rings its state', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId, number } = await createOrderViaEngine(page, { buyerId: 'C-8', lines: [{ sku: 'TEA-100', qty: 1 }] });
    await openOrder(page, orderId);

    await page.getByTestId('order-print-label').click();
    await expect(page.getByTestId('label-card').first()).toHaveAttribute('data-payload', `CF:O:${number}`);

    await page.goBack();
    await page.getByTestId('order-show-workflow').click();
    const here = page.locator('[data-marked="true"]');
    await expect(here).toHaveCount(1);
    await expect(here).toHaveAttribute('data-code', 'WP');
    await expect(here.getByTestId('diagram-mark')).toHaveText(`Here: ${number}`);
  });
});

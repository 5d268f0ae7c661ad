// What is left of payments and returns, as a person does it (issue 25): "payment successful"
// takes the payment as its input (split over two, with change), a payment is reversed from
// the order page, money back is recorded against a finished refund sheet and shows in the
// Z report, "Return goods" opens the returns desk and the inspection lands on the timeline,
// and quick find takes a phone prefix. en and zh-CN.
import { expect, test, type Page } from '@playwright/test';
import { actViaEngine, createOrderViaEngine, engineCall, goToScreen, openApp, seedCatalog } from './support/app';

async function openOrder(page: Page, orderId: string) {
  await goToScreen(page, `/orders/${orderId}`, 'order-number');
  await expect(page.getByTestId('action-panel')).toHaveAttribute('aria-busy', 'false');
}

async function keyOf(page: Page, action: string): Promise<string> {
  const button = page.locator(`[data-testid="action-button"][data-action="${action}"]`);
  await expect(button.locator('kbd')).toBeVisible();
  return (await button.locator('kbd').textContent())!.trim();
}

const ZH = { lang: 'zh', partly: '尚欠', method: '支付方式：现金', change: '应找零' };
const EN = { lang: 'en', partly: 'still to pay', method: 'Payment method: Cash', change: 'Change to give' };

for (const L of [EN, ZH]) {
  test(`"payment successful" takes the payment: part by card, the rest in cash with change (${L.lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), L.lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-21', lines: [{ sku: 'TEA-100', qty: 2, unitPrice: 1250 }] });
    await openOrder(page, orderId);
    await expect(page.getByTestId('money-balance')).toHaveText('25.00');

    // The platform's role (F3) takes "payment successful": its form asks for the payment.
    await page.keyboard.press('F3');
    const key = await keyOf(page, 'payment successful');
    await page.keyboard.press(key);
    const form = page.getByTestId('action-form');
    await expect(form).toBeVisible();
    await expect(page.getByTestId('input-method')).toBeFocused();
    await expect(page.getByTestId('input-amountPaid')).toHaveValue('25.00');
    await page.getByTestId('input-method').selectOption('card');
    await page.getByTestId('input-amountPaid').fill('10');
    await page.getByTestId('input-reference').fill('slip 42');
    await page.keyboard.press('Enter');
    await expect(form).toHaveCount(0);
    await expect(page.getByTestId('money-balance')).toHaveText('15.00');
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'WP');

    // The rest in cash: the form opens with the balance, and says the change to give.
    await page.keyboard.press(await keyOf(page, 'payment successful'));
    await expect(page.getByTestId('input-amountPaid')).toHaveValue('15.00');
    await expect(page.getByTestId('pay-form-balance')).toContainText('15.00');
    await page.getByTestId('input-tendered').fill('20');
    await expect(page.getByTestId('pay-form-change')).toContainText(L.change);
    await expect(page.getByTestId('pay-form-change')).toContainText('5.00');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'FP');
    await expect(page.getByTestId('money-balance')).toHaveText('0.00');
    // Nothing is owed: the action is not offered again.
    await expect(page.locator('[data-testid="action-button"][data-action="payment successful"]')).toHaveCount(0);
    const rows = page.getByTestId('payment-row');
    await expect(rows).toHaveCount(2);
    const paid = page.locator('[data-testid="timeline-event"][data-type="transition"][data-action="payment successful"]');
    await expect(paid).toContainText(L.method);
  });
}

test('a payment is reversed from the order page with a reason; paid and balance follow', async ({ page }, testInfo) => {
  await openApp(page, testInfo);
  await seedCatalog(page);
  const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-22', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
  await engineCall(page, 'act', { kind: 'order', id: orderId }, 'P', 'payment successful', { method: 'card', amountPaid: 500 });
  await openOrder(page, orderId);
  await expect(page.getByTestId('money-balance')).toHaveText('7.50');

  await page.getByTestId('reverse-payment').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('reverse-confirm')).toBeDisabled();
  await page.getByTestId('reverse-reason').fill('wrong card');
  await page.getByTestId('reverse-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('money-balance')).toHaveText('12.50');
  await expect(page.getByTestId('money-paid')).toHaveText('0.00');
  // The payment stays, struck through, beside its reversal; it cannot be reversed twice.
  await expect(page.locator('[data-testid="payment-row"][data-kind="payment"]')).toHaveAttribute('data-reversed', 'true');
  await expect(page.locator('[data-testid="payment-row"][data-kind="reversal"]')).toHaveCount(1);
  await expect(page.getByTestId('reverse-payment')).toHaveCount(0);
});

for (const lang of ['en', 'zh'] as const) {
  test(`money back is recorded against the finished refund sheet and shows on the sheet and in the Z report (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    await engineCall(page, 'openTill', { float: 0 });
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-23', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await engineCall(page, 'takePayment', { orderId, method: 'card', amount: 1250 });
    const view = await engineCall<{ items: Array<{ id: string }> }>(page, 'getOrder', orderId);
    const line = { kind: 'item' as const, id: view.items[0]!.id };
    await engineCall(page, 'act', line, 'B', 'request refund', { amount: 1000 });
    await actViaEngine(page, line, 'S', 'agree refund');
    await actViaEngine(page, line, 'P', 'finished refund');

    await openOrder(page, orderId);
    const owed = page.getByTestId('refund-sheet-money');
    await expect(owed).toBeVisible();
    // Given back as the Admin: the refund's timeline step names the role it was given in.
    await page.keyboard.press('F4');
    await expect(page.getByTestId('role-switcher').locator('input:checked')).toHaveValue('A');
    await expect(owed.getByTestId('refund-amount')).toHaveValue('10.00');
    await owed.getByTestId('refund-method').getByText(lang === 'zh' ? '现金' : 'Cash').click();
    await owed.getByTestId('refund-money').click();
    await expect(owed).toHaveCount(0);
    await expect(page.getByTestId('money-paid')).toHaveText('2.50');
    const givenBack = page.locator('[data-testid="timeline-event"][data-type="payment"][data-action="refund"]');
    await expect(givenBack).toHaveCount(1);
    await expect(givenBack.locator('[data-role]')).toHaveAttribute('data-role', 'A');
    await expect(givenBack.locator('[data-role]')).toHaveText(lang === 'zh' ? '管理员' : 'Admin');

    await page.getByRole('tab', { name: lang === 'zh' ? /退款单/ : /Refund sheets/ }).click();
    await expect(page.getByTestId('refund-sheet-money-back')).toContainText('10.00');

    await goToScreen(page, '/till', 'till-open-session');
    await page.getByTestId('till-counted').fill('0');
    await page.getByTestId('till-close').click();
    await page.getByTestId('confirm-close-till-ok').click();
    const given = page.getByTestId('z-given-back');
    await expect(given).toBeVisible();
    await expect(given).toContainText('10.00');
    await expect(given).toContainText(lang === 'zh' ? '退款单' : 'refund sheet');
  });
}

for (const lang of ['en', 'zh'] as const) {
  test(`"Return goods" on the line opens the returns desk; the inspection is on the timeline (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    await engineCall(page, 'addLocation', { id: 'QUAR', name: 'Quarantine', sellable: false });
    const { orderId, number } = await createOrderViaEngine(page, { buyerId: 'C-24', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    const view = await engineCall<{ items: Array<{ id: string }> }>(page, 'getOrder', orderId);
    const line = { kind: 'item' as const, id: view.items[0]!.id };
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    await actViaEngine(page, { kind: 'order', id: orderId }, 'S', 'ship the order');
    for (const [role, action] of [['B', 'request refund with return'], ['S', 'agree refund'], ['B', 'ship back'], ['S', 'agree refund'], ['P', 'finished refund']] as const) {
      await actViaEngine(page, line, role, action);
    }

    await openOrder(page, orderId);
    await page.getByTestId('line-1').getByTestId('return-goods').click();
    await expect(page.getByTestId('returns-order')).toHaveValue(number);
    const row = page.getByTestId('returns-line');
    await expect(row).toHaveAttribute('data-sku', 'TEA-100');
    await row.getByTestId('returns-outcome').getByText(lang === 'zh' ? '损坏' : 'Damaged').click();
    await row.getByTestId('returns-reason').fill('cracked lid');
    await row.getByTestId('returns-book').click();
    await expect(page.getByTestId('returns-nothing')).toBeVisible();

    await openOrder(page, orderId);
    await expect(page.getByTestId('line-1').getByTestId('return-goods')).toHaveCount(0);
    const inspected = page.locator('[data-testid="timeline-event"][data-type="inspection"]');
    await expect(inspected).toContainText(lang === 'zh' ? '检验为损坏' : 'inspected as Damaged');
    await expect(inspected).toContainText('Quarantine');
    await expect(inspected).toContainText('cracked lid');
  });
}

test('quick find on the board: a phone prefix, any word of the name, and "more than shown"', async ({ page }, testInfo) => {
  await openApp(page, testInfo);
  await seedCatalog(page);
  const lines = [{ sku: 'TEA-100', qty: 1, price: 1250 }];
  await engineCall(page, 'createOrder', 'product', { buyerId: 'C-31', buyerName: 'Chen Jie', phone: '13800138000', lines });
  for (let i = 0; i < 9; i++) await engineCall(page, 'createOrder', 'product', { buyerId: `C-4${i}`, buyerName: `Wang Number${i}`, phone: `1590000000${i}`, lines });
  await goToScreen(page, '/', 'quick-find');

  const find = page.getByTestId('quick-find');
  await page.keyboard.press('/');
  await expect(find).toBeFocused();
  await page.keyboard.type('138 0013', { delay: 90 });
  await expect(page.getByRole('option', { name: /Chen Jie/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /Wang Number/ })).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/orders\//);
  await expect(page.getByTestId('order-number')).toBeVisible();

  await goToScreen(page, '/', 'quick-find');
  await find.click();
  await find.fill('jie');
  await expect(page.getByRole('option', { name: /Chen Jie/ })).toBeVisible();
  await find.fill('159');
  await expect(page.getByRole('option', { name: /Wang Number/ })).toHaveCount(8);
  await expect(page.getByRole('option', { name: /More orders match/ })).toBeVisible();
});

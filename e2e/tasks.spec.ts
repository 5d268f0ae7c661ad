// Task monitor: the timers of every order, and "run due now".
import { expect, test, type Page } from '@playwright/test';
import { createOrderViaEngine, openApp, screenshotBoth, seedCatalog, savePeriodOverride } from './support/app';

/** Close every toast first: screenshotBoth's own loop can wait on a close button that has gone. */
async function quietToasts(page: Page): Promise<void> {
  const toasts = page.locator('.mantine-Notification-root');
  for (let i = 0; i < 20 && (await toasts.count()) > 0; i++) {
    await toasts.first().locator('button').first().click({ timeout: 1000 }).catch(() => undefined);
  }
  await expect(toasts).toHaveCount(0);
}

/** Make an order the way a clerk does, on the create-order screen; returns its number. */
async function createOrderInForm(page: Page, buyer: string): Promise<string> {
  await page.getByRole('link', { name: /^Create order/ }).click();
  await page.getByTestId('buyer-id').fill(buyer);
  const entry = page.getByTestId('line-entry');
  await entry.fill('TEA-100');
  await entry.press('Enter');
  await expect(page.getByTestId('draft-line')).toHaveCount(1);
  await page.keyboard.press('Control+Enter');
  await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
  return (await page.getByTestId('order-number').textContent())!.trim();
}

test.describe('task monitor', () => {
  test('shows the pending payment timer of a new order with its countdown, and links to the order', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/tasks' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tasks');
    await expect(page.getByText('No timers yet')).toBeVisible();

    await seedCatalog(page);
    const number = await createOrderInForm(page, 'C-3001');
    await createOrderViaEngine(page, { buyerId: 'C-3002', buyerName: 'Li Wei', lines: [{ sku: 'TEA-100', qty: 2 }] });

    await page.keyboard.press('Alt+4');
    await expect(page).toHaveURL(/#\/tasks$/);
    const rows = page.getByTestId('timer-row');
    await expect(rows).toHaveCount(2);
    const row = page.locator(`[data-testid="timer-row"][data-order="${number}"]`);
    await expect(row.getByTestId('timer-status')).toHaveText('Pending');
    await expect(row.getByTestId('timer-entity')).toHaveText('Order');
    await expect(row.getByTestId('timer-action')).toContainText(/cancel|no payment/i);
    // Production periods: payment is 24 hours.
    await expect(row.getByTestId('timer-due')).toHaveText(/^in (23 hr \d+ min|24 hr|1 day)$/);
    await expect(page.getByTestId('task-status')).toContainText('Pending · 2');

    // Text filter by order number.
    await page.getByTestId('task-filter').fill(number);
    await expect(rows).toHaveCount(1);
    await quietToasts(page);
    await screenshotBoth(page, 'tasks-pending');
    await page.getByTestId('task-filter').press('Escape');
    await expect(rows).toHaveCount(2);

    // Keyboard: focus the row and open its order with Enter.
    await row.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('order-number')).toHaveText(number);
  });

  test('with a 1 second payment period, the timer comes due and "run due now" fires it', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/settings' });
    await seedCatalog(page);

    // Settings: override the payment period to one second.
    await savePeriodOverride(page, 'payment', '1');
    await expect(page.getByTestId('period-used-payment')).toHaveText('1 sec');

    const number = await createOrderInForm(page, 'C-4001');
    await page.keyboard.press('Alt+4');
    await page.getByTestId('task-status').getByText(/^All/).click();
    const row = page.locator(`[data-testid="timer-row"][data-order="${number}"]`);
    // Due a second after creation. This window's own timer loop runs every 15 s, so it is
    // normally still pending here; if the loop got there first it shows as done already.
    await expect(row.getByTestId('timer-due')).toHaveText(/^due \d+ sec ago$|^done/);
    if ((await row.getAttribute('data-status')) === 'pending') await expect(page.getByTestId('due-count')).toHaveText('1');

    await page.getByTestId('run-due').click();
    await expect(page.getByTestId('run-result')).toContainText(/Last run .*: \d fired/);
    // Whoever fired it (this click, or the window's timer loop just before), it has fired once.
    await expect(page.getByTestId('task-status')).toContainText('Pending · 0');
    await expect(row.getByTestId('timer-status')).toHaveText('Fired');

    await page.getByTestId('task-status').getByText(/^Pending/).click();
    await expect(page.getByText('No timers to show (Pending)')).toBeVisible();
    await page.getByTestId('task-status').getByText(/^Fired/).click();
    await expect(row.getByTestId('timer-due')).toContainText(/^done \d+ sec ago$/);
    await expect(row.getByTestId('timer-outcome')).toHaveText(/^now: /);
    await expect(page.getByTestId('timer-row')).toHaveCount(1);
    await quietToasts(page);
    await screenshotBoth(page, 'tasks-fired');

    // The order was cancelled by the timer.
    await row.getByTestId('timer-order').click();
    await expect(page.getByTestId('order-number')).toHaveText(number);
    await expect(page.getByTestId('order-state')).not.toHaveText('waiting for payment');
  });
});

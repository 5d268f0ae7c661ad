// A timer that fails for real: a workflow version whose payment timer's action is refused
// when due. The task monitor shows it failed with its reason after the retries, and
// "Retry now" puts it back to pending.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOrderViaEngine, openApp, screenshotBoth, seedCatalog, savePeriodOverride } from './support/app';

interface Definition {
  version: number;
  machines: { order: { transitions: Array<{ role: string; action: string; guard?: unknown }> } };
}

const builtIn = () => JSON.parse(readFileSync(join(process.cwd(), 'shared/workflows/product-order.json'), 'utf8')) as Definition;
/** The version after the built-in one. */
export const REFUSING_VERSION = builtIn().version + 1;

/** The next product order version: "no payment" (what the payment timer does) needs the order in CT, which it never is in WP. */
export function refusingProductOrder(): string {
  const def = builtIn();
  def.version = REFUSING_VERSION;
  def.machines.order.transitions.find((t) => t.role === 'P' && t.action === 'no payment')!.guard = { stateIn: ['CT'] };
  return JSON.stringify(def, null, 2);
}

async function quietToasts(page: Page): Promise<void> {
  const toasts = page.locator('.mantine-Notification-root');
  for (let i = 0; i < 20 && (await toasts.count()) > 0; i++) {
    await toasts.first().locator('button').first().click({ timeout: 1000 }).catch(() => undefined);
  }
  await expect(toasts).toHaveCount(0);
}

test('a timer whose action is refused is retried, shown failed with its reason, and "Retry now" puts it back', async ({ page }, testInfo) => {
  // Demo periods: the engine retries a failing timer after 1 and 5 seconds.
  await openApp(page, testInfo, { path: '/workflows', demo: true });
  await seedCatalog(page);

  // Install the refusing version the way an admin does: import the file.
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('workflow-import').click();
  await (await chooser).setFiles({ name: `product-order-v${REFUSING_VERSION}.json`, mimeType: 'application/json', buffer: Buffer.from(refusingProductOrder()) });
  await expect(page.locator(`[data-workflow="product-order@${REFUSING_VERSION}"]`)).toBeVisible();

  // The payment period is one second, so the timer is due at once.
  await page.goto(page.url().replace(/#.*$/, '#/settings'));
  await savePeriodOverride(page, 'payment', '1');
  await expect(page.getByTestId('period-used-payment')).toHaveText('1 sec');

  const { orderId, number } = await createOrderViaEngine(page, { buyerId: 'C-7001', lines: [{ sku: 'TEA-100', qty: 1 }] });
  await page.goto(page.url().replace(/#.*$/, '#/tasks'));
  const row = page.locator(`[data-testid="timer-row"][data-order="${number}"]`);

  // Tried at once, then after 1 s and 5 s: then it waits for a person.
  await page.getByTestId('task-status').getByText(/^Failed/).click();
  await expect(row).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(page.getByTestId('task-status')).toContainText('Failed · 1');
  await expect(row.getByTestId('timer-status')).toHaveText('Failed');
  await expect(row.getByTestId('timer-error')).toHaveText(/^"no payment" needs /);
  await expect(row.getByTestId('timer-attempts')).toHaveText('gave up after 3 attempts');
  await expect(row.getByTestId('timer-due')).toHaveText(/^failed \d+ sec ago$/);
  await quietToasts(page);
  await screenshotBoth(page, 'tasks-failed');

  // The order never moved; its timeline says what happened.
  const state = await page.evaluate(async (id) => {
    const { counter } = (window as unknown as { __counterflowTest: { counter: { getOrder(id: string): Promise<{ state: string } | null> } } }).__counterflowTest;
    return (await counter.getOrder(id))?.state;
  }, orderId);
  expect(state).toBe('WP');

  // Retry now: back to pending (it will fail again, after its retries, so it stays pending a while).
  await row.getByTestId('timer-retry').click();
  await expect(page.locator('.mantine-Notification-root').filter({ hasText: 'Timer put back' })).toContainText(`Order ${number}`);
  await page.getByTestId('task-status').getByText(/^All/).click();
  await expect(row).toHaveAttribute('data-status', 'pending');
  await expect(row.getByTestId('timer-status')).toHaveText('Pending');

  // The order's timeline has the failures; the order is still waiting for payment.
  await row.getByTestId('timer-order').click();
  await expect(page.getByTestId('order-number')).toHaveText(number);
  await expect(page.getByTestId('order-state')).toHaveText('waiting for payment');
  const failures = page.locator('[data-testid="timeline-event"][data-type="timer-failed"]');
  await expect(failures.filter({ hasText: 'attempt 3 of 3; waits for a person' })).toHaveCount(1);
});

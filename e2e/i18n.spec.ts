// Simplified Chinese: the stock, task, workflow and settings screens speak it once chosen.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOrderViaEngine, openApp, screenshotBoth, seedCatalog } from './support/app';
import { handled, scan } from './scanner.support';

/** The built-in product order's version (it is raised when the built-in changes). */
const PRODUCT_ORDER = `product-order@${(JSON.parse(readFileSync(join(process.cwd(), 'shared/workflows/product-order.json'), 'utf8')) as { version: number }).version}`;

async function quietToasts(page: Page): Promise<void> {
  const toasts = page.locator('.mantine-Notification-root');
  for (let i = 0; i < 20 && (await toasts.count()) > 0; i++) {
    await toasts.first().locator('button').first().click({ timeout: 1000 }).catch(() => undefined);
  }
  await expect(toasts).toHaveCount(0);
}

test.describe('language', () => {
  test('switching to 简体中文 translates the stock, tasks, workflows and settings screens', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/stock' });
    await seedCatalog(page);
    await createOrderViaEngine(page, { buyerId: 'C-6001', buyerName: '王芳', lines: [{ sku: 'TEA-100', qty: 2 }] });
    // The last cup counted away: none left.
    await page.evaluate(() =>
      (window as unknown as { __counterflowTest: { counter: { count(i: unknown): Promise<unknown> } } }).__counterflowTest.counter.count({ sku: 'CUP-01', locationId: 'MAIN', qty: 0 }),
    );

    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    // Stock.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('库存');
    await expect(page.getByTestId('stock-receive')).toContainText('入库');
    await expect(page.getByTestId('stock-count')).toContainText('盘点');
    await expect(page.getByRole('columnheader', { name: '可用' })).toBeVisible();
    await expect(page.locator('[data-testid="level-row"][data-sku="CUP-01"]')).toContainText('无货');
    await page.getByTestId('stock-receive').click();
    await expect(page.getByRole('dialog', { name: '入库' })).toBeVisible();
    await expect(page.getByRole('dialog', { name: '入库' })).toContainText('货物到达某个库位');
    await page.getByRole('dialog', { name: '入库' }).getByRole('button', { name: '取消' }).click();
    await expect(page.getByRole('dialog', { name: '入库' })).toHaveCount(0);
    await quietToasts(page);
    await screenshotBoth(page, 'stock-zh');

    // Tasks.
    await page.keyboard.press('Alt+4');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('定时任务');
    await expect(page.getByTestId('run-due')).toContainText('立即执行到期任务');
    await expect(page.getByTestId('task-status')).toContainText('待执行 · 1');
    await expect(page.getByTestId('timer-row').getByTestId('timer-status')).toHaveText('待执行');
    await expect(page.getByTestId('timer-row').getByTestId('timer-entity')).toHaveText('订单');
    await screenshotBoth(page, 'tasks-zh');

    // Workflows.
    await page.keyboard.press('Alt+5');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作流');
    await expect(page.getByTestId('workflow-import')).toHaveText('导入…');
    await expect(page.getByText('已安装的定义')).toBeVisible();
    await expect(page.locator(`[data-workflow="${PRODUCT_ORDER}"]`)).toContainText('商品订单');
    await expect(page.getByTestId('machine-tab').nth(1)).toHaveText('订单行');
    await expect(page.getByTestId('workflow-diagram').locator('[data-code="WP"]')).toContainText('等待付款');
    await expect(page.getByTestId('diagram-legend')).toContainText('终止状态');
    await screenshotBoth(page, 'workflows-zh');

    // Settings.
    await page.keyboard.press('Alt+7');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
    await expect(page.getByTestId('settings-periods')).toContainText('定时周期');
    await expect(page.getByTestId('settings-preset')).toContainText('演示');
    await expect(page.getByTestId('period-used-payment')).toHaveText('1天');
    await expect(page.getByTestId('settings-demo')).toContainText('演示数据');
    await expect(page.getByTestId('open-demo-counter')).toHaveText('打开演示柜台');
    await expect(page.getByTestId('admin-only').first()).toContainText('只有管理员角色可以修改此项');
    await screenshotBoth(page, 'settings-zh');

    // And back.
    await page.getByTestId('language-switch').selectOption({ label: 'English' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await expect(page.getByTestId('settings-periods')).toContainText('Timer periods');
  });

  test('the cards of an open board follow a switch of language, and back', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const order = await createOrderViaEngine(page, { buyerId: 'C-6002', buyerName: 'Li Lei', lines: [{ sku: 'TEA-100', qty: 2 }] });
    const card = page.locator(`[data-testid="order-card"][data-order-number="${order.number}"]`);
    await expect(card).toContainText('1 line');
    await expect(card.getByTestId('timer-countdown')).toContainText(/auto-cancel in (23|24) hr/);

    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('订单看板');
    await expect(card).toContainText('1 件');
    await expect(card.getByTestId('timer-countdown')).toContainText(/(23|24) ?小时后自动取消/);
    await expect(card).not.toContainText('line');

    await page.getByTestId('language-switch').selectOption({ label: 'English' });
    await expect(card).toContainText('1 line');
    await expect(card.getByTestId('timer-countdown')).toContainText(/auto-cancel in (23|24) hr/);
  });

  test('refusals and timeline details are worded in Chinese from their facts, not the English message', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/orders/new' });
    await seedCatalog(page);
    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    // A sale of more than is in stock: the shortfall with its sku and quantities.
    await page.getByTestId('buyer-id').fill('C-6003');
    const entry = page.getByTestId('line-entry');
    await entry.fill('CUP-01');
    await entry.press('Enter');
    await page.getByTestId('line-qty').fill('3');
    await page.getByTestId('create-order').click();
    const refusal = page.getByTestId('create-refusal');
    await expect(refusal).toContainText('仅有 1 件 CUP-01 可用（Main store 1）；需要 3 件');
    await expect(refusal).not.toContainText('available');
    // The refusal is kept as data: a switch of language words it again.
    await page.getByTestId('language-switch').selectOption({ label: 'English' });
    await expect(refusal).toContainText('Only 1 x CUP-01 available (Main store 1); 3 requested');
    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(refusal).toContainText('需要 3 件');

    // An order: its timeline says what was reserved and when the timer is due, in Chinese.
    const order = await createOrderViaEngine(page, { buyerId: 'C-6004', lines: [{ sku: 'TEA-100', qty: 2 }] });
    await page.evaluate((id) => (window.location.hash = `#/orders/${id}`), order.orderId);
    await expect(page.getByTestId('order-number')).toHaveText(order.number);
    const stock = page.locator('[data-testid="timeline-event"][data-type="stock"]');
    await expect(stock).toContainText('已预留 2 件 TEA-100（Main store）');
    await expect(stock).not.toContainText('Reserved');
    await expect(page.locator('[data-testid="timeline-event"][data-type="timer-scheduled"]').first()).toContainText('到期');

    // A scanned action card the order's state does not allow: the state by its Chinese name.
    await scan(page, 'CF:ROLE:S');
    await handled(page, 1);
    await scan(page, 'CF:A:ship the order');
    await handled(page, 2);
    await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-ok', 'false');
    const last = page.getByTestId('scan-last');
    await expect(last).toContainText('当前状态为等待付款，不能执行“发货”');
    await expect(last).not.toContainText('not allowed');
    await quietToasts(page);
    await screenshotBoth(page, 'refusal-zh');
  });
});

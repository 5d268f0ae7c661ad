// Two windows of one counter: two pages of one browser context on the same database, each
// with its own engine worker. Only the window holding the Web Lock runs timers.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handled, scan } from './scanner.support';
import { engineCall, freshDbName, openApp, savePeriodOverride, seedCatalog } from './support/app';

type Hook = { counter: Record<string, (...args: unknown[]) => Promise<unknown>>; db: { timers: { where(k: string): { equals(v: string): { toArray(): Promise<Array<{ status: string }>> } } } } };

/** A call on this window's own engine (`?e2e=1` test seam). */
const orderOf = (page: Page, id: string) => engineCall<{ state: string; workflowVersion: number } | null>(page, 'getOrder', id);

/** The version after the built-in product order's. */
const NEXT = (JSON.parse(readFileSync(join(process.cwd(), 'shared/workflows/product-order.json'), 'utf8')) as { version: number }).version + 1;

/** The built-in product order with only its version raised. */
function productOrderVersion(version: number): string {
  const def = JSON.parse(readFileSync(join(process.cwd(), 'shared/workflows/product-order.json'), 'utf8')) as { version: number };
  def.version = version;
  return JSON.stringify(def);
}

/** Install a version the way an admin does, on the Workflows screen. */
async function importVersion(page: Page, version: number): Promise<void> {
  await go(page, '/workflows');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('workflow-import').click();
  await (await chooser).setFiles({ name: `product-order-v${version}.json`, mimeType: 'application/json', buffer: Buffer.from(productOrderVersion(version)) });
  await expect(page.locator(`[data-workflow="product-order@${version}"]`)).toBeVisible();
}

async function go(page: Page, path: string): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, `#${path}`));
}

/** Make an order the way a clerk does, on the create-order screen; returns its id. */
async function createOrderInForm(page: Page, buyer: string, qty = 1): Promise<string> {
  await go(page, '/orders/new');
  await page.getByTestId('buyer-id').fill(buyer);
  const entry = page.getByTestId('line-entry');
  for (let i = 0; i < qty; i++) {
    await entry.fill('TEA-100');
    await entry.press('Enter');
    await expect(page.getByTestId('line-qty')).toHaveValue(String(i + 1));
  }
  await expect(page.getByTestId('draft-line')).toHaveCount(1);
  await page.keyboard.press('Control+Enter');
  await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
  return page.url().match(/#\/orders\/([0-9a-f-]{36})$/)![1]!;
}

/** Opens B first, so B holds the timer lock; then A on the same database. */
async function twoWindows(page: Page, testInfo: Parameters<typeof openApp>[1]): Promise<{ a: Page; b: Page }> {
  const db = freshDbName(testInfo);
  const b = page;
  await openApp(b, testInfo, { db, demo: true, path: '/tasks' });
  await expect(b.getByTestId('timer-runner')).toHaveText(/This window runs due timers/);
  const a = await page.context().newPage();
  await openApp(a, testInfo, { db, demo: true, path: '/tasks' });
  await expect(a.getByTestId('timer-runner')).toHaveText(/Another window of this counter runs the timers/);
  return { a, b };
}

test.describe('two windows on one database', () => {
  test('a version installed in window A is used by window B: acted on, chosen for new orders, and its timers fire in B', async ({ page }, testInfo) => {
    const { a, b } = await twoWindows(page, testInfo);
    await seedCatalog(a);

    // An order made in A under the next version is acted on in B (whose engine started before it existed).
    await importVersion(a, NEXT);
    const made = await engineCall<{ ok: true; orderId: string }>(a, 'createOrder', 'product', { buyerId: 'C-8001', lines: [{ sku: 'TEA-100', qty: 1 }] });
    expect((await orderOf(a, made.orderId))?.workflowVersion).toBe(NEXT);
    await go(b, `/orders/${made.orderId}`);
    await b.keyboard.press('F3');
    await b.locator('[data-testid="action-button"][data-action="payment successful"]').click();
    // The payment is the action's input: the form opens with the balance in cash; Enter pays.
    await b.getByTestId('action-form-submit').click();
    await expect(b.getByTestId('order-state')).toHaveText('finished payment');
    await expect(a.locator('.mantine-Notification-root').filter({ hasText: /not installed/ })).toHaveCount(0);
    await expect(b.locator('.mantine-Notification-root').filter({ hasText: /not installed/ })).toHaveCount(0);

    // The version after that, installed in A: the next order B makes is under it.
    await importVersion(a, NEXT + 1);
    const fromB = await createOrderInForm(b, 'C-8002');
    expect(await orderOf(b, fromB)).toMatchObject({ workflowVersion: NEXT + 1, state: 'WP' });

    // One more, installed in A, with a one-second payment period: its order's timer is
    // fired by B (the lock holder), which had never seen that version.
    await importVersion(a, NEXT + 2);
    await go(a, '/settings');
    await savePeriodOverride(a, 'payment', '1');
    await expect(a.getByTestId('period-used-payment')).toHaveText('1 sec');
    const timed = await engineCall<{ ok: true; orderId: string }>(a, 'createOrder', 'product', { buyerId: 'C-8003', lines: [{ sku: 'TEA-100', qty: 1 }] });
    expect((await orderOf(a, timed.orderId))?.workflowVersion).toBe(NEXT + 2);
    await expect.poll(async () => (await orderOf(a, timed.orderId))?.state, { timeout: 30_000 }).toBe('CT');
    const timers = await a.evaluate(
      (id) => (window as unknown as { __counterflowTest: Hook }).__counterflowTest.db.timers.where('orderId').equals(id).toArray(),
      timed.orderId,
    );
    expect(timers.map((t) => t.status)).toEqual(['fired']);
    await go(b, '/tasks');
    await expect(b.getByTestId('timer-runner')).toHaveText(/This window runs due timers/);
    await expect(b.getByTestId('task-status')).toContainText('Failed · 0');
  });

  test('stock stays true when A receives by scanning while B sells the same product', async ({ page }, testInfo) => {
    const { a, b } = await twoWindows(page, testInfo);
    await seedCatalog(a); // TEA-100: 40 on hand at MAIN

    await go(a, '/stock/scan');
    // The screen is loaded on demand: a product scanned before it shows goes to the global
    // routing ("scan it on Scan goods"), as it would for a clerk who scans that early.
    await expect(a.getByTestId('scan-stock-panel')).toBeVisible();
    await scan(a, 'CF:LOC:MAIN');
    await handled(a, 1);
    const receive = async () => {
      for (let i = 0; i < 6; i++) {
        await scan(a, '4006381333931');
        await handled(a, 2 + i);
      }
    };
    const sell = async () => {
      const first = await createOrderInForm(b, 'C-9001', 2);
      await createOrderInForm(b, 'C-9002', 3);
      // The first is paid and shipped from its page, as Platform then Seller.
      await go(b, `/orders/${first}`);
      await b.keyboard.press('F3');
      await b.locator('[data-testid="action-button"][data-action="payment successful"]').click();
      await b.getByTestId('action-form-submit').click();
      await expect(b.getByTestId('order-state')).toHaveText('finished payment');
      await b.keyboard.press('F2');
      await b.locator('[data-testid="action-button"][data-action="ship the order"]').click();
      // Shipping's form (carrier, tracking numbers, parcels: all optional): Enter ships.
      await b.getByTestId('action-form-submit').click();
      await expect(b.getByTestId('order-state')).toHaveText('finished shipping');
    };
    await Promise.all([receive(), sell()]);

    // 40 + 6 received - 2 shipped on hand; 3 still reserved for the second order.
    for (const p of [a, b]) {
      await go(p, '/stock');
      const row = p.locator('[data-testid="level-row"][data-sku="TEA-100"][data-location="MAIN"]');
      await expect(row.getByTestId('level-onhand')).toHaveText('44');
      await expect(row.getByTestId('level-reserved')).toHaveText('3');
      await expect(row.getByTestId('level-available')).toHaveText('41');
    }
    for (const p of [a, b]) expect(await engineCall(p, 'checkStock')).toEqual({ ok: true, mismatches: [] });
  });
});

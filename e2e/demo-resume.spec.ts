// A demo import stopped by a closed window is finished from Settings → Demo data: the page is
// closed mid-import, the same demo counter opened again shows where the run stopped (batch N
// of 10, in English and in Chinese), and "Resume" writes the rest in whole batches, with the
// stock levels true to the ledger.
import { expect, test, type Page } from '@playwright/test';
import { engineCall, freshDbName, openApp } from './support/app';

const TOTAL = 1_000;
const PER_BATCH = 100; // shared/demo/seed.ts SEED_ORDERS_PER_TRANSACTION
type TestDb = { commands: { where(k: string): { startsWith(p: string): { count(): Promise<number> } } } };
/** Batches of demo imports stored in the window's database (read straight from it: the
 *  progress line follows a live query, which a busy machine may repaint late). */
const batchesStored = (page: Page) => page.evaluate(() => (window as unknown as { __counterflowTest: { db: TestDb } }).__counterflowTest.db.commands.where(':id').startsWith('demo:').count());

test('a demo import stopped by a closed window is resumed from Settings and finished whole (en, zh-CN)', async ({ page, context }, testInfo) => {
  test.setTimeout(240_000);
  const dbName = `${freshDbName(testInfo)}.demo`;
  await openApp(page, testInfo, { db: dbName, path: '/settings' });
  await page.getByTestId('demo-count').getByText('1,000', { exact: true }).click();
  await page.getByTestId('demo-generate').click();
  await expect(page.getByTestId('demo-progress')).toBeVisible();
  // The window goes away once the first batch is written, with the others still to come.
  await expect.poll(() => batchesStored(page), { timeout: 120_000, intervals: [100] }).toBeGreaterThan(0);
  await page.close();

  const again = await context.newPage();
  await openApp(again, testInfo, { db: dbName, path: '/settings' });
  const stopped = again.getByTestId('demo-stopped');
  await expect(stopped).toBeVisible({ timeout: 30_000 });
  const batch = Number(await stopped.getAttribute('data-batch'));
  expect(batch).toBeGreaterThanOrEqual(1);
  expect(batch).toBeLessThan(TOTAL / PER_BATCH);
  const written = batch * PER_BATCH;
  await expect(stopped).toContainText(`The last import stopped after batch ${batch} of ${TOTAL / PER_BATCH}: ${written} of 1,000 orders were written`);
  // Whole batches only: the orders on screen are the stored batches' orders, no more.
  await expect(again.getByTestId('settings-demo')).toContainText(`Now: ${written} orders.`);

  await again.getByTestId('language-switch').selectOption({ label: '简体中文' });
  await expect(again.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(stopped).toContainText(`上次导入在第 ${batch} 批（共 ${TOTAL / PER_BATCH} 批）后中断：已写入 ${written} / 1,000 个订单`);
  await expect(again.getByTestId('demo-resume')).toHaveText('继续导入');
  await again.getByTestId('demo-resume').click();
  await expect(again.getByTestId('demo-result')).toContainText(`生成了 ${TOTAL - written} 个订单`, { timeout: 180_000 });
  await expect(again.getByTestId('settings-demo')).toContainText('当前：1,000 个订单。');
  await expect(stopped).toHaveCount(0);

  await again.getByTestId('language-switch').selectOption('en');
  await expect(again.getByTestId('settings-demo')).toContainText('Now: 1,000 orders.');
  await expect(again.getByTestId('demo-result')).toContainText(`Created ${TOTAL - written} orders`);
  expect(await engineCall(again, 'checkStock')).toEqual({ ok: true, mismatches: [] });
});

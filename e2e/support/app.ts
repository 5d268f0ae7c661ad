// Helpers every browser-mode e2e test uses: a fresh database per test, and screenshots.
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const SCREENSHOT_DIR = join(process.cwd(), 'artifacts', 'screenshots');

/** A database name no other test uses, so tests run in parallel without seeing each other. */
export function freshDbName(testInfo: TestInfo): string {
  const slug = testInfo.titlePath.slice(1).join('-').replace(/[^A-Za-z0-9]+/g, '-').slice(0, 40);
  return `e2e-${slug}-${testInfo.workerIndex}-${Date.now().toString(36)}`;
}

export interface OpenOptions {
  db?: string;
  demo?: boolean;
  path?: string;
  /** Wait for the engine worker to open the database (needs shared/index.ts). */
  waitForEngine?: boolean;
}

/** Open the app on a fresh database at `path` (a hash route such as `/boards`). */
export async function openApp(page: Page, testInfo: TestInfo, options: OpenOptions = {}): Promise<string> {
  const db = options.db ?? freshDbName(testInfo);
  const params = new URLSearchParams({ db });
  if (options.demo) params.set('demo', '1');
  await page.goto(`./?${params.toString()}#${options.path ?? '/boards'}`);
  await expect(page.getByTestId('role-switcher')).toBeVisible();
  if (options.waitForEngine !== false) {
    await expect(page.getByTestId('engine-starting')).toHaveCount(0);
    await expect(page.getByTestId('engine-failed')).toHaveCount(0);
  }
  return db;
}

/** Save a screenshot at the two sizes the product is judged at. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  // Park the pointer so no tooltip or hover state lands in the picture.
  await page.mouse.move(1, 767);
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    // Let layout and virtualised lists settle at the new size.
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}.png`) });
  }
  if (original) await page.setViewportSize(original);
}

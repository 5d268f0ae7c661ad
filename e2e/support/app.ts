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

/** How long the first screen and the engine may take to start on a busy machine. */
export const ENGINE_START_TIMEOUT = 60_000;

export interface OpenOptions {
  db?: string;
  demo?: boolean;
  path?: string;
  /** Wait for the engine worker to open the database (needs shared/index.ts). */
  waitForEngine?: boolean;
  /** Show the first-start set-up on a fresh database, as a new install does; without it a
   *  test window opens straight on the screen it names (renderer/firststart). */
  firstStart?: boolean;
}

/** Open the app on a fresh database at `path` (a hash route such as `/boards`). */
export async function openApp(page: Page, testInfo: TestInfo, options: OpenOptions = {}): Promise<string> {
  const db = options.db ?? freshDbName(testInfo);
  const params = new URLSearchParams({ db });
  if (options.demo) params.set('demo', '1');
  params.set('e2e', '1');
  if (options.firstStart) params.set('firstStart', '1');
  await page.goto(`./?${params.toString()}#${options.path ?? '/boards'}`);
  // A loaded machine can take many seconds to build the first screen and to start the
  // engine worker (its bundle, opening and upgrading the database): wait for each as long
  // as a test may take, for the condition, never for a fixed time.
  await expect(page.getByTestId('role-switcher')).toBeVisible({ timeout: ENGINE_START_TIMEOUT });
  if (!(await page.evaluate(() => '__counterflowTest' in window))) {
    throw new Error('The app under test has no e2e hook: build it with `npm run build:e2e` (vite build --mode e2e), not the production build.');
  }
  if (options.waitForEngine !== false) {
    await expect(page.getByTestId('engine-starting')).toHaveCount(0, { timeout: ENGINE_START_TIMEOUT });
    await expect(page.getByTestId('engine-failed')).toHaveCount(0);
  }
  return db;
}

/** Save a screenshot at the two sizes the product is judged at. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  // Park the pointer so no tooltip or hover state lands in the picture, and let toasts go.
  await page.mouse.move(1, 767);
  const toasts = page.locator('.mantine-Notification-root');
  // Closing the shown toasts lets queued ones in: keep closing until none is left.
  await expect(async () => {
    for (const close of await toasts.locator('button').all()) await close.click({ timeout: 1000 }).catch(() => undefined);
    await expect(toasts).toHaveCount(0, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    // Let layout and virtualised lists settle at the new size: the window has it, and two
    // frames have been drawn since (the virtualiser measures in one and renders in the next).
    await page.waitForFunction(({ width, height }) => window.innerWidth === width && window.innerHeight === height, size);
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}.png`) });
  }
  if (original) await page.setViewportSize(original);
}

// --- Fixtures through the engine (the app's own command API, not the database) -----------

export interface SeedProduct {
  sku: string;
  name: string;
  /** Minor units (cents): 1250 is 12.50. */
  price: number;
  stock?: number;
  barcodes?: string[];
}

export const DEFAULT_PRODUCTS: SeedProduct[] = [
  { sku: 'TEA-100', name: 'Green tea 100 g', price: 1250, stock: 40, barcodes: ['4006381333931'] },
  { sku: 'CUP-01', name: 'Ceramic cup', price: 800, stock: 1 },
  { sku: 'MASSAGE-60', name: 'Massage 60 min', price: 3000, stock: 0 },
];

/**
 * Adds a location and products with stock through the engine exposed by `?e2e=1`.
 * Only catalog and stock are seeded this way; orders are made the way a person makes them.
 */
export async function seedCatalog(page: Page, products: SeedProduct[] = DEFAULT_PRODUCTS): Promise<void> {
  await page.waitForFunction(() => '__counterflowTest' in window);
  await page.evaluate(async (list) => {
    type R = { ok: boolean; message?: string };
    const { counter } = (window as unknown as { __counterflowTest: { counter: Record<string, (...a: unknown[]) => Promise<R>> } }).__counterflowTest;
    const check = (r: R, what: string) => {
      if (!r.ok) throw new Error(`${what}: ${r.message ?? 'refused'}`);
    };
    check(await counter.addLocation!({ id: 'MAIN', name: 'Main store', priority: 1 }), 'location');
    for (const p of list) {
      check(await counter.addProduct!({ sku: p.sku, name: p.name, price: p.price, barcodes: p.barcodes ?? [] }), p.sku);
      if (p.stock) check(await counter.receive!({ sku: p.sku, locationId: 'MAIN', qty: p.stock }), `receive ${p.sku}`);
    }
  }, products);
}

/** Create an order through the engine (for tests about what happens after creation). */
export async function createOrderViaEngine(
  page: Page,
  input: { type?: 'product' | 'service'; buyerId: string; buyerName?: string; lines: Array<{ sku: string; qty: number; unitPrice?: number; price?: number; serviceTimes?: number }> },
): Promise<{ orderId: string; number: string }> {
  return page.evaluate(async ({ type, ...rest }) => {
    type R = { ok: true; orderId: string; number: string } | { ok: false; message: string };
    const { counter } = (window as unknown as { __counterflowTest: { counter: { createOrder(t: string, i: unknown): Promise<R> } } }).__counterflowTest;
    const r = await counter.createOrder(type ?? 'product', rest);
    if (!r.ok) throw new Error(r.message);
    return { orderId: r.orderId, number: r.number };
  }, input);
}

/** Apply an action through the engine as a role (setting up a state, not the thing under test). */
export async function actViaEngine(page: Page, ref: { kind: 'order' | 'item' | 'refund'; id: string }, role: string, action: string): Promise<void> {
  await page.evaluate(
    async ({ ref, role, action }) => {
      type R = { ok: boolean; message?: string };
      const { counter } = (window as unknown as { __counterflowTest: { counter: { act(r: unknown, ro: string, a: string): Promise<R> } } }).__counterflowTest;
      const r = await counter.act(ref, role, action);
      if (!r.ok) throw new Error(`${action}: ${r.message}`);
    },
    { ref, role, action },
  );
}

/**
 * Saves a timer-period override as a person does: live-counter settings need the Admin role
 * (F4) and a confirmation; the Seller role (F2) is taken back afterwards.
 */
export async function savePeriodOverride(page: Page, period: string, seconds: string): Promise<void> {
  await page.keyboard.press('F4');
  await expect(page.getByTestId(`period-override-${period}`)).toBeEnabled();
  await page.getByTestId(`period-override-${period}`).fill(seconds);
  await page.getByTestId('periods-save').click();
  await page.getByTestId('confirm-live-ok').click();
  await expect(page.getByTestId('confirm-live-setting')).toHaveCount(0);
  await page.keyboard.press('F2');
}

/** Calls a method of the engine the window runs (the `?e2e=1` test seam) and gives back what
 *  it answered: the way a test sets up what a person did before the part it drives. */
export function engineCall<T = unknown>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([m, a]) => (window as unknown as { __counterflowTest: { counter: Record<string, (...x: unknown[]) => Promise<unknown>> } }).__counterflowTest.counter[m as string]!(...(a as unknown[])),
    [method, args] as const,
  ) as Promise<T>;
}

/** Opens a screen by its address and waits until `testId` shows (screens load on demand). */
export async function goToScreen(page: Page, path: string, testId: string): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, `#${path}`));
  await expect(page.getByTestId(testId).first()).toBeVisible({ timeout: 30_000 });
}

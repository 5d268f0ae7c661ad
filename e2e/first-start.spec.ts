// A new install's first start, as a person meets it: the counter opens on a short set-up
// (shop name, currency, the first admin, demo data or empty), not on an empty board. Done
// once; skippable; what it set is edited later in Settings. English and Chinese.
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './support/app';

const W = {
  en: {
    title: 'Set up this counter',
    needShop: 'Give the shop\'s name',
    needName: 'Give your name',
    mismatch: 'The two PINs differ',
    empty: 'Start empty',
    demo: 'Load demo data',
    demoHint: 'never goes into the shop',
  },
  zh: {
    title: '设置本柜台',
    needShop: '请填写店铺名称',
    needName: '请填写您的姓名',
    mismatch: '两次输入的 PIN 不一致',
    empty: '从空白开始',
    demo: '加载演示数据',
    demoHint: '绝不会进入店铺的账目',
  },
} as const;

async function chooseCurrency(page: Page, code: string) {
  await page.getByTestId('first-start-currency').click();
  await page.getByRole('option', { name: new RegExp(`^${code} · `) }).click();
  await expect(page.getByTestId('first-start-currency')).toHaveValue(new RegExp(`^${code} · `));
}

async function openSettingsShop(page: Page) {
  await page.goto(page.url().replace(/#.*$/, '#/settings'));
  await expect(page.getByTestId('settings-shop')).toBeVisible({ timeout: 30_000 });
}

test('first start with a PIN: the shop, its currency and the first admin; asked once, then Settings has it (en)', async ({ page }, testInfo) => {
  await page.addInitScript(() => localStorage.setItem('counterflow.lang', 'en'));
  await openApp(page, testInfo, { firstStart: true });
  const setup = page.getByRole('dialog', { name: W.en.title });
  await expect(setup).toBeVisible();
  await expect(page.getByTestId('first-start-shop')).toBeFocused();

  // Nothing typed: each field says what it needs; nothing is saved.
  await page.getByTestId('first-start-submit').click();
  await expect(setup).toContainText(W.en.needShop);
  await expect(setup).toContainText(W.en.needName);

  await page.getByTestId('first-start-shop').fill('Tea House Kyoto');
  await chooseCurrency(page, 'JPY');
  await page.getByTestId('first-start-name').fill('Ada');
  await page.getByTestId('first-start-pin').fill('918273');
  await page.getByTestId('first-start-pin-again').fill('918274');
  await page.getByTestId('first-start-submit').click();
  await expect(setup).toContainText(W.en.mismatch);
  await page.getByTestId('first-start-pin-again').fill('918273');
  await expect(page.getByTestId('first-start-data')).toContainText(W.en.empty);
  await page.getByTestId('first-start-submit').click();

  // The first admin's recovery code, written down; then the board, signed in as Ada.
  const dialog = page.getByTestId('recovery-dialog');
  await dialog.getByTestId('recovery-written').click();
  await dialog.getByTestId('recovery-done').click();
  await expect(setup).toHaveCount(0);
  await expect(page.getByTestId('header-operator')).toHaveText('Ada');
  await expect(page).toHaveURL(/#\/boards$/);

  // Settings has what was set, to change later: the name and the yen with no decimals.
  await openSettingsShop(page);
  await expect(page.getByTestId('shop-name')).toHaveValue('Tea House Kyoto');
  await expect(page.getByTestId('shop-currency')).toHaveValue('JPY');
  await expect(page.getByTestId('shop-digits')).toHaveValue('0');

  // Done once: opening the counter again goes straight to work (the sign-in, operators exist).
  await page.reload();
  await expect(page.getByTestId('sign-in-screen')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('first-start')).toHaveCount(0);
});

test('first start without a PIN works alone under the name; Bahraini dinar with 3 decimals (zh)', async ({ page }, testInfo) => {
  await page.addInitScript(() => localStorage.setItem('counterflow.lang', 'zh'));
  await openApp(page, testInfo, { firstStart: true });
  const setup = page.getByRole('dialog', { name: W.zh.title });
  await expect(setup).toBeVisible();
  await page.getByTestId('first-start-submit').click();
  await expect(setup).toContainText(W.zh.needShop);
  await expect(setup).toContainText(W.zh.needName);
  await page.getByTestId('first-start-shop').fill('麦纳麦茶馆');
  await chooseCurrency(page, 'BHD');
  await page.getByTestId('first-start-name').fill('李明');
  await page.getByTestId('first-start-submit').click();
  await expect(setup).toHaveCount(0);
  await expect(page.getByTestId('sign-in-screen')).toHaveCount(0);

  await openSettingsShop(page);
  await expect(page.getByTestId('shop-name')).toHaveValue('麦纳麦茶馆');
  await expect(page.getByTestId('shop-currency')).toHaveValue('BHD');
  await expect(page.getByTestId('shop-digits')).toHaveValue('3');
  await expect(page.getByTestId('single-operator')).toHaveAttribute('data-name', '李明');
  await page.reload();
  await expect(page.getByTestId('settings-shop')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('first-start')).toHaveCount(0);
});

for (const lang of ['en', 'zh'] as const) {
  test(`first start is skippable: the board, and not asked again (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo, { firstStart: true });
    await expect(page.getByRole('dialog', { name: W[lang].title })).toBeVisible();
    await page.getByTestId('first-start-skip').click();
    await expect(page.getByTestId('first-start')).toHaveCount(0);
    await expect(page).toHaveURL(/#\/boards$/);
    await page.reload();
    await expect(page.getByTestId('role-switcher')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('engine-starting')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByTestId('first-start')).toHaveCount(0);
  });
}

test('first start with demo data: the shop is set up, the demo data goes into the demo counter (en)', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => localStorage.setItem('counterflow.lang', 'en'));
  await openApp(page, testInfo, { firstStart: true });
  await page.getByTestId('first-start-shop').fill('Corner Shop');
  await page.getByTestId('first-start-name').fill('Sam');
  await page.getByTestId('first-start-data').getByText(W.en.demo).click();
  await expect(page.getByTestId('first-start-data-hint')).toContainText(W.en.demoHint);
  await page.getByTestId('first-start-submit').click();
  // The window starts anew on the demo counter, on Settings, where the import runs.
  await expect(page.getByTestId('demo-counter-badge')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('first-start')).toHaveCount(0);
  await expect(page.getByTestId('demo-result')).toContainText(/Created 100 orders/, { timeout: 150_000 });
  // Back in the shop: set up as typed, and still empty.
  await page.getByTestId('demo-back-to-shop').click();
  await expect(page.getByTestId('demo-shop-note')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('shop-name')).toHaveValue('Corner Shop');
  await expect(page.getByTestId('first-start')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __counterflowTest: { db: { orders: { count(): Promise<number> } } } }).__counterflowTest.db.orders.count())).toBe(0);
});

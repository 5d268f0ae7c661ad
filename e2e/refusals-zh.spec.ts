// The Chinese UI words what the engine says: over the main flows in 简体中文 (create an
// order, act on it, an order refused, a form field's problem, stock received and a receipt refused) no English
// refusal sentence, timeline detail or toast shows; each is in Chinese. The sentences looked
// for are the English locale's own, so a refusal that falls back to the engine's English
// message is caught.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { engineCall, openApp, seedCatalog } from './support/app';

type Words = { [key: string]: string | Words };
const en = JSON.parse(readFileSync('renderer/i18n/en.json', 'utf8')) as Words;

/** The fixed parts of English sentences (between the facts), long enough to mean something. */
function fragments(node: Words | string): string[] {
  if (typeof node === 'string') return node.split(/\{\{\w+\}\}/).map((s) => s.trim()).filter((s) => s.length >= 12);
  return Object.values(node).flatMap(fragments);
}
const ENGLISH = [...new Set([...fragments(en.refusal as Words), ...fragments(((en.order as Words).timeline as Words).detail as Words)])];
// The engine's English messages for logs share these, whatever the refusal.
const ENGINE_ENGLISH = [/nothing was changed/i, /Only \d+ x \S+ available/, /is not allowed in/, /Unknown (SKU|location)/, /is not active/];

async function expectNoEnglish(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const found = [...ENGLISH.filter((s) => text.includes(s)), ...ENGINE_ENGLISH.filter((r) => r.test(text)).map(String)];
  expect(found, `English left on the ${where}`).toEqual([]);
}

test.describe('refusals in Chinese', () => {
  test('create, act, refuse and receive stock in 简体中文: nothing the engine says shows in English', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/orders/new' });
    await seedCatalog(page);
    expect(ENGLISH.length).toBeGreaterThan(50);
    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    // Refused: more cups than there are.
    await page.getByTestId('buyer-id').fill('C-8001');
    const entry = page.getByTestId('line-entry');
    await entry.fill('CUP-01');
    await entry.press('Enter');
    await page.getByTestId('line-qty').fill('3');
    await page.getByTestId('create-order').click();
    const refusal = page.getByTestId('create-refusal');
    await expect(refusal).toContainText('仅有 1 件 CUP-01 可用');
    await expectNoEnglish(page, 'create-order refusal');

    // A form field's problem: the engine's zod sentence ("the buyer is missing") is worded
    // from its problems as data.
    await page.getByTestId('buyer-id').fill('');
    await page.getByTestId('line-qty').fill('1');
    await page.getByTestId('create-order').click();
    await expect(refusal).toHaveText(/输入有误：买家不能为空/);
    await expect(refusal).not.toContainText('missing');
    await expectNoEnglish(page, 'bad-field refusal');
    await page.getByTestId('buyer-id').fill('C-8001');

    // Created, then acted on: paid as the platform, shipped as the seller.
    await page.getByTestId('line-qty').fill('1');
    await page.getByTestId('create-order').click();
    await expect(page).toHaveURL(/#\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('order-state')).toHaveText('等待付款');
    await page.keyboard.press('F3');
    await page.getByTestId('panel-order').locator('[data-testid="action-button"][data-action="payment successful"]').click();
    // Its form takes the payment: the first method and the whole balance are filled in.
    await expect(page.getByTestId('action-form')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('order-state')).toHaveText('已付款');
    await page.keyboard.press('F2');
    await page.getByTestId('panel-order').locator('[data-testid="action-button"][data-action="ship the order"]').click();
    await expect(page.getByTestId('action-form')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('order-state')).toHaveText('已发货');
    await expectNoEnglish(page, 'order page and its timeline');

    // Stock received through the dialog, then a receipt into a closed location refused.
    expect(await engineCall(page, 'addLocation', { id: 'BACK', name: 'Back room', priority: 2 })).toMatchObject({ ok: true });
    expect(await engineCall(page, 'updateLocation', { id: 'BACK', active: false })).toMatchObject({ ok: true });
    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('库存');
    await page.keyboard.press('r');
    const receive = page.getByRole('dialog', { name: '入库' });
    await receive.getByTestId('movement-sku').click();
    await receive.getByTestId('movement-sku').fill('TEA');
    await page.getByRole('option', { name: /TEA-100/ }).click();
    await receive.getByTestId('movement-location').click();
    await page.getByRole('option', { name: /Main store/ }).click();
    await receive.getByTestId('movement-qty').fill('5');
    await receive.getByTestId('movement-submit').click();
    await expect(receive).toBeHidden();
    await expect(page.locator('[data-testid="level-row"][data-sku="TEA-100"][data-location="MAIN"] [data-testid="level-onhand"]')).toHaveText('45');
    await expectNoEnglish(page, 'stock screen after a receipt');

    await page.keyboard.press('r');
    await receive.getByTestId('movement-sku').click();
    await receive.getByTestId('movement-sku').fill('TEA');
    await page.getByRole('option', { name: /TEA-100/ }).click();
    await receive.getByTestId('movement-location').click();
    await page.getByRole('option', { name: /Back room/ }).click();
    await receive.getByTestId('movement-qty').fill('2');
    await receive.getByTestId('movement-submit').click();
    await expect(receive.getByTestId('movement-refusal')).toContainText('库位 Back room 未启用');
    await expectNoEnglish(page, 'refused receipt');
  });

  test('settings in 简体中文: the order-number prefix and the GS1 company prefix say what to type, in Chinese', async ({ page }, testInfo) => {
    await page.addInitScript(() => localStorage.setItem('counterflow.lang', 'zh'));
    await openApp(page, testInfo, { path: '/settings' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('settings-device')).toBeVisible();
    // Live-counter settings are the Admin's (F4); each change is confirmed once more.
    await page.keyboard.press('F4');
    await expect(page.getByTestId('device-prefix')).toBeEnabled();

    // Refused by the engine: worded from its problem, with the rule it carries.
    await page.getByTestId('device-prefix').fill('k-2');
    await page.getByTestId('device-save').click();
    await page.getByTestId('confirm-live-ok').click();
    await expect(page.getByTestId('confirm-live-setting')).toHaveCount(0);
    const device = page.getByTestId('settings-device');
    await expect(device).toContainText('订单号前缀格式不对：最多填 4 个大写字母或数字（A–Z、0–9）');
    await expect(device).not.toContainText('capital letters');
    await expectNoEnglish(page, 'device prefix refusal');

    // The GS1 company prefix: the setting's own rule and how many characters were typed.
    const sscc = page.getByTestId('sscc-settings');
    await expect(page.getByTestId('sscc-prefix')).toBeEnabled();
    await page.getByTestId('sscc-prefix').fill('40123');
    await page.getByTestId('sscc-save').click();
    await expect(sscc).toContainText('GS1 厂商识别代码格式不对：请填 6 到 12 位数字；当前为 5 个字符');
    await page.getByTestId('sscc-prefix').fill('40A2345');
    await page.getByTestId('sscc-save').click();
    await expect(sscc).toContainText('请填 6 到 12 位数字；当前为 7 个字符');
    await expect(sscc).not.toContainText('digits');
    await expectNoEnglish(page, 'SSCC prefix refusal');
  });
});

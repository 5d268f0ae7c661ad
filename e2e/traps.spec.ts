// Issue 25, "No traps", as a person meets them: an action that would change nothing is not
// offered again; live-counter settings are the Admin's and are confirmed, and the demo
// periods show in the header; demo data lives in the demo counter; the timeline speaks the
// operator's language. English and Chinese.
import { expect, test, type Page } from '@playwright/test';
import { actViaEngine, createOrderViaEngine, engineCall, openApp, seedCatalog } from './support/app';
import { handled, scan } from './scanner.support';

async function openOrder(page: Page, orderId: string) {
  await page.goto(page.url().replace(/#.*$/, `#/orders/${orderId}`));
  await expect(page.getByTestId('order-number')).toBeVisible();
}

const timelineSteps = (page: Page, action: string) => page.getByTestId('timeline').locator(`[data-testid="timeline-event"][data-type="transition"][data-action="${action}"]`);

test.describe('no traps', () => {
  test('"make payment" is recorded once, then no longer offered; the timeline holds it once', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-2501', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await openOrder(page, orderId);
    await page.keyboard.press('F1');
    const panel = page.getByTestId('panel-order');
    const makePayment = panel.locator('[data-testid="action-button"][data-action="make payment"]');
    await makePayment.click();
    await expect(timelineSteps(page, 'make payment')).toHaveCount(1);
    // Not offered again; the buyer can still cancel.
    await expect(makePayment).toHaveCount(0);
    await expect(panel.locator('[data-testid="action-button"][data-action="cancel order"]')).toBeVisible();
    // The reason is there for whoever looks for it.
    const toggle = panel.getByTestId('toggle-unavailable');
    if (await toggle.count()) await toggle.click();
    await expect(panel.locator('[data-testid="unavailable-action"][data-action="make payment"]')).toContainText('Already recorded');
    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(panel.locator('[data-testid="unavailable-action"][data-action="make payment"]')).toContainText('已记录');
    await expect(timelineSteps(page, 'make payment')).toHaveCount(1);
  });

  test('live-counter settings: a Seller sees why not; the Admin is asked before saving; the demo-periods badge shows on every screen', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openApp(page, testInfo, { path: '/settings' });
    await page.keyboard.press('F2');
    const periods = page.getByTestId('settings-periods');
    await expect(periods.getByTestId('admin-only')).toContainText('Only the Admin role may change this');
    await expect(page.getByTestId('period-override-payment')).toBeDisabled();
    await expect(page.getByTestId('settings-allocation').getByTestId('admin-only')).toBeVisible();
    await expect(page.getByTestId('demo-periods-badge')).toHaveCount(0);

    await page.keyboard.press('F4');
    await expect(periods.getByTestId('admin-only')).toHaveCount(0);
    // Asked once more; "keep as it is" changes nothing.
    await page.getByTestId('settings-preset').getByText('Demo').click();
    await expect(page.getByTestId('confirm-live-setting')).toContainText('Switch the timer periods to "Demo"?');
    await page.getByTestId('confirm-live-cancel').click();
    await expect(page.getByTestId('period-used-payment')).toHaveText('1 day');
    await expect(page.getByTestId('demo-periods-badge')).toHaveCount(0);
    await page.getByTestId('settings-preset').getByText('Demo').click();
    await page.getByTestId('confirm-live-ok').click();
    await expect(page.getByTestId('period-used-payment')).toHaveText('2 min');

    // The badge names the demo periods in the header, whole, on every screen.
    const badge = page.getByTestId('demo-periods-badge');
    await expect(badge).toHaveText('Demo periods');
    for (const key of ['Alt+1', 'Alt+3', 'Alt+4', 'Alt+7']) {
      await page.keyboard.press(key);
      await expect(badge).toBeVisible();
      const cut = await badge.evaluate((el) => {
        const label = el.querySelector('.mantine-Badge-label') ?? el;
        return label.scrollWidth > label.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth;
      });
      expect(cut).toBe(false);
    }
    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(badge).toHaveText('演示时长');
    await page.keyboard.press('F2');
    await expect(periods.getByTestId('admin-only')).toContainText('只有管理员角色可以修改此项');
  });

  test('demo data goes into the demo counter, never the shop, and the demo counter can be deleted', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openApp(page, testInfo, { path: '/settings' });
    const shopProducts = () => page.evaluate(() => (window as unknown as { __counterflowTest: { db: { products: { count(): Promise<number> }; name: string } } }).__counterflowTest.db.products.count());
    await expect(page.getByTestId('demo-shop-note')).toContainText('never goes into the shop');
    await expect(page.getByTestId('demo-generate')).toHaveCount(0);

    await page.getByTestId('open-demo-counter').click();
    await expect(page.getByTestId('demo-counter-badge')).toHaveText('Demo counter', { timeout: 60_000 });
    await expect(page.getByTestId('engine-starting')).toHaveCount(0, { timeout: 60_000 });
    // Named in the header, whole, with the way back beside it (a 1366×768 counter screen).
    for (const id of ['demo-counter-badge', 'back-to-shop', 'theme-toggle', 'language-switch']) {
      const cut = await page.getByTestId(id).evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth);
      expect(cut, id).toBe(false);
    }
    await page.getByTestId('demo-count').getByText('10', { exact: true }).click();
    await page.getByTestId('demo-generate').click();
    await expect(page.getByTestId('demo-result')).toContainText(/Created 10 orders/, { timeout: 90_000 });
    expect(await shopProducts()).toBeGreaterThan(0);

    // Back to the shop, on purpose: none of it is there.
    await page.getByTestId('back-to-shop').click();
    await expect(page.getByTestId('demo-shop-note')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('demo-counter-badge')).toHaveCount(0);
    await expect.poll(shopProducts).toBe(0);

    // The demo counter is still there until it is deleted (asked once more).
    await page.getByTestId('open-demo-counter').click();
    await expect(page.getByTestId('demo-counter-badge')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(page.getByTestId('demo-counter-badge')).toHaveText('演示柜台');
    await expect(page.getByTestId('settings-demo')).toContainText('10 个订单');
    await page.getByTestId('delete-demo-counter').click();
    await expect(page.getByTestId('confirm-delete-demo')).toContainText('10 个订单');
    await page.getByTestId('delete-demo-ok').click();
    await expect(page.getByTestId('demo-shop-note')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('demo-counter-badge')).toHaveCount(0);
    await expect
      .poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.endsWith('.demo'))))
      .toEqual([]);
  });

  test('the timeline speaks the operator’s language: roles and states in words, a cancelled order reads as cancelled', async ({ page }, testInfo) => {
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-2502', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await actViaEngine(page, { kind: 'order', id: orderId }, 'B', 'cancel order');
    await openOrder(page, orderId);
    await expect(page.getByTestId('order-state')).toHaveText('closed (cancelled)');
    const timeline = page.getByTestId('timeline');
    await expect(timelineSteps(page, 'cancel order')).toContainText('Buyer');
    await expect(timeline.locator('[data-type="timer-skipped"]')).toContainText('the order has left waiting for payment');
    const raw = /(^|[^A-Za-z])(WP|FP|HS|FS|ST|CT|WA|FA|WSR|PPR)([^A-Za-z]|$)|_|[a-z][A-Z]/;
    for (const text of await timeline.getByTestId('timeline-event').allInnerTexts()) expect(text).not.toMatch(raw);

    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(page.getByTestId('order-state')).toHaveText('交易关闭');
    await expect(timelineSteps(page, 'cancel order')).toContainText('买家');
    for (const text of await timeline.getByTestId('timeline-event').allInnerTexts()) expect(text).not.toMatch(raw);
  });
});

// A new clerk's first day (issue: one way to take a payment). The order page used to offer
// two forms for the same money: the payment panel's "Take …" and the Platform's "payment
// successful" form. Now, for the role that is offered the action, the panel only points to
// it (its button opens that same form); for the others the panel's form says it settles
// the order through that action.
const PAY_WORDS = {
  en: { lang: 'English', settles: 'marks the order paid ("payment successful")', byAction: 'As Platform you take the payment with "payment successful" in Actions', open: 'Take payment (25.00 to pay)' },
  zh: { lang: '简体中文', settles: '付清全部余额即标记订单已付款（“付款成功”）', byAction: '以平台身份，请在“操作”中用“付款成功”收款', open: '收款（应付 25.00）' },
} as const;

for (const [lang, W] of Object.entries(PAY_WORDS)) {
  test(`one way to take a payment: the panel's button opens the action's form, never a second form (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-2601', lines: [{ sku: 'TEA-100', qty: 2, unitPrice: 1250 }] });
    await openOrder(page, orderId);
    const panel = page.getByTestId('payment-panel');
    const payAction = page.locator('[data-testid="action-button"][data-action="payment successful"]');

    // Seller: no payment action of their own; the panel's form says what paying in full does.
    await expect(panel.getByTestId('take-payment')).toBeVisible();
    await expect(panel.getByTestId('payment-settles')).toContainText(W.settles);
    await expect(payAction).toHaveCount(0);

    // Platform: the action is offered, so the panel shows no form of its own, only the way to it.
    await page.keyboard.press('F3');
    await expect(payAction).toBeVisible();
    await expect(panel.getByTestId('take-payment')).toHaveCount(0);
    await expect(panel.getByTestId('payment-by-action')).toContainText(W.byAction);
    await panel.getByTestId('payment-open-action').click();
    await expect(panel.getByTestId('payment-open-action')).toHaveText(new RegExp(W.open.replace(/[()（）]/g, '.')));
    const form = page.getByTestId('action-form');
    await expect(form).toBeVisible();
    // The one form for the money, with the focus in it: method, then the balance as the amount.
    await expect(page.getByTestId('input-method')).toBeFocused();
    await expect(page.getByTestId('input-amountPaid')).toHaveValue('25.00');
    await expect(page.locator('form:has([data-testid="input-amountPaid"]), form:has([data-testid="payment-amount"])')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(form).toHaveCount(0);
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'FP');
    await expect(page.getByTestId('money-balance')).toHaveText('0.00');
    await expect(panel.getByTestId('payment-by-action')).toHaveCount(0);
    await expect(payAction).toHaveCount(0);
  });
}

// A new clerk's first day, by keyboard where a clerk would use it: the help is one key away
// and leads to each screen; the till takes the float at once and asks before it closes;
// cash taken with no till open is warned about; the menu promises only keys that work.
const DAY = {
  en: {
    help: 'Your first day at the counter',
    till: 'Open the till',
    noTill: 'The till is not open',
    ask: 'Close the till?',
    short: 'Counted 99.00, expected 112.50: 13.50 short.',
    keep: 'Keep it open',
  },
  zh: {
    help: '柜台第一天',
    till: '开启收银',
    noTill: '收银班次未开启',
    ask: '关闭收银班次？',
    short: '实点 99.00，应有 112.50：短款 13.50。',
    keep: '暂不关闭',
  },
} as const;

for (const [lang, W] of Object.entries(DAY)) {
  test(`first day by keyboard: help on "?", the till from it, no cash without a till, closing asks with the figures (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-2701', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });

    // Cash before the till is open: the payment form says so and leads to the till.
    await openOrder(page, orderId);
    const panel = page.getByTestId('payment-panel');
    await expect(panel.getByTestId('no-till-warning')).toContainText(W.noTill);
    await panel.getByTestId('payment-method').getByText(lang === 'zh' ? '银行卡' : 'Card').click();
    await expect(panel.getByTestId('no-till-warning')).toHaveCount(0);
    // The action's form says it too (the Platform's "payment successful").
    await page.keyboard.press('F3');
    await panel.getByTestId('payment-open-action').click();
    await expect(page.getByTestId('action-form').getByTestId('no-till-warning')).toContainText(W.noTill);
    await page.keyboard.press('Escape');
    await page.keyboard.press('F2');

    // The help: "?" anywhere outside a field; each step opens its screen.
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: W.help });
    await expect(help).toBeVisible();
    await expect(help.getByTestId('help-step')).toHaveCount(9);
    await help.locator('[data-step="till"] a').click();
    await expect(help).toHaveCount(0);

    // The till takes the float at once: typed and Enter, no mouse.
    await expect(page.getByTestId('till-float')).toBeFocused();
    await page.keyboard.type('100');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('till-open-session')).toBeVisible();

    // Now cash is on the till: no warning.
    await openOrder(page, orderId);
    await expect(page.getByTestId('take-payment')).toBeVisible();
    await expect(page.getByTestId('no-till-warning')).toHaveCount(0);
    await page.getByTestId('take-payment').click();
    await expect(page.getByTestId('print-sheet')).toBeVisible();

    // Closing asks, with the count against what is expected; "keep it open" changes nothing.
    await page.goto(page.url().replace(/#.*$/, '#/till'));
    await expect(page.getByTestId('till-expected')).toHaveText('112.50');
    await page.getByTestId('till-counted').fill('99');
    await page.keyboard.press('Enter');
    const ask = page.getByTestId('confirm-close-till');
    await expect(ask).toContainText(W.ask);
    await expect(page.getByTestId('confirm-close-till-figures')).toHaveText(W.short);
    await page.getByRole('button', { name: W.keep }).click();
    await expect(ask).toHaveCount(0);
    await expect(page.getByTestId('till-open-session')).toBeVisible();
    // Back in the count, not lost: Enter asks again, and Enter on the question closes.
    await expect(page.getByTestId('till-counted')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('confirm-close-till-ok')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('z-difference')).toHaveText('-13.50');
  });
}

test('the menu shows only keys that work: Alt+0 opens the tenth screen, later screens show no key', async ({ page }, testInfo) => {
  await openApp(page, testInfo);
  const badges = await page.getByRole('navigation').locator('kbd').allInnerTexts();
  for (const text of badges) expect(text).toMatch(/^Alt \d$/);
  await expect(page.getByTestId('nav-parcels')).toContainText('Alt 0');
  await expect(page.getByTestId('nav-till').locator('kbd')).toHaveCount(0);
  await page.keyboard.press('Alt+0');
  await expect(page).toHaveURL(/#\/parcels$/);
  await page.keyboard.press('Alt+3');
  await expect(page).toHaveURL(/#\/stock$/);
});

// Receiving the first delivery: with no location the screen says what to do first; with the
// counter's one location, the first product scan books there (no label to print first).
const RECEIVE = {
  en: { none: 'This counter has no location yet', received: 'Received 1 × TEA-100 · Green tea 100 g at Main store.' },
  zh: { none: '本柜台还没有库位', received: '已入库 1 × TEA-100 · Green tea 100 g 到 Main store。' },
} as const;

for (const [lang, W] of Object.entries(RECEIVE)) {
  test(`first delivery by scanner: no location says so; one location takes the first scan (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo, { path: '/stock/scan' });
    const panel = page.getByTestId('scan-stock-panel');
    await expect(panel.getByTestId('scan-stock-no-locations')).toContainText(W.none);
    await panel.getByTestId('scan-stock-no-locations').getByRole('link').click();
    await expect(page).toHaveURL(/#\/stock$/);

    await engineCall(page, 'addLocation', { id: 'MAIN', name: 'Main store', priority: 1 });
    await engineCall(page, 'addProduct', { sku: 'TEA-100', name: 'Green tea 100 g', price: 1250, barcodes: ['4006381333931'] });
    await page.goto(page.url().replace(/#.*$/, '#/stock/scan'));
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('scan-stock-no-locations')).toHaveCount(0);
    await scan(page, '4006381333931');
    await handled(page, 1);
    await expect(page.getByTestId('scan-last')).toHaveText(W.received);
    await expect(panel.getByTestId('scan-stock-location')).toHaveValue('Main store (MAIN)');
    await expect(panel.getByTestId('scan-stock-received')).toHaveText('+1');
  });
}

// The timeline's role badges read whole ("Platform", "平台"), not cut to "PL…".
for (const [lang, roles] of Object.entries({ en: ['Buyer', 'Platform'], zh: ['买家', '平台'] })) {
  test(`the timeline names each role whole (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-2801', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    await openOrder(page, orderId);
    const badges = page.getByTestId('timeline').locator('[data-role]');
    await expect(badges.first()).toBeVisible();
    const shown = await badges.evaluateAll((els) => els.map((el) => ({ text: el.textContent ?? '', cut: [el, ...el.querySelectorAll('*')].some((x) => x.scrollWidth > x.clientWidth + 1) })));
    for (const b of shown) expect(b, b.text).toMatchObject({ cut: false });
    for (const role of roles) expect(shown.map((b) => b.text)).toContain(role);
  });
}

// "ship the order": carrier and tracking number are both or neither. The form used to call
// the carrier "optional" and then refuse the tracking number without it.
const SHIP = {
  en: { carrier: 'optional, but needed with Tracking numbers', tracking: 'needed with Carrier' },
  zh: { carrier: '选填，但填写运单号时必填', tracking: '填写承运商时必填' },
} as const;

for (const [lang, W] of Object.entries(SHIP)) {
  test(`the ship form says the carrier and the tracking number go together (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-2901', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    await openOrder(page, orderId);
    await page.locator('[data-testid="action-button"][data-action="ship the order"]').click();
    const form = page.getByTestId('action-form');
    await expect(form).toContainText(W.carrier);
    await expect(form).toContainText(W.tracking);
    await page.getByTestId('input-trackingNumbers').fill('SF1234567890123');
    await page.keyboard.press('Enter');
    // Refused on the carrier, the form kept, the focus there to choose one.
    await expect(page.getByTestId('input-carrier')).toBeFocused();
    await page.getByTestId('input-carrier').selectOption('sf');
    await page.keyboard.press('Enter');
    await expect(form).toHaveCount(0);
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'FS');
  });
}

// Who did a step, in words: "this counter" before anyone typed a name (not the English
// word "counter" in a Chinese timeline), the operator's name once operators are set up
// (not their id).
test('the timeline names who did a step: this counter, then the operator by name (en, zh)', async ({ page }, testInfo) => {
  await openApp(page, testInfo);
  await seedCatalog(page);
  const first = await createOrderViaEngine(page, { buyerId: 'C-3001', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
  await openOrder(page, first.orderId);
  await expect(page.getByTestId('timeline-operator').first()).toHaveText('this counter');
  await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
  await expect(page.getByTestId('timeline-operator').first()).toHaveText('本柜台');
  await page.getByTestId('language-switch').selectOption({ label: 'English' });

  await page.goto(page.url().replace(/#.*$/, '#/settings'));
  const setup = page.getByTestId('operators-setup');
  await setup.getByTestId('setup-name').fill('Ada');
  await setup.getByTestId('setup-badge').fill('ADA-1');
  await setup.getByTestId('setup-pin').fill('918273');
  await setup.getByTestId('setup-pin-again').fill('918273');
  await setup.getByTestId('setup-submit').click();
  const dialog = page.getByTestId('recovery-dialog');
  await dialog.getByTestId('recovery-written').click();
  await dialog.getByTestId('recovery-done').click();
  await expect(page.getByTestId('header-operator')).toHaveText('Ada');

  const second = await createOrderViaEngine(page, { buyerId: 'C-3002', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
  await openOrder(page, second.orderId);
  await expect(page.getByTestId('timeline-operator').first()).toHaveText('Ada');
});

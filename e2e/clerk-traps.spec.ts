// A new clerk's first day, the traps a review found, each driven as a person meets it:
// who took a payment and in which role; one ship path; the payment form's needed fields;
// a scan refusal said by where it came from; a setting named in its refusal; amounts in the
// shop currency's digits. English and Chinese where words matter.
import { expect, test, type Page } from '@playwright/test';
import { actViaEngine, createOrderViaEngine, engineCall, openApp, seedCatalog } from './support/app';
import { handled, scan } from './scanner.support';

async function openOrder(page: Page, orderId: string) {
  await page.goto(page.url().replace(/#.*$/, `#/orders/${orderId}`));
  await expect(page.getByTestId('order-number')).toBeVisible({ timeout: 30_000 });
}

const step = (page: Page, action: string) => page.getByTestId('timeline').locator(`[data-testid="timeline-event"][data-type="transition"][data-action="${action}"]`);
const paymentStep = (page: Page) => page.getByTestId('timeline').locator('[data-testid="timeline-event"][data-type="payment"]');

const WHO = {
  en: { lang: 'English', seller: 'Seller', platform: 'Platform', actedAs: 'took the payment as Seller; a payment in full is recorded as the Platform step it settles', settles: 'under your name and role' },
  zh: { lang: '简体中文', seller: '卖家', platform: '平台', actedAs: '以卖家身份收款；付清款项记为其完成的平台步骤', settles: '以您的姓名和角色记录这笔收款' },
} as const;

for (const [lang, W] of Object.entries(WHO)) {
  test(`a payment taken as the Seller: the timeline names the operator and the Seller role; "payment successful" is the Platform's step taken for them (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    await engineCall(page, 'setSetting', 'singleOperatorName', 'Mei');
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-3101', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await openOrder(page, orderId);
    // The Seller's panel says why the order's step is the platform's, before the money is taken.
    const panel = page.getByTestId('payment-panel');
    await expect(panel.getByTestId('payment-settles')).toContainText(W.settles);
    await panel.getByTestId('payment-method').getByText(lang === 'zh' ? '银行卡' : 'Card').click();
    await panel.getByTestId('take-payment').click();
    await expect(page.getByTestId('print-sheet')).toBeVisible();
    await openOrder(page, orderId);
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'FP');

    // The money: the operator, as the Seller they acted as.
    await expect(paymentStep(page)).toHaveCount(1);
    await expect(paymentStep(page).locator('[data-role]')).toHaveText(W.seller);
    await expect(paymentStep(page).getByTestId('timeline-operator')).toHaveText('Mei');
    // The order's step: the Platform's, taken for the same operator, who acted as the Seller.
    const paid = step(page, 'payment successful');
    await expect(paid.locator('[data-role]')).toHaveText(W.platform);
    await expect(paid.getByTestId('timeline-operator')).toHaveText('Mei');
    await expect(paid.getByTestId('timeline-acted-as')).toHaveText(W.actedAs);
  });
}

const SHIP = {
  en: { refused: '"ship the order" is not allowed in waiting for payment', hint: 'only once it is paid' },
  zh: { refused: '不能执行', hint: '仅在付款后可用' },
} as const;

for (const [lang, W] of Object.entries(SHIP)) {
  test(`the Parcels card ships through the order's own "ship the order": refused while unpaid, with the reason (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-3201', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await openOrder(page, orderId);
    const card = page.getByTestId('order-shipments');
    await expect(card.getByTestId('add-shipment-hint')).toContainText(W.hint);
    const ship = async () => {
      await card.getByTestId('add-shipment-carrier').click();
      await page.getByRole('option', { name: 'SF Express' }).click();
      await card.getByTestId('add-shipment-tracking').fill('SF1234567890123');
      await card.getByTestId('add-shipment-submit').click();
    };
    await ship();
    await expect(card.getByTestId('add-shipment-error')).toContainText(W.refused);
    await expect(card.getByTestId('shipment')).toHaveCount(0);
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'WP');

    // Paid: the same card ships it, and the order moves on as its action would.
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'FP');
    // What was typed is kept after the refusal: the same form, sent again.
    await expect(card.getByTestId('add-shipment-tracking')).toHaveValue('SF1234567890123');
    await card.getByTestId('add-shipment-submit').click();
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'FS');
    await expect(card.getByTestId('shipment')).toHaveCount(1);
    await expect(card.getByTestId('add-shipment-error')).toHaveCount(0);
    await expect(step(page, 'ship the order')).toHaveCount(1);
  });
}

const PAY_FORM = {
  en: { optional: 'optional', missing: 'Amount paid is missing' },
  zh: { optional: '选填', missing: '请填写支付金额' },
} as const;

for (const [lang, W] of Object.entries(PAY_FORM)) {
  test(`the payment form needs its method and amount: not called optional, and an empty amount is refused on its field (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    const { orderId } = await createOrderViaEngine(page, { buyerId: 'C-3301', lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
    await openOrder(page, orderId);
    await page.keyboard.press('F3');
    await page.getByTestId('payment-panel').getByTestId('payment-open-action').click();
    const form = page.getByTestId('action-form');
    await expect(form).toBeVisible();
    const wrapper = (name: string) => form.locator(`.mantine-InputWrapper-root:has([data-testid="input-${name}"])`);
    for (const name of ['method', 'amountPaid']) {
      await expect(wrapper(name)).not.toContainText(W.optional);
      await expect(page.getByTestId(`input-${name}`)).toHaveAttribute('required', '');
    }
    // What may be left empty still says so.
    await expect(wrapper('tendered')).toContainText(W.optional);

    await page.getByTestId('input-amountPaid').fill('');
    await page.keyboard.press('Enter');
    await expect(wrapper('amountPaid')).toContainText(W.missing);
    await expect(page.getByTestId('input-amountPaid')).toBeFocused();
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'WP');
    await expect(page.getByTestId('payment-rows')).toHaveCount(0);

    await page.getByTestId('input-amountPaid').fill('12.50');
    await page.keyboard.press('Enter');
    await expect(form).toHaveCount(0);
    await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'FP');
  });
}

// A scan refused by this counter says "this counter"; the same refusal from the shop's server
// (a synced counter's pushed scan, refused there) says the server.
const WHERE = {
  en: { local: 'No parcel with tracking number or SSCC SF1234567890123 on this counter.', server: "The shop's server has no parcel with tracking number or SSCC SF1234567890199.", here: 'this counter' },
  zh: { local: '此柜台没有运单号或 SSCC 为 SF1234567890123 的包裹。', server: '店铺服务器上没有运单号或 SSCC 为 SF1234567890199 的包裹。', here: '此柜台' },
} as const;

for (const [lang, W] of Object.entries(WHERE)) {
  test(`a parcel scan refusal is worded by where it came from: this counter, or the shop's server (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await page.goto(page.url().replace(/#.*$/, '#/parcels'));
    await expect(page.getByTestId('parcels-page')).toBeVisible({ timeout: 30_000 });
    await scan(page, 'SF1234567890123');
    await handled(page, 1);
    await expect(page.getByTestId('parcel-row').first()).toContainText(W.local);

    // The server's answer to a scan this counter pushed earlier arrives (as the sync client stores it).
    await page.evaluate(async () => {
      const { db } = (window as unknown as { __counterflowTest: { db: { outbox: { add(row: unknown): Promise<unknown> } } } }).__counterflowTest;
      await db.outbox.add({
        commandId: 'e2e-refused-scan',
        kind: 'tracking:checkpoint',
        args: [{ code: 'SF1234567890199' }],
        operator: 'counter',
        at: Date.now(),
        status: 'refused',
        undo: { rows: [] },
        undone: true,
        refusal: { code: 'not-found', message: 'No parcel with tracking number or SSCC SF1234567890199 on this counter.', params: { reason: 'unknown-parcel', code: 'SF1234567890199' } },
      });
    });
    const toast = page.locator('.mantine-Notification-root').filter({ hasText: 'SF1234567890199' });
    await expect(toast).toContainText(W.server);
    await expect(toast).not.toContainText(W.here);
  });
}

// A setting refused names the setting (never "this field"); the timeline's amounts use the
// shop currency's digits, as the rest of the app does.
const SHOP = {
  en: { code: 'the currency code is not in the right form', unnamed: 'this field' },
  zh: { code: '币种代码', unnamed: '此项' },
} as const;

for (const [lang, W] of Object.entries(SHOP)) {
  test(`a refused setting names it; the timeline shows yen with no decimals and dinars with three (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo, { path: '/settings' });
    const shop = page.getByTestId('settings-shop');
    await expect(shop).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('shop-currency').fill('JP');
    await page.getByTestId('shop-save').click();
    const problem = shop.locator('.mantine-InputWrapper-root:has([data-testid="shop-currency"]) .mantine-InputWrapper-error');
    await expect(problem).toContainText(W.code);
    await expect(problem).not.toContainText(W.unnamed);

    await seedCatalog(page);
    for (const [currency, shown, hidden] of [
      [{ code: 'JPY', digits: 0 }, '1250', '12.50'],
      [{ code: 'BHD', digits: 3 }, '1.250', '12.50'],
    ] as const) {
      expect(await engineCall(page, 'setSetting', 'currency', currency)).toMatchObject({ ok: true });
      const { orderId } = await createOrderViaEngine(page, { buyerId: `C-34${currency.digits}`, lines: [{ sku: 'TEA-100', qty: 1, unitPrice: 1250 }] });
      expect(await engineCall(page, 'takePayment', { orderId, method: 'card', amount: 1250 })).toMatchObject({ ok: true });
      await openOrder(page, orderId);
      await expect(paymentStep(page)).toContainText(shown);
      await expect(paymentStep(page)).not.toContainText(hidden);
    }
  });
}

// The first goods arrive and the clerk opens Stock → Receive with the scanner in hand: the
// scan is the form's product (not a toast saying "scan it on another screen"), and the
// quantity is next.
const RECEIVE = {
  en: { receive: 'Receive', chosen: 'TEA-100 · Green tea 100 g chosen: type the quantity.', placeholder: 'or scan' },
  zh: { receive: '入库', chosen: '已选择 TEA-100 · Green tea 100 g：请输入数量。', placeholder: '或扫码' },
} as const;

for (const [lang, W] of Object.entries(RECEIVE)) {
  test(`receiving by scanner in the Receive dialog: the scan picks the product, the quantity is next (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    await page.getByTestId('nav-stock').click();
    const row = page.locator('[data-testid="level-row"][data-sku="TEA-100"]');
    await expect(row).toContainText('40');
    await page.getByTestId('stock-receive').click();
    const dialog = page.getByRole('dialog');
    const product = dialog.getByTestId('movement-sku');
    await expect(product).toBeVisible();
    await expect(product).toBeFocused();
    await expect(product).toHaveAttribute('placeholder', new RegExp(W.placeholder));

    await scan(page, '4006381333931');
    await handled(page, 1);
    await expect(product).toHaveValue('TEA-100 · Green tea 100 g');
    await expect(page.getByTestId('scan-toast').filter({ hasText: W.chosen })).toBeVisible();
    await expect(dialog.getByTestId('movement-qty')).toBeFocused();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await expect(product).toHaveCount(0);
    await expect(row).toContainText('45');
  });
}

// Toasts sit in the navbar's lower part, which at 1366 × 768 holds its last screens: a click
// on "Returns desk" under a toast reaches it, and pointing at the navbar fades the toasts.
const UNDER = {
  en: { returns: 'Returns desk', scanned: 'TEA-100' },
  zh: { returns: '退货台', scanned: 'TEA-100' },
} as const;

for (const [lang, W] of Object.entries(UNDER)) {
  test(`a toast over the navbar's last entries does not swallow the click meant for them (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo);
    await seedCatalog(page);
    // A product scanned on the board: a toast says where it can be used.
    await scan(page, '4006381333931');
    await handled(page, 1);
    const toast = page.getByTestId('scan-toast').filter({ hasText: W.scanned });
    await expect(toast).toBeVisible();
    const link = page.getByTestId('nav-returns');
    // The premise: the toast, at rest, lies over the entry.
    await expect(async () => {
      const [t, l] = await Promise.all([toast.boundingBox(), link.boundingBox()]);
      expect(t!.y).toBeLessThan(l!.y + l!.height / 2);
      expect(t!.x).toBeLessThan(l!.x + l!.width / 2);
    }).toPass();
    // Pointing at the navbar: the toasts fade, the entries show.
    await page.getByTestId('nav-boards').hover();
    await expect(toast).toHaveCSS('opacity', '0.12');
    // A person clicks where "Returns desk" is: the returns desk opens, the toast still up.
    const box = (await link.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByRole('heading', { level: 1, name: W.returns })).toBeVisible();
    await expect(page).toHaveURL(/#\/returns$/);
    await expect(toast).toBeVisible();
  });
}

// The Chinese screens a clerk fills on the first day carry no English code or developer
// command: a new product's unit is in the clerk's words, and the sync card's code is "from
// whoever runs the server", not a command line.
const WORDS = {
  en: { addProduct: 'Add product', unit: 'pcs', codeHint: "whoever runs the shop's sync server" },
  zh: { addProduct: '添加商品', unit: '件', codeHint: '由运行本店同步服务器的人提供' },
} as const;

for (const [lang, W] of Object.entries(WORDS)) {
  test(`a new product's unit is in the clerk's language, saved as shown; the sync card names no command line (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo, { path: '/stock' });
    await page.getByRole('button', { name: W.addProduct }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('product-unit')).toHaveValue(W.unit);
    await dialog.getByTestId('product-sku').fill('TEA-7');
    await dialog.getByTestId('product-name').fill(lang === 'zh' ? '乌龙茶' : 'Oolong');
    await dialog.getByTestId('product-price').fill('8');
    await dialog.getByTestId('product-sku').press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect.poll(() => page.evaluate(async () => (await (window as unknown as { __counterflowTest: { db: { products: { get(k: string): Promise<{ unit: string } | undefined> } } } }).__counterflowTest.db.products.get('TEA-7'))?.unit)).toBe(W.unit);

    await page.getByTestId('nav-settings').click();
    const sync = page.getByTestId('settings-sync');
    await expect(sync).toContainText(W.codeHint);
    await expect(sync).not.toContainText('npm');
  });
}

// Esc (or a click beside the form) on a form with something typed in it asks before the
// typing is thrown away; an untouched form closes at once; Cancel is asked for by name.
const DISCARD = {
  en: { addProduct: 'Add product', question: 'Close without saving?', keep: 'Keep editing', discard: 'Close without saving' },
  zh: { addProduct: '添加商品', question: '不保存就关闭？', keep: '继续编辑', discard: '不保存并关闭' },
} as const;

for (const [lang, W] of Object.entries(DISCARD)) {
  test(`Esc on a form with typing in it asks first; Keep editing keeps what was typed (${lang})`, async ({ page }, testInfo) => {
    await page.addInitScript((l) => localStorage.setItem('counterflow.lang', l), lang);
    await openApp(page, testInfo, { path: '/stock' });
    const form = page.getByRole('dialog', { name: W.addProduct });

    // Untouched: Esc closes at once.
    await page.getByRole('button', { name: W.addProduct }).click();
    await expect(form.getByTestId('product-sku')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(form).toHaveCount(0);

    // Typed into: Esc asks; keeping returns to the form with the typing intact.
    await page.getByRole('button', { name: W.addProduct }).click();
    await form.getByTestId('product-sku').fill('TEA-9');
    await form.getByTestId('product-name').fill('Jasmine');
    await page.keyboard.press('Escape');
    const question = page.getByRole('dialog', { name: W.question });
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: W.keep }).click();
    await expect(question).toHaveCount(0);
    await expect(form.getByTestId('product-sku')).toHaveValue('TEA-9');
    await expect(form.getByTestId('product-name')).toHaveValue('Jasmine');

    // Asked again, and this time closed: nothing was saved.
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: W.question }).getByRole('button', { name: W.discard }).click();
    await expect(form).toHaveCount(0);
    await expect.poll(() => page.evaluate(async () => (await (window as unknown as { __counterflowTest: { db: { products: { count(): Promise<number> } } } }).__counterflowTest.db.products.count()))).toBe(0);
  });
}

// Workflow view: diagrams of the installed definitions, an order's states highlighted,
// import of a bad and of a good definition file, export.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actViaEngine, createOrderViaEngine, openApp, screenshotBoth, seedCatalog } from './support/app';

/** The built-in product order's version (it is raised when the built-in changes). */
const PRODUCT_ORDER = `product-order@${(JSON.parse(readFileSync(join(process.cwd(), 'shared/workflows/product-order.json'), 'utf8')) as { version: number }).version}`;
const serviceOrder = JSON.parse(readFileSync(join(process.cwd(), 'shared/workflows/service-order.json'), 'utf8')) as {
  version: number;
  machines: { order: { transitions: Array<{ role: string; to: string }> } };
};

async function quietToasts(page: Page): Promise<void> {
  const toasts = page.locator('.mantine-Notification-root');
  for (let i = 0; i < 20 && (await toasts.count()) > 0; i++) {
    await toasts.first().locator('button').first().click({ timeout: 1000 }).catch(() => undefined);
  }
  await expect(toasts).toHaveCount(0);
}

async function chooseFile(page: Page, name: string, content: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('workflow-import').click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

test.describe('workflow view', () => {
  test('draws each machine of the built-in definitions and highlights where an order is', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/workflows' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workflows');
    await expect(page.getByTestId('workflow-item')).toHaveCount(2);
    await expect(page.locator(`[data-workflow="${PRODUCT_ORDER}"]`)).toHaveAttribute('aria-current', 'true');

    // The order machine: every state a box, terminal ones marked, moves labelled by role and action.
    const diagram = page.getByTestId('workflow-diagram');
    await expect(diagram.getByTestId('diagram-state')).toHaveCount(8);
    await expect(diagram.locator('[data-code="CT"]')).toHaveAttribute('data-terminal', 'true');
    await expect(diagram.locator('[data-code="WP"]')).toContainText('waiting for payment');
    await expect(diagram.locator('[data-code="WP"]')).toContainText('make payment'); // stays in WP: listed on the node
    await expect(diagram.getByTestId('diagram-edge-label').filter({ hasText: 'payment successful' })).toHaveCount(1);
    await screenshotBoth(page, 'workflows');

    // Other machines by tab, with the keyboard.
    await page.getByTestId('machine-tab').first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('machine-tab').nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(diagram.getByTestId('diagram-state')).toHaveCount(4);

    // An order, paid: its states are ringed.
    await seedCatalog(page);
    const { orderId, number } = await createOrderViaEngine(page, { buyerId: 'C-5001', lines: [{ sku: 'TEA-100', qty: 1 }] });
    await actViaEngine(page, { kind: 'order', id: orderId }, 'P', 'payment successful');
    await page.goto(page.url().replace(/#.*$/, `#/workflows?order=${orderId}`));
    await expect(page.getByTestId('workflow-order')).toHaveValue(new RegExp(`^${number}`));
    await expect(page.getByTestId('machine-tab').first()).toHaveAttribute('aria-selected', 'true');
    const here = diagram.locator('[data-marked="true"]');
    await expect(here).toHaveCount(1);
    await expect(here).toHaveAttribute('data-code', 'FP');
    await expect(here.getByTestId('diagram-mark')).toHaveText(`Here: ${number}`);
    await expect(page.getByTestId('machine-tab').nth(1)).toContainText('1'); // the line, on the order line machine
    await quietToasts(page);
    await screenshotBoth(page, 'workflows-order');

    await page.getByTestId('machine-tab').nth(1).click();
    await expect(diagram.locator('[data-marked="true"]').getByTestId('diagram-mark')).toHaveText('Here: line 1');

  });

  test('a bad definition file lists every problem with its JSON path; a good one (version bumped) is installed, listed and exported', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/workflows' });
    await expect(page.getByTestId('workflow-item')).toHaveCount(2);

    // Not JSON at all.
    await chooseFile(page, 'broken.json', '{ "id": "service-order", ');
    await expect(page.getByTestId('import-problems')).toContainText('broken.json: 1 problem');
    await expect(page.getByTestId('import-problem-path')).toHaveText('$');

    // JSON, but wrong: an unknown state and an unknown role.
    const bad = structuredClone(serviceOrder);
    bad.version = serviceOrder.version + 1;
    bad.machines.order.transitions[1]!.to = 'NOPE';
    bad.machines.order.transitions[2]!.role = 'X';
    await chooseFile(page, 'service-order-bad.json', JSON.stringify(bad, null, 2));
    const problems = page.getByTestId('import-problems');
    await expect(problems).toContainText('service-order-bad.json');
    await expect(problems).toContainText('Nothing was installed');
    const paths = problems.getByTestId('import-problem-path');
    await expect(paths.filter({ hasText: /^\$\.machines\.order\.transitions\[1\]\.to$/ })).toHaveCount(1);
    await expect(paths.filter({ hasText: /^\$\.machines\.order\.transitions\[2\]\.role$/ })).toHaveCount(1);
    await expect(problems.getByTestId('import-problem').filter({ hasText: 'Unknown state "NOPE" in machine order.' })).toHaveCount(1);
    await expect(page.getByTestId('workflow-item')).toHaveCount(2);
    await screenshotBoth(page, 'workflows-import-errors');

    // The same version again is refused with its reason.
    await chooseFile(page, `service-order-v${serviceOrder.version}.json`, JSON.stringify(serviceOrder));
    await expect(paths).toHaveText(['$.version']);

    // A good file with the version raised: installed, listed and selected.
    const good = structuredClone(serviceOrder);
    const next = serviceOrder.version + 1;
    good.version = next;
    await chooseFile(page, `service-order-v${next}.json`, JSON.stringify(good));
    await expect(page.getByTestId('import-problems')).toHaveCount(0);
    await expect(page.getByText(`service-order version ${next}`)).toBeVisible();
    await expect(page.getByTestId('workflow-item')).toHaveCount(3);
    await expect(page.locator(`[data-workflow="service-order@${next}"]`)).toHaveAttribute('aria-current', 'true');
    await expect(page.getByTestId('workflow-title')).toContainText(`service-order · v${next}`);

    // Export the selected definition.
    const download = page.waitForEvent('download');
    await page.getByTestId('workflow-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`service-order-v${next}.json`);
    const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
    expect(JSON.parse(text)).toMatchObject({ id: 'service-order', version: next });
  });
});

// Roles come from the installed workflow definitions: a definition with an extra role adds
// it to the header's switcher (with the next function key) and makes its role card scannable.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handled, scan } from './scanner.support';
import { openApp } from './support/app';

const serviceOrder = JSON.parse(readFileSync(join(process.cwd(), 'shared/workflows/service-order.json'), 'utf8')) as {
  version: number;
  roles: Array<{ code: string; label: string }>;
};

async function chooseFile(page: Page, name: string, content: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('workflow-import').click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

test.describe('roles from the definitions', () => {
  test('a definition with an extra role W adds it to the role switcher, its key and its role card', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/workflows' });
    const switcher = page.getByTestId('role-switcher');
    await expect(switcher.getByRole('radio')).toHaveCount(4);

    // Before any workflow has W, its role card is refused and the role stays.
    await page.getByRole('heading', { level: 1 }).click();
    await scan(page, 'CF:ROLE:W');
    await handled(page, 1);
    await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-ok', 'false');
    await expect(page.getByTestId('scan-last')).toContainText('Role card W: no installed workflow has that role (roles here: B, S, P, A).');
    await expect(switcher.locator('input[value="S"]')).toBeChecked();

    const withWarehouse = structuredClone(serviceOrder);
    withWarehouse.version = serviceOrder.version + 1;
    withWarehouse.roles.push({ code: 'W', label: 'Warehouse' });
    await chooseFile(page, 'service-order-v2.json', JSON.stringify(withWarehouse));
    await expect(page.getByTestId('import-problems')).toHaveCount(0);
    await expect(page.getByTestId('workflow-item')).toHaveCount(3);

    // Listed after the built-in roles, in the definitions' order, with the next key (F6: F5 reloads).
    await expect(switcher.getByRole('radio')).toHaveCount(5);
    await expect(switcher.locator('label')).toHaveText([/^BBuyer/, /^SSeller/, /^PPlatform/, /^AAdmin/, /^WWarehouse/]);
    await switcher.locator('label').filter({ hasText: 'Warehouse' }).click();
    await expect(switcher.getByRole('radio', { name: /Warehouse/ })).toBeChecked();
    await page.keyboard.press('F1');
    await expect(switcher.locator('input[value="B"]')).toBeChecked();
    await page.keyboard.press('F6');
    await expect(switcher.locator('input[value="W"]')).toBeChecked();

    // Remembered across a reload, once the installed definitions are read again.
    await page.reload();
    await expect(page.getByTestId('role-switcher').locator('input[value="W"]')).toBeChecked();

    // Its role card now switches.
    await page.keyboard.press('F2');
    await expect(switcher.locator('input[value="S"]')).toBeChecked();
    await page.getByRole('heading', { level: 1 }).click();
    await scan(page, 'cf:role:w');
    await handled(page, 1);
    await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('scan-last')).toContainText('Acting as Warehouse.');
    await expect(switcher.locator('input[value="W"]')).toBeChecked();

    // And the labels page prints a card for it.
    await page.evaluate(() => (window.location.hash = '#/labels?tab=actions'));
    await expect(page.locator('[data-kind="role"][data-payload="CF:ROLE:W"]')).toBeVisible();
  });

  test('a remembered role no installed definition knows falls back to the first role', async ({ page }, testInfo) => {
    await page.addInitScript(() => localStorage.setItem('counterflow.role', JSON.stringify({ state: { role: 'Z' }, version: 1 })));
    await openApp(page, testInfo, { path: '/boards' });
    await expect(page.getByTestId('role-switcher').locator('input[value="B"]')).toBeChecked();
    await page.keyboard.press('F3');
    await expect(page.getByTestId('role-switcher').locator('input[value="P"]')).toBeChecked();
  });
});

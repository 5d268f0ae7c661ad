import { expect, test } from '@playwright/test';
import { openApp, screenshotBoth } from './support/app';

test.describe('app shell', () => {
  test('loads, switches role with F-keys and language, and remembers the role', async ({ page }, testInfo) => {
    const db = await openApp(page, testInfo, { path: '/boards' });

    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    for (const label of ['Boards', 'Create order', 'Stock', 'Tasks', 'Workflows', 'Scan log', 'Settings']) {
      await expect(page.getByRole('link', { name: new RegExp(`^${label}`) })).toBeVisible();
    }

    const switcher = page.getByTestId('role-switcher');
    await page.keyboard.press('F1');
    await expect(switcher.getByRole('radio', { name: /Buyer/ })).toBeChecked();
    await page.keyboard.press('F2');
    await expect(switcher.getByRole('radio', { name: /Seller/ })).toBeChecked();
    await page.keyboard.press('F4');
    await expect(switcher.getByRole('radio', { name: /Admin/ })).toBeChecked();

    // Navigation by keyboard; the menu marks the current screen, and only it.
    const current = page.getByRole('navigation', { name: 'Main navigation' }).locator('[aria-current="page"]');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAccessibleName(/^Boards/);
    await page.keyboard.press('Alt+3');
    await expect(page).toHaveURL(/#\/stock$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stock');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAccessibleName(/^Stock/);
    // An order's page belongs to the boards; creating one has its own entry.
    await page.evaluate(() => (location.hash = '#/orders/no-such-order'));
    await expect(current).toHaveAccessibleName(/^Boards/);
    await page.keyboard.press('Alt+2');
    await expect(current).toHaveAccessibleName(/^Create order/);
    await expect(current).toHaveCount(1);
    await page.keyboard.press('Alt+3');

    // Language: Simplified Chinese, then back.
    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('库存');
    await expect(switcher.getByRole('radio', { name: /管理员/ })).toBeChecked();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    // The role and the language survive a reload.
    await page.reload();
    await expect(page.getByTestId('role-switcher').getByRole('radio', { name: /管理员/ })).toBeChecked();
    await page.getByTestId('language-switch').selectOption({ label: 'English' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stock');
    expect(db).toContain('e2e-');
  });

  test('theme toggle switches to dark and unknown routes show a way back', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/nowhere' });
    await expect(page.getByText('Page not found')).toBeVisible();
    await page.getByRole('link', { name: 'Back to the boards' }).click();
    await expect(page).toHaveURL(/#\/boards$/);

    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await screenshotBoth(page, 'shell-dark');

    // Opened again, the window is dark from its first frame: nothing fades in from light.
    await page.addInitScript(() => {
      const seen: { scheme: string | null; transitions: number } = { scheme: null, transitions: -1 };
      (window as unknown as { __firstFrame: typeof seen }).__firstFrame = seen;
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid="role-switcher"]')) return;
        observer.disconnect();
        seen.scheme = document.documentElement.getAttribute('data-mantine-color-scheme');
        requestAnimationFrame(() => {
          seen.transitions = document.getAnimations().filter((a) => a instanceof CSSTransition).length;
        });
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    await expect(page.getByTestId('theme-toggle')).toBeVisible();
    const firstFrame = await page.evaluate(() => (window as unknown as { __firstFrame: { scheme: string | null; transitions: number } }).__firstFrame);
    expect(firstFrame).toEqual({ scheme: 'dark', transitions: 0 });

    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
    await screenshotBoth(page, 'shell-light');
  });
});

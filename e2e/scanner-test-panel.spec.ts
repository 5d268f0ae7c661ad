// "Test your scanner" (Settings): every scan shows what arrived (control characters made
// visible), how fast, and what it reads as; nothing else happens while the panel is open.
// The profile can be tried out at once and saved.
import { expect, test } from '@playwright/test';
import { handled, scan } from './scanner.support';
import { openApp, screenshotBoth } from './support/app';

test.describe('scanner test panel', () => {
  test('shows raw scans with timing and meaning, hints at a too-small gap, and saves the profile', async ({ page }, testInfo) => {
    await openApp(page, testInfo, { path: '/settings' });
    await page.getByTestId('scanner-test-toggle').click();
    const panel = page.getByTestId('scanner-test-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('scanner-test-empty')).toBeVisible();
    await panel.getByRole('heading', { name: 'Test your scanner' }).click(); // focus off the toggle button

    // An order label: shown here, not opened.
    await scan(page, 'CF:O:PO-000123');
    await handled(page, 1);
    const rows = panel.getByTestId('scanner-test-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByTestId('scanner-test-raw')).toHaveAttribute('data-visible', 'CF:O:PO-000123<Enter>');
    await expect(rows.first().getByTestId('scanner-test-parsed')).toHaveText('Order label PO-000123');
    await expect(rows.first()).toContainText('14'); // characters
    await expect(page).toHaveURL(/#\/settings$/);

    // GS1 with FNC1 (Ctrl+] from the scanner): the group separator is visible.
    await scan(page, '010400638133393110ABC\x1d21X9');
    await handled(page, 2);
    await expect(rows.first().getByTestId('scanner-test-raw')).toHaveAttribute('data-visible', '010400638133393110ABC<GS>21X9<Enter>');
    await expect(rows.first().getByTestId('scanner-test-raw').locator('kbd').first()).toHaveText('GS');
    await expect(rows.first().getByTestId('scanner-test-parsed')).toContainText('lot ABC');
    await expect(rows.first().getByTestId('scanner-test-parsed')).toContainText('serial X9');

    // A bad check digit reads as such.
    await scan(page, '4006381333937');
    await handled(page, 3);
    await expect(rows.first().getByTestId('scanner-test-parsed')).toContainText('check digit 7, expected 1');
    await expect(rows).toHaveCount(3);

    // A slow scanner (keys 60 ms apart) is not read as a scan; the panel says why and how to fix it.
    await scan(page, '12345678', { gapMs: 60 });
    const miss = panel.getByTestId('scanner-test-miss');
    await expect(miss).toBeVisible();
    await expect(miss).toContainText('8 keys ended by Enter');
    await expect(miss).toContainText('the gap setting is 30 ms');
    await screenshotBoth(page, 'scanner-test-panel');

    // One click sets a gap that fits; it is tried at once: the same slow scan now reads.
    await miss.getByTestId('scanner-test-raise-gap').click();
    await expect(panel.getByTestId('scanner-max-gap')).toHaveValue('70');
    await expect(panel.getByTestId('scanner-test-trying')).toBeVisible();
    await panel.getByRole('heading', { name: 'Test your scanner' }).click();
    await scan(page, '12345678', { gapMs: 60 });
    await handled(page, 4);
    await expect(rows.first().getByTestId('scanner-test-raw')).toHaveAttribute('data-visible', '12345678<Enter>');

    // Saved for this device.
    await panel.getByTestId('scanner-test-save').click();
    await expect(panel.getByTestId('scanner-test-trying')).toHaveCount(0);
    const saved = await page.evaluate(async () => {
      const { db } = (window as unknown as { __counterflowTest: { db: { settings: { get(k: string): Promise<{ value: unknown } | undefined> } } } }).__counterflowTest;
      return (await db.settings.get('scannerProfile'))?.value;
    });
    expect(saved).toEqual({ maxGapMs: 70, minLength: 4, suffix: 'Enter' });

    // Test scans are logged as such.
    await page.keyboard.press('Alt+6');
    await expect(page.getByTestId('scanlog-row')).toHaveCount(4);
    await expect(page.getByTestId('scanlog-row').first()).toContainText('Scanner test');
  });
});

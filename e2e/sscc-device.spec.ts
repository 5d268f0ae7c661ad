// The SSCC card says whose codes a counter's labels carry (issue 22): a counter that is not
// enrolled labels with device number 00, as every other such counter does, and the card says
// what to do about it; once enrolled with a sync server (one the test starts), it shows the
// number the server gave, and the next label's SSCC carries it. In English and in zh-CN.
import { expect, test, type Page } from '@playwright/test';
import { goToScreen, openApp } from './support/app';
import { useSyncServer } from './support/syncServer';

const server = useSyncServer();

/** The two device digits of the example SSCC with the default prefix (extension digit, the
 *  7-digit prefix 0200000, then the device number). */
async function exampleDevice(page: Page): Promise<string> {
  const example = (await page.getByTestId('sscc-example').textContent()) ?? '';
  const code = /\(00\) (\d{18})/.exec(example)?.[1];
  expect(code, example).toBeDefined();
  return code!.slice(8, 10);
}

test('a counter not enrolled is told its labels use device 00 and what to do; enrolled, the card shows the server\'s number and the SSCC carries it', async ({ page }, testInfo) => {
  await openApp(page, testInfo, { path: '/boards' });
  await goToScreen(page, '/settings', 'sscc-settings');
  const note = page.getByTestId('sscc-device');
  await expect(note).toContainText('This counter is not enrolled with a sync server, so its labels use device number 00');
  await expect(note).toContainText('two such counters can print the same SSCC');
  await expect(note).toContainText('enrol every counter with the sync server (Settings → Sync)');
  await expect(note).toContainText('a GS1 company prefix of its own');
  await expect(page.getByTestId('sscc-example')).toHaveText(/^\(00\) \d{18}$/);
  expect(await exampleDevice(page)).toBe('00');

  await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(note).toContainText('本柜台未在同步服务器注册，因此其标签 SSCC 中的设备号为 00');
  await expect(note).toContainText('在同步服务器注册每个柜台');
  await page.getByTestId('language-switch').selectOption({ label: 'English' });
  await expect(page.locator('html')).toHaveAttribute('lang', /^en/);

  await server.enrol(page, 'Counter S');
  await expect(page.getByTestId('sscc-settings')).toBeVisible();
  await expect(note).toHaveText('Device number 01 in every SSCC of this counter, given by the sync server: no other counter of the shop prints these codes.');
  await expect(note).toHaveAttribute('data-device', '01');
  await expect.poll(() => exampleDevice(page)).toBe('01');

  await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
  await expect(note).toHaveText('本柜台每个 SSCC 中的设备号为 01，由同步服务器分配：本店其他柜台不会打印这些编码。');
});

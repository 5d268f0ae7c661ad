// The renderer's Electron path, in browser mode: a stand-in for the preload bridge is put on
// `window.counterflow` before the app loads, so the app picks its Electron platform. The test
// then plays the main process: it sends File-menu commands and answers the dialogs, and sees
// the same code as the screens' buttons run (backup, restore, CSV, print) and the language
// reach the shell. The real bridge and main process are tested in electron/ and e2e/electron.
import { expect, test, type Page } from '@playwright/test';
import { createOrderViaEngine, openApp, seedCatalog } from './support/app';

type Call = [string, unknown];

async function installBridge(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls: Array<[string, unknown]> = [];
    const w = window as unknown as Record<string, unknown>;
    let menu: ((command: string) => void) | null = null;
    w.__bridgeCalls = calls;
    w.__menu = (command: string) => menu?.(command);
    w.counterflow = {
      getAppVersion: async () => '0.0.0-test',
      openTextFile: async (request: unknown) => {
        calls.push(['openTextFile', request]);
        const next = sessionStorage.getItem('test.nextOpen');
        return next ? { canceled: false, fileName: 'from-menu.cfbackup', content: next } : { canceled: true };
      },
      saveTextFile: async (request: { kind: string; suggestedName: string; content: string }) => {
        calls.push(['saveTextFile', { kind: request.kind, suggestedName: request.suggestedName }]);
        w.__lastSaved = request.content;
        return { canceled: false, fileName: request.suggestedName };
      },
      print: async () => {
        calls.push(['print', null]);
        return { ok: true };
      },
      openFile: async (request: unknown) => {
        calls.push(['openFile', request]);
        const next = sessionStorage.getItem('test.nextOpen');
        return next ? { canceled: false, fileName: 'from-menu.cfbackup', data: Uint8Array.from(atob(next), (c) => c.charCodeAt(0)) } : { canceled: true };
      },
      saveFile: async (request: { kind: string; suggestedName: string; data: Uint8Array }) => {
        calls.push(['saveFile', { kind: request.kind, suggestedName: request.suggestedName }]);
        w.__lastSavedBase64 = btoa(Array.from(request.data, (b) => String.fromCharCode(b)).join(''));
        w.__lastSavedHead = new TextDecoder().decode(request.data.slice(0, 30));
        return { canceled: false, fileName: request.suggestedName };
      },
      printToPdf: async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]),
      setLanguage: async (language: string) => void calls.push(['setLanguage', language]),
      getScheduledBackups: async () => ({ folder: sessionStorage.getItem('test.folder'), keep: 14 }),
      chooseBackupFolder: async () => {
        calls.push(['chooseBackupFolder', null]);
        sessionStorage.setItem('test.folder', '/media/usb/backups');
        return { folder: '/media/usb/backups', keep: 14 };
      },
      setBackupKeep: async (keep: number) => ({ folder: sessionStorage.getItem('test.folder'), keep }),
      writeScheduledBackup: async (request: { fileName: string; data: Uint8Array }) => {
        calls.push(['writeScheduledBackup', { fileName: request.fileName, header: new TextDecoder().decode(request.data.slice(0, 30)) }]);
        return { ok: true, fileName: request.fileName, removed: 0 };
      },
      onMenuCommand: (listener: (command: string) => void) => {
        menu = listener;
        return () => {
          if (menu === listener) menu = null;
        };
      },
    };
  });
}

const calls = (page: Page) => page.evaluate(() => (window as unknown as { __bridgeCalls: Call[] }).__bridgeCalls);
const menu = (page: Page, command: string) => page.evaluate((c) => (window as unknown as { __menu(c: string): void }).__menu(c), command);

/** Confirms the restore and waits for the window to start afresh on the restored data. */
async function confirmAndReload(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { beforeRestore: boolean }).beforeRestore = true));
  await page.getByTestId('restore-confirm').click();
  await expect.poll(() => page.evaluate(() => 'beforeRestore' in window).catch(() => true), { timeout: 30_000 }).toBe(false);
  await expect(page.getByTestId('role-switcher')).toBeVisible();
}

test.describe('File menu through the host bridge', () => {
  test('Back up and Restore from the menu; the menu follows the language', async ({ page }, testInfo) => {
    await installBridge(page);
    await openApp(page, testInfo, { path: '/boards' });
    await expect.poll(() => calls(page)).toContainEqual(['setLanguage', 'en']);
    await seedCatalog(page);
    const kept = await createOrderViaEngine(page, { buyerId: 'M-1', buyerName: 'Menu Kept', lines: [{ sku: 'TEA-100', qty: 1 }] });

    await menu(page, 'backup');
    await expect(page.getByText('Backup saved')).toBeVisible();
    const saved = (await calls(page)).find(([name]) => name === 'saveFile');
    expect(saved?.[1]).toMatchObject({ kind: 'backup', suggestedName: expect.stringMatching(/\.cfbackup$/) });
    expect(await page.evaluate(() => (window as unknown as { __lastSavedHead: string }).__lastSavedHead)).toBe('{"format":"counterflow-backup"');
    const content = await page.evaluate(() => (window as unknown as { __lastSavedBase64: string }).__lastSavedBase64);

    const dropped = await createOrderViaEngine(page, { buyerId: 'M-2', buyerName: 'Menu Dropped', lines: [{ sku: 'TEA-100', qty: 1 }] });
    await page.evaluate((text) => sessionStorage.setItem('test.nextOpen', text), content);
    await menu(page, 'restore');
    await expect(page.getByTestId('restore-summary')).toBeVisible();
    expect((await calls(page)).filter(([name]) => name === 'openFile')).toEqual([['openFile', { kind: 'backup' }]]);
    await confirmAndReload(page);
    await expect(page.locator(`[data-testid="order-card"][data-order-number="${kept.number}"]`)).toBeVisible();
    await expect(page.locator(`[data-testid="order-card"][data-order-number="${dropped.number}"]`)).toHaveCount(0);

    await page.getByTestId('language-switch').selectOption({ label: '简体中文' });
    await expect.poll(() => calls(page)).toContainEqual(['setLanguage', 'zh']);
  });

  test('Import CSV, Export CSV and Print from the menu run the screens’ own actions', async ({ page }, testInfo) => {
    await installBridge(page);
    await openApp(page, testInfo, { path: '/boards' });
    await seedCatalog(page);

    await menu(page, 'import-csv');
    await expect(page).toHaveURL(/#\/stock/);
    const dialog = page.getByRole('dialog', { name: 'Import products' });
    await expect(dialog.getByTestId('csv-choose')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    await menu(page, 'export-csv');
    await expect.poll(async () => (await calls(page)).filter(([name]) => name === 'saveTextFile')).toEqual([
      ['saveTextFile', { kind: 'csv', suggestedName: expect.stringMatching(/^stock-levels-\d{4}-\d{2}-\d{2}\.csv$/) }],
    ]);
    const csv = await page.evaluate(() => (window as unknown as { __lastSaved: string }).__lastSaved);
    expect(csv).toContain('TEA-100');

    await menu(page, 'print');
    await expect.poll(async () => (await calls(page)).filter(([name]) => name === 'print')).toHaveLength(1);
  });

  test('daily backups: off until a folder is chosen, then a backup is written there at once', async ({ page }, testInfo) => {
    await installBridge(page);
    await openApp(page, testInfo, { path: '/settings' });
    const daily = page.getByTestId('daily-backups');
    await expect(daily.getByTestId('daily-backups-folder')).toContainText('Off');
    await expect(page.getByTestId('backup-last')).toHaveText('No backup yet.');
    expect((await calls(page)).filter(([name]) => name === 'writeScheduledBackup')).toEqual([]);

    await daily.getByTestId('daily-backups-choose').click();
    await expect(daily.getByTestId('daily-backups-folder')).toHaveText('Every day to /media/usb/backups');
    await expect
      .poll(async () => (await calls(page)).filter(([name]) => name === 'writeScheduledBackup'))
      .toEqual([['writeScheduledBackup', { fileName: expect.stringMatching(/^counterflow-.+\.cfbackup$/), header: '{"format":"counterflow-backup"' }]]);
    await expect(page.getByTestId('backup-last')).toContainText('Last backup:');
    await expect(page.getByTestId('backup-overdue')).toHaveCount(0);

    // The next start finds a backup younger than a day: nothing more is written.
    await page.reload();
    await expect(page.getByTestId('backup-last')).toContainText('Last backup:');
    await expect(page.getByTestId('engine-starting')).toHaveCount(0);
    expect((await calls(page)).filter(([name]) => name === 'writeScheduledBackup')).toEqual([]);

    // A counter with the folder set and no backup yet backs up by itself once it starts.
    await openApp(page, testInfo, { path: '/settings', db: `${testInfo.workerIndex}-daily-${Date.now().toString(36)}` });
    await expect.poll(async () => (await calls(page)).filter(([name]) => name === 'writeScheduledBackup').length).toBe(1);
    await expect(page.getByTestId('backup-last')).toContainText('Last backup:');
  });
});

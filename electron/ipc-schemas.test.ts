import { describe, expect, it } from 'vitest';
import { BRIDGE_FUNCTIONS, IpcChannel, MAX_TEXT_FILE_BYTES } from './ipc-contract';
import { ipcArgumentSchemas, isSafeSuggestedFileName } from './ipc-schemas';

const ok = (channel: IpcChannel, args: unknown[]) => ipcArgumentSchemas[channel].safeParse(args).success;

describe('ipcArgumentSchemas', () => {
  it('has a schema for every invoke channel', () => {
    expect(Object.keys(ipcArgumentSchemas).sort()).toEqual(Object.values(IpcChannel).sort());
  });

  it('accepts no arguments where none are expected, and refuses extras', () => {
    expect(ok(IpcChannel.appVersion, [])).toBe(true);
    expect(ok(IpcChannel.appVersion, ['x'])).toBe(false);
    expect(ok(IpcChannel.print, [])).toBe(true);
    expect(ok(IpcChannel.print, [{ silent: true }])).toBe(false);
  });

  it('checks open requests', () => {
    expect(ok(IpcChannel.openTextFile, [{ kind: 'backup' }])).toBe(true);
    expect(ok(IpcChannel.openTextFile, [{ kind: 'csv', title: 'Import products' }])).toBe(true);
    expect(ok(IpcChannel.openTextFile, [{ kind: 'workflow' }])).toBe(true);
    expect(ok(IpcChannel.openTextFile, [{ kind: 'exe' }])).toBe(false);
    expect(ok(IpcChannel.openTextFile, [{ kind: 'csv', path: '/etc/passwd' }])).toBe(false); // unknown key
    expect(ok(IpcChannel.openTextFile, [])).toBe(false);
    expect(ok(IpcChannel.openTextFile, ['csv'])).toBe(false);
  });

  it('checks save requests', () => {
    const good = { kind: 'csv', suggestedName: 'orders-2025-01-31.csv', content: 'a,b\n1,2\n' };
    expect(ok(IpcChannel.saveTextFile, [good])).toBe(true);
    expect(ok(IpcChannel.saveTextFile, [{ ...good, suggestedName: '../../.bashrc' }])).toBe(false);
    expect(ok(IpcChannel.saveTextFile, [{ ...good, suggestedName: 'C:\\Windows\\x.csv' }])).toBe(false);
    expect(ok(IpcChannel.saveTextFile, [{ ...good, content: 42 }])).toBe(false);
    expect(ok(IpcChannel.saveTextFile, [{ ...good, directory: '/tmp' }])).toBe(false);
  });

  it('bounds the content size', () => {
    const big = { kind: 'backup', suggestedName: 'b.json', content: 'x'.repeat(MAX_TEXT_FILE_BYTES + 1) };
    expect(ok(IpcChannel.saveTextFile, [big])).toBe(false);
  });

  it('checks print-to-PDF options', () => {
    expect(ok(IpcChannel.setBackupKeep, [7])).toBe(true);
    expect(ok(IpcChannel.setBackupKeep, [0])).toBe(false);
    expect(ok(IpcChannel.setBackupKeep, [2.5])).toBe(false);
    expect(ok(IpcChannel.chooseBackupFolder, ['/tmp'])).toBe(false);
    const data = new Uint8Array([1, 2, 3]);
    expect(ok(IpcChannel.writeScheduledBackup, [{ fileName: 'counterflow-D1-20261206-020000.cfbackup', data }])).toBe(true);
    expect(ok(IpcChannel.writeScheduledBackup, [{ fileName: '../counterflow-D1-20261206-020000.cfbackup', data }])).toBe(false);
    expect(ok(IpcChannel.writeScheduledBackup, [{ fileName: 'counterflow-D1-20261206-020000.cfbackup', data, folder: '/etc' }])).toBe(false);
    expect(ok(IpcChannel.writeScheduledBackup, [{ fileName: 'counterflow-D1-20261206-020000.cfbackup', data: '{}' }])).toBe(false);
    expect(ok(IpcChannel.saveFile, [{ kind: 'backup', suggestedName: 'counterflow-D1-20261206-020000.cfbackup', data }])).toBe(true);
    expect(ok(IpcChannel.saveFile, [{ kind: 'backup', suggestedName: '../x.cfbackup', data }])).toBe(false);
    expect(ok(IpcChannel.saveFile, [{ kind: 'backup', suggestedName: 'x.cfbackup', data: [1, 2] }])).toBe(false);
    expect(ok(IpcChannel.openFile, [{ kind: 'backup' }])).toBe(true);
    expect(ok(IpcChannel.openFile, [{ kind: 'backup', path: '/etc/shadow' }])).toBe(false);
    expect(ok(IpcChannel.setLanguage, ['zh'])).toBe(true);
    expect(ok(IpcChannel.setLanguage, ['en'])).toBe(true);
    expect(ok(IpcChannel.setLanguage, ['fr'])).toBe(false);
    expect(ok(IpcChannel.setLanguage, [])).toBe(false);
    expect(ok(IpcChannel.printToPdf, [{}])).toBe(true);
    expect(ok(IpcChannel.printToPdf, [{ pageSize: 'A6', landscape: true }])).toBe(true);
    expect(ok(IpcChannel.printToPdf, [{ pageSize: 'Poster' }])).toBe(false);
    expect(ok(IpcChannel.printToPdf, [{ headerTemplate: '<img src=x onerror=alert(1)>' }])).toBe(false);
  });
});

describe('isSafeSuggestedFileName', () => {
  it('accepts plain file names', () => {
    for (const name of ['backup.json', 'counterflow-backup-2025-01-31.json', 'Bestellungen März.csv', '.hidden.csv']) {
      expect(isSafeSuggestedFileName(name), name).toBe(true);
    }
  });
  it('refuses directories, devices and control characters', () => {
    for (const name of ['', '.', '..', 'a/b.csv', 'a\\b.csv', 'C:x.csv', 'x\u0000.csv', 'x\n.csv', 'a*.csv', 'x'.repeat(201)]) {
      expect(isSafeSuggestedFileName(name), JSON.stringify(name)).toBe(false);
    }
  });
});

describe('contract', () => {
  it('lists the bridge functions once each', () => {
    expect(new Set(BRIDGE_FUNCTIONS).size).toBe(BRIDGE_FUNCTIONS.length);
    expect([...BRIDGE_FUNCTIONS].sort()).toEqual(
      ['getAppVersion', 'onMenuCommand', 'openTextFile', 'print', 'printToPdf', 'saveTextFile', 'setLanguage', 'getScheduledBackups', 'chooseBackupFolder', 'setBackupKeep', 'writeScheduledBackup', 'openFile', 'saveFile'].sort(),
    );
  });
});

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from './ipc-contract';
import { MENU_COMMANDS } from './ipc-contract';
import { buildMenuTemplate, FILE_SHORTCUTS } from './menu';
import en from './locales/en.json';
import zh from './locales/zh.json';
import { wordsFor } from './words';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(platform: NodeJS.Platform, dev = false) {
  const sent: MenuCommand[] = [];
  const about = vi.fn();
  const template = buildMenuTemplate({ send: (c) => sent.push(c), about }, { appName: 'Counterflow', dev, platform });
  return { template, items: flatten(template), sent, about };
}

function click(item: MenuItemConstructorOptions | undefined): void {
  // The click handlers in menu.ts ignore their arguments; Electron's signature needs three.
  (item?.click as (() => void) | undefined)?.();
}

describe('application menu', () => {
  it.each(['win32', 'linux', 'darwin'] as const)('File items forward their command on %s', (platform) => {
    const { items, sent } = build(platform);
    for (const command of MENU_COMMANDS) {
      const item = items.find((i) => i.id === `file.${command}`);
      expect(item?.accelerator, command).toBe(FILE_SHORTCUTS[command]);
      click(item);
    }
    expect(sent).toEqual([...MENU_COMMANDS]);
  });

  it('has unique accelerators', () => {
    const accelerators = build('linux', true)
      .items.map((i) => i.accelerator)
      .filter((a): a is string => typeof a === 'string');
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('offers Quit in File on Windows/Linux and in the app menu on macOS', () => {
    const linux = build('linux').template;
    const linuxFile = linux.find((m) => m.label === '&File');
    expect(flatten([linuxFile ?? {}]).some((i) => i.role === 'quit')).toBe(true);

    const mac = build('darwin').template;
    expect(mac[0]?.label).toBe('Counterflow');
    expect(flatten([mac[0] ?? {}]).some((i) => i.role === 'quit')).toBe(true);
    expect(flatten([mac.find((m) => m.label === 'File') ?? {}]).some((i) => i.role === 'quit')).toBe(false);
  });

  it('shows reload and devtools only in dev; zoom always', () => {
    const roles = (dev: boolean) => build('win32', dev).items.map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('forceReload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'forceReload']));
    expect(roles(false)).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('has an About item in Help', () => {
    const { items, about } = build('win32');
    click(items.find((i) => i.id === 'help.about'));
    expect(about).toHaveBeenCalledOnce();
  });

  it('has an Edit menu so copy/paste shortcuts work on macOS', () => {
    const roles = build('darwin').items.map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll']));
  });

  it('speaks the app language: File items, menu titles and About in Chinese', () => {
    const template = buildMenuTemplate({ send: () => undefined, about: () => undefined }, { appName: 'Counterflow', dev: false, platform: 'win32', words: wordsFor('zh') });
    expect(template.map((m) => m.label)).toEqual(['&文件', '&编辑', '&视图', '&帮助']);
    const items = flatten(template);
    expect(items.find((i) => i.id === 'file.backup')?.label).toBe('备份…');
    expect(items.find((i) => i.id === 'file.import-csv')?.label).toBe('导入 CSV…');
    expect(items.find((i) => i.id === 'help.about')?.label).toBe('关于 Counterflow');
  });
});

describe('shell words', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
  it('has the same keys in English and Chinese, none empty', () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
    for (const words of [en, zh]) for (const key of keys(words)) expect(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], words)).not.toBe('');
  });
});

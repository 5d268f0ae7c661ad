// The application menu as data. Only a type is imported from 'electron' (erased at build time),
// so the template, its accelerators and the dev-only items are unit-tested under Node.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './ipc-contract';
import { fill, wordsFor, type ShellWords } from './words';

export interface MenuActions {
  /** Forward a renderer-owned command (backup, restore, CSV, print) to the window. */
  send(command: MenuCommand): void;
  /** Show the About box with the app version. */
  about(): void;
}

export interface MenuOptions {
  appName: string;
  /** Adds reload / force reload / devtools; never in a packaged build. */
  dev: boolean;
  platform: NodeJS.Platform;
  /** The app's language (English when absent). */
  words?: ShellWords;
}

/**
 * Shortcuts of the File menu. Chosen to avoid keys the counter screens use (digits, Enter,
 * Escape, arrows, F-keys) and the text-editing ones (C/V/X/Z/A); scanners send no modifiers.
 */
export const FILE_SHORTCUTS: Readonly<Record<MenuCommand, string>> = {
  backup: 'CmdOrCtrl+B',
  restore: 'CmdOrCtrl+Shift+O',
  'import-csv': 'CmdOrCtrl+I',
  'export-csv': 'CmdOrCtrl+E',
  print: 'CmdOrCtrl+P',
};

export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const words = options.words ?? wordsFor('en');
  const command = (cmd: MenuCommand): MenuItemConstructorOptions => ({
    id: `file.${cmd}`,
    label: words.menu[cmd],
    accelerator: FILE_SHORTCUTS[cmd],
    click: () => actions.send(cmd),
  });

  // Mnemonics (&File) are a Windows/Linux convention; keep macOS labels plain.
  const top = (label: string): string => (isMac ? label : `&${label}`);
  const about: MenuItemConstructorOptions = {
    id: 'help.about',
    label: fill(words.menu.about, { app: options.appName }),
    click: () => actions.about(),
  };

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: options.appName,
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }

  template.push({
    label: top(words.menu.file),
    submenu: [
      command('backup'),
      command('restore'),
      { type: 'separator' },
      command('import-csv'),
      command('export-csv'),
      { type: 'separator' },
      command('print'),
      // On macOS Quit lives in the app menu; elsewhere it ends the File menu.
      ...(isMac ? [] : ([{ type: 'separator' }, { role: 'quit', accelerator: 'Ctrl+Q' }] satisfies MenuItemConstructorOptions[])),
    ],
  });

  // Without an Edit menu, copy/paste shortcuts do not work in text fields on macOS.
  template.push({
    label: top(words.menu.edit),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });

  const devItems: MenuItemConstructorOptions[] = options.dev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  template.push({
    label: top(words.menu.view),
    submenu: [
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });

  if (isMac) template.push({ role: 'windowMenu' });

  template.push({ label: top(words.menu.help), role: 'help', submenu: [about] });
  return template;
}

// Wiring test of main.ts against a fake 'electron' module and an in-memory file system.
// Electron itself cannot start on every machine (no binary), so this checks under plain Node
// that main.ts registers what it must and routes each hook through the security rules: the
// privileged scheme, the window's webPreferences, the app:// handler, the IPC sender and
// argument checks, navigation / popup / permission denial and the menu forwarding.
// e2e/electron/shell.spec.ts checks the same promises in a real Electron where one exists.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IpcChannel, MENU_COMMAND_CHANNEL } from './ipc-contract';
import { CONTENT_SECURITY_POLICY } from './security';

type Listener = (...args: unknown[]) => unknown;

interface FakeFrame {
  url: string;
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
}

const state = vi.hoisted(() => {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    schemes: [] as unknown[],
    appListeners: new Map<string, Listener>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    windows: [] as Array<{ options: Record<string, unknown>; loaded: string[]; webContents: Record<string, unknown> }>,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    deviceHandler: null as Listener | null,
    menuTemplate: null as unknown,
    dialogs: { open: [] as unknown[], save: [] as unknown[] },
    nextOpen: { canceled: false, filePaths: [] as string[] },
    nextSave: { canceled: false, filePath: '' as string | undefined },
    enoent(file: string): Error {
      return Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    },
  };
});

vi.mock('node:fs/promises', () => ({
  stat: async (file: string) => {
    const bytes = state.files.get(file);
    if (!bytes) throw state.enoent(file);
    return { isFile: () => true, size: bytes.byteLength };
  },
  readFile: async (file: string, encoding?: BufferEncoding) => {
    const bytes = state.files.get(file);
    if (!bytes) throw state.enoent(file);
    return encoding ? Buffer.from(bytes).toString(encoding) : Buffer.from(bytes);
  },
  readdir: async (dir: string) => [...state.files.keys()].filter((f) => path.dirname(f) === dir).map((f) => path.basename(f)),
  writeFile: async (file: string, content: string | Uint8Array) => {
    state.files.set(file, typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content));
  },
  rename: async (from: string, to: string) => {
    const bytes = state.files.get(from);
    if (!bytes) throw state.enoent(from);
    state.files.set(to, bytes);
    state.files.delete(from);
  },
  rm: async (file: string) => {
    state.files.delete(file);
  },
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows(): unknown[] {
      return state.windows;
    }
    options: Record<string, unknown>;
    loaded: string[] = [];
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.options = options;
      const mainFrame: FakeFrame = { url: 'app://counterflow/index.html', processId: 7, routingId: 1, parent: null };
      this.webContents = {
        id: 1,
        mainFrame,
        sent: [] as unknown[],
        send(...args: unknown[]) {
          (this.sent as unknown[]).push(args);
        },
        print: vi.fn((_options: unknown, callback: (ok: boolean, reason: string) => void) => callback(false, 'Print job canceled')),
        printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7')),
      };
      state.windows.push(this);
    }
    once(): void {}
    on(): void {}
    show(): void {}
    isDestroyed(): boolean {
      return false;
    }
    isMinimized(): boolean {
      return false;
    }
    async loadURL(url: string): Promise<void> {
      this.loaded.push(url);
    }
  }
  return {
    app: {
      isPackaged: false,
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => state.appListeners.set(event, listener),
      whenReady: () => Promise.resolve(),
      getVersion: () => '9.8.7',
      getPath: () => '/home/clerk/Documents',
      quit: vi.fn(),
      exit: vi.fn(),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (state.permissionRequest = h),
        setPermissionCheckHandler: (h: Listener) => (state.permissionCheck = h),
        setDevicePermissionHandler: (h: Listener) => (state.deviceHandler = h),
      },
    },
    ipcMain: { handle: (channel: string, handler: Listener) => state.ipcHandlers.set(channel, handler) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (t: unknown) => (state.menuTemplate = t) },
    dialog: {
      showOpenDialog: async (_win: unknown, options: unknown) => {
        state.dialogs.open.push(options);
        return state.nextOpen;
      },
      showSaveDialog: async (_win: unknown, options: unknown) => {
        state.dialogs.save.push(options);
        return state.nextSave;
      },
      showMessageBox: vi.fn(async () => ({ response: 0 })),
    },
    BrowserWindow,
  };
});

const RENDERER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const bytes = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  delete process.env.VITE_DEV_SERVER_URL;
  state.files.set(path.join(RENDERER_ROOT, 'index.html'), bytes('<!doctype html><title>Counterflow</title>'));
  state.files.set(path.join(RENDERER_ROOT, 'assets', 'index-abc.js'), bytes('console.log(1)'));
  await import('./main');
  await new Promise((resolve) => setTimeout(resolve, 0)); // let whenReady().then(...) run
});

function mainWindow() {
  const win = state.windows[0];
  if (!win) throw new Error('no window was created');
  return win;
}

function eventFrom(frame: Partial<FakeFrame> & { url: string }, senderId = 1) {
  const top = mainWindow().webContents.mainFrame as FakeFrame;
  return {
    sender: { id: senderId },
    senderFrame: { processId: top.processId, routingId: top.routingId, parent: null, ...frame },
  };
}

const trusted = () => eventFrom({ url: 'app://counterflow/index.html' });

async function invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
  const handler = state.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, ...args);
}

describe('startup', () => {
  it('registers app:// as a privileged scheme without service workers', () => {
    expect(state.schemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, allowServiceWorkers: false, bypassCSP: false }),
      }),
    ]);
  });

  it('opens one secure window on app://counterflow', () => {
    expect(state.windows).toHaveLength(1);
    const prefs = mainWindow().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      webviewTag: false,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect((mainWindow() as unknown as { loaded: string[] }).loaded).toEqual(['app://counterflow/index.html']);
  });

  it('installs the application menu and a single-instance handler', () => {
    expect(Array.isArray(state.menuTemplate)).toBe(true);
    expect(state.appListeners.has('second-instance')).toBe(true);
  });
});

describe('app:// protocol handler', () => {
  // Node's Request refuses custom schemes, so hand the handler a minimal request object.
  const request = (url: string, method = 'GET') => {
    const handler = state.protocolHandlers.get('app');
    if (!handler) throw new Error('app:// not handled');
    return handler({ url, method } as Request);
  };

  it('serves files with their type and the CSP', async () => {
    const response = await request('app://counterflow/assets/index-abc.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for client-side routes, 404 for missing assets', async () => {
    const route = await request('app://counterflow/orders/42');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Counterflow</title>');
    const missing = await request('app://counterflow/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses traversal and foreign hosts, with the CSP on the error too', async () => {
    state.files.set(path.resolve(RENDERER_ROOT, '..', 'package.json'), bytes('{"secret":true}'));
    const traversal = await request('app://counterflow/..%2f..%2fpackage.json');
    expect(traversal.status).toBe(403);
    expect(traversal.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await request('app://evil/index.html')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await request('app://counterflow/index.html', 'POST')).status).toBe(405);
    const head = await request('app://counterflow/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('IPC handlers', () => {
  it('registers exactly the contract channels', () => {
    expect([...state.ipcHandlers.keys()].sort()).toEqual(Object.values(IpcChannel).sort());
  });

  it('answers the trusted main frame', async () => {
    expect(await invoke(IpcChannel.appVersion, trusted())).toBe('9.8.7');
  });

  it('refuses foreign origins, sub-frames and other web contents', async () => {
    await expect(invoke(IpcChannel.appVersion, eventFrom({ url: 'https://evil.example/' }))).rejects.toThrow(/untrusted sender/);
    await expect(invoke(IpcChannel.appVersion, eventFrom({ url: 'file:///etc/passwd' }))).rejects.toThrow(/untrusted sender/);
    const parent = mainWindow().webContents.mainFrame as FakeFrame;
    await expect(invoke(IpcChannel.appVersion, eventFrom({ url: 'app://counterflow/x.html', routingId: 99, parent }))).rejects.toThrow(
      /untrusted sender/,
    );
    await expect(invoke(IpcChannel.appVersion, eventFrom({ url: 'app://counterflow/index.html' }, 2))).rejects.toThrow(/untrusted sender/);
    await expect(invoke(IpcChannel.appVersion, { sender: { id: 1 }, senderFrame: null })).rejects.toThrow(/untrusted sender/);
  });

  it('refuses malformed arguments before opening any dialog', async () => {
    const dialogsBefore = state.dialogs.open.length;
    await expect(invoke(IpcChannel.openTextFile, trusted(), { kind: 'exe' })).rejects.toThrow(/invalid arguments/);
    await expect(invoke(IpcChannel.appVersion, trusted(), 'extra')).rejects.toThrow(/invalid arguments/);
    expect(state.dialogs.open.length).toBe(dialogsBefore);
  });

  it('opens a UTF-8 file, drops the BOM and returns only its name', async () => {
    state.files.set('/home/clerk/orders.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('sku,qty\nA-1,2\n')]));
    state.nextOpen = { canceled: false, filePaths: ['/home/clerk/orders.csv'] };
    expect(await invoke(IpcChannel.openTextFile, trusted(), { kind: 'csv' })).toEqual({
      canceled: false,
      fileName: 'orders.csv',
      content: 'sku,qty\nA-1,2\n',
    });
    expect(state.dialogs.open.at(-1)).toMatchObject({ properties: ['openFile'], filters: [expect.objectContaining({ extensions: ['csv'] }), expect.anything()] });
  });

  it('refuses a file that is not UTF-8', async () => {
    state.files.set('/home/clerk/latin1.csv', new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72])); // "Müller" in Latin-1
    state.nextOpen = { canceled: false, filePaths: ['/home/clerk/latin1.csv'] };
    await expect(invoke(IpcChannel.openTextFile, trusted(), { kind: 'csv' })).rejects.toThrow(/not UTF-8/);
  });

  it('reports a cancelled open dialog', async () => {
    state.nextOpen = { canceled: true, filePaths: [] };
    expect(await invoke(IpcChannel.openTextFile, trusted(), { kind: 'backup' })).toEqual({ canceled: true });
  });

  it('saves through the dialog, atomically, and returns the file name', async () => {
    state.nextSave = { canceled: false, filePath: '/home/clerk/backup.json' };
    const result = await invoke(IpcChannel.saveTextFile, trusted(), { kind: 'backup', suggestedName: 'backup.json', content: '{"v":1}' });
    expect(result).toEqual({ canceled: false, fileName: 'backup.json' });
    expect(new TextDecoder().decode(state.files.get('/home/clerk/backup.json'))).toBe('{"v":1}');
    expect([...state.files.keys()].filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(state.dialogs.save.at(-1)).toMatchObject({ defaultPath: path.join('/home/clerk/Documents', 'backup.json') });
  });

  it('refuses a suggested name with a directory part', async () => {
    await expect(
      invoke(IpcChannel.saveTextFile, trusted(), { kind: 'csv', suggestedName: '../../.profile', content: 'x' }),
    ).rejects.toThrow(/invalid arguments/);
  });

  it('prints through the OS dialog (never silent) and reports the outcome', async () => {
    expect(await invoke(IpcChannel.print, trusted())).toEqual({ ok: false, reason: 'Print job canceled' });
    const print = mainWindow().webContents.print as ReturnType<typeof vi.fn>;
    expect(print).toHaveBeenCalledWith(expect.objectContaining({ silent: false }), expect.any(Function));
  });

  it('returns PDF bytes', async () => {
    const pdf = await invoke(IpcChannel.printToPdf, trusted(), { pageSize: 'A6' });
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(pdf as Uint8Array)).toBe('%PDF-1.7');
    const printToPDF = mainWindow().webContents.printToPDF as ReturnType<typeof vi.fn>;
    expect(printToPDF).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'A6', preferCSSPageSize: true }));
  });
});

describe('web contents hardening', () => {
  function fakeContents() {
    const listeners = new Map<string, Listener>();
    let openHandler: Listener | null = null;
    return {
      contents: {
        on: (event: string, listener: Listener) => listeners.set(event, listener),
        setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
      },
      listeners,
      open: (url: string) => openHandler?.({ url }),
    };
  }

  it('denies navigation and redirects away from app://counterflow', () => {
    const fake = fakeContents();
    state.appListeners.get('web-contents-created')?.({}, fake.contents);
    for (const name of ['will-navigate', 'will-redirect']) {
      const listener = fake.listeners.get(name);
      const denied = { url: 'https://evil.example/', preventDefault: vi.fn() };
      const allowed = { url: 'app://counterflow/orders', preventDefault: vi.fn() };
      listener?.(denied);
      listener?.(allowed);
      expect(denied.preventDefault, name).toHaveBeenCalled();
      expect(allowed.preventDefault, name).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    fake.listeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window', () => {
    const fake = fakeContents();
    state.appListeners.get('web-contents-created')?.({}, fake.contents);
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(fake.open('app://counterflow/index.html')).toEqual({ action: 'deny' });
  });

  it('denies permissions except the few the app needs', () => {
    const answers: boolean[] = [];
    state.permissionRequest?.({}, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: 'app://counterflow/' });
    state.permissionRequest?.({}, 'clipboard-sanitized-write', (granted: boolean) => answers.push(granted), {
      requestingUrl: 'app://counterflow/',
    });
    expect(answers).toEqual([false, true]);
    expect(state.permissionCheck?.({}, 'serial', 'app://counterflow')).toBe(false);
    expect(state.deviceHandler?.({})).toBe(false);
  });
});

describe('menu', () => {
  it('forwards File commands to the window', () => {
    type Item = { id?: string; click?: () => void; submenu?: Item[] };
    const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
    flat(state.menuTemplate as Item[])
      .find((i) => i.id === 'file.backup')
      ?.click?.();
    expect(mainWindow().webContents.sent).toEqual([[MENU_COMMAND_CHANNEL, 'backup']]);
  });

  it('follows the app language: menu and dialog titles in Chinese, refusing other languages', async () => {
    type Item = { id?: string; label?: string; submenu?: Item[] };
    const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
    await expect(invoke(IpcChannel.setLanguage, trusted(), 'fr')).rejects.toThrow(/invalid arguments/);
    await invoke(IpcChannel.setLanguage, trusted(), 'zh');
    expect(flat(state.menuTemplate as Item[]).find((i) => i.id === 'file.restore')?.label).toBe('恢复…');
    state.nextOpen = { canceled: true, filePaths: [] };
    await invoke(IpcChannel.openTextFile, trusted(), { kind: 'backup' });
    expect(state.dialogs.open.at(-1)).toMatchObject({ title: '从备份恢复', filters: [{ name: 'Counterflow 备份', extensions: ['cfbackup'] }, expect.anything()] });
    await invoke(IpcChannel.setLanguage, trusted(), 'en');
    expect(flat(state.menuTemplate as Item[]).find((i) => i.id === 'file.restore')?.label).toBe('Restore…');
  });

});

describe('daily backups', () => {
  const name = (day: number) => `counterflow-D1-202612${String(day).padStart(2, '0')}-020000.cfbackup`;

  it('has no folder until the clerk chooses one; a cancelled dialog changes nothing', async () => {
    expect(await invoke(IpcChannel.getScheduledBackups, trusted())).toEqual({ folder: null, keep: 14 });
    state.nextOpen = { canceled: true, filePaths: [] };
    expect(await invoke(IpcChannel.chooseBackupFolder, trusted())).toEqual({ folder: null, keep: 14 });
    expect(state.dialogs.open.at(-1)).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
    expect(await invoke(IpcChannel.writeScheduledBackup, trusted(), { fileName: name(1), data: bytes('x') })).toMatchObject({ ok: false, reason: /No backup folder/ });
  });

  it('writes into the chosen folder and keeps the newest N', async () => {
    state.nextOpen = { canceled: false, filePaths: ['/home/clerk/Backups'] };
    expect(await invoke(IpcChannel.chooseBackupFolder, trusted())).toEqual({ folder: '/home/clerk/Backups', keep: 14 });
    expect(await invoke(IpcChannel.setBackupKeep, trusted(), 2)).toEqual({ folder: '/home/clerk/Backups', keep: 2 });
    for (const day of [1, 2, 3]) {
      expect(await invoke(IpcChannel.writeScheduledBackup, trusted(), { fileName: name(day), data: bytes(`day ${day}`) })).toMatchObject({ ok: true });
    }
    const inFolder = [...state.files.keys()].filter((f) => f.startsWith('/home/clerk/Backups/')).sort();
    expect(inFolder).toEqual([`/home/clerk/Backups/${name(2)}`, `/home/clerk/Backups/${name(3)}`]);
    await expect(invoke(IpcChannel.writeScheduledBackup, trusted(), { fileName: '../../.bashrc', data: bytes('x') })).rejects.toThrow(/invalid arguments/);
    await expect(invoke(IpcChannel.writeScheduledBackup, eventFrom({ url: 'https://evil.example/' }), { fileName: name(4), data: bytes('x') })).rejects.toThrow(/untrusted/);
  });

  it('saves and opens a backup as bytes, unchanged', async () => {
    const data = new Uint8Array([0x7b, 0x0a, 0x1f, 0x8b, 0x00, 0xff, 0xfe]);
    state.nextSave = { canceled: false, filePath: '/home/clerk/Documents/counterflow-D1-20261206-020000.cfbackup' };
    expect(await invoke(IpcChannel.saveFile, trusted(), { kind: 'backup', suggestedName: 'counterflow-D1-20261206-020000.cfbackup', data })).toEqual({
      canceled: false,
      fileName: 'counterflow-D1-20261206-020000.cfbackup',
    });
    state.nextOpen = { canceled: false, filePaths: ['/home/clerk/Documents/counterflow-D1-20261206-020000.cfbackup'] };
    expect(await invoke(IpcChannel.openFile, trusted(), { kind: 'backup' })).toEqual({ canceled: false, fileName: 'counterflow-D1-20261206-020000.cfbackup', data });
  });
});

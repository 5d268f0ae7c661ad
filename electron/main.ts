// Electron main process: the OS shell around the renderer. It owns the window, the app://
// protocol that serves the built renderer, the menu, native file dialogs, printing and the app
// version. It holds no domain logic and no database (DESIGN.md, "Where things run").
//
// Every decision that can be made without Electron lives in security.ts, app-protocol.ts,
// ipc-schemas.ts and menu.ts, which are unit-tested; this file wires them to Electron's hooks.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  type FileFilter,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { randomUUID } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { APP_SCHEME, contentTypeFor, resolveAppRequest } from './app-protocol';
import {
  IpcChannel,
  MAX_TEXT_FILE_BYTES,
  MENU_COMMAND_CHANNEL,
  type FileKind,
  type MenuCommand,
  type OpenFileResult,
  type OpenTextFileResult,
  type PrintResult,
  type SaveTextFileResult,
  type ShellLanguage,
} from './ipc-contract';
import { ipcArgumentSchemas } from './ipc-schemas';
import { buildMenuTemplate } from './menu';
import { parseConfig, writeScheduledBackup, type BackupFs, type ScheduledBackupConfig } from './scheduled-backups';
import { dialogTitle, fill, wordsFor } from './words';
import {
  isAllowedNavigation,
  isPermissionAllowed,
  isTrustedSender,
  resolveTrustedOrigin,
  securityHeaders,
  type TrustedOrigin,
} from './security';

const APP_NAME = 'Counterflow';

// dist-electron/main.js -> dist-electron/preload.cjs and dist/ (the Vite build of the renderer).
// Inside a packaged app both live in app.asar, which Electron's fs reads transparently.
const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_ROOT = path.resolve(here, '..', 'dist');
const PRELOAD_PATH = path.join(here, 'preload.cjs');
/** The window icon (Linux shows it; Windows and macOS take the packaged app's icon): the favicon. */
const WINDOW_ICON = path.join(RENDERER_ROOT, 'icon.png');

const { origin: trustedOrigin, startUrl, dev } = resolveTrustedOrigin(process.env.VITE_DEV_SERVER_URL, app.isPackaged);

let mainWindow: BrowserWindow | null = null;
/** The app's language, as the renderer last said (menu, dialog titles, About follow it). */
let language: ShellLanguage = 'en';

// Privileged schemes must be declared before 'ready'. standard: relative URLs, a real origin and
// storage (IndexedDB for Dexie); secure: a secure context (Web Locks, crypto.subtle);
// supportFetchAPI: fetch() of own assets. No service workers, no CSP bypass, no CORS for others.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      allowServiceWorkers: false,
      bypassCSP: false,
      corsEnabled: false,
      stream: false,
      codeCache: true,
    },
  },
]);

// Every renderer is sandboxed, whatever a future BrowserWindow forgets to say.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second launch only focuses the first one (two instances would fight over IndexedDB).
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, trustedOrigin));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
  app
    .whenReady()
    .then(() => {
      registerAppProtocol();
      restrictPermissions(trustedOrigin);
      registerIpcHandlers();
      setApplicationMenu();
      createMainWindow();
    })
    .catch((error: unknown) => {
      console.error('Counterflow failed to start', error);
      app.exit(1);
    });
}

function setApplicationMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        { send: sendMenuCommand, about: () => void showAbout() },
        { appName: APP_NAME, dev, platform: process.platform, words: wordsFor(language) },
      ),
    ),
  );
}

function createMainWindow(): void {
  const win = new BrowserWindow({
    title: APP_NAME,
    icon: WINDOW_ICON,
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(startUrl);
}

/** Navigation, new windows and <webview> are locked down for every web contents we create. */
function hardenWebContents(contents: WebContents, trusted: TrustedOrigin): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, trusted)) {
      event.preventDefault();
      console.warn(`Blocked navigation to ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, trusted)) {
      event.preventDefault();
      console.warn(`Blocked redirect to ${event.url}`);
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No popups: the app is one window; links to the outside world are not part of it.
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`Blocked window.open(${url})`);
    return { action: 'deny' };
  });
}

function restrictPermissions(trusted: TrustedOrigin): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, trusted));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, trusted),
  );
  // No HID / serial / USB device access (keyboard-wedge scanners need none).
  ses.setDevicePermissionHandler(() => false);
}

// --- app:// protocol -------------------------------------------------------------------------

function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plainResponse(405, 'method not allowed');
    }
    const resolution = resolveAppRequest(request.url, RENDERER_ROOT);
    if (!resolution.ok) {
      console.warn(`app:// refused ${request.url}: ${resolution.reason}`);
      return plainResponse(resolution.status, resolution.reason);
    }
    const file =
      (await readIfFile(resolution.filePath)) ??
      // Client-side routes (app://counterflow/orders/42 after a reload) get the SPA shell.
      (resolution.spaFallback ? await readIfFile(path.join(RENDERER_ROOT, 'index.html')) : null);
    if (!file) return plainResponse(404, 'not found');
    return new Response(request.method === 'HEAD' ? null : file.body, {
      status: 200,
      headers: { 'Content-Type': contentTypeFor(file.path), 'Cache-Control': 'no-cache', ...securityHeaders() },
    });
  });
}

async function readIfFile(filePath: string): Promise<{ path: string; body: Uint8Array<ArrayBuffer> } | null> {
  try {
    const info = await stat(filePath);
    if (!info.isFile()) return null;
    const buffer = await readFile(filePath);
    return { path: filePath, body: new Uint8Array(buffer) };
  } catch {
    return null;
  }
}

function plainResponse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() },
  });
}

// --- IPC -------------------------------------------------------------------------------------

/**
 * Registers a handler that only runs for our window's top frame on our origin and only with
 * arguments that pass the channel's schema. Anything else is refused with an error.
 */
function handle<C extends keyof typeof ipcArgumentSchemas, R>(
  channel: C,
  run: (args: z.infer<(typeof ipcArgumentSchemas)[C]>, win: BrowserWindow) => Promise<R> | R,
): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
    const win = trustedWindowOf(event);
    if (!win) {
      console.warn(`IPC ${channel} refused: untrusted sender ${senderUrl(event) ?? '(no frame)'}`);
      throw new Error(`${channel}: refused, untrusted sender`);
    }
    const parsed = ipcArgumentSchemas[channel].safeParse(args);
    if (!parsed.success) {
      throw new Error(`${channel}: invalid arguments: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
    return run(parsed.data as z.infer<(typeof ipcArgumentSchemas)[C]>, win);
  });
}

function senderUrl(event: IpcMainInvokeEvent): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    return null; // the frame was destroyed while the message was in flight
  }
}

function trustedWindowOf(event: IpcMainInvokeEvent): BrowserWindow | null {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return null;
  let isMainWindowMainFrame: boolean;
  try {
    const frame = event.senderFrame;
    const top = win.webContents.mainFrame;
    isMainWindowMainFrame =
      event.sender.id === win.webContents.id &&
      frame !== null &&
      frame.parent === null &&
      frame.processId === top.processId &&
      frame.routingId === top.routingId;
  } catch {
    isMainWindowMainFrame = false;
  }
  return isTrustedSender({ frameUrl: senderUrl(event), isMainWindowMainFrame }, trustedOrigin) ? win : null;
}

const FILE_EXTENSIONS: Readonly<Record<FileKind, string>> = { backup: 'cfbackup', csv: 'csv', workflow: 'json' };

function fileFilters(kind: FileKind): FileFilter[] {
  const words = wordsFor(language);
  return [
    { name: words.filter[kind], extensions: [FILE_EXTENSIONS[kind]] },
    { name: words.filter.all, extensions: ['*'] },
  ];
}

function registerIpcHandlers(): void {
  handle(IpcChannel.appVersion, () => app.getVersion());

  registerScheduledBackupHandlers();

  handle(IpcChannel.setLanguage, ([next]) => {
    if (next === language) return;
    language = next;
    setApplicationMenu();
  });

  /** The open dialog, then the chosen file's bytes (bounded), or null when cancelled. */
  const chooseAndRead = async (request: { kind: FileKind; title?: string }, win: BrowserWindow) => {
    const result = await dialog.showOpenDialog(win, {
      title: request.title ?? dialogTitle(wordsFor(language), request.kind, 'open'),
      properties: ['openFile'],
      filters: fileFilters(request.kind),
    });
    const filePath = result.filePaths[0];
    if (result.canceled || !filePath) return null;
    const info = await stat(filePath);
    if (info.size > MAX_TEXT_FILE_BYTES) {
      throw new Error(`The file is too large (${info.size} bytes; the limit is ${MAX_TEXT_FILE_BYTES}).`);
    }
    return { fileName: path.basename(filePath), bytes: await readFile(filePath) };
  };

  /** The save dialog, then the content written next to the target and renamed. */
  const chooseAndWrite = async (request: { kind: FileKind; suggestedName: string; title?: string }, content: string | Uint8Array, win: BrowserWindow): Promise<SaveTextFileResult> => {
    const result = await dialog.showSaveDialog(win, {
      title: request.title ?? dialogTitle(wordsFor(language), request.kind, 'save'),
      defaultPath: path.join(app.getPath('documents'), request.suggestedName),
      filters: fileFilters(request.kind),
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (result.canceled || !result.filePath) return { canceled: true };
    await writeFileAtomically(result.filePath, content);
    return { canceled: false, fileName: path.basename(result.filePath) };
  };

  handle(IpcChannel.openTextFile, async ([request], win): Promise<OpenTextFileResult> => {
    const file = await chooseAndRead(request, win);
    if (!file) return { canceled: true };
    let content: string;
    try {
      // fatal: a CSV saved in a legacy code page must fail loudly, not import garbled names.
      // TextDecoder drops a leading UTF-8 byte-order mark by default.
      content = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
    } catch {
      throw new Error('The file is not UTF-8 text. Save it as "CSV UTF-8" (or re-export it) and try again.');
    }
    return { canceled: false, fileName: file.fileName, content };
  });

  handle(IpcChannel.openFile, async ([request], win): Promise<OpenFileResult> => {
    const file = await chooseAndRead(request, win);
    return file ? { canceled: false, fileName: file.fileName, data: new Uint8Array(file.bytes) } : { canceled: true };
  });

  handle(IpcChannel.saveFile, ([request], win) => chooseAndWrite(request, request.data, win));

  handle(IpcChannel.saveTextFile, async ([request], win): Promise<SaveTextFileResult> => {
    if (Buffer.byteLength(request.content, 'utf8') > MAX_TEXT_FILE_BYTES) {
      throw new Error(`The content is too large to save (limit ${MAX_TEXT_FILE_BYTES} bytes).`);
    }
    return chooseAndWrite(request, request.content, win);
  });

  handle(
    IpcChannel.print,
    (_args, win) =>
      new Promise<PrintResult>((resolve) => {
        // silent: false -> the OS print dialog, so the clerk picks the label or receipt printer.
        win.webContents.print({ silent: false, printBackground: true }, (success, failureReason) =>
          resolve(success ? { ok: true } : { ok: false, reason: failureReason || 'Print job canceled' }),
        );
      }),
  );

  handle(IpcChannel.printToPdf, async ([request], win): Promise<Uint8Array> => {
    const pdf = await win.webContents.printToPDF({
      pageSize: request.pageSize ?? 'A4',
      landscape: request.landscape ?? false,
      printBackground: true,
      // Label and receipt sheets declare their size with @page; that wins over pageSize.
      preferCSSPageSize: true,
    });
    return new Uint8Array(pdf);
  });
}

/** Write next to the target then rename, so a crash mid-write never leaves half a backup. */
async function writeFileAtomically(target: string, content: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  try {
    // A string is written as UTF-8 (Node's default encoding for strings).
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

// --- daily backups into a chosen folder ---------------------------------------------------------

const backupFs: BackupFs = { readFile, writeFile, rename, rm, readdir };
const scheduledConfigPath = () => path.join(app.getPath('userData'), 'scheduled-backups.json');

async function readScheduledConfig(): Promise<ScheduledBackupConfig> {
  return parseConfig(await readFile(scheduledConfigPath(), 'utf8').catch(() => null));
}

async function saveScheduledConfig(config: ScheduledBackupConfig): Promise<ScheduledBackupConfig> {
  await writeFileAtomically(scheduledConfigPath(), JSON.stringify(config));
  return config;
}

function registerScheduledBackupHandlers(): void {
  handle(IpcChannel.getScheduledBackups, () => readScheduledConfig());
  handle(IpcChannel.chooseBackupFolder, async (_args, win) => {
    const config = await readScheduledConfig();
    const result = await dialog.showOpenDialog(win, {
      title: wordsFor(language).dialog.backupFolder,
      properties: ['openDirectory', 'createDirectory'],
      ...(config.folder ? { defaultPath: config.folder } : {}),
    });
    const folder = result.filePaths[0];
    if (result.canceled || !folder) return config;
    return saveScheduledConfig({ ...config, folder });
  });
  handle(IpcChannel.setBackupKeep, async ([keep]) => saveScheduledConfig({ ...(await readScheduledConfig()), keep }));
  handle(IpcChannel.writeScheduledBackup, async ([request]) =>
    writeScheduledBackup(backupFs, await readScheduledConfig(), request.fileName, request.data),
  );
}

function sendMenuCommand(command: MenuCommand): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  win.webContents.send(MENU_COMMAND_CHANNEL, command);
}

async function showAbout(): Promise<void> {
  const words = wordsFor(language);
  const detail = [
    fill(words.about.version, { version: app.getVersion() }),
    `Electron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node ${process.versions.node}`,
  ].join('\n');
  const options = { type: 'info' as const, title: fill(words.menu.about, { app: APP_NAME }), message: APP_NAME, detail, buttons: [words.about.ok] };
  if (mainWindow && !mainWindow.isDestroyed()) await dialog.showMessageBox(mainWindow, options);
  else await dialog.showMessageBox(options);
}

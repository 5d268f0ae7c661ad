// The whole surface between the window and the main process, as types and channel names.
//
// This file has NO runtime imports (not electron, not zod): the sandboxed preload is bundled
// from it, and it must stay a plain description the renderer can mirror structurally in
// `renderer/platform/` (the renderer never imports electron/, see DESIGN.md). The zod schemas
// that check these shapes at runtime live in `ipc-schemas.ts`, which only the main process loads.
//
// Everything crossing the bridge is plain structured-clone data: strings, booleans, numbers,
// Uint8Array. The renderer never sees a file path it could feed back to the main process:
// the main process opens the dialogs and reads/writes the chosen file itself.

/** Name of the global the preload exposes: `window.counterflow`. */
export const BRIDGE_KEY = 'counterflow';

/** ipcMain.handle / ipcRenderer.invoke channels (renderer -> main, request/response). */
export const IpcChannel = {
  appVersion: 'counterflow:app-version',
  openTextFile: 'counterflow:open-text-file',
  saveTextFile: 'counterflow:save-text-file',
  print: 'counterflow:print',
  printToPdf: 'counterflow:print-to-pdf',
} as const;
export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

/** webContents.send channel (main -> renderer): an application-menu item was chosen. */
export const MENU_COMMAND_CHANNEL = 'counterflow:menu-command';

/**
 * Menu items whose work happens in the renderer (it owns the data): the main process only
 * tells the window which one was chosen. Quit, zoom and About are handled by main itself.
 */
export const MENU_COMMANDS = ['backup', 'restore', 'import-csv', 'export-csv', 'print'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/**
 * What kind of file a dialog is about; decides the dialog title and file-type filter.
 * backup and workflow files are JSON text, csv is comma-separated text.
 */
export const FILE_KINDS = ['backup', 'csv', 'workflow'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Largest text file the bridge will read or write (backups of a busy counter stay far below). */
export const MAX_TEXT_FILE_BYTES = 256 * 1024 * 1024;

export interface OpenTextFileRequest {
  kind: FileKind;
  /** Dialog title; a sensible default per kind is used when absent. */
  title?: string;
}

export type OpenTextFileResult =
  | { canceled: true }
  /** `content` is decoded as UTF-8 with a leading byte-order mark removed (Excel writes one). */
  | { canceled: false; fileName: string; content: string };

export interface SaveTextFileRequest {
  kind: FileKind;
  /** File name offered in the dialog, e.g. `counterflow-backup-2025-01-31.json`. */
  suggestedName: string;
  content: string;
  title?: string;
}

export type SaveTextFileResult = { canceled: true } | { canceled: false; fileName: string };

/** Result of printing the window through the OS print dialog. */
export type PrintResult = { ok: true } | { ok: false; reason: string };

export const PDF_PAGE_SIZES = ['A4', 'A5', 'A6', 'Letter', 'Legal'] as const;
export type PdfPageSize = (typeof PDF_PAGE_SIZES)[number];

export interface PrintToPdfRequest {
  /** Paper size when the page has no CSS `@page { size }` rule (a rule always wins). */
  pageSize?: PdfPageSize;
  landscape?: boolean;
}

/** Unsubscribes a listener registered through the bridge. */
export type Unsubscribe = () => void;

/**
 * `window.counterflow` in Electron. Every function is a thin `ipcRenderer.invoke` in the
 * preload; every call is checked again (sender and arguments) in the main process.
 */
export interface CounterflowBridge {
  /** The application version (package.json `version`). */
  getAppVersion(): Promise<string>;
  /** Native open dialog; reads the chosen file as UTF-8 text. */
  openTextFile(request: OpenTextFileRequest): Promise<OpenTextFileResult>;
  /** Native save dialog; writes `content` as UTF-8 to the chosen file. */
  saveTextFile(request: SaveTextFileRequest): Promise<SaveTextFileResult>;
  /** Prints the window through the OS print dialog (never silent). */
  print(): Promise<PrintResult>;
  /** Renders the window to a PDF and returns its bytes. */
  printToPdf(request?: PrintToPdfRequest): Promise<Uint8Array>;
  /** Called when File-menu items (or their shortcuts) are chosen. */
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
}

/** The exact keys of the bridge, for tests that check nothing else leaks into the page. */
export const BRIDGE_FUNCTIONS = [
  'getAppVersion',
  'openTextFile',
  'saveTextFile',
  'print',
  'printToPdf',
  'onMenuCommand',
] as const satisfies readonly (keyof CounterflowBridge)[];

// Compile-time check that BRIDGE_FUNCTIONS lists every key of the interface, no more, no less.
type AssertTrue<T extends true> = T;
export type BridgeFunctionsComplete = AssertTrue<
  [Exclude<keyof CounterflowBridge, (typeof BRIDGE_FUNCTIONS)[number]>] extends [never] ? true : false
>;

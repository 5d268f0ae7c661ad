// The contract between the window and the Electron main process, as types only: the
// renderer's Electron platform (renderer/platform/electron.ts) and the shell (electron/) both
// import it, so neither keeps a copy of the other's shapes. Types only, because electron/ may
// import shared/ only as `import type` (tests/architecture.test.ts); the channel names and
// the lists the main process checks at run time live in electron/ipc-contract.ts, which
// asserts at compile time that they match these types.
//
// Everything crossing the bridge is plain structured-clone data: strings, booleans, numbers,
// Uint8Array. The renderer never sees a file path it could feed back to the main process:
// the main process opens the dialogs and reads/writes the chosen file itself.

/**
 * Menu items whose work happens in the renderer (it owns the data): the main process only
 * tells the window which one was chosen. Quit, zoom and About are handled by main itself.
 */
export type MenuCommand = 'backup' | 'restore' | 'import-csv' | 'export-csv' | 'print';

/**
 * What kind of file a dialog is about; decides the dialog title and file-type filter.
 * Backups are JSON lines (.cfbackup), workflows JSON, csv comma-separated text.
 */
export type FileKind = 'backup' | 'csv' | 'workflow';

/** The languages the shell's menu and dialogs speak (the app's own language choice). */
export type ShellLanguage = 'en' | 'zh';

export type PdfPageSize = 'A4' | 'A5' | 'A6' | 'Letter' | 'Legal';

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
  /** File name offered in the dialog, e.g. `counterflow-D1A2B3-20261206-083000.cfbackup`. */
  suggestedName: string;
  content: string;
  title?: string;
}

export type SaveTextFileResult = { canceled: true } | { canceled: false; fileName: string };

/** A file read or written as bytes (a backup: its rows are gzip'd). */
export interface SaveFileRequest {
  kind: FileKind;
  suggestedName: string;
  data: Uint8Array;
  title?: string;
}

export type OpenFileResult = { canceled: true } | { canceled: false; fileName: string; data: Uint8Array };

/** Result of printing the window through the OS print dialog. */
export type PrintResult = { ok: true } | { ok: false; reason: string };

export interface PrintToPdfRequest {
  /** Paper size when the page has no CSS `@page { size }` rule (a rule always wins). */
  pageSize?: PdfPageSize;
  landscape?: boolean;
}

/** Daily backups (desktop app): the folder the clerk chose, and how many backups to keep. */
export interface ScheduledBackupStatus {
  /** Shown to the clerk; chosen in a native dialog, never sent by the renderer. */
  folder: string | null;
  keep: number;
}

export interface WriteScheduledBackupRequest {
  /** A backup file name (`counterflow-<device>-<yyyymmdd>-<hhmmss>.cfbackup`), no directory. */
  fileName: string;
  data: Uint8Array;
}

export type WriteScheduledBackupResult = { ok: true; fileName: string; removed: number } | { ok: false; reason: string };

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
  /** Native open dialog; reads the chosen file as bytes. */
  openFile(request: OpenTextFileRequest): Promise<OpenFileResult>;
  /** Native save dialog; writes the bytes to the chosen file. */
  saveFile(request: SaveFileRequest): Promise<SaveTextFileResult>;
  /** Prints the window through the OS print dialog (never silent). */
  print(): Promise<PrintResult>;
  /** Renders the window to a PDF and returns its bytes. */
  printToPdf(request?: PrintToPdfRequest): Promise<Uint8Array>;
  /** The app's language changed: the menu and the dialogs follow it. */
  setLanguage(language: ShellLanguage): Promise<void>;
  /** Where daily backups go, and how many are kept. */
  getScheduledBackups(): Promise<ScheduledBackupStatus>;
  /** Native folder dialog; the chosen folder becomes the daily backups' folder. */
  chooseBackupFolder(): Promise<ScheduledBackupStatus>;
  setBackupKeep(keep: number): Promise<ScheduledBackupStatus>;
  /** Writes one daily backup into the chosen folder and removes the oldest beyond `keep`. */
  writeScheduledBackup(request: WriteScheduledBackupRequest): Promise<WriteScheduledBackupResult>;
  /** Called when File-menu items (or their shortcuts) are chosen. */
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
}

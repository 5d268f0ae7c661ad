// The run-time half of the window <-> main contract: channel names and the lists the main
// process checks arguments against. The shapes themselves (requests, results, the bridge) are
// the types-only module shared/host/bridge.ts, which the renderer imports too; the checks at
// the end of this file fail to compile if a list here and a type there drift apart.
//
// This file has NO runtime imports (not electron, not zod): the sandboxed preload is bundled
// from it. The zod schemas that check these shapes at runtime live in `ipc-schemas.ts`, which
// only the main process loads.
import type { CounterflowBridge, FileKind, MenuCommand, PdfPageSize, ShellLanguage } from '../shared/host/bridge';

export type {
  CounterflowBridge,
  FileKind,
  MenuCommand,
  OpenFileResult,
  OpenTextFileRequest,
  OpenTextFileResult,
  PdfPageSize,
  PrintResult,
  PrintToPdfRequest,
  SaveFileRequest,
  SaveTextFileRequest,
  SaveTextFileResult,
  ScheduledBackupStatus,
  ShellLanguage,
  Unsubscribe,
  WriteScheduledBackupRequest,
  WriteScheduledBackupResult,
} from '../shared/host/bridge';

/** Name of the global the preload exposes: `window.counterflow`. */
export const BRIDGE_KEY = 'counterflow';

/** ipcMain.handle / ipcRenderer.invoke channels (renderer -> main, request/response). */
export const IpcChannel = {
  appVersion: 'counterflow:app-version',
  openTextFile: 'counterflow:open-text-file',
  saveTextFile: 'counterflow:save-text-file',
  openFile: 'counterflow:open-file',
  saveFile: 'counterflow:save-file',
  print: 'counterflow:print',
  printToPdf: 'counterflow:print-to-pdf',
  setLanguage: 'counterflow:set-language',
  getScheduledBackups: 'counterflow:get-scheduled-backups',
  chooseBackupFolder: 'counterflow:choose-backup-folder',
  setBackupKeep: 'counterflow:set-backup-keep',
  writeScheduledBackup: 'counterflow:write-scheduled-backup',
} as const;
export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel];

/** webContents.send channel (main -> renderer): an application-menu item was chosen. */
export const MENU_COMMAND_CHANNEL = 'counterflow:menu-command';

export const MENU_COMMANDS = ['backup', 'restore', 'import-csv', 'export-csv', 'print'] as const satisfies readonly MenuCommand[];

export const FILE_KINDS = ['backup', 'csv', 'workflow'] as const satisfies readonly FileKind[];

export const SHELL_LANGUAGES = ['en', 'zh'] as const satisfies readonly ShellLanguage[];

/** Largest file the bridge will read or write (backups of a busy counter stay far below). */
export const MAX_TEXT_FILE_BYTES = 256 * 1024 * 1024;

export const PDF_PAGE_SIZES = ['A4', 'A5', 'A6', 'Letter', 'Legal'] as const satisfies readonly PdfPageSize[];

/** The exact keys of the bridge, for tests that check nothing else leaks into the page. */
export const BRIDGE_FUNCTIONS = [
  'getAppVersion',
  'openTextFile',
  'saveTextFile',
  'openFile',
  'saveFile',
  'print',
  'printToPdf',
  'setLanguage',
  'getScheduledBackups',
  'chooseBackupFolder',
  'setBackupKeep',
  'writeScheduledBackup',
  'onMenuCommand',
] as const satisfies readonly (keyof CounterflowBridge)[];

// Compile-time checks that each list names every member of its type, no more, no less.
type AssertTrue<T extends true> = T;
type Covers<List, Union> = [Exclude<Union, List>] extends [never] ? true : false;
export type ContractListsComplete = [
  AssertTrue<Covers<(typeof BRIDGE_FUNCTIONS)[number], keyof CounterflowBridge>>,
  AssertTrue<Covers<(typeof MENU_COMMANDS)[number], MenuCommand>>,
  AssertTrue<Covers<(typeof FILE_KINDS)[number], FileKind>>,
  AssertTrue<Covers<(typeof SHELL_LANGUAGES)[number], ShellLanguage>>,
  AssertTrue<Covers<(typeof PDF_PAGE_SIZES)[number], PdfPageSize>>,
];

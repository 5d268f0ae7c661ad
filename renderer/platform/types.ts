// What the renderer needs from its host: files, printing, version, menu commands.
// Two implementations: browser (plain Chromium, e2e tests) and Electron (preload bridge).

import type { FileKind, MenuCommand, PdfPageSize, ScheduledBackupStatus, ShellLanguage, WriteScheduledBackupResult } from '../../shared/host/bridge';

/** What a file is about (decides the dialog filter); the commands of the native File menu. */
export type { FileKind, MenuCommand, ScheduledBackupStatus, ShellLanguage, WriteScheduledBackupResult };

/** Daily backups into a folder the clerk chose (the desktop app). */
export interface ScheduledBackupHost {
  status(): Promise<ScheduledBackupStatus>;
  chooseFolder(): Promise<ScheduledBackupStatus>;
  setKeep(keep: number): Promise<ScheduledBackupStatus>;
  write(fileName: string, data: Blob): Promise<WriteScheduledBackupResult>;
}

export interface OpenedFile {
  fileName: string;
  content: string;
}

/** A file chosen by the operator, not read yet (a backup may be large: it is read in pieces). */
export interface ChosenFile {
  fileName: string;
  file: Blob;
}

export type PrintOutcome = { ok: true } | { ok: false; reason: string };


export interface HostPlatform {
  readonly kind: 'browser' | 'electron';
  appVersion(): Promise<string>;
  /** Ask the operator for a text file; null when they cancel. */
  openTextFile(kind: FileKind): Promise<OpenedFile | null>;
  /** Save text as a file; resolves to the file name, or null when they cancel. */
  saveTextFile(kind: FileKind, suggestedName: string, content: string): Promise<string | null>;
  /** Ask the operator for a file without reading it; null when they cancel. */
  openFile(kind: FileKind): Promise<ChosenFile | null>;
  /** Save a blob as a file (a backup); resolves to the file name, or null when they cancel. */
  saveFile(kind: FileKind, suggestedName: string, data: Blob): Promise<string | null>;
  /** Print the current window (labels and receipts are laid out with print CSS). */
  print(): Promise<PrintOutcome>;
  /** A PDF of the current window, or null where the host cannot make one (the browser:
   *  its print dialog offers "Save as PDF" instead). */
  readonly canPrintToPdf: boolean;
  printToPdf(options: { pageSize?: PdfPageSize; landscape?: boolean }): Promise<Uint8Array> | null;
  /** The app's language changed: the host's menu and dialogs follow (Electron only). */
  setLanguage(language: ShellLanguage): Promise<void>;
  /** Daily backups to a folder; null where the host cannot write into folders (the browser). */
  readonly scheduledBackups: ScheduledBackupHost | null;
  /** Listen to application-menu commands; a no-op in the browser. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

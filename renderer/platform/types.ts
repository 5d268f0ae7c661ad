// What the renderer needs from its host: files, printing, version, menu commands.
// Two implementations: browser (plain Chromium, e2e tests) and Electron (preload bridge).

/** What a file is about; decides the dialog filter. */
export type FileKind = 'backup' | 'csv' | 'workflow';

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

/** Commands chosen from the native application menu (Electron only). */
export type MenuCommand = 'backup' | 'restore' | 'import-csv' | 'export-csv' | 'print';

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
  /** Listen to application-menu commands; a no-op in the browser. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

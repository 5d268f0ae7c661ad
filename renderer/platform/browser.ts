// Browser host: downloads through a blob link, uploads through a file input, window.print.
import { version } from '../../package.json';
import type { ChosenFile, FileKind, HostPlatform, OpenedFile, PrintOutcome } from './types';

const ACCEPT: Record<FileKind, string> = {
  backup: '.cfbackup',
  csv: '.csv,text/csv',
  workflow: '.json,application/json',
};

const MIME: Record<FileKind, string> = {
  backup: 'application/octet-stream',
  csv: 'text/csv',
  workflow: 'application/json',
};

function chooseFile(kind: FileKind): Promise<ChosenFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT[kind];
    input.style.display = 'none';
    input.dataset.testid = 'platform-file-input';
    const done = () => input.remove();
    input.addEventListener('cancel', () => {
      done();
      resolve(null);
    });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      done();
      resolve(file ? { fileName: file.name, file } : null);
    });
    document.body.append(input);
    input.click();
  });
}

async function openTextFile(kind: FileKind): Promise<OpenedFile | null> {
  const chosen = await chooseFile(kind);
  if (!chosen) return null;
  // Excel writes a byte-order mark at the start of CSV files.
  return { fileName: chosen.fileName, content: (await chosen.file.text()).replace(/^\uFEFF/, '') };
}

async function saveTextFile(kind: FileKind, suggestedName: string, content: string): Promise<string | null> {
  return saveFile(kind, suggestedName, new Blob([content], { type: `${MIME[kind]};charset=utf-8` }));
}

async function saveFile(_kind: FileKind, suggestedName: string, data: Blob): Promise<string | null> {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = suggestedName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return suggestedName;
}

async function print(): Promise<PrintOutcome> {
  window.print();
  return { ok: true };
}

export const browserPlatform: HostPlatform = {
  kind: 'browser',
  appVersion: async () => version,
  openTextFile,
  saveTextFile,
  openFile: chooseFile,
  saveFile,
  print,
  canPrintToPdf: false,
  printToPdf: () => null,
  setLanguage: async () => undefined,
  scheduledBackups: null,
  onMenuCommand: () => () => undefined,
};

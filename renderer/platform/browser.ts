// Browser host: downloads through a blob link, uploads through a file input, window.print.
import { version } from '../../package.json';
import type { FileKind, HostPlatform, OpenedFile, PrintOutcome } from './types';

const ACCEPT: Record<FileKind, string> = {
  backup: '.json,application/json',
  csv: '.csv,text/csv',
  workflow: '.json,application/json',
};

const MIME: Record<FileKind, string> = {
  backup: 'application/json',
  csv: 'text/csv',
  workflow: 'application/json',
};

function openTextFile(kind: FileKind): Promise<OpenedFile | null> {
  return new Promise((resolve, reject) => {
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
      if (!file) return resolve(null);
      file.text().then(
        // Excel writes a byte-order mark at the start of CSV files.
        (content) => resolve({ fileName: file.name, content: content.replace(/^\uFEFF/, '') }),
        reject,
      );
    });
    document.body.append(input);
    input.click();
  });
}

async function saveTextFile(kind: FileKind, suggestedName: string, content: string): Promise<string | null> {
  const url = URL.createObjectURL(new Blob([content], { type: `${MIME[kind]};charset=utf-8` }));
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
  print,
  onMenuCommand: () => () => undefined,
};

// The scanner's reading of a code (shared/barcode/parse: the GS1 parser, the nomenclature and
// its pattern check, label payloads, ~150 KB with zod's schemas and regexpp) is not in the
// window's entry: it loads at the first idle moment, after the first screen's cards. Keys are
// still captured from the start (capture.ts is in the entry), and a scan read before the
// reader has loaded waits for it in the scans' queue, so none is lost, split or reordered.
import type { parseBarcode } from './codeReader';
import { afterFirstIdle } from '../app/windowIdle';

export type ReadBarcode = typeof parseBarcode;

let loading: Promise<ReadBarcode> | null = null;

/** The reader, loading it now if it is not yet; a failed load is tried again next time. */
export function loadReader(): Promise<ReadBarcode> {
  loading ??= import('./codeReader').then(
    (m) => m.parseBarcode,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Loads the reader at the window's first idle moment (scans before then load it at once). */
export function loadReaderWhenIdle(): () => void {
  return afterFirstIdle(() => void loadReader().catch(() => undefined));
}

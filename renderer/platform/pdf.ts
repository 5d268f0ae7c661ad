// A PDF of what the window prints (a label sheet, a receipt, a manifest): saved as a download
// from the Electron bridge's printToPdf, or — in a browser, which has no such bridge — the
// print dialog, where "Save as PDF" is one of the printers.
import type { PdfPageSize } from '../../shared/host/bridge';
import { platform } from '.';

export type PdfOutcome = { kind: 'saved'; fileName: string } | { kind: 'dialog' } | { kind: 'failed'; reason: string };

/** `pageSize` is used only when the page has no CSS `@page { size }` rule (thermal widths have one). */
export async function savePdf(fileName: string, pageSize: PdfPageSize = 'A4'): Promise<PdfOutcome> {
  const pdf = platform.printToPdf({ pageSize });
  if (!pdf) {
    const printed = await platform.print();
    return printed.ok ? { kind: 'dialog' } : { kind: 'failed', reason: printed.reason };
  }
  try {
    const bytes = await pdf;
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { kind: 'saved', fileName };
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

export function hasPdfBridge(): boolean {
  return platform.canPrintToPdf;
}

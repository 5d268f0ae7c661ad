// Printing label sheets: the host's print (Electron's dialog, or window.print in a browser,
// where the print stylesheet leaves only the sheet), and PDF through the Electron bridge's
// printToPdf where the host has one, else the browser's print dialog ("Save as PDF").
import { platform, type PrintOutcome } from '../platform';

export function printLabels(): Promise<PrintOutcome> {
  return platform.print();
}

export type PdfOutcome = { kind: 'saved'; fileName: string } | { kind: 'dialog' } | { kind: 'failed'; reason: string };

/** A PDF of the sheet: saved as a download from the bridge's bytes, or the print dialog. */
export async function labelsPdf(fileName: string): Promise<PdfOutcome> {
  const pdf = platform.printToPdf({ pageSize: 'A4' });
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

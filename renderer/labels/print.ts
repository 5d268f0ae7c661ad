// Printing label sheets: the host's print (Electron's dialog, or window.print in a browser,
// where the print stylesheet leaves only the sheet). A PDF of them: renderer/platform/pdf.ts.
import { platform, type PrintOutcome } from '../platform';

export function printLabels(): Promise<PrintOutcome> {
  return platform.print();
}

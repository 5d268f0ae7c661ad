// What a printed page says: Chromium's print-to-PDF of the page as it is when the app prints
// (print media, so the print stylesheet applies), read back with pdf.js. Tests assert on the
// PDF's text, not on the DOM, so what reaches the paper is what is checked.
import type { Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfOptions = NonNullable<Parameters<Page['pdf']>[0]>;

export interface PrintedPdf {
  /** The PDF file. */
  bytes: Buffer;
  /** One string per page: the text runs in reading order, a line break where pdf.js sees one,
   *  NFKC-normalised (so full-width punctuation reads as ASCII: ！ is !). */
  pages: string[];
  /** All pages, one after the other, with whitespace collapsed to single spaces. */
  text: string;
}

/** The text of a PDF, one string per page. */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  // pdf.js takes ownership of (detaches) the buffer it is given: give it a copy.
  const doc = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      // NFKC: the CJK fonts map some ideographs to their compatibility forms (⼩ for 小).
      pages.push(text.normalize('NFKC'));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Prints the page to PDF as the app prints it (print media) and reads its text back. */
export async function printedPdf(page: Page, options: PdfOptions = {}): Promise<PrintedPdf> {
  await page.emulateMedia({ media: 'print' });
  try {
    const bytes = await page.pdf({ printBackground: true, ...options });
    const pages = await pdfText(bytes);
    return { bytes, pages, text: pages.join('\n').replace(/\s+/g, ' ') };
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

/** The app's frame as it would print (each navbar entry with its Alt key, "Boards Alt 1"), in the
 *  app's language: none of it may reach the paper (renderer/ui/print.css hides the header and
 *  the navbar in one rule). */
export async function frameWords(page: Page): Promise<string[]> {
  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
  const entries = await page
    .locator('.mantine-AppShell-navbar .mantine-NavLink-root')
    .evaluateAll((links) => links.map((a) => [a.querySelector('.mantine-NavLink-label')?.textContent ?? '', a.querySelector('kbd')?.textContent ?? ''].join(' ')));
  if (entries.length < 3) throw new Error(`The navbar shows ${entries.length} entries: is the app's frame on the page?`);
  return entries.map(collapse);
}

// gs1-barcode-parser-mod ships no types; this is the one function gs1.ts uses. It throws
// a string when the data is not a valid element string.
declare module 'gs1-barcode-parser-mod' {
  export interface LibraryElement {
    /** Application identifier, e.g. "01", "3922". */
    ai: string;
    dataTitle: string;
    /** Typed by the library: a string, a number (measures, prices) or a Date. */
    data: unknown;
    /** ISO 4217 / unit code for measures and prices; "" otherwise. */
    unit: string;
    /** The element's data exactly as encoded. */
    raw: string;
  }
  export function parseBarcode(barcode: string): { codeName: string; parsedCodeItems: LibraryElement[] };
}

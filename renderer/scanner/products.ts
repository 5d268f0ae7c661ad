// Which product a product-like scan means: a SKU label, a retail barcode (EAN/UPC, also as
// its GTIN-14), a variable-measure code (by its product code) or GS1 data with a GTIN (or,
// on a logistics label, the GTIN of its content).
import type { ParsedBarcode } from '../../shared/barcode/index';
import type { ProductRow } from '../../shared/db/rows';
import { barcodeForms } from '../../shared/inventory/barcodes';
import { db } from '../db';

/** What a GS1 code says about the goods besides which product (lot, dates, serial, price). */
export interface ScannedFacts {
  batch?: string;
  expiry?: string;
  bestBefore?: string;
  serial?: string;
  sscc?: string;
  /** A price printed in the code (GS1 392n/393n, or a price EAN). */
  price?: number;
}

export interface ScannedProduct {
  product: ProductRow;
  /** Units the scan stands for: 1, or a GS1 count (AI 30 / AI 37). */
  qty: number;
  /** The code that matched (for messages). */
  code: string;
  facts: ScannedFacts;
}

export type ProductLookup = { found: ScannedProduct } | { missing: string } | { notProduct: true };

/** The codes a stored barcode may be written as: as scanned, and its GTIN in every length. */
function candidates(code: string, gtin?: string): string[] {
  return [...new Set([code, ...barcodeForms(code), ...(gtin ? barcodeForms(gtin) : [])])];
}

/** The code a scan stores as a product's barcode, or null when it names no product code. */
export function productCodeOf(parsed: ParsedBarcode): string | null {
  switch (parsed.kind) {
    case 'product':
      return parsed.code;
    case 'weight':
    case 'price':
      return parsed.productCode;
    case 'gs1':
      return parsed.gtin ?? parsed.content ?? null;
    case 'bad-check-digit':
      return parsed.code; // the engine says what is wrong with it, beside the field
    default:
      return null;
  }
}

function factsOf(parsed: ParsedBarcode): ScannedFacts {
  if (parsed.kind === 'price') return { price: parsed.value };
  if (parsed.kind !== 'gs1') return {};
  const facts: ScannedFacts = {};
  for (const key of ['batch', 'expiry', 'bestBefore', 'serial', 'sscc', 'price'] as const) {
    const value = parsed[key];
    if (value !== undefined) (facts as Record<string, string | number>)[key] = value;
  }
  return facts;
}

export async function findScannedProduct(parsed: ParsedBarcode): Promise<ProductLookup> {
  let codes: string[];
  let qty = 1;
  switch (parsed.kind) {
    case 'product':
      codes = candidates(parsed.code, parsed.gtin);
      break;
    case 'weight':
    case 'price':
      codes = [parsed.productCode, parsed.code];
      break;
    case 'gs1': {
      // A trade item names itself (01); a logistics label names what it holds (02) and how many (37).
      const gtin = parsed.gtin ?? parsed.content;
      if (!gtin) return { notProduct: true };
      codes = candidates(gtin, gtin);
      qty = parsed.quantity ?? parsed.count ?? 1;
      break;
    }
    default:
      return { notProduct: true };
  }
  // A SKU label first (Code 128 of the sku, in any case), then any barcode.
  const bySku = (await db.products.get(codes[0]!)) ?? (await db.products.where('sku').equalsIgnoreCase(codes[0]!).first());
  const product =
    bySku ?? (await db.products.where('barcodes').anyOf(codes).first()) ?? (await db.products.where('barcodes').anyOfIgnoreCase(codes).first());
  if (!product) return { missing: codes[0]! };
  return { found: { product, qty: Math.max(1, Math.min(9999, Math.floor(qty))), code: codes[0]!, facts: factsOf(parsed) } };
}

/** "lot L1 · expires 2027-11-30 · serial S9" in the operator's words, for messages and reasons. */
export function factsText(facts: ScannedFacts, t: (key: string, params: Record<string, unknown>) => string): string {
  const parts: string[] = [];
  if (facts.batch) parts.push(t('scan.facts.batch', { batch: facts.batch }));
  if (facts.expiry) parts.push(t('scan.facts.expiry', { date: facts.expiry }));
  else if (facts.bestBefore) parts.push(t('scan.facts.bestBefore', { date: facts.bestBefore }));
  if (facts.serial) parts.push(t('scan.facts.serial', { serial: facts.serial }));
  if (facts.sscc) parts.push(t('scan.facts.sscc', { sscc: facts.sscc }));
  if (facts.price !== undefined) parts.push(t('scan.facts.price', { price: facts.price }));
  return parts.join(' · ');
}

// Which product a product-like scan means: a SKU label, a retail barcode (EAN/UPC, also as
// its GTIN-14), a variable-measure code (by its product code) or GS1 data with a GTIN.
import type { ParsedBarcode } from '../../shared/barcode/index';
import type { ProductRow } from '../../shared/db/rows';
import { barcodeForms } from '../../shared/inventory/barcodes';
import { db } from '../db';

export interface ScannedProduct {
  product: ProductRow;
  /** Units the scan stands for: 1, or a GS1 count (AI 30 / AI 37). */
  qty: number;
  /** The code that matched (for messages). */
  code: string;
}

export type ProductLookup = { found: ScannedProduct } | { missing: string } | { notProduct: true };

/** The codes a stored barcode may be written as: as scanned, and its GTIN in every length. */
function candidates(code: string, gtin?: string): string[] {
  return [...new Set([code, ...barcodeForms(code), ...(gtin ? barcodeForms(gtin) : [])])];
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
    case 'gs1':
      if (!parsed.gtin) return { notProduct: true };
      codes = candidates(parsed.gtin, parsed.gtin);
      qty = parsed.quantity ?? parsed.count ?? 1;
      break;
    default:
      return { notProduct: true };
  }
  // A SKU label first (Code 128 of the sku), then any barcode.
  const bySku = await db.products.get(codes[0]!);
  const product = bySku ?? (await db.products.where('barcodes').anyOf(codes).first());
  if (!product) return { missing: codes[0]! };
  return { found: { product, qty: Math.max(1, Math.min(9999, Math.floor(qty))), code: codes[0]! } };
}

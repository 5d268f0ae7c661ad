// Finding products at the counter: by sku, by barcode, by name prefix.
import type { ProductRow } from '../../shared/db/rows';
import { barcodeForms } from '../../shared/inventory/barcodes';
import { db } from '../db';

/**
 * A typed or scanned code: an exact sku first, then a barcode, then either without regard
 * to case (people type "sku-1" for SKU-1; a scanner with Caps Lock sends "abc" for ABC).
 */
export async function findProduct(code: string): Promise<ProductRow | undefined> {
  const c = code.trim();
  if (!c) return undefined;
  const forms = barcodeForms(c);
  return (
    (await db.products.get(c)) ??
    (await db.products.where('barcodes').anyOf(forms).first()) ??
    (await db.products.where('sku').equalsIgnoreCase(c).first()) ??
    (await db.products.where('barcodes').anyOfIgnoreCase(forms).first())
  );
}

export async function suggestProducts(text: string, limit = 8): Promise<ProductRow[]> {
  const q = text.trim();
  if (!q) return [];
  const [bySku, byName] = await Promise.all([
    db.products.where('sku').startsWithIgnoreCase(q).limit(limit).toArray(),
    db.products.where('name').startsWithIgnoreCase(q).limit(limit).toArray(),
  ]);
  const seen = new Set<string>();
  return [...bySku, ...byName].filter((p) => p.active !== false && !seen.has(p.sku) && seen.add(p.sku)).slice(0, limit);
}

/** Available (on hand - reserved) per sku, over all locations. */
export async function availability(skus: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(skus.map((s) => [s, 0]));
  if (!skus.length) return out;
  const levels = await db.stockLevels.where('sku').anyOf(skus).toArray();
  for (const l of levels) out.set(l.sku, (out.get(l.sku) ?? 0) + l.onHand - l.reserved);
  return out;
}

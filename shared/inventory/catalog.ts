// Products and locations: the master data stock moves against.
import type { LocationRow, ProductRow } from '../db/rows';
import { barcodeKey } from './barcodes';
import { refuse, StockRefusal } from './refusals';
import { locationInputSchema, parseInput, productInputSchema, type LocationFields, type ProductFields } from './schemas';
import type { MovementMeta, StockWork } from './work';

/**
 * 'create' refuses an existing sku (addProduct), 'update' refuses a missing one
 * (updateProduct), 'upsert' takes either (CSV import).
 */
export type ProductWriteMode = 'create' | 'update' | 'upsert';

/**
 * Add (or update) a product. `work.products` must hold the sku's row, if any, and every
 * product that carries one of the input's barcodes (the adapter loads them by index).
 */
export function addProduct(
  work: StockWork,
  input: unknown,
  meta: MovementMeta,
  mode: ProductWriteMode = 'create',
): 'created' | 'updated' {
  const fields = parseInput(productInputSchema, input);
  return putProduct(work, fields, meta, mode);
}

/** Like addProduct, for fields already validated (CSV rows). */
export function putProduct(
  work: StockWork,
  fields: ProductFields,
  meta: MovementMeta,
  mode: ProductWriteMode,
): 'created' | 'updated' {
  const existing = work.products.get(fields.sku);
  if (existing && mode === 'create') throw refuse.productExists(fields.sku);
  if (!existing && mode === 'update') throw refuse.unknownSku(fields.sku);
  for (const barcode of fields.barcodes) {
    const owner = barcodeOwner(work.products.values(), barcode);
    if (owner && owner !== fields.sku) throw refuse.barcodeTaken(barcode, owner);
  }
  const row: ProductRow = { ...fields, barcodes: [...fields.barcodes], updatedAt: meta.at };
  work.products.set(row.sku, row);
  work.changedProducts.add(row.sku);
  return existing ? 'updated' : 'created';
}

/**
 * The fields of a product after a change: the ones given replace the stored ones (an
 * absent or undefined field keeps its value) and the result is checked whole, so a change
 * never resets what it does not mention.
 */
export function productUpdate(existing: ProductRow | undefined, input: unknown): ProductFields {
  const patch = definedFields(input);
  const sku = parseInput(productInputSchema.pick({ sku: true }), patch).sku;
  if (!existing || existing.sku !== sku) throw refuse.unknownSku(sku);
  const { updatedAt: _updatedAt, ...stored } = existing;
  return parseInput(productInputSchema, { ...stored, ...(patch as object) });
}

/** An input without its undefined fields: a change names what changes. */
function definedFields(input: unknown): unknown {
  return typeof input === 'object' && input !== null ? Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) : input;
}

/** The product that carries `barcode`, in any of its forms (barcodeKey). */
export function barcodeOwner(products: Iterable<ProductRow>, barcode: string): string | null {
  const key = barcodeKey(barcode);
  for (const product of products) if (product.barcodes.some((b) => barcodeKey(b) === key)) return product.sku;
  return null;
}

/** Add a warehouse or a bin. `work.locations` must hold every location. */
export function addLocation(work: StockWork, input: unknown): LocationRow {
  const fields = parseInput(locationInputSchema, input);
  if (work.locations.has(fields.id)) throw refuse.locationExists(fields.id);
  if (fields.parentId !== null && !work.locations.has(fields.parentId)) throw refuse.unknownLocation(fields.parentId);
  // New locations without a priority are used after all existing ones.
  const priority = fields.priority ?? Math.max(0, ...[...work.locations.values()].map((l) => l.priority)) + 1;
  const row: LocationRow = { ...fields, priority };
  work.locations.set(row.id, row);
  work.changedLocations.add(row.id);
  return row;
}

/**
 * Change a warehouse or a bin: the fields given replace the stored ones, the code stays.
 * `work.locations` must hold every location (to check the new parent).
 */
export function updateLocation(work: StockWork, input: unknown): LocationRow {
  const patch = definedFields(input);
  const id = parseInput(locationInputSchema.pick({ id: true }), patch).id;
  const existing = work.locations.get(id);
  if (!existing) throw refuse.unknownLocation(id);
  const fields: LocationFields = parseInput(locationInputSchema, { ...existing, ...(patch as object) });
  if (fields.parentId !== null) {
    if (!work.locations.has(fields.parentId)) throw refuse.unknownLocation(fields.parentId);
    // Up from the new parent: meeting this location again would make it part of itself.
    let at: string | null = fields.parentId;
    for (let steps = 0; at !== null && steps <= work.locations.size; steps++) {
      if (at === id) {
        const message = `${existing.name} cannot be part of ${work.locations.get(fields.parentId)?.name ?? fields.parentId}: that is part of ${existing.name} itself`;
        throw new StockRefusal('invalid-input', message, { issues: [{ path: 'parentId', message }] }, {
          reason: 'location-cycle',
          location: id,
          name: existing.name,
          parent: work.locations.get(fields.parentId)?.name ?? fields.parentId,
        });
      }
      at = work.locations.get(at)?.parentId ?? null;
    }
  }
  const row: LocationRow = { ...fields, priority: fields.priority ?? existing.priority };
  work.locations.set(id, row);
  work.changedLocations.add(id);
  return row;
}

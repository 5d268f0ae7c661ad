// A refusal is how every pure stock rule says "no": a typed error the storage shell (or the
// order engine) catches to refuse the whole command, so a refused command writes nothing.
import type { Refused } from '../api';

export type StockRefusalCode = 'insufficient-stock' | 'invalid-input' | 'not-found';

export class StockRefusal extends Error {
  override readonly name = 'StockRefusal';

  constructor(
    readonly code: StockRefusalCode,
    message: string,
    readonly details?: unknown,
    /** The facts the message states, as data, with `reason` naming the situation: a screen
     *  words the refusal from these in its own language. */
    readonly params?: Refused['params'],
  ) {
    super(message);
  }

  toRefused(): Refused {
    return {
      ok: false,
      code: this.code,
      message: this.message,
      ...(this.params ? { params: this.params } : {}),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export function isStockRefusal(error: unknown): error is StockRefusal {
  return error instanceof StockRefusal;
}

/** Where stock is, as shown to a clerk when a line cannot be covered. */
export interface AvailableAt {
  locationId: string;
  name: string;
  available: number;
}

export interface InsufficientStockDetails {
  sku: string;
  requested: number;
  totalAvailable: number;
  availableAt: AvailableAt[];
}

// Message builders: one wording for the same problem wherever it is found.
/**
 * Which situation a stock refusal is (`params.reason`): one code covers several, and a
 * screen words each from its reason and facts. Stable: screens and scripts key on them.
 */
export type StockRefusalReason =
  | 'unknown-sku'
  | 'unknown-location'
  | 'unknown-reservation'
  | 'inactive-product'
  | 'inactive-location'
  | 'barcode-taken'
  | 'product-exists'
  | 'location-exists'
  | 'location-cycle'
  | 'insufficient'
  | 'no-active-location'
  | 'not-enough-on-hand'
  | 'already-reserved'
  | 'nothing-to-ship'
  | 'ship-more-than-reserved'
  | 'bad-field'
  | 'file-problems';

/** What an insufficient-stock refusal was asked to do (worded by the screen). */
export type ShortfallVerb = 'requested' | 'transfer';

// Message builders: one wording for the same problem wherever it is found.
export const refuse = {
  unknownSku: (sku: string) => new StockRefusal('not-found', `Unknown SKU '${sku}'`, { sku }, { reason: 'unknown-sku', sku }),
  unknownLocation: (id: string) =>
    new StockRefusal('not-found', `Unknown location '${id}'`, { locationId: id }, { reason: 'unknown-location', location: id }),
  inactiveProduct: (sku: string) =>
    new StockRefusal('invalid-input', `Product ${sku} is not active and cannot be sold`, { sku }, { reason: 'inactive-product', sku }),
  inactiveLocation: (id: string, name: string) =>
    new StockRefusal('invalid-input', `Location ${name} is not active`, { locationId: id }, { reason: 'inactive-location', location: id, name }),
  barcodeTaken: (barcode: string, ownerSku: string) =>
    new StockRefusal('invalid-input', `Barcode ${barcode} already belongs to ${ownerSku}`, { barcode, sku: ownerSku }, { reason: 'barcode-taken', barcode, sku: ownerSku }),
  productExists: (sku: string) => new StockRefusal('invalid-input', `Product ${sku} already exists`, { sku }, { reason: 'product-exists', sku }),
  locationExists: (id: string) =>
    new StockRefusal('invalid-input', `Location '${id}' already exists`, { locationId: id }, { reason: 'location-exists', location: id }),
  /** `from`: the location a transfer takes from (the shortfall is there), else a sale or reservation. */
  insufficient(details: InsufficientStockDetails, from?: string): StockRefusal {
    const where = details.availableAt
      .filter((a) => a.available > 0)
      .map((a) => `${a.name} ${a.available}`)
      .join(', ');
    const have = details.totalAvailable > 0 ? `Only ${details.totalAvailable} x ${details.sku}` : `No ${details.sku}`;
    const verb = from === undefined ? 'requested' : `to transfer from ${from}`;
    const message = `${have} available${where ? ` (${where})` : ''}; ${details.requested} ${verb}`;
    return new StockRefusal('insufficient-stock', message, details, {
      reason: 'insufficient',
      sku: details.sku,
      requested: details.requested,
      available: details.totalAvailable,
      where,
      verb: from === undefined ? 'requested' : 'transfer',
      from: from ?? null,
    });
  },
};

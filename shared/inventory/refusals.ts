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
  ) {
    super(message);
  }

  toRefused(): Refused {
    return this.details === undefined
      ? { ok: false, code: this.code, message: this.message }
      : { ok: false, code: this.code, message: this.message, details: this.details };
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
export const refuse = {
  unknownSku: (sku: string) => new StockRefusal('not-found', `Unknown SKU '${sku}'`, { sku }),
  unknownLocation: (id: string) => new StockRefusal('not-found', `Unknown location '${id}'`, { locationId: id }),
  inactiveProduct: (sku: string) =>
    new StockRefusal('invalid-input', `Product ${sku} is not active and cannot be sold`, { sku }),
  inactiveLocation: (id: string, name: string) =>
    new StockRefusal('invalid-input', `Location ${name} is not active`, { locationId: id }),
  barcodeTaken: (barcode: string, ownerSku: string) =>
    new StockRefusal('invalid-input', `Barcode ${barcode} already belongs to ${ownerSku}`, { barcode, sku: ownerSku }),
  productExists: (sku: string) => new StockRefusal('invalid-input', `Product ${sku} already exists`, { sku }),
  locationExists: (id: string) => new StockRefusal('invalid-input', `Location '${id}' already exists`, { locationId: id }),
  insufficient(details: InsufficientStockDetails, verb = 'requested'): StockRefusal {
    const where = details.availableAt
      .filter((a) => a.available > 0)
      .map((a) => `${a.name} ${a.available}`)
      .join(', ');
    const have = details.totalAvailable > 0 ? `Only ${details.totalAvailable} x ${details.sku}` : `No ${details.sku}`;
    const message = `${have} available${where ? ` (${where})` : ''}; ${details.requested} ${verb}`;
    return new StockRefusal('insufficient-stock', message, details);
  },
};

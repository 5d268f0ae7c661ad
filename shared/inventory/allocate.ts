// Choosing where a line's stock comes from.
import type { LocationRow } from '../db/rows';
import { availableOf, levelOf, requireProduct } from './book';
import { refuse, StockRefusal } from './refusals';
import type { AllocationStrategy, StockWork } from './work';

export interface AllocationPart {
  locationId: string;
  qty: number;
  /** Part of `qty` not covered by available stock (backorder only). */
  backordered: number;
}

export interface AllocationPlan {
  sku: string;
  qty: number;
  parts: AllocationPart[];
  backordered: number;
}

/** Active sellable locations in the order the strategy would take stock from them
 *  (damaged and quarantine locations never give stock to an order). */
export function rankLocations(work: StockWork, sku: string, strategy: AllocationStrategy): Array<{ location: LocationRow; available: number }> {
  const ranked = [...work.locations.values()]
    .filter((l) => l.active && l.sellable !== false)
    .map((location) => ({ location, available: availableOf(levelOf(work, sku, location.id)) }));
  const byPriority = (a: LocationRow, b: LocationRow) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return strategy === 'most-stock'
    ? ranked.sort((a, b) => b.available - a.available || byPriority(a.location, b.location))
    : ranked.sort((a, b) => byPriority(a.location, b.location));
}

/**
 * Take `qty` from available stock location by location, splitting the line when one
 * location cannot cover it. When all together cannot, refuse with what is available
 * where, unless the product allows backorder: then the shortfall goes on the first
 * location, whose available figure goes negative.
 */
export function allocate(work: StockWork, sku: string, qty: number, strategy: AllocationStrategy = work.strategy): AllocationPlan {
  const product = requireProduct(work, sku);
  const ranked = rankLocations(work, sku, strategy);
  const parts: AllocationPart[] = [];
  let remaining = qty;
  for (const { location, available } of ranked) {
    if (remaining === 0) break;
    if (available <= 0) continue;
    const take = Math.min(available, remaining);
    parts.push({ locationId: location.id, qty: take, backordered: 0 });
    remaining -= take;
  }
  if (remaining === 0) return { sku, qty, parts, backordered: 0 };

  if (!product.allowBackorder || ranked.length === 0) {
    if (ranked.length === 0) {
      throw new StockRefusal('insufficient-stock', `No active location holds ${sku}; add or activate a location`, {
        sku,
        requested: qty,
        totalAvailable: 0,
        availableAt: [],
      }, { reason: 'no-active-location', sku, requested: qty });
    }
    throw refuse.insufficient({
      sku,
      requested: qty,
      totalAvailable: qty - remaining,
      availableAt: ranked.map(({ location, available }) => ({ locationId: location.id, name: location.name, available })),
    });
  }
  const first = ranked[0].location.id;
  const existing = parts.find((p) => p.locationId === first);
  if (existing) {
    existing.qty += remaining;
    existing.backordered = remaining;
  } else {
    parts.unshift({ locationId: first, qty: remaining, backordered: remaining });
  }
  return { sku, qty, parts, backordered: remaining };
}

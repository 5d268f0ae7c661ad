// The returns desk: a returned line's units wait, held, where they came back to
// (reservations.ts restockLine) until someone inspects them. Inspection books them as
// sellable (into a location for sale) or damaged / quarantine (into one that is not), with
// a reason, on the ledger. Pure: the stock rows in, the movements out, or a refusal.
import { z } from 'zod';
import type { LedgerRow, ReservationRow } from '../db/rows';
import type { InspectionOutcome } from '../payments/api';
import { changeReserved, locationName, post, requireLocation, setReservation } from './book';
import { StockRefusal } from './refusals';
import { parseInput } from './schemas';
import type { MovementMeta, StockWork } from './work';

export const INSPECTION_OUTCOMES: readonly InspectionOutcome[] = ['sellable', 'damaged', 'quarantine'];

export const inspectReturnSchema = z.object(
  {
    itemId: z.string({ error: 'Choose the returned line' }).trim().min(1, { error: 'Choose the returned line' }).max(100),
    outcome: z.enum(['sellable', 'damaged', 'quarantine'], { error: 'Choose what inspection found: sellable, damaged or quarantine' }),
    locationId: z.string({ error: 'Choose where the goods go' }).trim().min(1, { error: 'Choose where the goods go' }).max(100),
    reason: z.string({ error: 'Give a reason' }).trim().min(1, { error: 'Give a reason for the inspection result' }).max(200, { error: 'Reason must be at most 200 characters' }),
    qty: z.number({ error: 'Quantity must be a number' }).int({ error: 'Quantity must be a whole number' }).positive({ error: 'Quantity must be above zero' }).optional(),
  },
  { error: 'Inspection details are missing' },
);

/** Units of a line still waiting for inspection. */
export function waitingForInspection(reservations: readonly ReservationRow[], itemId?: string): ReservationRow[] {
  return reservations.filter((r) => r.status === 'returned' && (r.toInspect ?? 0) > 0 && (itemId === undefined || r.itemId === itemId));
}

/**
 * Books `qty` inspected units of a returned line. `reservations` are the line's rows and
 * `work` holds their skus' levels and every location. Returns the ledger rows written.
 */
export function inspectReturn(work: StockWork, reservations: readonly ReservationRow[], input: unknown, meta: MovementMeta): LedgerRow[] {
  const i = parseInput(inspectReturnSchema, input);
  const waiting = waitingForInspection(reservations, i.itemId);
  const total = waiting.reduce((n, r) => n + (r.toInspect ?? 0), 0);
  if (total === 0) throw new StockRefusal('invalid-input', 'Nothing from this line waits for inspection.', undefined, { reason: 'nothing-to-inspect', itemId: i.itemId });
  const qty = i.qty ?? total;
  if (qty > total) throw new StockRefusal('invalid-input', `Only ${total} returned unit${total === 1 ? '' : 's'} of this line wait for inspection; cannot inspect ${qty}.`, undefined, { reason: 'inspect-more-than-returned', waiting: total, requested: qty });
  const to = requireLocation(work, i.locationId);
  if (!to.active) throw new StockRefusal('invalid-input', `${to.name} is closed; choose an open location.`, undefined, { reason: 'inactive-location', location: to.id, name: to.name });
  const forSale = to.sellable !== false;
  if (i.outcome === 'sellable' && !forSale) {
    throw new StockRefusal('invalid-input', `${to.name} is not for sale; sellable goods go to a location for sale.`, undefined, { reason: 'location-not-sellable', location: to.id, name: to.name });
  }
  if (i.outcome !== 'sellable' && forSale) {
    throw new StockRefusal('invalid-input', `${to.name} is for sale; ${i.outcome} goods go to a location that is not (a damaged or quarantine bin).`, undefined, {
      reason: 'location-sellable',
      location: to.id,
      name: to.name,
      outcome: i.outcome,
    });
  }
  const reason = `Return inspected: ${i.outcome}: ${i.reason}`;
  const rows: LedgerRow[] = [];
  let left = qty;
  for (const r of waiting) {
    if (left === 0) break;
    const n = Math.min(left, r.toInspect ?? 0);
    left -= n;
    changeReserved(work, r.sku, r.locationId, -n, meta.at);
    setReservation(work, { ...r, toInspect: (r.toInspect ?? 0) - n, updatedAt: meta.at });
    const link = { orderId: r.orderId, itemId: r.itemId };
    if (r.locationId === to.id) {
      // Stays where it is, now for sale (or not): the decision itself is on the ledger.
      rows.push(post(work, { kind: 'return', sku: r.sku, locationId: to.id, delta: 0, reason: `${reason} (kept at ${locationName(work, to.id)})`, ...link }, meta));
    } else {
      rows.push(post(work, { kind: 'transfer-out', sku: r.sku, locationId: r.locationId, delta: -n, reason, ...link }, meta));
      rows.push(post(work, { kind: 'transfer-in', sku: r.sku, locationId: to.id, delta: n, reason, ...link }, meta));
    }
  }
  return rows;
}

// Stock movements at the counter: each appends ledger rows and moves the levels in the
// same step (book.ts). Inputs are parsed here because scripts can pass anything.
import type { MovementInput, TransferInput } from '../api';
import type { LedgerRow } from '../db/rows';
import { availableOf, levelOf, locationName, post, requireLocation, requireProduct, setReservation } from './book';
import { refuse, StockRefusal } from './refusals';
import {
  adjustInputSchema,
  countInputSchema,
  parseInput,
  qtySchema,
  receiveInputSchema,
  transferInputSchema,
} from './schemas';
import type { MovementMeta, StockWork } from './work';

/** The order line a movement belongs to, when it belongs to one. */
export interface OrderLink {
  orderId: string;
  itemId: string;
}

function requireActiveLocation(work: StockWork, id: string) {
  const location = requireLocation(work, id);
  if (!location.active) throw refuse.inactiveLocation(location.id, location.name);
  return location;
}

/** Goods arrive at a location. */
export function receive(work: StockWork, input: MovementInput, meta: MovementMeta): LedgerRow[] {
  const m = parseInput(receiveInputSchema, input);
  requireProduct(work, m.sku);
  requireActiveLocation(work, m.locationId);
  return [post(work, { kind: 'receive', sku: m.sku, locationId: m.locationId, delta: m.qty, reason: m.reason || 'Received' }, meta)];
}

/** Goods come back (a return with goods, or a restock outside an order). */
export function restock(work: StockWork, input: MovementInput, meta: MovementMeta, link?: OrderLink): LedgerRow[] {
  const m = parseInput(receiveInputSchema, input);
  requireProduct(work, m.sku);
  // Returns go back where they were shipped from, even if that location was since closed.
  requireLocation(work, m.locationId);
  return [
    post(
      work,
      { kind: 'return', sku: m.sku, locationId: m.locationId, delta: m.qty, reason: m.reason || 'Returned', ...link },
      meta,
    ),
  ];
}

/** Correct on hand by a signed quantity, with a reason (damage, found, theft...). */
export function adjust(work: StockWork, input: MovementInput, meta: MovementMeta): LedgerRow[] {
  const m = parseInput(adjustInputSchema, input);
  const product = requireProduct(work, m.sku);
  const location = requireLocation(work, m.locationId);
  const level = levelOf(work, m.sku, m.locationId);
  if (level.onHand + m.qty < 0 && !product.allowBackorder) {
    throw new StockRefusal(
      'insufficient-stock',
      `Only ${level.onHand} x ${m.sku} on hand at ${location.name}; cannot remove ${-m.qty}`,
      { sku: m.sku, locationId: m.locationId, onHand: level.onHand, requested: -m.qty },
      { reason: 'not-enough-on-hand', sku: m.sku, location: m.locationId, name: location.name, onHand: level.onHand, requested: -m.qty },
    );
  }
  return [post(work, { kind: 'adjust', sku: m.sku, locationId: m.locationId, delta: m.qty, reason: m.reason }, meta)];
}

/** Move goods between two locations: two legs, one command. Only available stock moves. */
export function transfer(work: StockWork, input: TransferInput, meta: MovementMeta): LedgerRow[] {
  const t = parseInput(transferInputSchema, input);
  requireProduct(work, t.sku);
  const from = requireLocation(work, t.fromLocationId);
  const to = requireActiveLocation(work, t.toLocationId);
  const available = availableOf(levelOf(work, t.sku, from.id));
  if (available < t.qty) {
    throw refuse.insufficient(
      {
        sku: t.sku,
        requested: t.qty,
        totalAvailable: Math.max(0, available),
        availableAt: [{ locationId: from.id, name: from.name, available }],
      },
      from.name,
    );
  }
  const reason = t.reason || `Transfer ${from.name} -> ${to.name}`;
  return [
    post(work, { kind: 'transfer-out', sku: t.sku, locationId: from.id, delta: -t.qty, reason }, meta),
    post(work, { kind: 'transfer-in', sku: t.sku, locationId: to.id, delta: t.qty, reason }, meta),
  ];
}

/**
 * Stock-take: set on hand to the counted quantity and record the difference (zero too:
 * the ledger then proves the figure was checked), with both figures in the reason.
 */
export function count(work: StockWork, input: MovementInput, meta: MovementMeta): LedgerRow[] {
  const m = parseInput(countInputSchema, input);
  requireProduct(work, m.sku);
  requireLocation(work, m.locationId);
  const previous = levelOf(work, m.sku, m.locationId).onHand;
  const delta = m.qty - previous;
  const figures = `counted ${m.qty}, previous ${previous} (${delta >= 0 ? '+' : ''}${delta})`;
  const reason = m.reason ? `${m.reason}: ${figures}` : `Stock-take: ${figures}`;
  return [post(work, { kind: 'count', sku: m.sku, locationId: m.locationId, delta, reason }, meta)];
}

/**
 * Ship `qty` units of a reservation (all that is left when omitted): goods leave, so on
 * hand and reserved both fall, and the reservation records what shipped.
 */
export function shipReservation(
  work: StockWork,
  reservationId: string,
  meta: MovementMeta,
  qty?: number,
): LedgerRow {
  const r = work.reservations.get(reservationId);
  if (!r) throw new StockRefusal('not-found', `Unknown reservation '${reservationId}'`, { reservationId }, { reason: 'unknown-reservation', reservation: reservationId });
  if (r.status !== 'reserved' && r.status !== 'partly-shipped') {
    throw new StockRefusal('invalid-input', `Reservation of ${r.sku} is ${r.status}; nothing left to ship`, { reservationId }, {
      reason: 'nothing-to-ship',
      sku: r.sku,
      status: r.status,
    });
  }
  const open = r.qty - r.shippedQty;
  const n = qty === undefined ? open : parseInput(qtySchema, qty);
  if (n > open) {
    const name = locationName(work, r.locationId);
    throw new StockRefusal(
      'invalid-input',
      `Only ${open} x ${r.sku} reserved at ${name}; cannot ship ${n}`,
      { reservationId, open, requested: n },
      { reason: 'ship-more-than-reserved', sku: r.sku, open, requested: n, name },
    );
  }
  const row = post(
    work,
    {
      kind: 'ship',
      sku: r.sku,
      locationId: r.locationId,
      delta: -n,
      reservedDelta: -n,
      reason: 'Shipped',
      orderId: r.orderId,
      itemId: r.itemId,
    },
    meta,
  );
  const shippedQty = r.shippedQty + n;
  setReservation(work, { ...r, shippedQty, status: shippedQty === r.qty ? 'shipped' : 'partly-shipped', updatedAt: meta.at });
  return row;
}

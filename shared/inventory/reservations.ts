// The order workflow's stock effects (reserve, commit, release, restock), called by the
// engine from declarative workflow effects. Each returns what it moved for the order
// timeline, as a sentence and as data (null when the line had nothing to do: effects
// cascade over every line of an order, including lines refunded earlier) and throws a
// StockRefusal to refuse the whole command.
import type { EventData, ReservationRow } from '../db/rows';
import { workId } from '../ids';
import { allocate } from './allocate';
import { changeReserved, locationName, post, requireProduct, setReservation } from './book';
import { shipReservation } from './movements';
import { refuse, StockRefusal } from './refusals';
import { lineInputSchema, parseInput, qtySchema } from './schemas';
import type { MovementMeta, StockWork } from './work';

export interface LineRef {
  orderId: string;
  itemId: string;
}

export interface ReserveLineInput extends LineRef {
  sku: string;
  qty: number;
}

export interface CommitLineInput extends LineRef {
  /**
   * Ship only part of the line; all that is still reserved when omitted. Named apart from
   * the line's `qty` so passing a whole line (as for reserveLine) ships what is left.
   */
  shipQty?: number;
}

const isOpen = (r: ReservationRow) => r.status === 'reserved' || r.status === 'partly-shipped';

/** The line's reservations, in the order stock is taken from them (location priority). */
export function lineReservations(work: StockWork, line: LineRef): ReservationRow[] {
  const priority = (r: ReservationRow) => work.locations.get(r.locationId)?.priority ?? Number.MAX_SAFE_INTEGER;
  return [...work.reservations.values()]
    .filter((r) => r.orderId === line.orderId && r.itemId === line.itemId)
    .sort((a, b) => priority(a) - priority(b) || (a.locationId < b.locationId ? -1 : 1));
}

/** What a line's stock effect moved: English for logs, and the facts for a screen to word
 *  (`places`: JSON of [location name, qty] pairs, as event data holds no arrays). */
export interface LineStock {
  text: string;
  data: EventData;
}

type Verb = 'Reserved' | 'Shipped' | 'Released' | 'Returned';
const PREPOSITION: Record<Verb, string> = { Reserved: 'at', Shipped: 'from', Released: 'at', Returned: 'to' };

function describe(verb: Verb, sku: string, parts: Array<{ qty: number; name: string }>, backordered = 0): LineStock {
  const total = parts.reduce((n, p) => n + p.qty, 0);
  const where = (p: { name: string }) => `${PREPOSITION[verb]} ${p.name}`;
  const summary =
    parts.length === 1 ? `${verb} ${total} x ${sku} ${where(parts[0])}` : `${verb} ${total} x ${sku}: ${parts.map((p) => `${p.qty} ${where(p)}`).join(', ')}`;
  return {
    text: backordered > 0 ? `${summary} (${backordered} on backorder)` : summary,
    data: { verb: verb.toLowerCase(), sku, qty: total, places: JSON.stringify(parts.map((p) => [p.name, p.qty])), backordered },
  };
}

/** Validate the line (known, active product; whole quantity above zero) and reserve stock for it. */
export function reserveLine(work: StockWork, input: ReserveLineInput, meta: MovementMeta): LineStock {
  const line = parseInput(lineInputSchema, input);
  const product = requireProduct(work, line.sku);
  if (!product.active) throw refuse.inactiveProduct(line.sku);
  if (lineReservations(work, line).some(isOpen)) {
    throw new StockRefusal('invalid-input', `Line ${line.itemId} already has ${line.sku} reserved`, { ...line }, { reason: 'already-reserved', sku: line.sku, item: line.itemId });
  }
  const plan = allocate(work, line.sku, line.qty);
  for (const part of plan.parts) {
    setReservation(work, {
      id: workId(work, meta.commandId),
      orderId: line.orderId,
      itemId: line.itemId,
      sku: line.sku,
      locationId: part.locationId,
      qty: part.qty,
      shippedQty: 0,
      status: 'reserved',
      updatedAt: meta.at,
    });
    changeReserved(work, line.sku, part.locationId, part.qty, meta.at);
  }
  return describe(
    'Reserved',
    line.sku,
    plan.parts.map((p) => ({ qty: p.qty, name: locationName(work, p.locationId) })),
    plan.backordered,
  );
}

/** Ship the line's reserved stock ('ship' movements); part of it when `shipQty` is given. */
export function commitLine(work: StockWork, input: CommitLineInput, meta: MovementMeta): LineStock | null {
  const open = lineReservations(work, input).filter(isOpen);
  // A line released earlier (refunded before shipping) ships nothing when its order ships.
  if (open.length === 0) return null;
  const sku = open[0].sku;
  const openQty = open.reduce((n, r) => n + r.qty - r.shippedQty, 0);
  let remaining = input.shipQty === undefined ? openQty : parseInput(qtySchema, input.shipQty);
  if (remaining > openQty) {
    throw new StockRefusal('invalid-input', `Only ${openQty} x ${sku} reserved for this line; cannot ship ${remaining}`, {
      orderId: input.orderId,
      itemId: input.itemId,
      open: openQty,
    }, { reason: 'ship-more-than-reserved', sku, open: openQty, requested: remaining, name: null });
  }
  const parts: Array<{ qty: number; name: string }> = [];
  for (const r of open) {
    if (remaining === 0) break;
    const n = Math.min(remaining, r.qty - r.shippedQty);
    shipReservation(work, r.id, meta, n);
    parts.push({ qty: n, name: locationName(work, r.locationId) });
    remaining -= n;
  }
  return describe('Shipped', sku, parts);
}

/** Cancel or refund before shipping: give back what is still reserved. */
export function releaseLine(work: StockWork, line: LineRef, meta: MovementMeta): LineStock | null {
  const open = lineReservations(work, line).filter(isOpen);
  if (open.length === 0) return null;
  const parts = open.map((r) => {
    const unshipped = r.qty - r.shippedQty;
    changeReserved(work, r.sku, r.locationId, -unshipped, meta.at);
    // A partly shipped reservation keeps what shipped (a later return restocks it).
    setReservation(
      work,
      r.shippedQty > 0 ? { ...r, qty: r.shippedQty, status: 'shipped', updatedAt: meta.at } : { ...r, status: 'released', updatedAt: meta.at },
    );
    return { qty: unshipped, name: locationName(work, r.locationId) };
  });
  return describe('Released', open[0].sku, parts);
}

/**
 * A return with goods: what shipped goes back into the location it was shipped from
 * ('return' movements), held there (as reserved) until the returns desk inspects it
 * (inventory/inspection.ts): returned goods are never on sale before someone has looked.
 * Anything still reserved on the line is released with it.
 */
export function restockLine(work: StockWork, line: LineRef, meta: MovementMeta): LineStock | null {
  const shipped = lineReservations(work, line).filter((r) => r.shippedQty > 0 && (r.status === 'shipped' || r.status === 'partly-shipped'));
  if (shipped.length === 0) return null;
  const parts = shipped.map((r) => {
    const unshipped = r.qty - r.shippedQty;
    if (unshipped > 0) changeReserved(work, r.sku, r.locationId, -unshipped, meta.at);
    post(
      work,
      { kind: 'return', sku: r.sku, locationId: r.locationId, delta: r.shippedQty, reason: 'Returned by buyer', orderId: r.orderId, itemId: r.itemId },
      meta,
    );
    changeReserved(work, r.sku, r.locationId, r.shippedQty, meta.at);
    setReservation(work, { ...r, qty: r.shippedQty, status: 'returned', toInspect: r.shippedQty, updatedAt: meta.at });
    return { qty: r.shippedQty, name: locationName(work, r.locationId) };
  });
  return describe('Returned', shipped[0].sku, parts);
}

// The order's timeline is one list: its workflow events (with the input each step carried
// and the stock movements they made) merged with its shipments, their checkpoints and its
// parcel exceptions, oldest first. Pure, so the order of a merge can be tested.
import type { EventRow } from '../../shared/db/rows';
import type { CarrierRow } from '../../shared/tracking/carriers';
import type { CheckpointRow, ExceptionNote, ExceptionRow, ShipmentRow } from '../../shared/tracking/rows';

export interface LogisticsRows {
  shipments: ShipmentRow[];
  checkpoints: CheckpointRow[];
  exceptions: ExceptionRow[];
  carriers: CarrierRow[];
}

export type TimelineEntry =
  | { kind: 'event'; at: number; event: EventRow }
  | { kind: 'shipment'; at: number; shipment: ShipmentRow; carrier: string }
  | { kind: 'checkpoint'; at: number; checkpoint: CheckpointRow; shipment: ShipmentRow | undefined }
  /** `note` null: the exception was opened; else a person's step on it (action, note). */
  | { kind: 'exception'; at: number; exception: ExceptionRow; note: ExceptionNote | null };

/** Ties keep this order: the action first, then the shipment it made, then scans, then exceptions. */
const RANK: Record<TimelineEntry['kind'], number> = { event: 0, shipment: 1, checkpoint: 2, exception: 3 };

export function mergeTimeline(events: readonly EventRow[], rows: LogisticsRows | undefined): TimelineEntry[] {
  const entries: TimelineEntry[] = events.map((event) => ({ kind: 'event', at: event.at, event }));
  if (!rows) return entries;
  const byId = new Map(rows.shipments.map((s) => [s.id, s]));
  const carrierName = new Map(rows.carriers.map((c) => [c.id, c.name]));
  for (const shipment of rows.shipments) entries.push({ kind: 'shipment', at: shipment.createdAt, shipment, carrier: carrierName.get(shipment.carrierId) ?? shipment.carrierId });
  for (const checkpoint of rows.checkpoints) entries.push({ kind: 'checkpoint', at: checkpoint.at, checkpoint, shipment: byId.get(checkpoint.shipmentId) });
  for (const exception of rows.exceptions) {
    entries.push({ kind: 'exception', at: exception.openedAt, exception, note: null });
    // A note written when it was opened belongs to the opening.
    for (const note of exception.notes) if (note.at !== exception.openedAt || note.action) entries.push({ kind: 'exception', at: note.at, exception, note });
  }
  // Stable: events keep the order they were stored in.
  return entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || RANK[a.e.kind] - RANK[b.e.kind] || a.i - b.i).map(({ e }) => e);
}

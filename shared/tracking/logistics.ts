// The order commands' logistics shell in the app: a person's action runs in a transaction
// over the order tables and the tracking tables, so a choice of carrier is checked against
// the carriers table and a `shipment` effect makes its shipment in the same transaction.
import type { Refused } from '../api';
import type { CounterDb } from '../db/database';
import type { EventMeta } from '../engine/command';
import type { ChoiceLists, LogisticsTx } from '../engine/logistics';
import type { CommandStorage } from '../engine/storage';
import type { ShipmentRequest } from '../engine/work';
import { normaliseTracking } from './carriers';
import type { TrackingMachine } from './machine';
import { planShipment, SSCC_SEQUENCE, type PlannedShipment } from './plan';
import { trackingTables, TrackingDexieTx, type TrackingTx } from './storage';
import { commandIdSource } from '../ids';

/** A tracking refusal about `trackingNumbers.2` or `carrier`, re-said for the action's field. */
export function asFieldRefusal(r: Refused, req: ShipmentRequest): Refused {
  const raw = typeof r.params?.field === 'string' ? r.params.field : '';
  const [name, index] = raw.split('.');
  const field = name === 'carrier' ? req.fields.carrier : name === 'trackingNumbers' ? req.fields.trackingNumbers : raw;
  return {
    ...r,
    message: `"${req.action}": ${field}: ${r.message.replace(/^[\w.]+: /, '')} Nothing was changed.`,
    params: { ...r.params, field, action: req.action, ...(index === undefined ? {} : { index: Number(index) }) },
  };
}

/** The ids of the shipments an order action makes: derived from its command, apart from the
 *  order decision's own ids, so the sync server's shipment is the counter's row for row. */
export const shipmentIds = (commandId: string) => commandIdSource(commandId, 'ship');

/** The values a choice may take: the active carriers, as stored now. */
export async function carrierChoices(tx: TrackingTx): Promise<ChoiceLists> {
  return { carriers: (await tx.carriers()).filter((c) => c.active).map((c) => c.id) };
}

/** Plans the shipments an order action asks for, inside its transaction (the counter's Dexie
 *  shell and the server's PostgreSQL one both call this: one rule). */
export async function planShipmentsFor(tx: TrackingTx, machine: TrackingMachine, meta: EventMeta, order: { id: string; number: string }, requests: readonly ShipmentRequest[]) {
  const planned: PlannedShipment[] = [];
  const newId = shipmentIds(meta.commandId);
  // The first shipment reads the SSCC sequence with its other reads (planShipment): one
  // round trip on the server instead of two.
  let serial: number | undefined = requests.length === 0 ? await tx.sequence(SSCC_SEQUENCE) : undefined;
  for (const req of requests) {
    const p = await planShipment(tx, meta, { machine, newId }, {
      order,
      carrier: req.carrier,
      service: null,
      trackingNumbers: req.trackingNumbers.map(normaliseTracking),
      parcels: Array.from({ length: req.parcels }, () => ({})),
      direction: req.direction,
      refundId: req.refundId,
    }, serial);
    if (!('shipment' in p)) return asFieldRefusal(p, req);
    planned.push(p);
    serial = p.serial;
  }
  return {
    ok: true as const,
    ids: planned.map((p) => p.shipment.id),
    write: async () => {
      await Promise.all([tx.putShipments(planned.map((p) => p.shipment)), tx.putTimers(planned.map((p) => p.timer)), tx.setSequence(SSCC_SEQUENCE, serial!)]);
    },
  };
}

class LogisticsDexieTx extends TrackingDexieTx implements LogisticsTx {
  constructor(
    db: CounterDb,
    private readonly deps: { machine: TrackingMachine },
  ) {
    super(db);
  }

  choiceLists(): Promise<ChoiceLists> {
    return carrierChoices(this);
  }

  shipmentsFor(meta: EventMeta, order: { id: string; number: string }, requests: readonly ShipmentRequest[]) {
    return planShipmentsFor(this, this.deps.machine, meta, order, requests);
  }
}

export function logisticsStorage(db: CounterDb, deps: { machine: TrackingMachine }): CommandStorage<LogisticsTx> {
  return {
    transaction: (body) => db.transaction('rw', trackingTables(db), async () => body(new LogisticsDexieTx(db, deps))),
    read: (body) => db.transaction('r', trackingTables(db), async () => body(new LogisticsDexieTx(db, deps))),
  };
}

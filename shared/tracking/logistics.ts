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
import { trackingTables, TrackingDexieTx } from './storage';

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

class LogisticsDexieTx extends TrackingDexieTx implements LogisticsTx {
  constructor(
    db: CounterDb,
    private readonly deps: { machine: TrackingMachine; newId: () => string },
  ) {
    super(db);
  }

  async choiceLists(): Promise<ChoiceLists> {
    return { carriers: (await this.carriers()).filter((c) => c.active).map((c) => c.id) };
  }

  async shipmentsFor(meta: EventMeta, order: { id: string; number: string }, requests: readonly ShipmentRequest[]) {
    const planned: PlannedShipment[] = [];
    let serial = await this.sequence(SSCC_SEQUENCE);
    for (const req of requests) {
      const p = await planShipment(this, meta, this.deps, {
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
        await Promise.all([this.putShipments(planned.map((p) => p.shipment)), this.putTimers(planned.map((p) => p.timer)), this.setSequence(SSCC_SEQUENCE, serial)]);
      },
    };
  }
}

export function logisticsStorage(db: CounterDb, deps: { machine: TrackingMachine; newId: () => string }): CommandStorage<LogisticsTx> {
  return {
    transaction: (body) => db.transaction('rw', trackingTables(db), async () => body(new LogisticsDexieTx(db, deps))),
    read: (body) => db.transaction('r', trackingTables(db), async () => body(new LogisticsDexieTx(db, deps))),
  };
}

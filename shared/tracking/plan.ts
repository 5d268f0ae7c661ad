// Planning a new shipment inside a command's transaction: the carrier (data) and each
// tracking number checked, SSCC serials taken, the "late" timer set. Shared by the
// createShipment command, an exception's reship and an order action's shipment effect.
import type { Refused } from '../api';
import type { TimerRow } from '../db/rows';
import { refused, type EventMeta } from '../engine/command';
import { settingSchemas } from '../settings/settings';
import { checkNumbers, DEFAULT_LATE_AFTER_MS, lateTimer, newShipment } from './decide';
import type { TrackingMachine } from './machine';
import type { ShipmentRow } from './rows';
import { DEFAULT_SSCC_SETTING, ssccCapacity, type SsccSetting } from './sscc';
import type { TrackingTx } from './storage';

export const SSCC_SEQUENCE = 'sscc';
/** The counter's SSCC device number, kept as a sequence (the device's own, never synced; the
 *  server keeps each device's as `sscc-device@<device>`): 0 until enrolment sets it. */
export const SSCC_DEVICE_SEQUENCE = 'sscc-device';

export async function lateAfterMs(tx: TrackingTx): Promise<number> {
  const stored = settingSchemas.parcelLateAfterMs.safeParse(await tx.settingValue('parcelLateAfterMs'));
  return stored.success ? stored.data : DEFAULT_LATE_AFTER_MS;
}

/** The counter's SSCC prefix and extension digit; GS1's in-company prefix until one is set. */
async function ssccSetting(tx: TrackingTx): Promise<SsccSetting> {
  const stored = settingSchemas.sscc.safeParse(await tx.settingValue('sscc'));
  return stored.success ? stored.data : DEFAULT_SSCC_SETTING;
}

export interface ShipmentPlanInput {
  order: { id: string; number: string };
  carrier: string;
  service: string | null;
  trackingNumbers: string[];
  parcels: Array<{ weightGrams?: number | undefined }>;
  direction: ShipmentRow['direction'];
  refundId?: string | null;
}

export interface PlannedShipment {
  shipment: ShipmentRow;
  timer: TimerRow;
  /** The last SSCC serial it used (the sequence's next value). */
  serial: number;
}

/** Makes the rows of a new shipment; `serial` is the SSCC sequence's value to count on from. */
export async function planShipment(
  tx: TrackingTx,
  m: EventMeta,
  deps: { machine: TrackingMachine; newId: () => string },
  s: ShipmentPlanInput,
  serial?: number,
): Promise<PlannedShipment | Refused> {
  const [carrier, last, lateMs, sscc, ssccDevice] = await Promise.all([
    tx.carrier(s.carrier),
    serial === undefined ? tx.sequence(SSCC_SEQUENCE) : Promise.resolve(serial),
    lateAfterMs(tx),
    ssccSetting(tx),
    tx.sequence(SSCC_DEVICE_SEQUENCE),
  ]);
  if (!carrier || !carrier.active) return refused('invalid-input', `carrier: ${s.carrier} is not a carrier of this counter (Settings → Carriers).`, { reason: 'unknown-carrier', field: 'carrier', carrier: s.carrier });
  const bad = checkNumbers(carrier, s.trackingNumbers);
  if (bad) return bad;
  for (const [i, n] of s.trackingNumbers.entries()) {
    const used = await tx.shipmentByCode(n);
    if (used && used.orderId !== s.order.id) {
      return refused('invalid-input', `trackingNumbers.${i}: ${n} is already on order ${used.orderNumber}.`, { reason: 'tracking-in-use', field: `trackingNumbers.${i}`, code: n, order: used.orderNumber });
    }
  }
  // Each parcel takes the next serial; past this counter's room the next code would repeat one.
  const capacity = ssccCapacity(sscc.companyPrefix);
  if (last + s.parcels.length > capacity) {
    return refused(
      'limit-exceeded',
      `The SSCC serials of company prefix ${sscc.companyPrefix} are used up on this counter (${capacity} parcel labels per counter; ${Math.max(0, capacity - last)} left, ${s.parcels.length} needed): an admin sets a shorter GS1 company prefix in Settings → Carriers. Nothing was changed.`,
      { reason: 'sscc-exhausted', prefix: sscc.companyPrefix, limit: capacity, left: Math.max(0, capacity - last), needed: s.parcels.length },
    );
  }
  const shipment = newShipment(deps.machine, { id: deps.newId(), order: s.order, carrier, service: s.service, trackingNumbers: s.trackingNumbers, parcels: s.parcels, direction: s.direction, firstSerial: last + 1, sscc, ssccDevice }, m);
  const timer = lateTimer(shipment, m, deps.newId(), lateMs);
  return { shipment: { ...shipment, lateTimerId: timer.id, ...(s.refundId ? { refundId: s.refundId } : {}) }, timer, serial: last + s.parcels.length };
}

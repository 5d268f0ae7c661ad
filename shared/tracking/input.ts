// The arguments of the shipment, checkpoint and exception commands, parsed at the boundary.
import { z } from 'zod';
import { LIMITS } from '../limits';
import { CHECKPOINT_KINDS } from './machine';
import { EXCEPTION_TYPES } from './rows';
import { normaliseTracking } from './carriers';

const { MAX_ID_LENGTH, MAX_NAME_LENGTH, MAX_REASON_LENGTH } = LIMITS;

/** Parcels one shipment may have, and tracking numbers it may carry. */
export const MAX_PARCELS_PER_SHIPMENT = 99;
/** A parcel's weight, grams (a pallet of 1 t is the most a counter takes). */
export const MAX_PARCEL_GRAMS = 1_000_000;
/** A note on an exception. */
export const MAX_NOTE_LENGTH = 1_000;

const oneLine = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} is missing`)
    .max(max, `${what} has at most ${max} characters`)
    .refine((s) => !/\p{Cc}/u.test(s), `${what} may not hold control characters`);

const trackingNumber = z
  .string({ error: 'the tracking number must be text' })
  .transform(normaliseTracking)
  .pipe(z.string().min(4, 'the tracking number is too short').max(40, 'the tracking number has at most 40 characters').regex(/^[0-9A-Z]+$/, 'the tracking number may hold letters and digits only'));

export const createShipmentSchema = z.strictObject({
  orderId: oneLine('the order', MAX_ID_LENGTH),
  carrier: oneLine('the carrier', 32),
  service: oneLine('the service', MAX_NAME_LENGTH).optional(),
  trackingNumbers: z.array(trackingNumber).min(1, 'give at least one tracking number').max(MAX_PARCELS_PER_SHIPMENT),
  parcels: z
    .array(z.strictObject({ weightGrams: z.number().int('the weight must be whole grams').positive('the weight must be above 0').max(MAX_PARCEL_GRAMS).optional() }))
    .min(1, 'a shipment has at least one parcel')
    .max(MAX_PARCELS_PER_SHIPMENT, `a shipment has at most ${MAX_PARCELS_PER_SHIPMENT} parcels`),
  direction: z.enum(['outbound', 'return']).default('outbound'),
});
export type CreateShipmentInput = z.input<typeof createShipmentSchema>;

/** One scan of a parcel: its tracking number or SSCC, what happened and where. */
export const checkpointSchema = z.strictObject({
  code: z
    .string({ error: 'the scanned code must be text' })
    .transform((c) => normaliseTracking(c.replace(/^\(00\)/, '')))
    .pipe(z.string().min(4, 'the scanned code is too short').max(48, 'the scanned code is too long').regex(/^[0-9A-Z]+$/, 'the scanned code is not a tracking number or an SSCC')),
  kind: z.enum(CHECKPOINT_KINDS),
  place: oneLine('the place', MAX_NAME_LENGTH).optional(),
  signedBy: oneLine('the name of who signed', MAX_NAME_LENGTH).optional(),
});
export type CheckpointInput = z.input<typeof checkpointSchema>;

export const openExceptionSchema = z.strictObject({
  shipmentId: oneLine('the shipment', MAX_ID_LENGTH),
  type: z.enum(EXCEPTION_TYPES),
  note: oneLine('the note', MAX_NOTE_LENGTH).optional(),
  owner: oneLine('the owner', MAX_NAME_LENGTH).optional(),
});
export type OpenExceptionInput = z.input<typeof openExceptionSchema>;

export const workExceptionSchema = z.strictObject({
  exceptionId: oneLine('the exception', MAX_ID_LENGTH),
  action: oneLine('the action', LIMITS.MAX_ACTION_LENGTH).optional(),
  note: oneLine('the note', MAX_NOTE_LENGTH).optional(),
  owner: oneLine('the owner', MAX_NAME_LENGTH).optional(),
  /** A reship's new tracking number (the same carrier). */
  trackingNumber: trackingNumber.optional(),
  reason: oneLine('the reason', MAX_REASON_LENGTH).optional(),
});
export type WorkExceptionInput = z.input<typeof workExceptionSchema>;

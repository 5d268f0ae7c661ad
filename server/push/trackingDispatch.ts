// The tracking commands a device may push (shared/sync/trackingSync.ts), each run with its
// payload as the counter ran it: the parsed input is parsed again at the same boundary.
// Opening and working an exception share a kind; the input says which (an exceptionId).
import type { DeviceCommands } from '../engine';
import type { Refused } from '../../shared/api';
import type { TRACKING_PUSH_KINDS } from '../../shared/sync/trackingSync';

type Run = (c: DeviceCommands, args: readonly unknown[], commandId: string) => Promise<{ ok: true } | Refused>;

const worksException = (input: unknown) => typeof input === 'object' && input !== null && 'exceptionId' in input;

export const TRACKING_DISPATCH = {
  'tracking:carrier': (c, [input], commandId) => c.saveCarrier(input, { commandId }),
  'tracking:shipment': (c, [input], commandId) => c.createShipment(input, { commandId }),
  'tracking:checkpoint': (c, [input], commandId) => c.scanCheckpoint(input, { commandId }),
  'tracking:exception': (c, [input], commandId) => (worksException(input) ? c.workException(input, { commandId }) : c.openException(input, { commandId })),
} satisfies Record<(typeof TRACKING_PUSH_KINDS)[number], Run>;

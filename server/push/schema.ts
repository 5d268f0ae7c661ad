// The push request: a batch of one device's commands, in the device's order.
import { z } from 'zod';
import { LIMITS } from '../../shared/limits';
import { SSCC_DEVICE_MAX } from '../../shared/tracking/sscc';
import { PUSH_KIND_NAMES } from './dispatch';

/** Commands per push: a counter that was offline long sends several batches. */
export const MAX_PUSH_COMMANDS = 500;
/** A push body's size: room for one CSV import (the largest command) and its framing. */
export const MAX_PUSH_BYTES = LIMITS.MAX_CSV_BYTES + 1_000_000;

const name = (what: string) => z.string({ error: `${what} must be text` }).trim().min(1, `${what} is empty`).max(LIMITS.MAX_ID_LENGTH, `${what} is longer than ${LIMITS.MAX_ID_LENGTH} characters`);

export const pushCommandSchema = z.object({
  commandId: name('commandId'),
  kind: z.enum(PUSH_KIND_NAMES, { error: `kind must be one of ${PUSH_KIND_NAMES.join(', ')}` }),
  args: z.array(z.unknown()).max(8, 'args has more than 8 arguments'),
  /** Who took the command at the counter; the device when absent. */
  operator: name('operator').optional(),
});

const ssccDeviceRule = `ssccDevice is a whole number from 1 to ${SSCC_DEVICE_MAX}`;

export const pushBodySchema = z.object({
  /** The SSCC device number the counter labelled these commands' parcels with (absent: 00 or
   *  an older counter); the server decides them with the same (server/devices/ssccDevice.ts). */
  ssccDevice: z.number({ error: ssccDeviceRule }).int(ssccDeviceRule).min(1, ssccDeviceRule).max(SSCC_DEVICE_MAX, ssccDeviceRule).optional(),
  commands: z.array(pushCommandSchema).min(1, 'commands is empty').max(MAX_PUSH_COMMANDS, `more than ${MAX_PUSH_COMMANDS} commands in one push; send them in several`),
});

export type PushBody = z.infer<typeof pushBodySchema>;

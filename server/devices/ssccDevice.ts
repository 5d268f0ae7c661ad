// A counter enrolled before SSCCs carried device numbers labels its parcels with 00, and so
// does the server for it. It learns its number from the pull (`ssccDevice`) and takes it only
// when every command it made before has been pushed and applied; from then on each push says
// the number it labels with, and the server takes the same number before that push's first
// command. Both sides switch at one point of the device's command order, and both start the
// serials of the new block at 0 as enrolment does: nobody has labelled in that block yet.
import type { CommandStorage } from '../../shared/engine/storage';
import { SSCC_DEVICE_SEQUENCE, SSCC_SEQUENCE } from '../../shared/tracking/plan';

/** Devices whose number is recorded, per storage: a push then costs no transaction more. */
const recorded = new WeakMap<CommandStorage, Set<string>>();

/** The number a push says its counter labels with (checked against the device's own by the
 *  route); recorded for the device the first time, nothing after. */
export async function followSsccDevice(storage: CommandStorage, deviceId: string, ssccDevice: number): Promise<void> {
  const known = recorded.get(storage) ?? new Set<string>();
  recorded.set(storage, known);
  if (known.has(deviceId)) return;
  const device = `${SSCC_DEVICE_SEQUENCE}@${deviceId}`;
  await storage.transaction(async (tx) => {
    if ((await tx.sequence(device)) !== 0) return;
    await tx.setSequence(device, ssccDevice);
    await tx.setSequence(`${SSCC_SEQUENCE}@${deviceId}`, 0);
  });
  known.add(deviceId);
}

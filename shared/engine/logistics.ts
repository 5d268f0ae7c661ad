// What an order command needs beyond the order tables when its action carries data for
// logistics: the lists a choice takes its values from (the carriers) and the shipments a
// `shipment` effect asks for, made in the command's own transaction. The app's Dexie shell
// (tracking/logistics.ts) and the sync server's PostgreSQL one (server/storage/pgTracking.ts)
// implement it over the tracking tables; an engine without them makes no shipment.
import type { Refused } from '../api';
import type { InputBounds } from '../workflow/input';
import type { EventMeta } from './command';
import type { StorageTx } from './storage';
import type { ShipmentRequest } from './work';

export type ChoiceLists = NonNullable<InputBounds['lists']>;

export interface LogisticsTx extends StorageTx {
  /** The values of every list a choice may name, as stored now. */
  choiceLists(): Promise<ChoiceLists>;
  /** Plans the requested shipments of an order; a refusal refuses the whole command. The
   *  returned write runs in this same transaction. */
  shipmentsFor(meta: EventMeta, order: { id: string; number: string }, requests: readonly ShipmentRequest[]): Promise<Refused | { ok: true; ids: string[]; write: () => Promise<void> }>;
}

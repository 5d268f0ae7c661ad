// Events are stored one row per command and order (EventBatchRow); readers work with one
// EventRow per event. These are the only two ways between the shapes.
import Dexie from 'dexie';
import type { CounterDb } from './database';
import type { EventBatchRow, EventRow } from './rows';

/** Groups events into rows: consecutive events of the same command and order share one. */
export function batchesOf(events: readonly EventRow[]): EventBatchRow[] {
  const rows: EventBatchRow[] = [];
  let current: EventBatchRow | undefined;
  for (const { seq: _seq, commandId, orderId, deviceId, operator, at, ...entry } of events) {
    if (!current || current.commandId !== commandId || current.orderId !== orderId) {
      current = { commandId, orderId, deviceId, operator, at, events: [] };
      rows.push(current);
    }
    current.events.push(entry);
  }
  return rows;
}

/** The events of stored rows, in order, each with its command's facts. */
export function flattenBatches(rows: readonly EventBatchRow[]): EventRow[] {
  return rows.flatMap(({ events, ...facts }) => events.map((entry) => ({ ...entry, ...facts })));
}

/** An order's timeline, oldest first. */
export async function orderEvents(db: CounterDb, orderId: string): Promise<EventRow[]> {
  return flattenBatches(await db.events.where('[orderId+seq]').between([orderId, Dexie.minKey], [orderId, Dexie.maxKey]).toArray());
}

/** Every event of the counter, in the order they were written (audits, tests). */
export async function allEvents(db: CounterDb): Promise<EventRow[]> {
  return flattenBatches(await db.events.orderBy(':id').toArray());
}

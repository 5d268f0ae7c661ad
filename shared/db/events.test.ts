// Events are stored one row per command and order; readers see one event per line.
import { describe, expect, it } from 'vitest';
import { batchesOf, flattenBatches } from './events';
import type { EventRow } from './rows';

const event = (commandId: string, orderId: string, id: string, type: EventRow['type'] = 'transition'): EventRow => ({
  id,
  commandId,
  orderId,
  deviceId: 'dev',
  operator: 'ann',
  at: 1000,
  role: 'P',
  action: 'payment successful',
  type,
  entity: { kind: 'order', id: orderId },
  from: 'WP',
  to: 'FP',
  postAction: null,
  detail: null,
});

describe('event rows', () => {
  it('puts the events of one command on one order in one row, in order, and reads them back as they were', () => {
    const events = [event('c1', 'o1', 'e1'), event('c1', 'o1', 'e2', 'timer-skipped'), event('c2', 'o1', 'e3'), event('c3', 'o2', 'e4')];
    const rows = batchesOf(events);
    expect(rows.map((r) => [r.commandId, r.orderId, r.events.map((e) => e.id)])).toEqual([
      ['c1', 'o1', ['e1', 'e2']],
      ['c2', 'o1', ['e3']],
      ['c3', 'o2', ['e4']],
    ]);
    // The command's facts are stored once per row, not per event.
    expect(rows[0]!.events[0]).not.toHaveProperty('commandId');
    expect(flattenBatches(rows)).toEqual(events);
  });

  it('gives every event its row sequence number when read', () => {
    const [row] = batchesOf([event('c1', 'o1', 'e1'), event('c1', 'o1', 'e2')]);
    expect(flattenBatches([{ ...row!, seq: 7 }]).map((e) => [e.id, e.seq])).toEqual([
      ['e1', 7],
      ['e2', 7],
    ]);
  });
});

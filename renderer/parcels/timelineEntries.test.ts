import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../shared/db/rows';
import type { CheckpointRow, ExceptionRow, ShipmentRow } from '../../shared/tracking/rows';
import { mergeTimeline } from './timelineEntries';

const event = (at: number, action: string) => ({ id: `e${at}${action}`, at, action, type: 'transition' }) as unknown as EventRow;
const shipment = { id: 's1', carrierId: 'ups', createdAt: 20, trackingNumbers: ['1Z'], parcels: [{ no: 1 }] } as unknown as ShipmentRow;
const checkpoint = (at: number) => ({ id: `c${at}`, shipmentId: 's1', at, kind: 'handover' }) as unknown as CheckpointRow;
const exception = { id: 'x1', openedAt: 40, type: 'late', notes: [{ at: 50, operator: 'mia', text: 'asked the depot', action: 'investigate' }] } as unknown as ExceptionRow;

describe('the order timeline', () => {
  it('merges events, shipments, checkpoints and exceptions by time; the action before the shipment it made', () => {
    const merged = mergeTimeline([event(10, 'pay'), event(20, 'ship the order'), event(60, 'confirm')], {
      shipments: [shipment],
      checkpoints: [checkpoint(30)],
      exceptions: [exception],
      carriers: [{ id: 'ups', name: 'UPS' } as never],
    });
    expect(merged.map((e) => (e.kind === 'event' ? e.event.action : e.kind))).toEqual(['pay', 'ship the order', 'shipment', 'checkpoint', 'exception', 'exception', 'confirm']);
    expect(merged[2]).toMatchObject({ kind: 'shipment', carrier: 'UPS' });
    expect(merged[3]).toMatchObject({ kind: 'checkpoint', shipment: { id: 's1' } });
    expect(merged[4]).toMatchObject({ note: null });
    expect(merged[5]).toMatchObject({ note: { action: 'investigate' } });
  });

  it('events alone while the logistics rows are loading', () => {
    expect(mergeTimeline([event(1, 'a')], undefined)).toHaveLength(1);
  });
});

// The pure core of the tracking commands: given the rows read, what a command writes.
import { customProblem } from '../fieldProblems';
import type { Refused } from '../api';
import type { TimerRow } from '../db/rows';
import { refused } from '../engine/command';
import type { EventMeta } from '../engine/command';
import { checkTracking, type CarrierRow } from './carriers';
import type { CheckpointKind, TrackingEffect, TrackingMachine } from './machine';
import type { CheckpointRow, ExceptionRow, ExceptionType, ShipmentDirection, ShipmentRow } from './rows';
import { ssccFor, type SsccSetting } from './sscc';

/** The key of a shipment's "late" timer in the timers table. */
export const LATE_TIMER_KEY = 'parcel-late';
export const LATE_TIMER_ACTION = 'parcel late';
/** No checkpoint for two days: late, unless Settings says otherwise. */
export const DEFAULT_LATE_AFTER_MS = 48 * 3_600_000;

/** Timers of shipments live in the engine's timers table under this pseudo order id, so the
 *  order's own timers (which its workflow skips when the order moves) never include them. */
export const shipmentTimerOwner = (shipmentId: string) => `shipment:${shipmentId}`;

export function lateTimer(shipment: ShipmentRow, meta: EventMeta, id: string, lateAfterMs: number): TimerRow {
  return {
    id,
    orderId: shipmentTimerOwner(shipment.id),
    orderNumber: shipment.orderNumber,
    target: { kind: 'order', id: shipment.orderId },
    key: LATE_TIMER_KEY,
    role: 'P',
    action: LATE_TIMER_ACTION,
    setFlag: null,
    guard: null,
    onBlockedFlag: null,
    dueAt: meta.at + lateAfterMs,
    stateVersion: shipment.stateVersion,
    status: 'pending',
    createdAt: meta.at,
    doneAt: null,
    outcome: null,
    commandId: meta.commandId,
  };
}

export function cancelled(timer: TimerRow, meta: EventMeta, outcome: string): TimerRow {
  return { ...timer, status: 'cancelled', doneAt: meta.at, outcome };
}

/** Each tracking number fits the carrier (pattern and check digit); the refusal names the field. */
export function checkNumbers(carrier: CarrierRow, numbers: readonly string[]): Refused | undefined {
  for (const [i, n] of numbers.entries()) {
    const verdict = checkTracking(carrier, n);
    if (verdict.ok) continue;
    const field = `trackingNumbers.${i}`;
    if (verdict.reason === 'pattern') {
      return refused('invalid-input', `${field}: ${n} is not a ${carrier.name} tracking number (expected the pattern ${carrier.pattern}).`, { reason: 'tracking-pattern', field, code: n, carrier: carrier.name });
    }
    return refused('invalid-input', `${field}: ${n} has a wrong check digit for ${carrier.name}: expected ${verdict.expected}, got ${verdict.got}. Scan or type it again.`, {
      reason: 'tracking-check-digit',
      field,
      code: n,
      carrier: carrier.name,
      expected: verdict.expected,
      got: verdict.got,
    });
  }
  return undefined;
}

export interface NewShipment {
  id: string;
  order: { id: string; number: string };
  carrier: CarrierRow;
  service: string | null;
  trackingNumbers: string[];
  parcels: Array<{ weightGrams?: number | undefined }>;
  direction: ShipmentDirection;
  /** The SSCC serials to use, one per parcel. */
  firstSerial: number;
  /** The counter's GS1 company prefix and extension digit (the `sscc` setting). */
  sscc: SsccSetting;
  /** The counter's SSCC device number (00 before it enrolled). */
  ssccDevice: number;
}

export function newShipment(machine: TrackingMachine, s: NewShipment, meta: EventMeta): ShipmentRow {
  const parcels = s.parcels.map((p, i) => ({
    no: i + 1,
    weightGrams: p.weightGrams ?? null,
    trackingNumber: s.trackingNumbers[i] ?? s.trackingNumbers[0]!,
    sscc: ssccFor(s.firstSerial + i, s.sscc, s.ssccDevice),
  }));
  return {
    id: s.id,
    orderId: s.order.id,
    orderNumber: s.order.number,
    direction: s.direction,
    carrierId: s.carrier.id,
    service: s.service,
    trackingNumbers: [...new Set(parcels.map((p) => p.trackingNumber))],
    sscc: parcels.map((p) => p.sscc),
    parcels,
    workflowId: machine.id,
    workflowVersion: machine.version,
    state: machine.initial,
    stateVersion: 0,
    signedBy: null,
    lateTimerId: null,
    lastCheckpointAt: meta.at,
    createdAt: meta.at,
    updatedAt: meta.at,
    commandId: meta.commandId,
    operator: meta.operator,
    deviceId: meta.deviceId,
  };
}

export interface CheckpointDecision {
  shipment: ShipmentRow;
  checkpoint: CheckpointRow;
  effects: TrackingEffect[];
  moved: boolean;
}

/**
 * One scan of one parcel. The shipment moves by the row its checkpoint kind takes; a second
 * parcel of a shipment that this kind already moved is recorded without a move (one scan,
 * one checkpoint); the same parcel twice is refused.
 */
export function decideCheckpoint(
  machine: TrackingMachine,
  shipment: ShipmentRow,
  earlier: readonly CheckpointRow[],
  input: { code: string; kind: CheckpointKind; place: string; signedBy: string | null },
  meta: EventMeta,
  id: string,
): CheckpointDecision | Refused {
  // Checkpoints of this kind since it moved the shipment into its state: the other parcels'.
  const sameKind = earlier.filter((c) => c.kind === input.kind && c.to === shipment.state);
  const scanned = new Set(sameKind.map((c) => c.parcelNo));
  const byCode = shipment.parcels.filter((p) => p.sscc === input.code || p.trackingNumber === input.code);
  // A code shared by every parcel (one tracking number for the shipment) means "the next one".
  const parcel = byCode.find((p) => !scanned.has(p.no)) ?? byCode[0] ?? shipment.parcels[0]!;
  const already = scanned.has(parcel.no);
  const step = machine.byCheckpoint(shipment.state, input.kind);
  if (!step.ok && (already || sameKind.length === 0)) {
    if (!already) return step;
    return refused('not-allowed-in-state', `Parcel ${parcel.no} of ${shipment.orderNumber} (${input.code}) was scanned for this already; the shipment is ${machine.stateLabel(shipment.state)}.`, {
      reason: 'parcel-already-scanned',
      code: input.code,
      kind: input.kind,
      state: shipment.state,
      order: shipment.orderNumber,
    });
  }
  const parcelNo = parcel.no;
  const row = step.ok ? step.row : null;
  if (row?.needs?.includes('signedBy') && !input.signedBy) {
    return refused('invalid-input', 'signedBy: say who signed for the parcel.', { reason: 'bad-field', field: 'signedBy', issues: [customProblem('signedBy', 'missing')] });
  }
  const to = row ? row.to : shipment.state;
  const moved = row !== null && to !== shipment.state;
  const checkpoint: CheckpointRow = {
    id,
    shipmentId: shipment.id,
    orderId: shipment.orderId,
    parcelNo,
    trackingNumber: parcel.trackingNumber,
    kind: input.kind,
    place: input.place,
    from: shipment.state,
    to,
    signedBy: input.signedBy,
    at: meta.at,
    operator: meta.operator,
    deviceId: meta.deviceId,
    commandId: meta.commandId,
  };
  const next: ShipmentRow = {
    ...shipment,
    state: to,
    stateVersion: shipment.stateVersion + 1,
    signedBy: input.signedBy ?? shipment.signedBy,
    lastCheckpointAt: meta.at,
    updatedAt: meta.at,
  };
  const effects = (row?.effects ?? []).filter((e) => e.kind !== 'orderAction' || !e.direction || e.direction === shipment.direction);
  return { shipment: next, checkpoint, effects: moved ? effects : [], moved };
}

/** The id of the late exception a parcel's late timer opens: the same on every side that fires it. */
export const lateExceptionId = (timerId: string) => `late:${timerId}`;

export function newException(
  machine: TrackingMachine,
  shipment: ShipmentRow,
  input: { type: ExceptionType; note: string | null; owner: string | null },
  meta: EventMeta,
  id: string,
): ExceptionRow {
  return {
    id,
    orderId: shipment.orderId,
    orderNumber: shipment.orderNumber,
    shipmentId: shipment.id,
    trackingNumber: shipment.trackingNumbers[0]!,
    type: input.type,
    workflowId: machine.id,
    workflowVersion: machine.version,
    state: machine.initial,
    stateVersion: 0,
    open: 1,
    owner: input.owner,
    notes: input.note ? [{ at: meta.at, operator: meta.operator, text: input.note, action: null }] : [],
    reshipmentId: null,
    openedAt: meta.at,
    updatedAt: meta.at,
    closedAt: null,
  };
}

/** A person works an exception: an action of its workflow, a note, a new owner (any of them). */
export function decideWorkException(
  machine: TrackingMachine,
  exception: ExceptionRow,
  input: { action: string | null; note: string | null; owner: string | null },
  meta: EventMeta,
): { exception: ExceptionRow; effects: TrackingEffect[] } | Refused {
  if (!input.action && !input.note && !input.owner) {
    return refused('invalid-input', 'Nothing to do: take an action, write a note or give an owner.', { reason: 'bad-field', field: 'action', issues: [customProblem('action', 'nothing-to-do')] });
  }
  let state = exception.state;
  let effects: TrackingEffect[] = [];
  if (input.action) {
    const step = machine.byAction(exception.state, input.action);
    if (!step.ok) return step;
    state = step.row.to;
    effects = step.row.effects ?? [];
  } else if (machine.isTerminal(exception.state)) {
    return refused('not-allowed-in-state', 'The exception is closed; open a new one if the parcel has another problem.', { reason: 'tracking-state', machine: machine.id, state: exception.state, action: 'note', allowed: '' });
  }
  const closed = machine.isTerminal(state);
  const notes = input.note || input.action ? [...exception.notes, { at: meta.at, operator: meta.operator, text: input.note ?? '', action: input.action }] : exception.notes;
  return {
    exception: {
      ...exception,
      state,
      stateVersion: exception.stateVersion + (state === exception.state ? 0 : 1),
      open: closed ? 0 : 1,
      owner: input.owner ?? exception.owner,
      notes,
      updatedAt: meta.at,
      closedAt: closed ? meta.at : exception.closedAt,
    },
    effects,
  };
}

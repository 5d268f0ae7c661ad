// The tracking commands: carriers, shipments, checkpoints, exceptions, and the "late" timer.
// Each parses its arguments at the boundary and runs through the one pipeline, in one
// transaction over the engine's tables and the tracking tables: a delivery takes the order
// workflow's own action in the same transaction, never writes the order's state itself.
import { customProblem } from '../fieldProblems';
import type { z } from 'zod';
import type { Refused } from '../api';
import type { TimerRow } from '../db/rows';
import { parseArg, refused, timerCommandId, type CommandKind, type CommandMeta, type EventMeta } from '../engine/command';
import type { CommandSettings } from '../engine/commandSettings';
import { decideAct, type EffectHandler, type EngineEnv } from '../engine/decide';
import { commandIdSource, commandVoucherCodes } from '../ids';
import type { WorkflowRegistry } from '../workflows';
import { commandOptionsSchema } from '../engine/input';
import { runCommand, type Plan, type RunHooks } from '../engine/pipeline';
import type { CommandStorage } from '../engine/storage';
import { workflowOf, type WorkflowSource } from '../engine/workflowLoader';
import { type CarrierRow } from './carriers';
import { carrierInputSchema } from './carrierInput';
import { cancelled, decideCheckpoint, decideWorkException, lateExceptionId, lateTimer, newException } from './decide';
import { lateAfterMs, planShipment as planNew, SSCC_SEQUENCE, type PlannedShipment } from './plan';
import { trackingMachines } from './definitions';
import type { TrackingEffect } from './machine';
import { checkpointSchema, createShipmentSchema, openExceptionSchema, workExceptionSchema } from './input';
import type { ExceptionRow, ShipmentRow } from './rows';
import type { TrackingTx } from './storage';

export interface TrackingContext {
  storage: CommandStorage<TrackingTx>;
  source: WorkflowSource;
  /** The environment of an order action a command takes (its ids derived from the command). */
  envOf: (settings: CommandSettings, commandId: string) => EngineEnv;
  /** Command ids of commands made here (the rows' ids are derived from the command id). */
  newId: () => string;
  deviceId: string;
  operator: () => string;
  now: () => number;
}

export type ShipmentResult = { ok: true; shipmentId: string; orderNumber: string; trackingNumbers: string[]; sscc: string[] } | Refused;

export type CheckpointResult =
  | {
      ok: true;
      shipmentId: string;
      orderId: string;
      orderNumber: string;
      parcelNo: number;
      parcels: number;
      trackingNumber: string;
      from: string;
      to: string;
      /** A delivery's order action: applied, refused (its code), or none taken. */
      order: { action: string; ok: boolean; code?: string; to?: string } | null;
    }
  | Refused;

export type ExceptionResult = { ok: true; exceptionId: string; state: string; reshipmentId: string | null } | Refused;

export type TimerFiring = { ok: true; fired: boolean; outcome: string } | Refused;


/** The ids of a tracking command's rows: derived from its command id (ids.ts), in their own
 *  scope, so the sync server deciding the same command writes rows with the same ids. */
export const trackingIds = (commandId: string) => commandIdSource(commandId, 't');

/** The environment of the order action a tracking command takes: ids and attendance codes
 *  derived from the command, as the order commands derive theirs (the counter and the server
 *  both build it here). */
export function trackingEnvOf(registry: WorkflowRegistry, handlers: Record<string, EffectHandler>, voucherCode?: () => string) {
  return (settings: CommandSettings, commandId: string): EngineEnv => ({
    registry,
    periods: settings.periods,
    utcOffsetMinutes: settings.utcOffsetMinutes,
    handlers,
    newId: commandIdSource(commandId),
    voucherCode: voucherCode ?? commandVoucherCodes(commandId),
  });
}

export function createTrackingCommands(ctx: TrackingContext) {
  const { storage } = ctx;
  const machines = trackingMachines();
  const meta = (kind: CommandKind, commandId?: string): CommandMeta => ({ commandId: commandId ?? ctx.newId(), kind, deviceId: ctx.deviceId, operator: ctx.operator(), at: ctx.now() });

  /** A tracking command as each one runs: its input read with its schema at the boundary, its
   *  options, its meta, then one pipeline transaction over the engine's and the tracking tables. */
  async function run<S extends z.ZodType, R extends { ok: true }>(
    kind: CommandKind,
    schema: S,
    field: string,
    input: unknown,
    options: unknown,
    plan: (tx: TrackingTx, v: z.output<S>, m: CommandMeta) => Promise<Plan<R, TrackingTx>>,
  ): Promise<R | Refused> {
    const i = parseArg(schema, input, field);
    const o = parseArg(commandOptionsSchema, options, 'options');
    if (!i.ok) return i.refusal;
    if (!o.ok) return o.refusal;
    const m = meta(kind, o.value?.commandId);
    return runCommand<R, TrackingTx>(storage, m, i.value, (tx) => plan(tx, i.value, m));
  }

  async function saveCarrier(input: unknown, options?: unknown): Promise<{ ok: true; id: string } | Refused> {
    return run('tracking:carrier', carrierInputSchema, 'carrier', input, options, async (_tx, v, m) => ({
      result: { ok: true as const, id: v.id },
      write: (tx) => tx.putCarrier({ ...v, updatedAt: m.at } satisfies CarrierRow),
    }));
  }

  /** Makes the shipment rows (and SSCC serials) of a new shipment inside a transaction. */
  async function planShipment(
    tx: TrackingTx,
    m: EventMeta,
    s: { orderId: string; carrier: string; service: string | null; trackingNumbers: string[]; parcels: Array<{ weightGrams?: number | undefined }>; direction: ShipmentRow['direction'] },
    newId: () => string,
  ): Promise<PlannedShipment | Refused> {
    const order = await tx.orderInput(s.orderId, () => false);
    if (!order) return refused('not-found', `No order with id ${s.orderId}.`, { reason: 'unknown-entity', kind: 'order', id: s.orderId });
    return planNew(tx, m, { machine: machines.shipment, newId }, { ...s, order: { id: order.snapshot.order.id, number: order.snapshot.order.number } });
  }

  /** The shipment of an order that ships (the seller's "ship" action will call this with its input). */
  async function createShipment(input: unknown, options?: unknown): Promise<ShipmentResult> {
    return run<typeof createShipmentSchema, Extract<ShipmentResult, { ok: true }>>('tracking:shipment', createShipmentSchema, 'shipment', input, options, async (tx, v, m) => {
      const planned = await planShipment(tx, m, { ...v, service: v.service ?? null }, trackingIds(m.commandId));
      if ('ok' in planned) return { result: planned };
      const { shipment, timer, serial } = planned;
      return {
        result: { ok: true, shipmentId: shipment.id, orderNumber: shipment.orderNumber, trackingNumbers: shipment.trackingNumbers, sscc: shipment.sscc },
        write: async (w) => {
          await Promise.all([w.putShipments([shipment]), w.putTimers([timer]), w.setSequence(SSCC_SEQUENCE, serial)]);
        },
      };
    });
  }

  /** Runs the order actions a step's effects name, in the same transaction; their outcome. */
  async function orderActions(tx: TrackingTx, shipment: ShipmentRow, effects: TrackingEffect[], m: EventMeta) {
    const writes: Array<(w: TrackingTx) => Promise<void>> = [];
    let outcome: Extract<CheckpointResult, { ok: true }>['order'] = null;
    for (const effect of effects) {
      if (effect.kind !== 'orderAction') continue;
      const read = await tx.orderInput(shipment.orderId, () => true);
      if (!read) continue;
      const wf = await workflowOf(tx, ctx.source, read.snapshot.order.workflowId, read.snapshot.order.workflowVersion);
      if (!wf) continue;
      const decision = decideAct(ctx.envOf(read.settings, m.commandId), read.snapshot, m, { kind: 'order', id: shipment.orderId }, effect.role, effect.action);
      // The parcel arrived whatever the order says: a refusal there (the buyer confirmed
      // already, the order was refunded) is reported, and the checkpoint still stands.
      outcome = decision.result.ok ? { action: effect.action, ok: true, to: decision.result.to } : { action: effect.action, ok: false, code: decision.result.code };
      const work = decision.work;
      if (decision.result.ok && work) writes.push((w) => w.writeChangeset(work.changeset()));
    }
    return { writes, outcome };
  }

  async function scanCheckpoint(input: unknown, options?: unknown): Promise<CheckpointResult> {
    return run<typeof checkpointSchema, Extract<CheckpointResult, { ok: true }>>('tracking:checkpoint', checkpointSchema, 'checkpoint', input, options, async (tx, v, m) => {
      const shipment = await tx.shipmentByCode(v.code);
      if (!shipment) return { result: refused('not-found', `No parcel with tracking number or SSCC ${v.code} on this counter.`, { reason: 'unknown-parcel', code: v.code }) };
      const [earlier, lateMs, timer] = await Promise.all([
        tx.checkpointsOf(shipment.id),
        lateAfterMs(tx),
        shipment.lateTimerId ? tx.timer(shipment.lateTimerId) : Promise.resolve(undefined),
      ]);
      const ids = trackingIds(m.commandId);
      const decided = decideCheckpoint(machines.shipment, shipment, earlier, { code: v.code, kind: v.kind, place: v.place ?? '', signedBy: v.signedBy ?? null }, m, ids());
      if ('ok' in decided) return { result: decided };
      const timers: TimerRow[] = [];
      let next = decided.shipment;
      if (decided.moved) {
        if (timer?.status === 'pending') timers.push(cancelled(timer, m, `checkpoint ${v.kind}`));
        const fresh = machines.shipment.isTerminal(next.state) ? null : lateTimer(next, m, ids(), lateMs);
        if (fresh) timers.push(fresh);
        next = { ...next, lateTimerId: fresh?.id ?? null };
      } else {
        // Another parcel of a shipment this kind moved already: the timer runs on (its version is kept).
        next = { ...next, stateVersion: shipment.stateVersion };
      }
      const { writes, outcome } = await orderActions(tx, next, decided.effects, m);
      return {
        result: {
          ok: true,
          shipmentId: next.id,
          orderId: next.orderId,
          orderNumber: next.orderNumber,
          parcelNo: decided.checkpoint.parcelNo,
          parcels: next.parcels.length,
          trackingNumber: decided.checkpoint.trackingNumber,
          from: shipment.state,
          to: next.state,
          order: outcome,
        },
        write: async (w) => {
          await Promise.all([w.putShipments([next]), w.addCheckpoint(decided.checkpoint), timers.length ? w.putTimers(timers) : undefined, ...writes.map((f) => f(w))]);
        },
      };
    });
  }

  async function openException(input: unknown, options?: unknown): Promise<ExceptionResult> {
    return run<typeof openExceptionSchema, Extract<ExceptionResult, { ok: true }>>('tracking:exception', openExceptionSchema, 'exception', input, options, async (tx, v, m) => {
      const shipment = await tx.shipment(v.shipmentId);
      if (!shipment) return { result: refused('not-found', `No shipment with id ${v.shipmentId}.`, { reason: 'unknown-entity', kind: 'shipment', id: v.shipmentId }) };
      const row = newException(machines.exception, shipment, { type: v.type, note: v.note ?? null, owner: v.owner ?? null }, m, trackingIds(m.commandId)());
      return { result: { ok: true, exceptionId: row.id, state: row.state, reshipmentId: null }, write: (w) => w.putExceptions([row]) };
    });
  }

  async function workException(input: unknown, options?: unknown): Promise<ExceptionResult> {
    return run<typeof workExceptionSchema, Extract<ExceptionResult, { ok: true }>>('tracking:exception', workExceptionSchema, 'exception', input, options, async (tx, v, m) => {
      const exception = await tx.exception(v.exceptionId);
      if (!exception) return { result: refused('not-found', `No exception with id ${v.exceptionId}.`, { reason: 'unknown-entity', kind: 'exception', id: v.exceptionId }) };
      const decided = decideWorkException(machines.exception, exception, { action: v.action ?? null, note: v.note ?? v.reason ?? null, owner: v.owner ?? null }, m);
      if ('ok' in decided) return { result: decided };
      let next: ExceptionRow = decided.exception;
      const extra: Array<(w: TrackingTx) => Promise<void>> = [];
      if (decided.effects.some((e) => e.kind === 'reship')) {
        const old = await tx.shipment(exception.shipmentId);
        if (!old) return { result: refused('not-found', `The exception's shipment is gone.`, { reason: 'unknown-entity', kind: 'shipment', id: exception.shipmentId }) };
        if (!v.trackingNumber) return { result: refused('invalid-input', 'trackingNumber: a reship needs the new parcel\'s tracking number.', { reason: 'bad-field', field: 'trackingNumber', issues: [customProblem('trackingNumber', 'missing')] }) };
        const planned = await planShipment(tx, m, {
          orderId: old.orderId,
          carrier: old.carrierId,
          service: old.service,
          trackingNumbers: [v.trackingNumber],
          parcels: old.parcels.map((p) => (p.weightGrams === null ? {} : { weightGrams: p.weightGrams })),
          direction: old.direction,
        }, trackingIds(m.commandId));
        if ('ok' in planned) return { result: planned };
        next = { ...next, reshipmentId: planned.shipment.id };
        // The old parcel's late timer has nothing left to watch.
        const oldTimer = old.lateTimerId ? await tx.timer(old.lateTimerId) : undefined;
        extra.push((w) => Promise.all([w.putShipments([planned.shipment, { ...old, lateTimerId: null, updatedAt: m.at }]), w.putTimers([planned.timer, ...(oldTimer?.status === 'pending' ? [cancelled(oldTimer, m, 'reshipped')] : [])]), w.setSequence(SSCC_SEQUENCE, planned.serial)]).then(() => undefined));
      }
      const row = next;
      return {
        result: { ok: true, exceptionId: row.id, state: row.state, reshipmentId: row.reshipmentId },
        write: async (w) => {
          await Promise.all([w.putExceptions([row]), ...extra.map((f) => f(w))]);
        },
      };
    });
  }

  /** Fires a shipment's "late" timer (called by runDueTimers): a parcel with no checkpoint
   *  since the timer was set opens a "late" exception, once. */
  async function fireLateTimer(timer: TimerRow, hooks: RunHooks): Promise<TimerFiring> {
    const m: CommandMeta = { commandId: timerCommandId(timer.id), kind: 'fire-timer', deviceId: ctx.deviceId, operator: 'system', at: ctx.now() };
    return runCommand<Extract<TimerFiring, { ok: true }>, TrackingTx>(
      storage,
      m,
      { timerId: timer.id },
      async (tx): Promise<Plan<Extract<TimerFiring, { ok: true }>, TrackingTx>> => {
        const row = await tx.timer(timer.id);
        if (!row || row.status !== 'pending') return { result: refused('not-found', 'That timer is no longer pending.', { reason: 'timer-not-pending', timer: 'not-pending' }) };
        const shipmentId = row.orderId.replace(/^shipment:/, '');
        const shipment = await tx.shipment(shipmentId);
        const finish = (status: 'fired' | 'skipped', outcome: string, more: (w: TrackingTx) => Promise<void> = async () => undefined): Plan<Extract<TimerFiring, { ok: true }>, TrackingTx> => ({
          result: { ok: true, fired: status === 'fired', outcome },
          write: (w) => Promise.all([w.putTimers([{ ...row, status, doneAt: m.at, outcome }]), more(w)]).then(() => undefined),
        });
        if (!shipment) return finish('skipped', 'its shipment is gone');
        if (shipment.stateVersion !== row.stateVersion || machines.shipment.isTerminal(shipment.state)) return finish('skipped', 'the parcel moved on');
        const open = (await tx.exceptionsOfShipment(shipment.id)).some((e) => e.type === 'late' && e.open === 1);
        if (open) return finish('skipped', 'a late exception is open already');
        const exception = newException(machines.exception, shipment, { type: 'late', note: null, owner: null }, m, lateExceptionId(timer.id));
        return finish('fired', 'late exception opened', (w) => w.putExceptions([exception]));
      },
      hooks,
    );
  }

  return { saveCarrier, createShipment, scanCheckpoint, openException, workException, fireLateTimer };
}

export type TrackingCommands = Omit<ReturnType<typeof createTrackingCommands>, 'fireLateTimer'>;

// The order commands of a counter: create, act, an action card on an open order, redeem an
// attendance code, fire due timers. Each validates its arguments at the boundary, then
// runs through the one pipeline: read in the transaction, decide (pure), write.
import type { z } from 'zod';
import type { ActResult, Applied, CreateOrderResult, RedeemResult, Refused } from '../api';
import type { EntityRef, OrderRow, OrderType, TimerRow } from '../db/rows';
import { emptyStockWork } from '../inventory/work';
import { parseArg, refused, timerCommandId, unreadable, type CommandKind, type CommandMeta } from './command';
import { storageFailed } from './storageRefusal';
import type { CommandSettings } from './commandSettings';
import type { PeriodPreset } from '../settings/periods';
import { creationStep, decideAct, decideActOnOrder, decideCreateParsed, decideRedeem, decideTimer, unknownVoucherMessage, type Decision, type EffectHandler, type EngineEnv } from './decide';
import {
  actionInputSchema,
  actionSchema,
  actOnOrderOptionsSchema,
  commandOptionsSchema,
  createOrderInputSchema,
  describeInputError,
  inputErrorFacts,
  entityRefSchema,
  orderIdSchema,
  orderTypeSchema,
  roleSchema,
  timerIdSchema,
  voucherCodeSchema,
} from './input';
import { permissionRefusal } from '../operators/permissions';
import { runCommand, type Plan, type RunHooks } from './pipeline';
import type { CommandStorage, StorageTx } from './storage';
import type { LogisticsTx } from './logistics';
import { loadNewWorkflows, workflowOf, type WorkflowSource } from './workflowLoader';
import type { OrderWork } from './work';
import { commandIdSource, commandVoucherCodes, newId } from '../ids';

export interface EngineContext {
  storage: CommandStorage;
  source: WorkflowSource;
  handlers: Readonly<Record<string, EffectHandler>>;
  /** Attendance codes for every decision (tests fix them); absent: derived from each
   *  command's id, so the sync server issues the same codes (ids.ts). */
  voucherCode?: () => string;
  deviceId: string;
  /** Who the next command is made as (the signed-in operator, else the configured one). */
  operator: () => string;
  now: () => number;
  /** Timers of other entities (a shipment's "late" timer), fired by their own module: by key. */
  timerFirers?: Readonly<Record<string, OtherTimerFirer>>;
  /** The same tables widened with the logistics ones (carriers, shipments): a person's action
   *  runs there, so its choices of carriers are checked against the table and its shipment
   *  effect makes the shipment in the same transaction. Absent: neither. */
  logistics?: CommandStorage<LogisticsTx>;
}

export type OtherTimerFirer = (timer: TimerRow, hooks: RunHooks) => Promise<{ ok: true; fired: boolean } | Refused>;

/** How often a due timer that fails is tried before it waits for a person, and how long
 *  it waits between tries (1, 5, then 25 minutes): a failure that clears by itself (a
 *  blocked database) is retried; one that does not is shown in the task monitor. The demo
 *  preset, whose periods are minutes instead of days, retries after 1, 5, 25 seconds. */
export const TIMER_MAX_ATTEMPTS = 3;
const TIMER_RETRY_BASE: Record<PeriodPreset, number> = { production: 60_000, demo: 1_000 };
export function timerBackoff(attempts: number, preset: PeriodPreset = 'production'): number {
  return TIMER_RETRY_BASE[preset] * 5 ** Math.max(0, attempts - 1);
}

type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refused };

/** The first refusal among the parsed arguments, if any. */
function firstRefusal(...checks: Array<Checked<unknown>>): Refused | undefined {
  for (const c of checks) if (!c.ok) return c.refusal;
  return undefined;
}

/** The order input, refused with one sentence per problem ("Line 2: quantity must be a whole number."). */
function parseOrderInput(input: unknown): Checked<z.output<typeof createOrderInputSchema>> {
  let parsed: ReturnType<typeof createOrderInputSchema.safeParse>;
  try {
    parsed = createOrderInputSchema.safeParse(input);
  } catch (error) {
    return { ok: false, refusal: unreadable(error, 'input') };
  }
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, refusal: refused('invalid-input', describeInputError(parsed.error), inputErrorFacts(parsed.error)) };
}

function orderPlan<R extends { ok: true }>(decision: Decision<R | Refused>, extra?: (tx: StorageTx) => Promise<void>): Plan<R> {
  const work: OrderWork | null = decision.work;
  if (!decision.result.ok || !work) return { result: decision.result };
  return { result: decision.result, write: (tx) => Promise.all([tx.writeChangeset(work.changeset()), extra?.(tx)]).then(() => undefined) };
}

/** The role a new order of this type is created in; undefined when no workflow says. */
function creationRole(registry: WorkflowSource['registry'], type: OrderType): string | undefined {
  try {
    return creationStep(registry.latestFor(type))?.role;
  } catch {
    return undefined; // no workflow for the type: decideCreate refuses the command itself
  }
}

export function createOrderCommands(ctx: EngineContext) {
  const { storage, source } = ctx;
  // A decision's ids are derived from its command (ids.ts): the sync server deciding the
  // same command names the same rows. Each decision starts the numbering afresh.
  const envOf = ({ periods, utcOffsetMinutes }: CommandSettings, m: CommandMeta): EngineEnv => ({
    registry: source.registry,
    periods,
    utcOffsetMinutes,
    handlers: ctx.handlers,
    newId: commandIdSource(m.commandId),
    voucherCode: ctx.voucherCode ?? commandVoucherCodes(m.commandId),
  });
  const meta = (kind: CommandKind, commandId: string | undefined, role?: string): CommandMeta => ({
    commandId: commandId ?? newId(),
    kind,
    deviceId: ctx.deviceId,
    operator: ctx.operator(),
    at: ctx.now(),
    ...(role === undefined ? {} : { role }),
  });
  /** Whether an action can move stock on this order (then its stock rows are read); an
   *  order whose workflow this engine has not loaded yet reads them to be safe. */
  const touchesStock = (action: string) => (order: OrderRow) => source.registry.find(order.workflowId, order.workflowVersion)?.mayTouchStock(action) ?? true;
  const notFound = (ref: EntityRef): Refused => refused('not-found', `No ${ref.kind} with id ${ref.id}.`, { reason: 'unknown-entity', kind: ref.kind, id: ref.id });
  const unknownWorkflow = (order: OrderRow): Refused =>
    refused('not-found', `Order ${order.number} was created under workflow ${order.workflowId} version ${order.workflowVersion}, which is not installed on this counter.`, {
      reason: 'workflow-not-installed',
      order: order.number,
      workflowId: order.workflowId,
      version: order.workflowVersion,
    });

  /** Reads an order for a command and makes sure its workflow is loaded. */
  async function readOrder(tx: StorageTx, orderId: string, action: string | null) {
    const read = await tx.orderInput(orderId, action === null ? () => true : touchesStock(action));
    if (!read) return undefined;
    const wf = await workflowOf(tx, source, read.snapshot.order.workflowId, read.snapshot.order.workflowVersion);
    return { ...read, wf };
  }

  async function createOrder(type: unknown, input: unknown, options?: unknown): Promise<CreateOrderResult> {
    const t = parseArg(orderTypeSchema, type, 'type');
    const i = parseOrderInput(input);
    const o = parseArg(commandOptionsSchema, options, 'options');
    const bad = firstRefusal(t, o, i);
    if (bad || !t.ok || !i.ok || !o.ok) return bad!;
    // Creating acts in the role of the workflow's creation step (B in the built-ins).
    const m = meta('create-order', o.value?.commandId, creationRole(source.registry, t.value));
    const sequenceName = `order:${t.value}`;
    return runCommand(storage, m, { type: t.value, input }, async (tx) => {
      // The stock rows are read with the settings, not after them (on the server: one round
      // trip, not two); the allocation strategy the settings name is the work's once they are in.
      const [settings, sequence, , stock] = await Promise.all([
        tx.settings(),
        tx.sequence(sequenceName),
        loadNewWorkflows(tx, source),
        tx.stockWork(new Set(i.value.lines.map((l) => l.sku)), 'priority'),
      ]);
      stock.strategy = settings.strategy;
      const decision = decideCreateParsed(envOf(settings, m), { stock, sequence }, m, t.value, i.value, settings.devicePrefix);
      return orderPlan(decision, (w) => w.setSequence(sequenceName, decision.sequence));
    });
  }

  async function act(ref: unknown, role: unknown, action: unknown, input?: unknown, options?: unknown): Promise<ActResult> {
    const r = parseArg(entityRefSchema, ref, 'ref');
    const ro = parseArg(roleSchema, role, 'role');
    const a = parseArg(actionSchema, action, 'action');
    const i = parseArg(actionInputSchema, input, 'input');
    const o = parseArg(commandOptionsSchema, options, 'options');
    const bad = firstRefusal(r, ro, a, i, o);
    if (bad || !r.ok || !ro.ok || !a.ok || !i.ok || !o.ok) return bad!;
    const m = meta('act', o.value?.commandId, ro.value);
    const plan = async (tx: StorageTx, logistics: LogisticsTx | null): Promise<Plan<Applied>> => {
      // The order is read as soon as its id is known, not after the choice lists: on the
      // server its locked read then shares a round trip with the command's first reads.
      const reading = tx.orderIdOf(r.value).then((orderId) => (orderId === undefined ? undefined : readOrder(tx, orderId, a.value)));
      const [read, lists] = await Promise.all([reading, logistics?.choiceLists()]);
      if (!read) return { result: notFound(r.value) };
      if (!read.wf) return { result: unknownWorkflow(read.snapshot.order) };
      const env = { ...envOf(read.settings, m), ...(lists ? { choiceLists: lists } : {}) };
      const decision = decideAct(env, read.snapshot, m, r.value, ro.value, a.value, i.value);
      const requests = decision.work?.shipmentRequests ?? [];
      if (!decision.result.ok || !logistics || !requests.length) return orderPlan(decision);
      // The shipment the action's input describes, in this same transaction, or nothing at all.
      const order = decision.work!.order;
      const shipments = await logistics.shipmentsFor(m, { id: order.id, number: order.number }, requests);
      if (!shipments.ok) return { result: shipments };
      return orderPlan({ ...decision, result: { ...decision.result, shipmentIds: shipments.ids } }, shipments.write);
    };
    // The input is part of the digest: the same command id with other input is a conflict.
    const payload = { ref: r.value, role: ro.value, action: a.value, input: i.value ?? null };
    const { logistics } = ctx;
    if (logistics) return runCommand<Applied, LogisticsTx>(logistics, m, payload, (tx) => plan(tx, tx));
    return runCommand(storage, m, payload, (tx) => plan(tx, null));
  }

  async function actOnOrder(orderId: unknown, role: unknown, action: unknown, options?: unknown): Promise<(Applied & { target?: EntityRef }) | Refused> {
    const id = parseArg(orderIdSchema, orderId, 'orderId');
    const ro = parseArg(roleSchema, role, 'role');
    const a = parseArg(actionSchema, action, 'action');
    const o = parseArg(actOnOrderOptionsSchema, options, 'options');
    const bad = firstRefusal(id, ro, a, o);
    if (bad || !id.ok || !ro.ok || !a.ok || !o.ok) return bad!;
    const m = meta('act-on-order', o.value?.commandId, ro.value);
    const prefer = o.value?.prefer;
    return runCommand<Applied & { target?: EntityRef }>(storage, m, { orderId: id.value, role: ro.value, action: a.value, prefer: prefer ?? null }, async (tx) => {
      const read = await readOrder(tx, id.value, a.value);
      if (!read) return { result: notFound({ kind: 'order', id: id.value }) };
      if (!read.wf) return { result: unknownWorkflow(read.snapshot.order) };
      return orderPlan<Applied & { target?: EntityRef }>(decideActOnOrder(envOf(read.settings, m), read.snapshot, m, ro.value, a.value, prefer));
    });
  }

  async function redeemVoucher(rawCode: unknown, options?: unknown): Promise<RedeemResult> {
    const c = parseArg(voucherCodeSchema, rawCode, 'code');
    const o = parseArg(commandOptionsSchema, options, 'options');
    const bad = firstRefusal(c, o);
    if (bad || !c.ok || !o.ok) return bad!;
    const code = c.value;
    const m = meta('redeem-voucher', o.value?.commandId);
    return runCommand(storage, m, { code }, async (tx) => {
      const orderId = await tx.voucherOrderId(code);
      // Redeeming may cascade to line and order actions: read the stock rows like any such command.
      const read = orderId === undefined ? undefined : await readOrder(tx, orderId, null);
      if (!read) return { result: refused('not-found', unknownVoucherMessage(code), { reason: 'unknown-voucher', code }) };
      if (!read.wf) return { result: unknownWorkflow(read.snapshot.order) };
      return orderPlan(decideRedeem(envOf(read.settings, m), read.snapshot, m, code));
    });
  }

  /** Fires one due timer; a failure is recorded on the timer (and retried later). */
  async function fireTimer(timer: TimerRow): Promise<'fired' | 'done' | 'failed'> {
    const m: CommandMeta = { commandId: timerCommandId(timer.id), kind: 'fire-timer', deviceId: ctx.deviceId, operator: 'system', at: ctx.now() };
    let duplicate = false;
    const other = ctx.timerFirers?.[timer.key];
    const outcome = other ? await other(timer, { onDuplicate: () => (duplicate = true) }) : await runCommand(
      storage,
      m,
      { timerId: timer.id },
      async (tx) => {
        const read = await readOrder(tx, timer.orderId, timer.action);
        if (!read) return { result: refused('not-found', `The order of this timer (${timer.orderNumber}) is gone.`, { reason: 'timer-order-gone', order: timer.orderNumber }) };
        if (!read.wf) return { result: unknownWorkflow(read.snapshot.order) };
        return orderPlan(decideTimer(envOf(read.settings, m), read.snapshot, m, timer.id));
      },
      { onDuplicate: () => (duplicate = true) },
    );
    if (outcome.ok) return outcome.fired && !duplicate ? 'fired' : 'done';
    // "No longer pending" means another window fired it meanwhile: nothing failed.
    if (outcome.code === 'not-found' && outcome.params?.timer === 'not-pending') return 'done';
    await recordTimerFailure(timer.id, outcome);
    return 'failed';
  }

  async function recordTimerFailure(timerId: string, why: Refused): Promise<void> {
    const at = ctx.now();
    await storage
      .transaction(async (tx) => {
        const [timer, settings] = await Promise.all([tx.timer(timerId), tx.settings()]);
        if (!timer || timer.status !== 'pending') return;
        const attempts = (timer.attempts ?? 0) + 1;
        const givenUp = attempts >= TIMER_MAX_ATTEMPTS;
        const row: TimerRow = {
          ...timer,
          attempts,
          lastError: why.message,
          ...(givenUp ? { status: 'failed' as const, doneAt: at, outcome: why.message } : { dueAt: at + timerBackoff(attempts, settings.preset) }),
        };
        const event = {
          id: newId(),
          commandId: `timer-failure:${timer.id}:${attempts}`,
          deviceId: ctx.deviceId,
          operator: 'system',
          role: timer.role,
          action: timer.action ?? `set ${timer.setFlag}`,
          type: 'timer-failed' as const,
          orderId: timer.orderId,
          entity: timer.target,
          from: null,
          to: null,
          postAction: null,
          detail: `${why.message} (attempt ${attempts} of ${TIMER_MAX_ATTEMPTS}${givenUp ? '; waits for a person' : ''})`,
          at,
        };
        await tx.writeChangeset({ orders: [], items: [], refunds: [], vouchers: [], newVouchers: [], timers: [row], events: [event], stock: emptyStockWork(), stateMoves: [] });
      })
      .catch(() => undefined); // the next round tries the timer again; nothing else to do here
  }

  /** Fires every due timer once; a timer that fails never blocks the others. */
  async function runDueTimers(): Promise<number> {
    let fired = 0;
    const failed = new Set<string>();
    // Timers fired now may schedule timers that are already due (short demo periods).
    for (let round = 0; round < 100; round++) {
      const due = (await storage.read((tx) => tx.dueTimers(ctx.now(), 200 + failed.size)).catch(() => [] as TimerRow[])).filter((t) => !failed.has(t.id));
      if (!due.length) break;
      for (const timer of due) {
        const outcome = await fireTimer(timer);
        if (outcome === 'fired') fired += 1;
        if (outcome === 'failed') failed.add(timer.id);
      }
    }
    return fired;
  }

  /** A person retries a failed timer now (the task monitor's button). */
  async function retryTimer(timerId: unknown): Promise<{ ok: true } | Refused> {
    const id = parseArg(timerIdSchema, timerId, 'timerId');
    if (!id.ok) return id.refusal;
    try {
      return await storage.transaction(async (tx) => {
        // Not a pipeline command (nothing to repeat), but a person's: checked the same way.
        const operator = ctx.operator();
        const notPermitted = permissionRefusal(await tx.operatorGate(operator), { kind: 'retry-timer', operator });
        if (notPermitted) return notPermitted;
        const timer = await tx.timer(id.value);
        if (!timer) return refused('not-found', `No timer with id ${id.value}.`, { reason: 'unknown-timer', id: id.value });
        if (timer.status !== 'failed') return refused('not-allowed-in-state', `This timer is ${timer.status}, not failed: nothing to retry.`, { reason: 'timer-not-failed', status: timer.status });
        const row: TimerRow = { ...timer, status: 'pending', dueAt: ctx.now(), doneAt: null, outcome: null, attempts: 0 };
        await tx.writeChangeset({ orders: [], items: [], refunds: [], vouchers: [], newVouchers: [], timers: [row], events: [], stock: emptyStockWork(), stateMoves: [] });
        return { ok: true as const };
      });
    } catch (error) {
      return storageFailed(error);
    }
  }

  return { createOrder, act, actOnOrder, redeemVoucher, runDueTimers, retryTimer };
}

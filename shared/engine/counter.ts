// openCounter: the scripting API over the engine and its Dexie storage shell. The same
// object runs in Node (tests, console), in the engine Web Worker and, later, on the server.
// This file only assembles it: start-up (startup.ts), the commands (orderCommands.ts,
// stockCommands.ts, adminCommands.ts, all through pipeline.ts) and the read models.
import type { Counter } from '../api';
import type { CounterDb } from '../db/database';
import { createStockReads } from '../inventory/store';
import { checkAndRepairStockOnStart } from './stockRepair';
import type { WorkflowRegistry } from '../workflows';
import { createAdminCommands } from './adminCommands';
import { readCommandSettings } from './commandSettings';
import type { EffectHandler, EngineEnv } from './decide';
import { dexieStorage } from './dexieStorage';
import { BUILT_IN_HANDLERS } from './handlers';
import { newId } from '../ids';
import { createFirstStartCommand, firstStartStorage } from './firstStart';
import { createOperatorCommands, type Session } from './operatorCommands';
import { permissionRefusal } from '../operators/permissions';
import { PIN_ITERATIONS } from '../operators/pin';
import { createOrderCommands, type OtherTimerFirer } from './orderCommands';
import { createTrackingCommands, trackingEnvOf, type TrackingCommands } from '../tracking/commands';
import { LATE_TIMER_KEY } from '../tracking/decide';
import { trackingStorage } from '../tracking/storage';
import { logisticsStorage } from '../tracking/logistics';
import { trackingMachines } from '../tracking/definitions';
import { createOrderReads } from './readModels';
import { startCounterDb } from './startup';
import { createStockCommands } from './stockCommands';
import { actWithPayment, createMoneyCommands } from './moneyCommands';
import { moneyStorage } from '../payments/dexieMoney';
import { createReturnsCommands } from './returnsCommands';
import { followSingleOperatorName } from './singleOperator';
import { compileStored } from './workflowLoader';
import type { TimerRow } from '../db/rows';
import type { Refused } from '../api';

export interface CounterOptions {
  dbName?: string;
  now?: () => number;
  deviceId?: string;
  operator?: string;
  demo?: boolean;
  /** Extra effect handlers by name (tests inject failing ones). */
  handlers?: Record<string, EffectHandler>;
  /** Attendance code generator; random 10 digits by default. */
  voucherCode?: () => string;
  /** PBKDF2 iterations for new PIN hashes (operators/pin.ts); tests lower it. */
  pinIterations?: number;
}

/** The counter as the engine holds it: the public Counter plus what the demo import and
 *  tests need from inside (the database, the registry, the environment of a command). */
export interface EngineCounter extends Counter, TrackingCommands {
  readonly db: CounterDb;
  readonly registry: WorkflowRegistry;
  /** Who commands are made as now: the signed-in operator's id, else the configured operator. */
  readonly operator: string;
  readonly now: () => number;
  /** The environment a command decides in, with the settings as saved now. */
  engineEnv(): Promise<{ env: EngineEnv; devicePrefix: string }>;
  /** Timers whose firing failed too often, waiting for a person. */
  failedTimers(): Promise<TimerRow[]>;
  /** Whether this counter's operator may run a command of this kind now (for work that is
   *  not a pipeline command, such as the demo import); the refusal when not. */
  mayRun(kind: string): Promise<Refused | undefined>;
  /** Puts a failed timer back to be fired now. */
  retryTimer(timerId: string): Promise<{ ok: true } | Refused>;
}

export function randomVoucherCode(): string {
  const digits = new Uint32Array(2);
  crypto.getRandomValues(digits);
  // 10 digits, first one non-zero so the code never loses a leading zero in a spreadsheet.
  return String(1 + (digits[0]! % 9)) + String(digits[1]! % 1_000_000_000).padStart(9, '0');
}

export async function openCounter(options: CounterOptions = {}): Promise<EngineCounter> {
  const now = options.now ?? Date.now;
  const deviceId = options.deviceId ?? 'device-1';
  const configured = options.operator ?? 'operator';
  // Commands carry the signed-in operator; until someone signs in, the configured one
  // (which only single-operator mode accepts: the pipeline checks every command).
  const session: Session = { operatorId: null };
  const handlers = { ...BUILT_IN_HANDLERS, ...options.handlers };
  const handlerNames = new Set(Object.keys(handlers));
  const { db, registry } = await startCounterDb({ dbName: options.dbName, demo: options.demo, now, handlerNames });
  // The name given when the set-up was skipped wins over the configured id ("counter").
  const single = await followSingleOperatorName(db);
  const operator = () => session.operatorId ?? single.current() ?? configured;
  // Levels are a cache of the ledger: checked on every start, and repaired (on the ledger,
  // as 'repair' rows, one command) when an interrupted write or an older build left them
  // wrong. A repair that cannot be written is not fatal: nothing of it was written, checkStock
  // still reports the levels, and the next start tries again.
  await checkAndRepairStockOnStart(db, { deviceId, now });
  const storage = dexieStorage(db);
  const source = { registry, handlerNames };
  // Commands derive their codes from their id unless a test fixes them; the demo import
  // (never synced) draws random ones.
  const voucherCode = options.voucherCode;
  const demoVoucherCode = options.voucherCode ?? randomVoucherCode;

  const timerFirers: Record<string, OtherTimerFirer> = {};
  const logistics = logisticsStorage(db, { machine: trackingMachines().shipment });
  const orders = createOrderCommands({ storage, source, handlers, ...(voucherCode ? { voucherCode } : {}), deviceId, operator, now, timerFirers, logistics });
  const { fireLateTimer, ...tracking } = createTrackingCommands({
    storage: trackingStorage(db),
    source,
    envOf: trackingEnvOf(registry, handlers, voucherCode),
    newId,
    deviceId,
    operator,
    now,
  });
  timerFirers[LATE_TIMER_KEY] = fireLateTimer;
  const stock = createStockCommands({ storage, deviceId, operator, now });
  const money = createMoneyCommands({ storage: moneyStorage(db), source, handlers, ...(voucherCode ? { voucherCode } : {}), deviceId, operator, now });
  const returns = createReturnsCommands({ storage, db, deviceId, operator, now });
  const admin = createAdminCommands({ storage, db, source, deviceId, operator, now, onSetting: (key, value) => key === 'singleOperatorName' && single.set(value) });
  const setUp = createFirstStartCommand({ storage: firstStartStorage(db), db, deviceId, operator, now, session, pinIterations: options.pinIterations ?? PIN_ITERATIONS, onSetting: (_key, value) => single.set(value) });
  const people = createOperatorCommands({ storage, db, deviceId, operator, now, session, pinIterations: options.pinIterations ?? PIN_ITERATIONS });
  // Reads find the workflow in the registry; only a version this engine has not met yet
  // costs a read of the workflows table (never a write transaction for a lookup).
  const reads = createOrderReads(db, async ({ order }) => {
    const known = registry.find(order.workflowId, order.workflowVersion);
    if (known) return known;
    const row = await db.workflows.get([order.workflowId, order.workflowVersion]).catch(() => undefined);
    return row ? compileStored(source, row.definition) : undefined;
  });

  return {
    db,
    registry,
    deviceId,
    get operator() {
      return operator();
    },
    now,
    async mayRun(kind: string) {
      const who = operator();
      return permissionRefusal(await storage.read((tx) => tx.operatorGate(who)), { kind, operator: who });
    },
    async engineEnv() {
      const settings = await readCommandSettings(db);
      return { env: { registry, periods: settings.periods, utcOffsetMinutes: settings.utcOffsetMinutes, handlers, newId, voucherCode: demoVoucherCode }, devicePrefix: settings.devicePrefix };
    },
    ...orders,
    ...tracking,
    ...reads,
    ...stock,
    ...money,
    ...returns,
    // "payment successful" with a payment as its input is a money command (row + action in one).
    act: actWithPayment(orders.act, money.payByAction),
    ...createStockReads(db, now),
    ...admin,
    ...people,
    ...setUp,
    async close() {
      single.stop();
      db.close();
    },
  };
}

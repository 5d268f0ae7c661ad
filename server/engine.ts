// The server's engine: the same command factories as the counter (shared/engine), over the
// PostgreSQL storage. Commands carry the device and operator that sent them, so the
// factories are made per push (they only close over their context).
import type { CommandStorage, StorageTx } from '../shared/engine/storage';
import type { LogisticsTx } from '../shared/engine/logistics';
import type { TrackingTx } from '../shared/tracking/storage';
import { trackingCommandsFor, storeDefaultCarriers, type ServerTrackingCommands } from './trackingEngine';
import { createAdminCommands } from '../shared/engine/adminCommands';
import { BUILT_IN_HANDLERS } from '../shared/engine/handlers';
import { createOrderCommands } from '../shared/engine/orderCommands';
import { createStockCommands } from '../shared/engine/stockCommands';
import { actWithPayment, createMoneyCommands } from '../shared/engine/moneyCommands';
import type { MoneyTx } from '../shared/payments/moneyTx';
import type { WorkflowSource } from '../shared/engine/workflowLoader';
import { WorkflowRegistry } from '../shared/workflows';

export interface EngineOptions {
  now?: () => number;
  /** Attendance codes (tests fix them); absent: derived from each command's id, as the
   *  counter derives them, so both issue the same codes for one command. */
  voucherCode?: () => string;
}

/** The server's transactions: the engine's tables, the tracking ones (pgTracking.ts) and
 *  the money ones (pgMoney.ts). */
export type ServerTx = TrackingTx & LogisticsTx & MoneyTx;

export interface ServerEngine {
  readonly storage: CommandStorage<ServerTx>;
  /** The commands as one device and operator send them; with the device's order-number
   *  prefix, orders are numbered as that device numbers them (its prefix, its sequence). */
  commandsFor(deviceId: string, operator: string, prefix?: string): DeviceCommands;
}

export type DeviceCommands = ReturnType<typeof createOrderCommands> &
  ReturnType<typeof createStockCommands> &
  ReturnType<typeof createAdminCommands> &
  ServerTrackingCommands &
  ReturnType<typeof createMoneyCommands>;

/**
 * The storage as one device's commands see it: its own order-number prefix in the settings,
 * and its own sequences (`order:product@<device>`), so the server numbers a counter's orders
 * as the counter did (PO-D1-000001, PO-D1-000002 …) and two counters never share a number.
 */
export function deviceNumbering<Tx extends StorageTx>(storage: CommandStorage<Tx>, deviceId: string, prefix: string): CommandStorage<Tx> {
  const wrap = (tx: Tx): Tx => {
    const scoped = Object.create(tx) as Tx;
    scoped.settings = async () => ({ ...(await tx.settings()), devicePrefix: prefix });
    scoped.sequence = (name) => tx.sequence(`${name}@${deviceId}`);
    scoped.setSequence = (name, value) => tx.setSequence(`${name}@${deviceId}`, value);
    return scoped;
  };
  return {
    transaction: (body) => storage.transaction((tx) => body(wrap(tx))),
    read: (body) => storage.read((tx) => body(wrap(tx))),
  };
}

/** Device and operator pairs whose commands are kept made (commandsFor). */
const MAX_KEPT_COMMANDS = 1_000;

/** Stores the built-in definitions beside the installed ones (as a counter does on start). */
async function storeBuiltIns(storage: CommandStorage, registry: WorkflowRegistry, now: number): Promise<void> {
  await storage.transaction(async (tx) => {
    for (const wf of registry.all()) {
      if (!(await tx.workflow(wf.id, wf.version))) await tx.addWorkflow({ id: wf.id, version: wf.version, definition: wf.definition, installedAt: now });
    }
  });
}

export async function startEngine(storage: CommandStorage<ServerTx>, options: EngineOptions = {}): Promise<ServerEngine> {
  const now = options.now ?? Date.now;
  const registry = new WorkflowRegistry();
  const source: WorkflowSource = { registry, handlerNames: new Set(Object.keys(BUILT_IN_HANDLERS)) };
  await storeBuiltIns(storage, registry, now());
  await storeDefaultCarriers(storage, now());
  // The commands of one device and operator, kept: they only close over their context, and
  // making them (with the zod schemas they build) was ~5 % of the push's CPU when each
  // pushed command made its own. Bounded: the oldest made is dropped first.
  const made = new Map<string, DeviceCommands>();
  const make = (deviceId: string, operator: string, prefix: string | undefined): DeviceCommands => {
    const ctx = { storage: prefix === undefined ? storage : deviceNumbering(storage, deviceId, prefix), source, deviceId, operator: () => operator, now };
    // The same storage carries the logistics tables: an action that ships makes its
    // shipment here as on the counter, and a parcel's late timer fires here too.
    const tracking = trackingCommandsFor(ctx, options.voucherCode);
    const codes = { handlers: BUILT_IN_HANDLERS, ...(options.voucherCode ? { voucherCode: options.voucherCode } : {}) };
    const orders = createOrderCommands({ ...ctx, ...codes, logistics: ctx.storage, timerFirers: tracking.timerFirers });
    // The counter's money rules, on the server's payments and tills (pgMoney.ts).
    const money = createMoneyCommands({ ...ctx, ...codes });
    return {
      ...orders,
      ...createStockCommands(ctx),
      ...createAdminCommands(ctx),
      ...tracking.commands,
      ...money,
      act: actWithPayment(orders.act, money.payByAction),
    };
  };
  return {
    storage,
    commandsFor(deviceId, operator, prefix) {
      const key = JSON.stringify([deviceId, operator, prefix ?? null]);
      let commands = made.get(key);
      if (!commands) {
        commands = make(deviceId, operator, prefix);
        if (made.size >= MAX_KEPT_COMMANDS) made.delete(made.keys().next().value!);
        made.set(key, commands);
      }
      return commands;
    },
  };
}

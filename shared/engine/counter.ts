// openCounter: the scripting API over the engine and its Dexie storage shell. The same
// object runs in Node (tests, console), in the engine Web Worker and, later, on the server.
import type {
  ActResult,
  CommandOptions,
  Counter,
  CreateOrderInput,
  CreateOrderResult,
  ExplainedAction,
  OrderView,
  RedeemResult,
} from '../api';
import { CounterDb, DEFAULT_DB_NAME, orderTables } from '../db/database';
import type { EntityRef, OrderRow, OrderType, TimerRow } from '../db/rows';
import { newId } from '../ids';
import { createStockCommands, loadStockWork } from '../inventory/store';
import { Workflow } from '../workflow/interpreter';
import { contextOf, explainOf, openSheetOf, roleActionsOf } from './panels';
import { WorkflowRegistry } from '../workflows';
import { loadDefinition } from '../workflow/check';
import { settingSchemas } from '../settings/settings';
import { seedDemo } from '../demo/seed';
import { decideAct, decideActOnOrder, decideCreate, decideRedeem, decideTimer, unknownVoucherMessage, type EffectHandler, type EngineEnv } from './decide';
import { BUILT_IN_HANDLERS } from './handlers';
import { forOrderOf, loadCommandInput, loadOrderSnapshot, runCommand } from './orderStore';
import { readCommandSettings, type CommandSettings } from './commandSettings';
import type { CommandMeta, OrderSnapshot } from './work';

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
}

export interface EngineCounter extends Counter {
  readonly db: CounterDb;
  readonly registry: WorkflowRegistry;
}

export function randomVoucherCode(): string {
  const digits = new Uint32Array(2);
  crypto.getRandomValues(digits);
  // 10 digits, first one non-zero so the code never loses a leading zero in a spreadsheet.
  return String(1 + (digits[0]! % 9)) + String(digits[1]! % 1_000_000_000).padStart(9, '0');
}

function isKeyClash(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return name === 'ConstraintError' || name === 'BulkError';
}

export async function openCounter(options: CounterOptions = {}): Promise<EngineCounter> {
  if (typeof indexedDB === 'undefined') {
    throw new Error('No IndexedDB here: in Node, import "fake-indexeddb/auto" before opening a counter.');
  }
  const db = new CounterDb(options.dbName ?? DEFAULT_DB_NAME);
  await db.open();
  const now = options.now ?? Date.now;
  const deviceId = options.deviceId ?? 'device-1';
  const operator = options.operator ?? 'operator';

  const registry = new WorkflowRegistry();
  const handlers = { ...BUILT_IN_HANDLERS, ...options.handlers };
  const handlerNames = new Set(Object.keys(handlers));
  await db.transaction('rw', db.workflows, db.settings, async () => {
    for (const wf of registry.all()) {
      if (!(await db.workflows.get([wf.id, wf.version]))) {
        await db.workflows.add({ id: wf.id, version: wf.version, definition: wf.definition, installedAt: now() });
      }
    }
    // `demo: true` switches to the demo periods; otherwise the saved preset stays as chosen.
    if (options.demo === true || !(await db.settings.get('periodPreset'))) {
      await db.settings.put({ key: 'periodPreset', value: options.demo ? 'demo' : 'production' });
    }
  });
  for (const row of await db.workflows.toArray()) {
    if (registry.has(row.id, row.version)) continue;
    const loaded = loadDefinition(row.definition, handlerNames);
    if (loaded.ok) registry.add(new Workflow(loaded.definition));
  }

  /** The engine's environment for a command, from the settings it read. */
  const envOf = ({ periods, utcOffsetMinutes }: CommandSettings): EngineEnv => ({ registry, periods, utcOffsetMinutes, handlers, newId, voucherCode: options.voucherCode ?? randomVoucherCode });

  const meta = (opts?: CommandOptions): CommandMeta => ({ commandId: opts?.commandId ?? newId(), deviceId, operator, at: now() });

  const readSnapshot = (ref: EntityRef): Promise<OrderSnapshot | undefined> => forOrderOf(db, ref, (orderId) => loadOrderSnapshot(db, orderId));

  const workflowOf = (snapshot: OrderSnapshot): Workflow => registry.get(snapshot.order.workflowId, snapshot.order.workflowVersion);
  /** For loadCommandInput: the stock rows only when the action can move stock. */
  const touchesStock =
    (action: string) =>
    (order: OrderRow): boolean =>
      registry.get(order.workflowId, order.workflowVersion).mayTouchStock(action);

  const stock = createStockCommands(db, { now, deviceId, operator });

  const tryCreateOrder = async (type: OrderType, input: CreateOrderInput, opts?: CommandOptions): Promise<CreateOrderResult> => {
    const m = meta(opts);
    const sequenceName = `order:${type}`;
    return runCommand<CreateOrderResult>(db, m, 'create-order', async () => {
      const skus = Array.isArray(input?.lines) ? input.lines.map((l) => String(l?.sku ?? '')) : [];
      const [settings, sequenceRow] = await Promise.all([readCommandSettings(db), db.sequences.get(sequenceName)]);
      const stockWork = await loadStockWork(db, [...new Set(skus)], settings.strategy);
      const decision = decideCreate(envOf(settings), { stock: stockWork, sequence: sequenceRow?.value ?? 0 }, m, type, input, settings.devicePrefix);
      return { ...decision, extra: async (tx) => void (await tx.sequences.put({ name: sequenceName, value: decision.sequence })) };
    });
  };

  const counter: EngineCounter = {
    db,
    registry,
    deviceId,

    async createOrder(type, input, opts) {
      const result = await tryCreateOrder(type, input, opts);
      if (!result.ok) throw Object.assign(new Error(result.message), { code: result.code, details: result.details });
      return result.orderId;
    },

    tryCreateOrder,

    async getOrder(id): Promise<OrderView | null> {
      const snapshot = await db.transaction('r', orderTables(db), () => loadOrderSnapshot(db, id));
      if (!snapshot) return null;
      const wf = workflowOf(snapshot);
      const ctx = contextOf(snapshot);
      const sheetFor = (itemId: string) => {
        const sheets = snapshot.refunds.filter((r) => r.itemId === itemId).sort((a, b) => a.createdAt - b.createdAt);
        return openSheetOf(snapshot, wf, itemId) ?? sheets[sheets.length - 1];
      };
      return {
        id: snapshot.order.id,
        number: snapshot.order.number,
        type: snapshot.order.type,
        state: snapshot.order.state ?? '',
        stateLabel: wf.stateLabel({ kind: 'order', state: snapshot.order.state }, ctx),
        buyerId: snapshot.order.buyerId,
        workflowId: snapshot.order.workflowId,
        workflowVersion: snapshot.order.workflowVersion,
        flags: snapshot.order.flags,
        items: [...snapshot.items]
          .sort((a, b) => a.lineNo - b.lineNo)
          .map((item) => {
            const sheet = sheetFor(item.id);
            const vouchers = snapshot.vouchers.filter((v) => v.itemId === item.id).map((v) => ({ code: v.code, state: v.state }));
            return {
              id: item.id,
              lineNo: item.lineNo,
              sku: item.sku,
              qty: item.qty,
              price: item.price,
              state: item.state,
              ...(sheet ? { refund: { id: sheet.id, kind: sheet.kind, state: sheet.state ?? '', amount: sheet.amount } } : {}),
              ...(vouchers.length ? { vouchers } : {}),
            };
          }),
      };
    },

    async roleActions(ref) {
      const snapshot = await db.transaction('r', orderTables(db), () => readSnapshot(ref));
      return snapshot ? roleActionsOf(workflowOf(snapshot), snapshot, ref) : {};
    },

    async explain(ref, role): Promise<ExplainedAction[]> {
      const snapshot = await db.transaction('r', orderTables(db), () => readSnapshot(ref));
      return snapshot ? explainOf(workflowOf(snapshot), snapshot, ref, role) : [];
    },

    async act(ref, role, action, _input, opts): Promise<ActResult> {
      const m = meta(opts);
      const attempt = () =>
        runCommand<ActResult>(db, m, 'act', async () => {
          const read = await forOrderOf(db, ref, (orderId) => loadCommandInput(db, orderId, touchesStock(action)));
          if (!read) return { result: { ok: false, code: 'not-found', message: `No ${ref.kind} with id ${ref.id}.` }, work: null };
          return decideAct(envOf(read.settings), read.snapshot, m, ref, role, action);
        });
      // A fresh random attendance code can clash with one issued before (1 in 10^10 per
      // code): the transaction then wrote nothing, so deciding again with new codes is safe.
      for (let tries = 1; ; tries++) {
        try {
          return await attempt();
        } catch (error) {
          if (tries >= 3 || !isKeyClash(error)) throw error;
        }
      }
    },

    async actOnOrder(orderId, role, action, opts) {
      const m = meta(opts);
      return runCommand(db, m, 'act', async () => {
        const read = await loadCommandInput(db, orderId, touchesStock(action));
        if (!read) return { result: { ok: false as const, code: 'not-found' as const, message: `No order with id ${orderId}.` }, work: null };
        return decideActOnOrder(envOf(read.settings), read.snapshot, m, role, action, opts?.prefer);
      });
    },

    async redeemVoucher(rawCode, opts): Promise<RedeemResult> {
      const code = String(rawCode ?? '').trim();
      const m = meta(opts);
      return runCommand<RedeemResult>(db, m, 'redeem-voucher', async () => {
        const voucher = await db.vouchers.get(code);
        // Redeeming may cascade to line and order actions: read the stock rows like any such command.
        const read = voucher ? await loadCommandInput(db, voucher.orderId, () => true) : undefined;
        if (!read) return { result: { ok: false, message: unknownVoucherMessage(code) }, work: null };
        return decideRedeem(envOf(read.settings), read.snapshot, m, code);
      });
    },

    async runDueTimers() {
      let fired = 0;
      // Timers fired now may schedule timers that are already due (short demo periods).
      for (let round = 0; round < 100; round++) {
        const due = await db.timers.where('[status+dueAt]').between(['pending', -Infinity], ['pending', now()], true, true).limit(200).toArray();
        if (!due.length) break;
        for (const timer of due) {
          // The timer's own id makes firing idempotent across windows and restarts.
          const m: CommandMeta = { commandId: `timer:${timer.id}`, deviceId, operator: 'system', at: now() };
          let duplicate = false;
          const outcome = await runCommand(
            db,
            m,
            'fire-timer',
            async () => {
              const read = await loadCommandInput(db, timer.orderId, timer.action ? touchesStock(timer.action) : () => false);
              if (!read) return { result: { ok: false, code: 'not-found' as const, message: 'order gone' }, work: null };
              return decideTimer(envOf(read.settings), read.snapshot, m, timer.id);
            },
            () => (duplicate = true),
          );
          if (outcome.ok && outcome.fired && !duplicate) fired += 1;
        }
      }
      return fired;
    },

    async timers(ref?: EntityRef): Promise<TimerRow[]> {
      const pending = await db.timers.where('[status+dueAt]').between(['pending', -Infinity], ['pending', Infinity]).toArray();
      return ref ? pending.filter((t) => t.target.kind === ref.kind && t.target.id === ref.id) : pending;
    },

    async installWorkflow(json) {
      const loaded = loadDefinition(json, handlerNames);
      if (!loaded.ok) return loaded;
      const { id, version } = loaded.definition;
      if (await db.workflows.get([id, version])) {
        return { ok: false, problems: [{ path: '$.version', message: `Version ${version} of ${id} is installed already; raise the version.` }] };
      }
      await db.workflows.add({ id, version, definition: loaded.definition, installedAt: now() });
      registry.add(new Workflow(loaded.definition));
      return { ok: true, id, version };
    },

    async setSetting(key, value) {
      const parsed = settingSchemas[key].safeParse(value);
      if (!parsed.success) return { ok: false, code: 'invalid-input', message: `${key}: ${parsed.error.issues.map((i) => i.message).join('; ')}` };
      await db.settings.put({ key, value: parsed.data });
      return { ok: true };
    },

    async logScan(scan) {
      await db.scans.add({ at: now(), raw: String(scan.raw).slice(0, 4096), type: scan.type, screen: scan.screen, ok: scan.ok, message: scan.message });
    },

    async seedDemo({ orders }) {
      const settings = await readCommandSettings(db);
      return seedDemo({ db, counter, env: envOf(settings), deviceId, operator, now, devicePrefix: settings.devicePrefix }, { orders });
    },

    ...stock,

    async close() {
      db.close();
    },
  };
  return counter;
}

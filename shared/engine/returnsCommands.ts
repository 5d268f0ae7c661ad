// The returns desk's command: inspect a returned line's units and book them sellable,
// damaged or quarantine (inventory/inspection.ts), through the one pipeline.
import type { CounterDb } from '../db/database';
import { newId } from '../ids';
import { inspectReturn } from '../inventory/inspection';
import { emptyStockWork } from '../inventory/work';
import type { EventRow } from '../db/rows';
import type { MoneyApi } from '../payments/api';
import { parseArg, refused, type CommandMeta } from './command';
import { commandOptionsSchema } from './input';
import { runCommand } from './pipeline';
import type { CommandStorage } from './storage';

export interface ReturnsContext {
  storage: CommandStorage;
  db: CounterDb;
  deviceId: string;
  operator: () => string;
  now: () => number;
}

export function createReturnsCommands(ctx: ReturnsContext): Pick<MoneyApi, 'inspectReturn'> {
  return {
    async inspectReturn(input, options) {
      const o = parseArg(commandOptionsSchema, options, 'options');
      if (!o.ok) return o.refusal;
      const meta: CommandMeta = { commandId: o.value?.commandId ?? newId(), kind: 'stock:inspect-return', deviceId: ctx.deviceId, operator: ctx.operator(), at: ctx.now() };
      const itemId = typeof input === 'object' && input !== null && typeof input.itemId === 'string' ? input.itemId.trim() : '';
      return runCommand(ctx.storage, meta, input, async (tx) => {
        const item = itemId ? await ctx.db.items.get(itemId) : undefined;
        if (!item) return { result: refused('not-found', 'No such order line; scan the receipt or order label again.', { reason: 'unknown-entity', kind: 'item', id: itemId }) };
        const reservations = (await ctx.db.reservations.where('orderId').equals(item.orderId).toArray()).filter((r) => r.itemId === item.id);
        const work = await tx.stockWork([item.sku], 'priority', reservations);
        const rows = inspectReturn(work, reservations, input, meta);
        // The order's timeline says what inspection found (the screen words it from data).
        const i = input as { outcome: string; reason: string; locationId: string };
        const qty = rows.filter((r) => r.delta > 0).reduce((n, r) => n + r.delta, 0) || rows.length;
        const location = work.locations.get(i.locationId.trim());
        const event: EventRow = {
          id: newId(),
          commandId: meta.commandId,
          orderId: item.orderId,
          deviceId: meta.deviceId,
          operator: meta.operator,
          at: meta.at,
          role: 'S',
          action: 'inspect return',
          type: 'inspection',
          entity: { kind: 'item', id: item.id },
          from: null,
          to: null,
          postAction: null,
          detail: `line ${item.lineNo}: ${qty} x ${item.sku} inspected ${i.outcome}, to ${location?.name ?? i.locationId}: ${i.reason.trim()}`,
          data: { outcome: i.outcome, qty, sku: item.sku, line: item.lineNo, location: location?.name ?? i.locationId, reason: i.reason.trim() },
        };
        const nothing = { orders: [], items: [], refunds: [], vouchers: [], newVouchers: [], timers: [], stateMoves: [] };
        return {
          result: { ok: true as const, movements: rows.length },
          write: (w) => Promise.all([w.writeStock(work), w.writeChangeset({ ...nothing, events: [event], stock: emptyStockWork() })]).then(() => undefined),
        };
      });
    },
  };
}

// Reads for the audit screen, for one time range: commands, sign-ins and scans by their `at`
// index; events and stock movements have no time index (every command writes them, so an
// index would cost each write), but they are appended in time order, so they are read
// newest first until past the range's start.
import type { CommandRow, EventBatchRow, ScanRow, SignInRow } from '../../shared/db/rows';
import { db } from '../db';
import type { AuditSources } from './audit';

/** Appends can land slightly out of `at` order (two windows, a clock step): read this far past the start. */
const SLACK_MS = 5 * 60_000;

export async function readAudit(from: number, to: number): Promise<AuditSources & { names: Map<string, string> }> {
  const [commands, signIns, scans, operators] = await Promise.all([
    db.commands.where('at').between(from, to, true, false).toArray() as Promise<CommandRow[]>,
    db.signIns.where('at').between(from, to, true, false).toArray() as Promise<SignInRow[]>,
    db.scans.where('at').between(from, to, true, false).toArray() as Promise<ScanRow[]>,
    db.operators.toArray(),
  ]);
  const ids = new Set(commands.map((c) => c.id));
  const events: EventBatchRow[] = [];
  await db.events
    .orderBy(':id')
    .reverse()
    .until((e) => e.at < from - SLACK_MS)
    .each((e) => {
      if (ids.has(e.commandId)) events.push(e);
    });
  const movements = new Map<string, number>();
  await db.stockLedger
    .orderBy(':id')
    .reverse()
    .until((m) => m.at < from - SLACK_MS)
    .each((m) => {
      if (ids.has(m.commandId)) movements.set(m.commandId, (movements.get(m.commandId) ?? 0) + 1);
    });
  const orderIds = [...new Set(events.map((e) => e.orderId))];
  const orders = await db.orders.bulkGet(orderIds);
  const numbers = new Map<string, string>();
  orders.forEach((o) => {
    if (o) numbers.set(o.id, o.number);
  });
  const names = new Map(operators.map((o) => [o.id, o.name] as const));
  return { commands, events, movements, signIns, scans, numbers, names };
}

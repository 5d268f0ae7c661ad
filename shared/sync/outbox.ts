// The outbox: every command applied on an enrolled counter is kept, in the same Dexie
// transaction, with what it changed here. The leader window sends them in order; a command
// the server refuses is taken back here (its rows as they were before it), and the clerk
// sees why. Reading rows before they are written costs a little, and only when enrolled.
import type { CounterDb } from '../db/database';
import type { OutboxRow, StateCountRow, UndoRecord, UndoStep } from '../db/rows';
import { stateCountDeltas } from '../engine/stateCounts';
import type { Changeset } from '../engine/work';
import { stockChanges, type StockWork } from '../inventory/work';
import { pushFormOf } from './pushForm';

export const EMPTY_UNDO: UndoRecord = { restore: [], events: [], ledger: [] };

/** The device's sync configuration, once enrolled. */
export interface SyncConfig {
  url: string;
  deviceId: string;
  deviceName: string;
  prefix: string;
  token: string;
  /** Last change_seq pulled. */
  cursor: number;
  paused: boolean;
}

export async function readSyncConfig(db: CounterDb): Promise<SyncConfig | undefined> {
  return (await db.syncState.get('config'))?.value as SyncConfig | undefined;
}

/** Whether commands go to the outbox: the counter is enrolled (paused or not). */
export async function outboxEnabled(db: CounterDb): Promise<boolean> {
  return (await readSyncConfig(db)) !== undefined;
}

/** The rows of a table a write will replace (null where none is stored yet). */
export async function beforeRows(db: CounterDb, table: string, keys: unknown[]): Promise<UndoStep[]> {
  if (keys.length === 0) return [];
  const rows = await db.table(table).bulkGet(keys as never[]);
  return keys.map((key, i) => ({ table, key, before: rows[i] ?? null }));
}

/** The rows an order command's changeset will replace, read before it writes. */
export async function beforeChangeset(db: CounterDb, changes: Changeset): Promise<UndoStep[]> {
  const counts = stateCountDeltas(changes.stateMoves).map((d: Pick<StateCountRow, 'type' | 'state'>) => [d.type, d.state]);
  const parts = await Promise.all([
    beforeRows(db, 'orders', changes.orders.map((r) => r.id)),
    beforeRows(db, 'items', changes.items.map((r) => r.id)),
    beforeRows(db, 'refunds', changes.refunds.map((r) => r.id)),
    beforeRows(db, 'vouchers', [...new Set([...changes.newVouchers, ...changes.vouchers].map((r) => r.code))]),
    beforeRows(db, 'timers', changes.timers.map((r) => r.id)),
    beforeRows(db, 'stateCounts', counts),
    beforeStock(db, changes.stock),
  ]);
  return parts.flat();
}

/** The stock rows a stock write will replace. */
export async function beforeStock(db: CounterDb, work: StockWork): Promise<UndoStep[]> {
  const c = stockChanges(work);
  const parts = await Promise.all([
    beforeRows(db, 'products', c.products.map((r) => r.sku)),
    beforeRows(db, 'locations', c.locations.map((r) => r.id)),
    beforeRows(db, 'stockLevels', c.levels.map((r) => [r.sku, r.locationId])),
    beforeRows(db, 'reservations', c.reservations.map((r) => r.id)),
  ]);
  return parts.flat();
}

export const beforeSetting = (db: CounterDb, key: string) => beforeRows(db, 'settings', [key]);
/** The money rows a money command will add or replace (a payment, a till session). */
export const beforeMoney = (db: CounterDb, table: 'payments' | 'tills', id: string) => beforeRows(db, table, [id]);

/** Adds the command to the outbox when the counter is enrolled and the command is shared. */
export async function queueCommand(
  db: CounterDb,
  command: { id: string; kind: string; operator: string; at: number; role?: string },
  payload: unknown,
  undo: UndoRecord,
): Promise<void> {
  const form = pushFormOf(command.kind, payload, command.role);
  if (!form) return;
  const row: OutboxRow = { commandId: command.id, kind: form.kind, args: form.args, operator: command.operator, at: command.at, status: 'pending', undo };
  await db.outbox.add(row);
}

/** Takes a command's local effect back: its rows as they were, its events and movements
 *  gone, and its stored result too (this counter never applied it, as far as it knows now).
 *  Runs inside the caller's transaction over the tables it names. */
export async function undoCommand(db: CounterDb, row: OutboxRow): Promise<void> {
  for (const step of [...row.undo.restore].reverse()) {
    const table = db.table(step.table);
    if (step.before === null) await table.delete(step.key as never);
    else await table.put(step.before);
  }
  if (row.undo.events.length) await db.events.bulkDelete(row.undo.events);
  if (row.undo.ledger.length) await db.stockLedger.where('id').anyOf(row.undo.ledger).delete();
  await db.commands.delete(row.commandId);
}

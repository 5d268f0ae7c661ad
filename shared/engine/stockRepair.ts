// The counter's start-up check: stored levels are a cache of the ledger (on hand) and of
// the open reservations (reserved). If an interrupted write or an old bug left them
// disagreeing, the counter could sell stock it does not have, so on start they are
// compared and, when wrong, rewritten from the ledger with the repair on the ledger.
//
// How the repair is recorded: on hand from the ledger is right by definition, so nothing
// moved and no quantity may be invented. Each level that was wrong gets one ledger row of
// kind 'repair' with delta 0 (the rebuilt on hand is unchanged by it, and so is every
// later check) and a reason naming the stored and the rebuilt figures. The ledger, not the
// events table, because events belong to an order's timeline while the ledger is where a
// sku's stock history is read (the stock screen's ledger view, filtered by sku and
// location). 'repair' is a new MovementKind string: the ledger's kind is not indexed, so
// no schema change.
//
// How it is written: as one command of the pipeline (engine/pipeline.ts, kind
// 'repair-stock'), so the levels and the repair rows are one transaction with the command's
// stored result: a failed write leaves nothing of it. Its id is derived from what it repairs
// (`repair:` and a digest of the ledger's last row and the wrong figures), a prefix no caller
// can take: two windows that start together find the same disagreement, make the same
// command, and the second is answered with the first one's result — the repair has effect
// once. A later disagreement has another ledger behind it, so another id.
import type { Refused } from '../api';
import type { CounterDb } from '../db/database';
import type { LedgerRow, StockLevelRow } from '../db/rows';
import { fnv64, type CommandMeta } from './command';
import { commandTables, DexieTx } from './dexieStorage';
import { runCommand } from './pipeline';
import type { CommandStorage, StorageTx } from './storage';
import { derivedId } from '../ids';
import { compareLevels, rebuildLevels, type LevelFigures, type StockCheckReport, type StockMismatch } from '../inventory/levels';
import { levelKey } from '../inventory/work';

// 'returned': units waiting for inspection at the returns desk are held as reserved.
const OPEN_STATUSES = ['reserved', 'partly-shipped', 'returned'];

interface Compared {
  rebuilt: Map<string, LevelFigures>;
  report: StockCheckReport;
  /** The ledger's last row (0 when empty): a repair's id names the ledger it was made against. */
  lastSeq: number;
}

async function compareStored(db: CounterDb): Promise<Compared> {
  const [ledger, open, stored] = await Promise.all([
    db.stockLedger.toArray(),
    db.reservations.where('status').anyOf(OPEN_STATUSES).toArray(),
    db.stockLevels.toArray(),
  ]);
  const rebuilt = rebuildLevels(ledger, open);
  const lastSeq = ledger.reduce((max, row) => Math.max(max, row.seq ?? 0), 0);
  return { rebuilt, report: compareLevels(stored, rebuilt), lastSeq };
}

/** The ledger's words for what was wrong with one level: stored against rebuilt figures. */
export function repairReason(wrong: readonly StockMismatch[]): string {
  const facts = wrong.map((m) =>
    m.field === 'onHand'
      ? `on hand was ${m.stored}, the ledger says ${m.fromLedger}`
      : `reserved was ${m.stored}, open reservations say ${m.fromLedger}`,
  );
  return `Level repaired on start: ${facts.join('; ')}`;
}

/** The repair's command id: derived from the ledger it was made against and what was wrong. */
export const REPAIR_ID_PREFIX = 'repair:';
export function repairCommandId(lastSeq: number, mismatches: readonly StockMismatch[]): string {
  return `${REPAIR_ID_PREFIX}${lastSeq}:${fnv64(JSON.stringify(mismatches))}`;
}

/** The rows that put the wrong levels right: each level rebuilt, one 'repair' row per level. */
function repairRows(commandId: string, meta: Pick<CommandMeta, 'deviceId' | 'operator' | 'at'>, { rebuilt, report }: Compared) {
  const byLevel = new Map<string, StockMismatch[]>();
  for (const m of report.mismatches) {
    const key = levelKey(m.sku, m.locationId);
    byLevel.set(key, [...(byLevel.get(key) ?? []), m]);
  }
  const levels: StockLevelRow[] = [];
  const ledger: Omit<LedgerRow, 'seq'>[] = [];
  for (const [key, wrong] of byLevel) {
    const { sku, locationId } = wrong[0]!;
    const right = rebuilt.get(key);
    levels.push({ sku, locationId, onHand: right?.onHand ?? 0, reserved: right?.reserved ?? 0, updatedAt: meta.at });
    ledger.push({
      id: derivedId(commandId, ledger.length),
      commandId,
      deviceId: meta.deviceId,
      operator: meta.operator,
      kind: 'repair',
      sku,
      locationId,
      delta: 0,
      reason: repairReason(wrong),
      orderId: null,
      itemId: null,
      at: meta.at,
    });
  }
  return { levels, ledger };
}

/** The engine's transaction widened with the whole-stock read and the repair's write. */
export interface RepairTx extends StorageTx {
  compareStock(): Promise<Compared>;
  writeRepair(rows: { levels: StockLevelRow[]; ledger: Omit<LedgerRow, 'seq'>[] }): Promise<void>;
}

class RepairDexieTx extends DexieTx implements RepairTx {
  compareStock() {
    return compareStored(this.db);
  }
  async writeRepair({ levels, ledger }: { levels: StockLevelRow[]; ledger: Omit<LedgerRow, 'seq'>[] }) {
    await Promise.all([this.db.stockLevels.bulkPut(levels), this.db.stockLedger.bulkAdd(ledger)]);
  }
}

export function repairStorage(db: CounterDb): CommandStorage<RepairTx> {
  return {
    transaction: (body) => db.transaction('rw', commandTables(db), async () => body(new RepairDexieTx(db))),
    read: (body) => db.transaction('r', commandTables(db), async () => body(new RepairDexieTx(db))),
  };
}

/** What the repair command stores as its result: the figures it found wrong (`ok` is the
 *  command's, applied; the caller is given a StockCheckReport). */
export interface RepairResult {
  ok: true;
  mismatches: StockMismatch[];
}

export interface RepairOptions {
  deviceId: string;
  now: () => number;
  /** The storage to run on (tests inject faults); the Dexie one by default. */
  storage?: CommandStorage<RepairTx>;
}

/**
 * Compare stored levels with the ledger and open reservations; if they disagree, rewrite
 * the wrong levels and add a 'repair' row per level to the ledger, as one command.
 * Answers what was wrong (ok: true and no mismatches when nothing was, or when another
 * window repaired it first), or the refusal of a repair that could not be written (nothing
 * of it was: the levels stay as they were and the next start tries again).
 */
export async function checkAndRepairStockOnStart(db: CounterDb, options: RepairOptions): Promise<StockCheckReport | Refused> {
  // Checked read-only first: the usual answer is "all right", and a read transaction lets
  // the windows' reads of levels go on while the whole ledger is read.
  const first = await db.transaction('r', db.stockLedger, db.reservations, db.stockLevels, () => compareStored(db));
  if (first.report.ok) return first.report;
  const commandId = repairCommandId(first.lastSeq, first.report.mismatches);
  const meta: CommandMeta = { commandId, kind: 'repair-stock', deviceId: options.deviceId, operator: 'system', at: options.now() };
  const done = await runCommand<RepairResult, RepairTx>(options.storage ?? repairStorage(db), meta, { lastSeq: first.lastSeq, mismatches: first.report.mismatches }, async (tx) => {
    // Compared again inside the write: a command that committed in between is counted, and
    // a repair another window made under another id leaves nothing to do.
    const now = await tx.compareStock();
    if (now.report.ok) return { result: { ok: true, mismatches: [] } };
    const rows = repairRows(commandId, meta, now);
    return { result: { ok: true, mismatches: now.report.mismatches }, write: (w) => w.writeRepair(rows) };
  });
  // The command applied (its result is ok); the report says whether anything was wrong.
  return done.ok ? { ok: done.mismatches.length === 0, mismatches: done.mismatches } : done;
}

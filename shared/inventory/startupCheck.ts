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
import type { CounterDb } from '../db/database';
import type { LedgerRow, StockLevelRow } from '../db/rows';
import { newId } from '../ids';
import { compareLevels, rebuildLevels, type StockCheckReport, type StockMismatch } from './levels';
import { levelKey, type MovementMeta } from './work';

// 'returned': units waiting for inspection at the returns desk are held as reserved.
const OPEN_STATUSES = ['reserved', 'partly-shipped', 'returned'];

async function compareStored(db: CounterDb) {
  const [ledger, open, stored] = await Promise.all([
    db.stockLedger.toArray(),
    db.reservations.where('status').anyOf(OPEN_STATUSES).toArray(),
    db.stockLevels.toArray(),
  ]);
  const rebuilt = rebuildLevels(ledger, open);
  return { rebuilt, report: compareLevels(stored, rebuilt) };
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

/**
 * Compare stored levels with the ledger and open reservations; if they disagree, rewrite
 * the wrong levels and add a 'repair' row per level to the ledger, in one transaction.
 * Returns what was wrong (ok: true and no mismatches when nothing was).
 */
export async function checkAndRepairStockOnStart(db: CounterDb, meta: MovementMeta): Promise<StockCheckReport> {
  // Checked read-only first: the usual answer is "all right", and a read transaction lets
  // the windows' reads of levels go on while the whole ledger is read.
  const first = await db.transaction('r', db.stockLedger, db.reservations, db.stockLevels, () => compareStored(db));
  if (first.report.ok) return first.report;
  // Checked again inside the write, so a command that committed in between is counted.
  return db.transaction('rw', db.stockLedger, db.reservations, db.stockLevels, async () => {
    const { rebuilt, report } = await compareStored(db);
    if (report.ok) return report;
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
        id: newId(),
        commandId: meta.commandId,
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
    await Promise.all([db.stockLevels.bulkPut(levels), db.stockLedger.bulkAdd(ledger)]);
    return report;
  });
}

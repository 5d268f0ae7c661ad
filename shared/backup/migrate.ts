// Rows from a backup of an older schema, brought to the current one the way the Dexie
// upgrades in shared/db/database.ts bring a stored database: v3 grouped the events of one
// command into one row and added the per-state order counts; v2 and v4 changed indexes only.
import { z } from 'zod';
import { defaultCarrierRows } from '../db/database';
import { batchesOf } from '../db/events';
import type { EventRow, StateCountRow } from '../db/rows';
import { hasLegacyMoney, MINOR_UNITS_SCHEMA_VERSION, rowInMinorUnits } from '../db/legacyMoney';
import { BACKUP_TABLES, type BackupTable } from './rowSchemas';

const legacyEvent = z.looseObject({
  id: z.string().min(1),
  commandId: z.string(),
  orderId: z.string().min(1),
  at: z.number().finite(),
  type: z.string(),
  entity: z.object({ kind: z.enum(['order', 'item', 'refund']), id: z.string().min(1) }),
});

/** The tables a database of that schema version had. */
const LOGISTICS: ReadonlySet<BackupTable> = new Set(['carriers', 'shipments', 'checkpoints', 'exceptions']);

export function tablesAt(schemaVersion: number): readonly BackupTable[] {
  const absent = new Set<BackupTable>([
    ...(schemaVersion < 3 ? (['stateCounts'] as const) : []),
    ...(schemaVersion < 6 ? LOGISTICS : []),
    ...(schemaVersion < MINOR_UNITS_SCHEMA_VERSION ? (['payments', 'tills'] as const) : []),
  ]);
  return BACKUP_TABLES.filter((t) => !absent.has(t));
}

export class Migration {
  private readonly counts = new Map<string, StateCountRow>();

  constructor(readonly fromVersion: number) {}

  /** Whether rows are made anew (v3 regrouped events): only those may lack their number. */
  get regroups(): boolean {
    return this.fromVersion < 3;
  }

  get needed(): boolean {
    return this.fromVersion < MINOR_UNITS_SCHEMA_VERSION;
  }

  /** One chunk's rows in the current shape, or the first row's problem. */
  rows(table: BackupTable, rows: unknown[]): { ok: true; rows: unknown[] } | { ok: false; problem: string } {
    // v7: decimals became minor units (the backup's currency is taken as two-decimal, the default).
    if (this.fromVersion < MINOR_UNITS_SCHEMA_VERSION && hasLegacyMoney(table)) {
      rows = rows.map((row) => (typeof row === 'object' && row !== null ? rowInMinorUnits(table, row) : row));
    }
    if (this.fromVersion >= 3) return { ok: true, rows };
    if (table === 'orders') {
      for (const row of rows as Array<{ type?: StateCountRow['type']; state?: string | null }>) {
        // Like the v3 upgrade, which read the [type+state+createdAt] index: no state, no count.
        if (typeof row?.state !== 'string') continue;
        const key = `${row?.type}\u0000${row?.state}`;
        const count = this.counts.get(key) ?? { type: row?.type as StateCountRow['type'], state: String(row?.state), count: 0 };
        count.count += 1;
        this.counts.set(key, count);
      }
    }
    if (table !== 'events') return { ok: true, rows };
    for (const [i, row] of rows.entries()) {
      const parsed = legacyEvent.safeParse(row);
      if (!parsed.success) return { ok: false, problem: `row ${i + 1}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}` };
    }
    // A chunk boundary may split one command's events into two rows; readers flatten them alike.
    return { ok: true, rows: batchesOf(rows as EventRow[]) };
  }

  /** Rows the old schema did not have, made from the rows seen (written last). */
  extraRows(): Array<{ table: BackupTable; rows: unknown[] }> {
    return [
      ...(this.fromVersion < 3 ? [{ table: 'stateCounts' as const, rows: [...this.counts.values()] }] : []),
      // Like the v6 upgrade: the default carriers.
      ...(this.fromVersion < 6 ? [{ table: 'carriers' as const, rows: defaultCarrierRows(Date.now()) }] : []),
    ];
  }
}

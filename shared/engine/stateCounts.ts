// Per-state order counts, a read model for the board's column headers. IndexedDB counts an
// index range by walking it, so at 100 000 orders the headers alone took ~1 s; every write
// of an order's state says how it moved, and the counts change in the same transaction.
import type { CounterDb } from '../db/database';
import type { OrderType, StateCountRow } from '../db/rows';

/** An order entering (from null), leaving (to null) or moving between states. */
export interface StateMove {
  type: OrderType;
  from: string | null;
  to: string | null;
}

/** The net change per (type, state), without the ones that cancel out. */
export function stateCountDeltas(moves: Iterable<StateMove>): StateCountRow[] {
  const byKey = new Map<string, StateCountRow>();
  const add = (type: OrderType, state: string, delta: number) => {
    const key = `${type}\u0000${state}`;
    const row = byKey.get(key) ?? { type, state, count: 0 };
    row.count += delta;
    byKey.set(key, row);
  };
  for (const m of moves) {
    if (m.from === m.to) continue;
    if (m.from !== null) add(m.type, m.from, -1);
    if (m.to !== null) add(m.type, m.to, +1);
  }
  return [...byKey.values()].filter((r) => r.count !== 0);
}

/** The count rows to store after the moves, from the stored rows (read in the same transaction). */
export function movedCounts(moves: Iterable<StateMove>, stored: readonly StateCountRow[]): StateCountRow[] {
  const current = new Map(stored.map((r) => [`${r.type}\u0000${r.state}`, r.count]));
  return stateCountDeltas(moves).map((d) => ({ ...d, count: (current.get(`${d.type}\u0000${d.state}`) ?? 0) + d.count }));
}

/** Applies the moves to the stored counts; runs inside the caller's transaction. */
export async function applyStateMoves(db: CounterDb, moves: Iterable<StateMove>): Promise<void> {
  await db.stateCounts.bulkPut(movedCounts(moves, await db.stateCounts.toArray()));
}

// Stock on Dexie: load the rows a command touches into a StockWork and write back what it
// changed (the storage shell calls these inside the command's transaction), and the stock
// read models (levels, ledger, low stock, the check against the ledger).
import Dexie from 'dexie';
import type { Counter, LowStockRow, StockFilter, StockLevelView } from '../api';
import type { CounterDb } from '../db/database';
import type { LedgerRow, ReservationRow, StockLevelRow } from '../db/rows';
import { exportProductsCsv, exportStockLevelsCsv } from './csv';
import { compareLevels, levelRows, lowStock, rebuildLevels, toLevelView, type StockCheckReport } from './levels';
import { stockChanges, stockSkusOf, stockWorkOf, type AllocationStrategy, type StockWork } from './work';

/** The stock read models of a counter, and the repair of levels from the ledger. */
export type StockReads = Pick<Counter, 'stockLevels' | 'ledger' | 'lowStock' | 'checkStock' | 'repairLevels' | 'exportProducts' | 'exportStockLevels'>;

/** Tables a stock command locks. The order engine locks these too (orderTables). */
export function stockTables(db: CounterDb) {
  return [db.products, db.locations, db.stockLedger, db.stockLevels, db.reservations, db.commands];
}

// 'returned': units waiting for inspection at the returns desk are held as reserved.
const OPEN_STATUSES = ['reserved', 'partly-shipped', 'returned'];

/**
 * Load the stock rows a command may touch. Call inside a transaction that includes
 * stockTables(db): products of the skus, all locations, levels of the skus and of every
 * sku the order's reservations name (so releasing them never starts from a zero level).
 */
export async function loadStockWork(
  db: CounterDb,
  skus: Iterable<string>,
  strategy: AllocationStrategy = 'priority',
  reservations: readonly ReservationRow[] = [],
): Promise<StockWork> {
  const allSkus = stockSkusOf(skus, reservations);
  const [products, locations, levels] = await Promise.all([db.products.bulkGet(allSkus), db.locations.toArray(), levelsOf(db, allSkus)]);
  return stockWorkOf(strategy, reservations, { products, locations, levels });
}

/** An order's reservations (one request: the order engine issues it with its other reads). */
export function reservationsOf(db: CounterDb, orderId: string): Promise<ReservationRow[]> {
  return db.reservations.where('orderId').equals(orderId).toArray();
}

/**
 * The levels of the skus: one range of the primary key per sku, issued together. (`anyOf`
 * would walk a cursor, one round trip to the storage process per row.)
 */
async function levelsOf(db: CounterDb, skus: readonly string[]): Promise<StockLevelRow[]> {
  const perSku = await Promise.all(
    skus.map((sku) => db.stockLevels.where('[sku+locationId]').between([sku, Dexie.minKey], [sku, Dexie.maxKey], true, true).toArray()),
  );
  return perSku.flat();
}

/** Write what a command changed. Call inside the same transaction that loaded the work. */
export async function writeStockWork(db: CounterDb, work: StockWork): Promise<void> {
  const c = stockChanges(work);
  await Promise.all([
    db.products.bulkPut(c.products),
    db.locations.bulkPut(c.locations),
    db.stockLevels.bulkPut(c.levels),
    db.reservations.bulkPut(c.reservations),
    db.stockLedger.bulkAdd(c.ledger),
  ]);
}

/**
 * A filter as a caller gave it. Absent or null fields filter nothing; a field that is not
 * text matches no row ('none') — it would not be a valid IndexedDB key, and the query
 * would throw a DataError instead of answering.
 */
function keyFilter(filter: unknown): StockFilter | 'none' {
  if (typeof filter !== 'object' || filter === null) return {};
  try {
    const { sku, locationId } = filter as Record<string, unknown>;
    const out: StockFilter = {};
    for (const [field, value] of [['sku', sku], ['locationId', locationId]] as const) {
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') return 'none';
      out[field] = value;
    }
    return out;
  } catch {
    return 'none'; // a field that throws when read (a script's getter)
  }
}

export function createStockReads(db: CounterDb, now: () => number): StockReads {
  async function readLevels(given?: StockFilter): Promise<StockLevelRow[]> {
    const filter = keyFilter(given);
    if (filter === 'none') return [];
    if (filter?.sku !== undefined && filter.locationId !== undefined) {
      const row = await db.stockLevels.get([filter.sku, filter.locationId]);
      return row ? [row] : [];
    }
    if (filter?.sku !== undefined) return db.stockLevels.where('sku').equals(filter.sku).toArray();
    if (filter?.locationId !== undefined) return db.stockLevels.where('locationId').equals(filter.locationId).toArray();
    return db.stockLevels.toArray();
  }

  async function rebuiltFromLedger() {
    const [ledger, open] = await Promise.all([
      db.stockLedger.toArray(),
      db.reservations.where('status').anyOf(OPEN_STATUSES).toArray(),
    ]);
    return rebuildLevels(ledger, open);
  }

  const bySkuThenLocation = (a: StockLevelRow, b: StockLevelRow) => a.sku.localeCompare(b.sku) || a.locationId.localeCompare(b.locationId);

  return {
    async stockLevels(filter?: StockFilter): Promise<StockLevelView[]> {
      const rows = await db.transaction('r', db.stockLevels, () => readLevels(filter));
      return rows.sort(bySkuThenLocation).map(toLevelView);
    },

    async ledger(given?: StockFilter): Promise<LedgerRow[]> {
      const filter = keyFilter(given);
      if (filter === 'none') return [];
      return db.transaction('r', db.stockLedger, async () => {
        if (filter?.sku !== undefined) {
          const rows = await db.stockLedger.where('[sku+seq]').between([filter.sku, Dexie.minKey], [filter.sku, Dexie.maxKey]).toArray();
          return filter.locationId === undefined ? rows : rows.filter((r) => r.locationId === filter.locationId);
        }
        if (filter?.locationId !== undefined) return db.stockLedger.where('locationId').equals(filter.locationId).sortBy('seq');
        return db.stockLedger.orderBy('seq').toArray();
      });
    },

    async lowStock(): Promise<LowStockRow[]> {
      return db.transaction('r', db.products, db.stockLevels, async () => lowStock(await db.products.toArray(), await db.stockLevels.toArray()));
    },

    async checkStock(): Promise<StockCheckReport> {
      return db.transaction('r', db.stockLedger, db.reservations, db.stockLevels, async () =>
        compareLevels(await db.stockLevels.toArray(), await rebuiltFromLedger()),
      );
    },

    async repairLevels(): Promise<StockCheckReport> {
      return db.transaction('rw', db.stockLedger, db.reservations, db.stockLevels, async () => {
        const rebuilt = await rebuiltFromLedger();
        const report = compareLevels(await db.stockLevels.toArray(), rebuilt);
        if (!report.ok) {
          await db.stockLevels.clear();
          await db.stockLevels.bulkPut(levelRows(rebuilt, now()));
        }
        return report;
      });
    },

    async exportProducts(): Promise<string> {
      return exportProductsCsv(await db.products.orderBy('sku').toArray());
    },

    async exportStockLevels(filter?: StockFilter): Promise<string> {
      const rows = await db.transaction('r', db.stockLevels, () => readLevels(filter));
      return exportStockLevelsCsv(rows.sort(bySkuThenLocation));
    },
  };
}

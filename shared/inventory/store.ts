// The Dexie storage shell for stock commands: load the rows a command touches into a
// StockWork, let the pure rules decide, write the changes — all in one read-write
// transaction, so check-and-change cannot interleave with another window or worker.
import Dexie from 'dexie';
import type { CommandOptions, Counter, LowStockRow, Refused, StockFilter, StockLevelView, StockResult } from '../api';
import type { CounterDb } from '../db/database';
import type { LedgerRow, ProductRow, ReservationRow, StockLevelRow } from '../db/rows';
import { newId } from '../ids';
import { barcodeForms } from './barcodes';
import { addLocation, productUpdate, putProduct, updateLocation } from './catalog';
import { exportProductsCsv, exportStockLevelsCsv, parseProductsCsv, parseStockLevelsCsv } from './csv';
import { compareLevels, levelRows, lowStock, rebuildLevels, toLevelView, type StockCheckReport } from './levels';
import { adjust, count, receive, transfer } from './movements';
import { isStockRefusal, StockRefusal } from './refusals';
import { parseInput, productInputSchema } from './schemas';
import { emptyStockWork, levelKey, type AllocationStrategy, type MovementMeta, type StockWork } from './work';

export interface StockContext {
  now(): number;
  deviceId: string;
  operator: string;
  /** How order lines take stock; 'priority' when absent. */
  strategy?: AllocationStrategy;
}

export type ProductImportResult = { ok: true; created: number; updated: number } | Refused;

export interface StockCommands
  extends Pick<
    Counter,
    'addProduct' | 'updateProduct' | 'addLocation' | 'updateLocation' | 'receive' | 'adjust' | 'transfer' | 'count' | 'stockLevels' | 'ledger' | 'lowStock'
  > {
  checkStock(): Promise<StockCheckReport>;
  /** Import (create or update) products from CSV: all rows or none; details.errors lists every bad row. */
  importProducts(csvText: string, options?: CommandOptions): Promise<ProductImportResult>;
  /** Apply a stock-levels CSV (sku, locationId, onHand) as stock-take counts: all rows or none. */
  importStockLevels(csvText: string, options?: CommandOptions): Promise<StockResult>;
  exportProducts(): Promise<string>;
  exportStockLevels(filter?: StockFilter): Promise<string>;
  /** Rewrite stored levels from the ledger and open reservations; returns what was wrong before. */
  repairLevels(): Promise<StockCheckReport>;
}

/** Tables a stock command locks. The order engine locks these too (orderTables). */
export function stockTables(db: CounterDb) {
  return [db.products, db.locations, db.stockLedger, db.stockLevels, db.reservations, db.commands];
}

const OPEN_STATUSES = ['reserved', 'partly-shipped'];

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
  const work = emptyStockWork(strategy);
  for (const r of reservations) work.reservations.set(r.id, r);
  const allSkus = [...new Set([...skus, ...reservations.map((r) => r.sku)])];
  const [products, locations, levels] = await Promise.all([db.products.bulkGet(allSkus), db.locations.toArray(), levelsOf(db, allSkus)]);
  for (const p of products) if (p) work.products.set(p.sku, p);
  for (const l of locations) work.locations.set(l.id, l);
  for (const l of levels) work.levels.set(levelKey(l.sku, l.locationId), l);
  return work;
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
  const changed = <K, V>(map: Map<K, V>, keys: Set<K>): V[] =>
    [...keys].map((k) => map.get(k)).filter((v): v is V => v !== undefined);
  await Promise.all([
    db.products.bulkPut(changed(work.products, work.changedProducts)),
    db.locations.bulkPut(changed(work.locations, work.changedLocations)),
    db.stockLevels.bulkPut(changed(work.levels, work.changedLevels)),
    db.reservations.bulkPut(changed(work.reservations, work.changedReservations)),
    // The ledger is append-only and numbered by the database (++seq), in command order.
    db.stockLedger.bulkAdd(work.ledger.map(({ seq: _seq, ...row }) => row)),
  ]);
}

function skuOf(input: unknown, field = 'sku'): string[] {
  if (typeof input !== 'object' || input === null) return [];
  const value: unknown = (input as Record<string, unknown>)[field];
  return typeof value === 'string' ? [value.trim()] : [];
}

type Decided<R> = { ok: true } & R;

export function createStockCommands(db: CounterDb, ctx: StockContext): StockCommands {
  const strategy = ctx.strategy ?? 'priority';

  /**
   * One write command: replay a stored result for a known command id, otherwise load,
   * decide and write in one transaction. A refusal writes nothing, not even the command
   * row, so the same id may be retried once the cause is fixed.
   */
  async function run<R extends object>(
    kind: string,
    options: CommandOptions | undefined,
    decide: (meta: MovementMeta) => Promise<{ work: StockWork; result: Decided<R> }>,
  ): Promise<Decided<R> | Refused> {
    const commandId = options?.commandId ?? newId();
    const storedKind = `stock:${kind}`;
    return db.transaction('rw', stockTables(db), async () => {
      const prior = await db.commands.get(commandId);
      if (prior) {
        if (prior.kind !== storedKind) {
          return new StockRefusal('invalid-input', `Command id ${commandId} was already used for '${prior.kind}'`).toRefused();
        }
        return prior.result as Decided<R>; // stored by this function for the same kind
      }
      const meta: MovementMeta = { commandId, deviceId: ctx.deviceId, operator: ctx.operator, at: ctx.now() };
      let decided: { work: StockWork; result: Decided<R> };
      try {
        decided = await decide(meta);
      } catch (error) {
        if (isStockRefusal(error)) return error.toRefused();
        throw error;
      }
      await writeStockWork(db, decided.work);
      await db.commands.add({ id: commandId, kind: storedKind, deviceId: ctx.deviceId, operator: ctx.operator, at: meta.at, result: decided.result });
      return decided.result;
    });
  }

  function movement(
    kind: string,
    rule: (work: StockWork, meta: MovementMeta) => LedgerRow[],
    skus: string[],
    options: CommandOptions | undefined,
  ): Promise<StockResult> {
    return run<{ movements: number }>(kind, options, async (meta) => {
      const work = await loadStockWork(db, skus, strategy);
      const rows = rule(work, meta);
      return { work, result: { ok: true, movements: rows.length } };
    });
  }

  async function readLevels(filter?: StockFilter): Promise<StockLevelRow[]> {
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
    addProduct: (product, options) =>
      run<{ movements: number }>('add-product', options, async (meta) => {
        const fields = parseInput(productInputSchema, product);
        const work = emptyStockWork(strategy);
        const [same, sharing] = await Promise.all([
          db.products.get(fields.sku),
          fields.barcodes.length === 0 ? Promise.resolve<ProductRow[]>([]) : db.products.where('barcodes').anyOf(fields.barcodes.flatMap(barcodeForms)).toArray(),
        ]);
        for (const p of [...sharing, ...(same ? [same] : [])]) work.products.set(p.sku, p);
        putProduct(work, fields, meta, 'create');
        return { work, result: { ok: true, movements: 0 } };
      }),

    updateProduct: (product, options) =>
      run<{ movements: number }>('update-product', options, async (meta) => {
        const [sku] = skuOf(product);
        const existing = sku === undefined ? undefined : await db.products.get(sku);
        const fields = productUpdate(existing, product);
        const work = emptyStockWork(strategy);
        const sharing = fields.barcodes.length === 0 ? [] : await db.products.where('barcodes').anyOf(fields.barcodes.flatMap(barcodeForms)).toArray();
        for (const p of [...sharing, ...(existing ? [existing] : [])]) work.products.set(p.sku, p);
        putProduct(work, fields, meta, 'update');
        return { work, result: { ok: true, movements: 0 } };
      }),

    addLocation: (location, options) =>
      run<{ movements: number }>('add-location', options, async () => {
        const work = await loadStockWork(db, [], strategy);
        addLocation(work, location);
        return { work, result: { ok: true, movements: 0 } };
      }),

    updateLocation: (location, options) =>
      run<{ movements: number }>('update-location', options, async () => {
        const work = await loadStockWork(db, [], strategy);
        updateLocation(work, location);
        return { work, result: { ok: true, movements: 0 } };
      }),

    receive: (input, options) => movement('receive', (w, m) => receive(w, input, m), skuOf(input), options),
    adjust: (input, options) => movement('adjust', (w, m) => adjust(w, input, m), skuOf(input), options),
    count: (input, options) => movement('count', (w, m) => count(w, input, m), skuOf(input), options),
    transfer: (input, options) => movement('transfer', (w, m) => transfer(w, input, m), skuOf(input), options),

    importProducts: (csvText, options) =>
      run<{ created: number; updated: number }>('import-products', options, async (meta) => {
        const existing = await db.products.toArray();
        const parsed = parseProductsCsv(csvText, existing);
        if (!parsed.ok) {
          const n = parsed.errors.length;
          throw new StockRefusal('invalid-input', `${n} problem${n === 1 ? '' : 's'} in the file; nothing was imported`, {
            errors: parsed.errors,
          });
        }
        const work = emptyStockWork(strategy);
        for (const p of existing) work.products.set(p.sku, p);
        let created = 0;
        for (const row of parsed.rows) if (putProduct(work, row, meta, 'upsert') === 'created') created++;
        return { work, result: { ok: true, created, updated: parsed.rows.length - created } };
      }),

    importStockLevels: (csvText, options) =>
      run<{ movements: number }>('import-stock-levels', options, async (meta) => {
        const [skus, locationIds] = await Promise.all([db.products.toCollection().primaryKeys(), db.locations.toCollection().primaryKeys()]);
        const parsed = parseStockLevelsCsv(csvText, { skus, locationIds });
        if (!parsed.ok) {
          const n = parsed.errors.length;
          throw new StockRefusal('invalid-input', `${n} problem${n === 1 ? '' : 's'} in the file; nothing was imported`, {
            errors: parsed.errors,
          });
        }
        const work = await loadStockWork(db, parsed.rows.map((r) => r.sku), strategy);
        for (const r of parsed.rows) count(work, { sku: r.sku, locationId: r.locationId, qty: r.onHand, reason: 'CSV import' }, meta);
        return { work, result: { ok: true, movements: work.ledger.length } };
      }),

    async stockLevels(filter?: StockFilter): Promise<StockLevelView[]> {
      const rows = await db.transaction('r', db.stockLevels, () => readLevels(filter));
      return rows.sort(bySkuThenLocation).map(toLevelView);
    },

    async ledger(filter?: StockFilter): Promise<LedgerRow[]> {
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
          await db.stockLevels.bulkPut(levelRows(rebuilt, ctx.now()));
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

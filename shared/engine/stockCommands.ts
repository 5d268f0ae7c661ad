// The stock commands of a counter (products, locations, movements, CSV imports): each
// validates its options at the boundary and runs through the one pipeline, loading the
// rows it touches in its transaction and letting the pure rules of inventory/ decide.
import type { CommandOptions, Counter, Refused, StockResult } from '../api';
import type { LedgerRow, ProductRow } from '../db/rows';
import { newId } from '../ids';
import { LIMITS } from '../limits';

const { MAX_CSV_BYTES, MAX_FILE_PROBLEMS } = LIMITS;
import { barcodeForms } from '../inventory/barcodes';
import { addLocation, productUpdate, putProduct, updateLocation } from '../inventory/catalog';
import { fileTextProblem } from '../fileText';
import { parseProductsCsv, parseStockLevelsCsv } from '../inventory/csv';
import { adjust, count, receive, transfer } from '../inventory/movements';
import { StockRefusal } from '../inventory/refusals';
import { parseInput, productInputSchema } from '../inventory/schemas';
import { emptyStockWork, type AllocationStrategy, type MovementMeta, type StockWork } from '../inventory/work';
import { parseArg, refused, type CommandMeta } from './command';
import { commandOptionsSchema } from './input';
import { runCommand } from './pipeline';
import type { CommandStorage, StorageTx } from './storage';

export interface StockContext {
  storage: CommandStorage;
  now(): number;
  deviceId: string;
  /** Who the next command is made as (the signed-in operator, else the configured one). */
  operator: () => string;
}

export type StockCommands = Pick<
  Counter,
  'addProduct' | 'updateProduct' | 'addLocation' | 'updateLocation' | 'receive' | 'adjust' | 'transfer' | 'count' | 'importProducts' | 'importStockLevels'
>;

type Decided<R> = { ok: true } & R;

function skuOf(input: unknown, field = 'sku'): string[] {
  if (typeof input !== 'object' || input === null) return [];
  const value: unknown = (input as Record<string, unknown>)[field];
  return typeof value === 'string' ? [value.trim()] : [];
}

/** A CSV file's text: a string within the size limit. */
function csvRefusal(csvText: unknown): Refused | undefined {
  if (typeof csvText !== 'string') return refused('invalid-input', 'The file is empty or is not text; nothing was imported.', { reason: 'not-text', field: 'csvText' });
  if (csvText.length > MAX_CSV_BYTES) {
    return refused('limit-exceeded', `The file is larger than ${MAX_CSV_BYTES} characters; split it and import the parts.`, { reason: 'file-too-large', limit: MAX_CSV_BYTES });
  }
  const text = fileTextProblem(csvText);
  if (text?.problem === 'binary') {
    return refused('invalid-input', `This file is not CSV text (row ${text.row} holds NUL bytes: UTF-16 text, a workbook or another binary file). Save it as "CSV UTF-8" and import that; nothing was imported.`, { reason: 'binary-file', row: text.row });
  }
  if (text) {
    return refused('invalid-input', `This file is not saved as UTF-8 (row ${text.row} has characters that cannot be read, as a file saved in GBK or ANSI gives). Save it as "CSV UTF-8" and import it again; nothing was imported.`, { reason: 'not-utf8', row: text.row });
  }
  return undefined;
}

/** A bad file is refused whole, its bad rows listed (the first MAX_FILE_PROBLEMS: a person
 *  fixes those and tries again; millions would stall the screen that shows them). */
function fileProblems(errors: unknown[]): StockRefusal {
  const n = errors.length;
  const listed = errors.slice(0, MAX_FILE_PROBLEMS);
  const more = n > listed.length ? `; the first ${listed.length} are listed` : '';
  return new StockRefusal('invalid-input', `${n} problem${n === 1 ? '' : 's'} in the file${more}; nothing was imported`, { errors: listed }, { reason: 'file-problems', problems: n });
}

export function createStockCommands(ctx: StockContext): StockCommands {
  // Movements allocate nothing, so the strategy does not matter here; order lines take
  // stock with the saved one (the order commands read it with their settings).
  const strategy: AllocationStrategy = 'priority';

  /**
   * One stock command through the pipeline. A refusal writes nothing, not even the command
   * row, so the same id may be retried once the cause is fixed.
   */
  async function run<R extends object>(
    kind: string,
    options: unknown,
    payload: unknown,
    decide: (tx: StorageTx, meta: MovementMeta) => Promise<{ work: StockWork; result: Decided<R> }>,
  ): Promise<Decided<R> | Refused> {
    const o = parseArg(commandOptionsSchema, options, 'options');
    if (!o.ok) return o.refusal;
    const meta: CommandMeta = { commandId: o.value?.commandId ?? newId(), kind: `stock:${kind}`, deviceId: ctx.deviceId, operator: ctx.operator(), at: ctx.now() };
    return runCommand(ctx.storage, meta, payload, async (tx) => {
      const { work, result } = await decide(tx, meta);
      return { result, write: (w) => w.writeStock(work) };
    });
  }

  function movement(
    kind: string,
    rule: (work: StockWork, meta: MovementMeta) => LedgerRow[],
    input: unknown,
    options: CommandOptions | undefined,
  ): Promise<StockResult> {
    return run<{ movements: number }>(kind, options, input, async (tx, meta) => {
      const work = await tx.stockWork(skuOf(input), strategy);
      const rows = rule(work, meta);
      return { work, result: { ok: true, movements: rows.length } };
    });
  }

  return {
    addProduct: (product, options) =>
      run<{ movements: number }>('add-product', options, product, async (tx, meta) => {
        const fields = parseInput(productInputSchema, product);
        const work = emptyStockWork(strategy);
        const [same, sharing] = await Promise.all([tx.product(fields.sku), tx.productsWithBarcodes(fields.barcodes.flatMap(barcodeForms))]);
        for (const p of [...sharing, ...(same ? [same] : [])]) work.products.set(p.sku, p);
        putProduct(work, fields, meta, 'create');
        return { work, result: { ok: true, movements: 0 } };
      }),

    updateProduct: (product, options) =>
      run<{ movements: number }>('update-product', options, product, async (tx, meta) => {
        const [sku] = skuOf(product);
        const existing: ProductRow | undefined = sku === undefined ? undefined : await tx.product(sku);
        const fields = productUpdate(existing, product);
        const work = emptyStockWork(strategy);
        const sharing = await tx.productsWithBarcodes(fields.barcodes.flatMap(barcodeForms));
        for (const p of [...sharing, ...(existing ? [existing] : [])]) work.products.set(p.sku, p);
        putProduct(work, fields, meta, 'update');
        return { work, result: { ok: true, movements: 0 } };
      }),

    addLocation: (location, options) =>
      run<{ movements: number }>('add-location', options, location, async (tx) => {
        const work = await tx.stockWork([], strategy);
        addLocation(work, location);
        return { work, result: { ok: true, movements: 0 } };
      }),

    updateLocation: (location, options) =>
      run<{ movements: number }>('update-location', options, location, async (tx) => {
        const work = await tx.stockWork([], strategy);
        updateLocation(work, location);
        return { work, result: { ok: true, movements: 0 } };
      }),

    receive: (input, options) => movement('receive', (w, m) => receive(w, input, m), input, options),
    adjust: (input, options) => movement('adjust', (w, m) => adjust(w, input, m), input, options),
    count: (input, options) => movement('count', (w, m) => count(w, input, m), input, options),
    transfer: (input, options) => movement('transfer', (w, m) => transfer(w, input, m), input, options),

    async importProducts(csvText, options) {
      const bad = csvRefusal(csvText);
      if (bad) return bad;
      return run<{ created: number; updated: number }>('import-products', options, csvText, async (tx, meta) => {
        const existing = await tx.allProducts();
        const parsed = parseProductsCsv(csvText, existing);
        if (!parsed.ok) throw fileProblems(parsed.errors);
        const work = emptyStockWork(strategy);
        for (const p of existing) work.products.set(p.sku, p);
        let created = 0;
        for (const row of parsed.rows) if (putProduct(work, row, meta, 'upsert') === 'created') created++;
        return { work, result: { ok: true, created, updated: parsed.rows.length - created } };
      });
    },

    async importStockLevels(csvText, options) {
      const bad = csvRefusal(csvText);
      if (bad) return bad;
      return run<{ movements: number }>('import-stock-levels', options, csvText, async (tx, meta) => {
        const [skus, locationIds] = await Promise.all([tx.productSkus(), tx.locationIds()]);
        const parsed = parseStockLevelsCsv(csvText, { skus, locationIds });
        if (!parsed.ok) throw fileProblems(parsed.errors);
        const work = await tx.stockWork(
          parsed.rows.map((r) => r.sku),
          strategy,
        );
        for (const r of parsed.rows) count(work, { sku: r.sku, locationId: r.locationId, qty: r.onHand, reason: 'CSV import' }, meta);
        return { work, result: { ok: true, movements: work.ledger.length } };
      });
    },
  };
}

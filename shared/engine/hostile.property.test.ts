// Hostile input against every public call of the counter: wrong types, null refs, unknown
// order types, own __proto__/constructor keys, reserved and non-text command ids, huge and
// control-character text, workflows nested thousands deep, NaN/Infinity/-0/1e308 figures,
// 10 000-line orders — mixed with valid calls so some apply and later calls meet real rows.
// Promise checked after every call: it settles (no throw, no hang); a refusal carries a
// known code and a message and wrote nothing; reads write nothing; the stock levels agree
// with the ledger. logScan is the one write that never refuses: it may append one scan row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import productOrderJson from '../workflows/product-order.json';
import serviceOrderJson from '../workflows/service-order.json';
import type { EngineCounter } from './counter';
import { testCounter, type TestCounter } from './testing/counter';
import { createOk, ok, paidOrder, productOrder, shippedOrder } from './testing/flows';
import { badNumber, badText, expectWellFormedRefusal, hostile, isRefusal, protoKeys, tables, within } from './testing/hostile';

const SEED = Number(process.env.HOSTILE_SEED ?? 20261206);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 12);
const CALLS = 30;
const DAY = 86_400_000;

// --- picks: a reference to a row that exists when the call runs -------------------------

type Pool = 'order' | 'item' | 'refund' | 'voucher' | 'timer' | 'failedTimer' | 'sku';

class Pick {
  constructor(
    readonly pool: Pool,
    readonly n: number,
  ) {}
}
const pick = (pool: Pool) => fc.nat(1000).map((n) => new Pick(pool, n));

type World = Record<Pool, string[]>;

async function worldOf(counter: EngineCounter): Promise<World> {
  const db = counter.db;
  const [order, item, refund, voucher, timers, sku] = await Promise.all([
    db.orders.toCollection().primaryKeys(),
    db.items.toCollection().primaryKeys(),
    db.refunds.toCollection().primaryKeys(),
    db.vouchers.toCollection().primaryKeys(),
    db.timers.toArray(),
    db.products.toCollection().primaryKeys(),
  ]);
  return {
    order,
    item,
    refund,
    voucher,
    timer: timers.map((t) => t.id),
    failedTimer: timers.filter((t) => t.status === 'failed').map((t) => t.id),
    sku,
  };
}

/** Replaces picks (to a few levels; hostile values nest deeper and hold none). Containers
 *  are rebuilt with own properties only, so parsed `__proto__` keys stay own keys. */
function resolve(value: unknown, world: World, depth = 0): unknown {
  if (value instanceof Pick) {
    const rows = world[value.pool];
    return rows.length ? rows[value.n % rows.length] : `missing-${value.pool}`;
  }
  if (depth > 3 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.length > 600 ? value : value.map((v) => resolve(v, world, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  try {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, world, depth + 1)]));
  } catch {
    return value; // a field that throws when read: hand it over as it is
  }
}

// --- arbitraries ---------------------------------------------------------------------

const or = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostile });

/** Command ids: fresh, repeated (some repeats are conflicts), reserved, and not text at all. */
const commandId = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<unknown>('cmd-1', 'cmd-2', 'cmd-3') },
  { weight: 2, arbitrary: fc.uuid() },
  fc.constantFrom<unknown>('timer:x', 'timer:', 42, { id: 'x' }, ['cmd-1'], null, 'x'.repeat(5000), 'bad\u0000id'),
  badText,
);
const options = fc.oneof(
  { weight: 8, arbitrary: fc.constant<unknown>(undefined) },
  { weight: 3, arbitrary: fc.record({ commandId }) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: hostile },
);

const skus = fc.constantFrom('SKU-1', 'SKU-2', 'SKU-3', 'YOGA-10', 'NOPE');
const skuArb = fc.oneof({ weight: 4, arbitrary: skus as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: pick('sku') }, { weight: 1, arbitrary: badText }, { weight: 1, arbitrary: hostile });
const locationArb = or(fc.constantFrom('main', 'back', 'nowhere'));
const qty = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 5 }) as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.integer({ min: -5, max: 5 }) }, { weight: 1, arbitrary: badNumber }, { weight: 1, arbitrary: hostile });
const price = fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 50 }), badNumber, fc.constant(2e9));

const orderLine = fc.record(
  { sku: skuArb, qty, price, unitPrice: price, serviceTimes: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 3 }), badNumber), validUntil: fc.oneof(fc.constant(undefined), fc.constantFrom('2026-12-31', 'yesterday', '9999-99-99')) },
  { requiredKeys: ['sku', 'qty'] },
);
const validOrderInput = fc.record({ buyerId: fc.constantFrom('b-1', 'b-2'), lines: fc.array(fc.record({ sku: fc.constantFrom('SKU-1', 'SKU-2', 'YOGA-10'), qty: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }) });
const orderInput = fc.oneof(
  { weight: 12, arbitrary: validOrderInput as fc.Arbitrary<unknown> },
  { weight: 2, arbitrary: fc.record({ buyerId: or(fc.constant('b')), buyerName: fc.oneof(fc.constant(undefined), badText), address: fc.oneof(fc.constant(undefined), badText), lines: fc.array(orderLine, { maxLength: 4 }) }) },
  // 10 000 lines: refused at the limit, quickly.
  fc.constant(null).map(() => ({ buyerId: 'b', lines: Array.from({ length: 10_000 }, () => ({ sku: 'SKU-1', qty: 1 })) })),
  fc.constant(null).map(() => protoKeys({ buyerId: 'b', lines: [protoKeys({ sku: 'SKU-1', qty: 1 })] })),
  hostile,
);

const roles = fc.constantFrom('B', 'S', 'P', 'U', 'b', 'system');
const actions = [...new Set([productOrderJson, serviceOrderJson].flatMap((w) => Object.values(w.machines).flatMap((m) => m.transitions.map((t: { role: string; action: string }) => `${t.role}|${t.action}`))))];
/** A role and action of the built-in workflows (right or wrong for the row picked). */
const HAPPY = ['P|payment successful', 'S|ship the order', 'B|confirm reception of order', 'B|request refund with return', 'B|request refund', 'S|agree refund', 'B|ship back', 'P|finished refund', 'B|cancel order'];
const roleAction = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HAPPY).map((ra) => ra.split('|') as [unknown, unknown]) },
  { weight: 3, arbitrary: fc.constantFrom(...actions).map((ra) => ra.split('|') as [unknown, unknown]) },
  { weight: 1, arbitrary: fc.tuple(or(roles), or(fc.constantFrom('payment successful', 'ship the order', 'fly away'))) },
);
const refArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('order'), id: pick('order') }) as fc.Arbitrary<unknown> },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('item'), id: pick('item') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refund'), id: pick('refund') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom<unknown>('voucher', 'order', null, 1, '__proto__'), id: or(badText) }) },
  { weight: 1, arbitrary: hostile },
);

/** A product-order definition whose first guard is a condition nested `depth` deep. */
function deepWorkflow(depth: number, version: number): unknown {
  const def = structuredClone(productOrderJson) as Record<string, unknown> & { machines: { order: { transitions: Array<Record<string, unknown>> } } };
  def.version = version;
  let guard: unknown = { orderIn: ['FP'] };
  for (let i = 0; i < depth; i++) guard = i % 2 ? { not: guard } : { all: [guard] };
  def.machines.order.transitions[0]!.guard = guard;
  return def;
}
const workflow = fc.oneof(
  fc.integer({ min: 2, max: 4 }).map((version) => ({ ...structuredClone(productOrderJson), version })),
  fc.tuple(fc.integer({ min: 100, max: 5_000 }), fc.integer({ min: 2, max: 9 })).map(([d, v]) => deepWorkflow(d, v)),
  fc.constant(null).map(() => protoKeys({ ...structuredClone(productOrderJson), version: 7 })),
  fc.constant(null).map(() => ({ ...structuredClone(productOrderJson), version: NaN })),
  hostile,
);

const settingValue: Record<string, fc.Arbitrary<unknown>> = {
  periodPreset: fc.constantFrom('production', 'demo'),
  periods: fc.oneof(fc.constant({ payment: 60_000 }), fc.constant(null).map(() => JSON.parse('{"__proto__": 5, "payment": 1000}'))),
  deviceName: fc.constantFrom('Front desk', ''),
  devicePrefix: fc.constantFrom('K2', 'lower', ''),
  allocationStrategy: fc.constantFrom('priority', 'most-stock'),
  utcOffsetMinutes: fc.oneof(fc.constantFrom(480, -720, 840), badNumber),
  scannerProfile: fc.constant({ maxGapMs: 30, minLength: 4, suffix: '\n' }),
};
const setting = fc.oneof(
  fc.constantFrom(...Object.keys(settingValue)).chain((key) => fc.tuple(fc.constant<unknown>(key), or(settingValue[key]!))),
  fc.tuple(fc.constantFrom<unknown>('constructor', '__proto__', 'toString', 'hasOwnProperty', 'nope', null, 1, {}), hostile),
);

const csv = fc.oneof(
  fc.constantFrom<unknown>(
    'sku,name,price\nNEW-1,New thing,5\n',
    'sku,name,price\nNEW-2,"=HYPERLINK(""x"")",NaN\n',
    'sku,name\n\u0000,\u0007\n',
    'sku,locationId,onHand\nSKU-1,main,7\n',
    'sku,locationId,onHand\nSKU-1,main,1e308\nSKU-2,back,-0\n',
    'sku,locationId,onHand\nSKU-1,main,Infinity\n',
    '__proto__,constructor\n1,2\n',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
  hostile,
);

const product = fc.oneof(
  fc.record({ sku: fc.constantFrom('P-1', 'P-2', 'P-3'), name: or(fc.constant('Thing')), price, barcodes: fc.oneof(fc.constant(undefined), fc.constantFrom(['4006381333931'], ['x', 'x'], [null])) }, { requiredKeys: ['sku', 'name'] }),
  fc.record({ sku: skuArb, name: fc.oneof(fc.constant(undefined), badText), price, reorderPoint: fc.oneof(fc.constant(undefined), badNumber), active: fc.oneof(fc.constant(undefined), hostile) }),
  fc.constant(null).map(() => protoKeys({ sku: 'P-9', name: 'Proto' })),
  hostile,
);
const location = fc.oneof(
  fc.record({ id: fc.constantFrom('main', 'back', 'shelf'), name: or(fc.constant('Shelf')), priority: fc.oneof(fc.constant(undefined), fc.nat(5), badNumber), parentId: fc.oneof(fc.constant(undefined), fc.constantFrom<unknown>(null, 'main', 'shelf', 'nowhere')) }, { requiredKeys: ['id'] }),
  fc.constant(null).map(() => protoKeys({ id: 'loc-p', name: 'Proto' })),
  hostile,
);
const movement = fc.oneof(
  { weight: 3, arbitrary: fc.record({ sku: skus, locationId: fc.constantFrom('main', 'back'), qty: fc.integer({ min: 0, max: 9 }), reason: fc.constant('because') }) as fc.Arbitrary<unknown> },
  fc.record({ sku: skuArb, locationId: locationArb, qty, reason: fc.oneof(fc.constant(undefined), fc.constant('because'), badText) }),
  fc.constant(null).map(() => protoKeys()),
  hostile,
);
const transferArb = fc.oneof(fc.record({ sku: skus, fromLocationId: fc.constantFrom('main', 'back'), toLocationId: fc.constantFrom('main', 'back'), qty: fc.integer({ min: 1, max: 9 }) }), fc.record({ sku: skuArb, fromLocationId: locationArb, toLocationId: locationArb, qty }), hostile);
const filter = fc.oneof(fc.constant(undefined), fc.record({ sku: fc.oneof(fc.constant(undefined), skuArb) as fc.Arbitrary<unknown>, locationId: fc.oneof(fc.constant(undefined), locationArb) }), hostile);
const scan = fc.oneof(fc.record({ raw: or(badText), type: or(fc.constant('ean13')), screen: hostile, ok: hostile, message: hostile }), fc.constant({ raw: { toString: null } }), hostile);

type Call = { kind: 'call'; name: string; args: unknown[] } | { kind: 'tick'; ms: number };
const call = (name: string, ...args: Array<fc.Arbitrary<unknown>>): fc.Arbitrary<Call> => fc.tuple(...args).map((a): Call => ({ kind: 'call', name, args: a }));

const anyCall: fc.Arbitrary<Call> = fc.oneof(
  { weight: 6, arbitrary: call('createOrder', fc.oneof({ weight: 6, arbitrary: fc.constantFrom<unknown>('product', 'service') }, { weight: 1, arbitrary: fc.constantFrom('subscription', 'PRODUCT') }, { weight: 1, arbitrary: hostile }), orderInput, options) },
  { weight: 8, arbitrary: fc.tuple(refArb, roleAction, fc.oneof({ weight: 4, arbitrary: fc.constant<unknown>(undefined) }, { weight: 1, arbitrary: hostile }), options).map(([ref, [role, action], input, o]) => ({ kind: 'call' as const, name: 'act', args: [ref, role, action, input, o] })) },
  { weight: 3, arbitrary: fc.tuple(or(pick('order')), roleAction, fc.oneof(options, fc.record({ prefer: refArb }))).map(([id, [role, action], o]) => ({ kind: 'call' as const, name: 'actOnOrder', args: [id, role, action, o] })) },
  { weight: 3, arbitrary: call('redeemVoucher', fc.oneof({ weight: 4, arbitrary: pick('voucher') as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: fc.constant('0000000000') }, { weight: 1, arbitrary: hostile }), options) },
  { weight: 2, arbitrary: call('runDueTimers') },
  { weight: 2, arbitrary: fc.constantFrom(3_600_000, 3 * DAY, 30 * DAY).map((ms) => ({ kind: 'tick' as const, ms })) },
  { weight: 2, arbitrary: call('addProduct', product, options) },
  { weight: 2, arbitrary: call('updateProduct', product, options) },
  { weight: 1, arbitrary: call('addLocation', location, options) },
  { weight: 1, arbitrary: call('updateLocation', location, options) },
  { weight: 3, arbitrary: call('receive', movement, options) },
  { weight: 2, arbitrary: call('adjust', movement, options) },
  { weight: 2, arbitrary: call('transfer', transferArb, options) },
  { weight: 2, arbitrary: call('count', movement, options) },
  { weight: 2, arbitrary: call('importProducts', csv, options) },
  { weight: 2, arbitrary: call('importStockLevels', csv, options) },
  { weight: 2, arbitrary: call('installWorkflow', workflow, options) },
  { weight: 2, arbitrary: setting.chain(([k, v]) => call('setSetting', fc.constant(k), fc.constant(v), options)) },
  { weight: 1, arbitrary: call('logScan', scan) },
  { weight: 1, arbitrary: call('retryTimer', fc.oneof(pick('failedTimer'), pick('timer'), hostile)) },
  // reads
  { weight: 1, arbitrary: call('getOrder', fc.oneof(pick('order'), hostile)) },
  { weight: 1, arbitrary: call('roleActions', refArb) },
  { weight: 1, arbitrary: call('explain', refArb, or(roles)) },
  { weight: 1, arbitrary: call('timers', fc.oneof(fc.constant(undefined), refArb)) },
  { weight: 1, arbitrary: call('stockLevels', filter) },
  { weight: 1, arbitrary: call('ledger', filter) },
  { weight: 1, arbitrary: call('exportProducts') },
  { weight: 1, arbitrary: call('exportStockLevels', filter) },
  { weight: 1, arbitrary: call('lowStock') },
  { weight: 1, arbitrary: call('failedTimers') },
);

const READS = new Set(['getOrder', 'roleActions', 'explain', 'timers', 'stockLevels', 'ledger', 'exportProducts', 'exportStockLevels', 'lowStock', 'failedTimers']);

function describeCall(c: Call): string {
  if (c.kind === 'tick') return `tick ${c.ms}`;
  const show = (v: unknown) => {
    try {
      const s = typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' || typeof v === 'function' ? String(v) : (JSON.stringify(v) ?? String(v));
      return s.length > 120 ? `${s.slice(0, 120)}…(${s.length})` : s;
    } catch {
      return Object.prototype.toString.call(v);
    }
  };
  return `${c.name}(${c.args.map(show).join(', ')})`;
}

/** Outcomes per call (HOSTILE_STATS=1 prints them: proof the mix reaches applied commands). */
const outcomes = new Map<string, number>();
function tally(name: string, result: unknown): void {
  const r = result as { ok?: unknown; code?: unknown } | undefined;
  const key = `${name} ${isRefusal(r) ? String(r!.code) : r && typeof r === 'object' && r.ok === true ? 'applied' : typeof result}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

async function runCall(t: TestCounter, c: Call): Promise<void> {
  const { counter, clock } = t;
  if (c.kind === 'tick') {
    clock.advance(c.ms);
    return;
  }
  const world = await worldOf(counter);
  const args = c.args.map((a) => resolve(a, world));
  const label = describeCall({ kind: 'call', name: c.name, args });
  const before = await tables(counter);
  const method = (counter as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[c.name]!;
  let result: unknown;
  try {
    result = await within(label, method.apply(counter, args));
  } catch (error) {
    expect.fail(`${label} threw: ${error instanceof Error ? error.stack : String(error)}`);
  }
  const after = await tables(counter);
  tally(c.name, result);
  if (process.env.HOSTILE_DEBUG && c.name === process.env.HOSTILE_DEBUG) console.log(label, JSON.stringify(result)?.slice(0, 200));
  if (READS.has(c.name)) {
    expect(after, `${label}: a read wrote`).toEqual(before);
  } else if (c.name === 'logScan') {
    // The scan log appends without refusing: at most one new scan row, nothing else.
    expect(after.scans!.length - before.scans!.length, label).toBeLessThanOrEqual(1);
    expect({ ...after, scans: [] }, `${label}: logging a scan wrote elsewhere`).toEqual({ ...before, scans: [] });
  } else if (isRefusal(result)) {
    expectWellFormedRefusal(result, label);
    expect(after, `${label} was refused (${(result as { code: string }).code}) but wrote`).toEqual(before);
  } else if (c.name !== 'runDueTimers') {
    expect(result, label).toMatchObject({ ok: true });
  }
  expect(await within('checkStock', counter.checkStock()), `${label}: levels disagree with the ledger`).toMatchObject({ ok: true });
}

/** Orders in every early state, so picked refs meet real rows from the first call. */
async function openOrders(counter: EngineCounter): Promise<void> {
  await productOrder(counter, 2);
  await paidOrder(counter);
  await shippedOrder(counter, 2);
  const service = await createOk(counter, 'service', { buyerId: 'b-9', lines: [{ sku: 'YOGA-10', qty: 1, price: 30, serviceTimes: 3 }] });
  await ok(counter, { kind: 'order', id: service }, 'P', 'payment successful');
}

/** A failure names the seed that reproduces it (HOSTILE_SEED=... npx vitest run this file). */
async function withSeed(run: Promise<void>): Promise<void> {
  try {
    await run;
  } catch (error) {
    throw new Error(`HOSTILE_SEED=${SEED} reproduces this.\n${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

describe('hostile input against every public call', () => {
  it(
    'settles, refuses with a code and a message, writes nothing when refused, keeps stock consistent',
    async () => {
      await withSeed(
        fc.assert(
          fc.asyncProperty(fc.array(anyCall, { minLength: CALLS, maxLength: CALLS }), async (calls) => {
            const t = await testCounter();
            try {
              await openOrders(t.counter);
              for (const c of calls) await runCall(t, c);
            } finally {
              await t.counter.close();
            }
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        ),
      );
      if (process.env.HOSTILE_STATS) console.log([...outcomes].sort().map(([k, n]) => `${k}: ${n}`).join('\n'));
    },
    120_000,
  );
});

describe('cases the hostile suite found', () => {
  it('stock reads answer a filter that is not text with no rows instead of throwing', async () => {
    const { counter } = await testCounter();
    expect(await counter.stockLevels({ sku: {} } as never)).toEqual([]);
    expect(await counter.ledger({ locationId: [1] } as never)).toEqual([]);
    expect(await counter.exportStockLevels({ sku: NaN } as never)).toBe(await counter.exportStockLevels({ sku: 'NOPE' }));
    expect(await counter.stockLevels({ sku: null, locationId: 'main' } as never)).toHaveLength(3);
  });

  it('a file with thousands of bad rows is refused listing the first 500, the message giving the total', async () => {
    const { counter } = await testCounter();
    const before = await tables(counter);
    const products = await counter.importProducts(`sku,name,price\n${'A,b,x\n'.repeat(10_000)}`);
    expect(products).toMatchObject({ ok: false, code: 'invalid-input', message: '10000 problems in the file; the first 500 are listed; nothing was imported' });
    expect((products as { details: { errors: unknown[] } }).details.errors).toHaveLength(500);
    const levels = await counter.importStockLevels(`sku,locationId,onHand\n${'NOPE,main,1\n'.repeat(600)}`);
    expect((levels as { details: { errors: unknown[] } }).details.errors).toHaveLength(500);
    expect(await tables(counter)).toEqual(before);
  });

  it('a payload that contains itself, nests 50 000 deep, or has a field that throws is refused, not thrown', async () => {
    const { counter } = await testCounter();
    const before = await tables(counter);
    const cyclic: Record<string, unknown> = { buyerId: 'b', lines: [{ sku: 'SKU-1', qty: 1 }] };
    cyclic.self = cyclic;
    let deep: unknown = { orderIn: ['FP'] };
    for (let i = 0; i < 50_000; i++) deep = { not: deep };
    const getter = (field: string) =>
      Object.defineProperty({}, field, {
        enumerable: true,
        get() {
          throw new Error('nope');
        },
      });
    const results = [
      await counter.createOrder('product', cyclic as never),
      await counter.installWorkflow({ ...structuredClone(productOrderJson), version: 2, guard: deep }),
      await counter.act({ kind: 'order', id: 'x' }, 'P', 'payment successful', { amount: 10n }),
      await counter.createOrder('product', getter('lines') as never),
      await counter.act(getter('id') as never, 'P', 'x'),
      await counter.actOnOrder('x', 'P', 'x', getter('prefer') as never),
      await counter.setSetting('scannerProfile', getter('suffix') as never),
      await counter.receive(getter('sku') as never),
    ];
    for (const r of results) expect(r).toMatchObject({ ok: false, code: expect.stringMatching(/^(invalid-input|not-found)$/), message: expect.any(String) });
    expect(await tables(counter)).toEqual(before);
  });

  it('a scan whose fields cannot be read as text is still logged', async () => {
    const { counter } = await testCounter();
    await counter.logScan({ raw: { toString: null }, type: Symbol('t') } as never);
    expect(await counter.db.scans.toArray()).toEqual([expect.objectContaining({ raw: '', type: '' })]);
  });
});

// A refused input is worded from its problems as data, never from the engine's English: for
// bad inputs generated for the public commands, the Chinese refusal has no English word left
// (what the person typed may show as typed: SKUs, names, numbers), every field is named in
// words, and the English refusal is the English words, not the engine's log sentence.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldProblem, Refused } from '../../shared/api';
import type { EngineCounter } from '../../shared/engine/counter';
import { testCounter } from '../../shared/engine/testing/counter';
import { isFieldProblems } from './fieldProblemWords';
import { reader, RESOURCES, type Words } from './refusalReader.testkit';

let counter: EngineCounter;
beforeAll(async () => {
  counter = (await testCounter()).counter;
});
afterAll(async () => {
  await counter.close();
});

// Values a person or a script might send where another kind is wanted.
const anyValue = fc.oneof(
  fc.constantFrom('', '   ', 'CUP-01', 'Tee\u0007', 'x'.repeat(300), '12.5', 'abc'),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0, -1, 1.5, 1e12, Number.NaN, Number.POSITIVE_INFINITY),
  fc.constantFrom(null, undefined, true, [], {}),
);
const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const line = fc.record({ sku: anyValue, qty: anyValue, price: maybe(anyValue), unitPrice: maybe(anyValue), serviceTimes: maybe(anyValue), validUntil: maybe(anyValue) }, { requiredKeys: [] });
const options = fc.option(fc.record({ commandId: fc.constantFrom('timer:1', 'demo:x:000001', 'repair:1:00', '', 'ok-1') }), { nil: undefined });

type Call = { name: string; run: (c: EngineCounter) => Promise<unknown>; input: unknown };
const call = (name: string, input: unknown, opts: unknown, run: (c: EngineCounter, input: never, opts: never) => Promise<unknown>): Call => ({
  name,
  input: [input, opts],
  run: (c) => run(c, input as never, opts as never),
});

const calls: fc.Arbitrary<Call> = fc.oneof(
  fc
    .tuple(fc.record({ buyerId: anyValue, buyerName: maybe(anyValue), phone: maybe(anyValue), address: maybe(anyValue), lines: fc.oneof(fc.array(line, { maxLength: 3 }), anyValue) }, { requiredKeys: [] }), options)
    .map(([input, o]) => call('createOrder', input, o, (c, i, op) => c.createOrder('product', i, op))),
  fc
    .tuple(fc.record({ sku: anyValue, locationId: anyValue, qty: anyValue, reason: maybe(anyValue) }, { requiredKeys: [] }), options)
    .map(([input, o]) => call('receive', input, o, (c, i, op) => c.receive(i, op))),
  fc
    .tuple(fc.record({ sku: anyValue, fromLocationId: anyValue, toLocationId: anyValue, qty: anyValue }, { requiredKeys: [] }), options)
    .map(([input, o]) => call('transfer', input, o, (c, i, op) => c.transfer(i, op))),
  fc
    .tuple(fc.record({ sku: anyValue, name: anyValue, price: anyValue, unit: maybe(anyValue), reorderPoint: maybe(anyValue) }, { requiredKeys: [] }), options)
    .map(([input, o]) => call('addProduct', input, o, (c, i, op) => c.addProduct(i, op))),
  fc
    .tuple(fc.record({ orderId: anyValue, method: anyValue, amount: anyValue, tendered: maybe(anyValue) }, { requiredKeys: [] }), options)
    .map(([input, o]) => call('takePayment', input, o, (c, i, op) => (c as unknown as { takePayment(i: unknown, o: unknown): Promise<unknown> }).takePayment(i, op))),
  fc
    .tuple(fc.record({ name: anyValue, badge: anyValue, roles: fc.oneof(anyValue, fc.array(anyValue, { maxLength: 2 })), pin: anyValue }, { requiredKeys: [] }), options)
    .map(([input, o]) => call('addOperator', input, o, (c, i, op) => c.addOperator(i, op))),
);

/** Every text the input holds (values and keys): what the person typed may show as typed. */
function typed(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value.trim(), value);
  else if (Array.isArray(value)) value.forEach((v) => typed(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      typed(v, out);
    }
  }
  return out;
}

/** English words left once what was typed and the numbers are taken out. */
function englishLeft(text: string, input: unknown): string[] {
  let rest = text;
  for (const s of typed(input).filter((s) => s.length > 0).sort((a, b) => b.length - a.length)) rest = rest.split(s).join(' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

const isBadField = (r: unknown): r is Refused => typeof r === 'object' && r !== null && (r as Refused).ok === false && (r as Refused).code === 'invalid-input' && (r as Refused).params?.reason === 'bad-field';

describe('worded field problems', () => {
  it('a refused input, worded in zh-CN, has no English word but what was typed; in en, the words, not the log sentence', async () => {
    const zh = await reader('zh');
    const en = await reader('en');
    const fieldNames = (RESOURCES.zh.refusal as Words).fieldName as Words;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(calls, async ({ run, input, name }) => {
        const result = await run(counter);
        if (!isBadField(result)) return;
        refused += 1;
        const issues = result.params?.issues;
        expect(isFieldProblems(issues), `${name}: the problems as data`).toBe(true);
        const problems = issues as readonly FieldProblem[];
        expect(problems.length).toBeGreaterThan(0);
        // Every field the public commands can name has a name in words.
        for (const p of problems) expect(fieldNames[p.field], `${name}: a name for the field "${p.field}"`).toBeTypeOf('string');
        const chinese = zh(result);
        expect(chinese).toMatch(/^(第 \d+ 行：)?输入有误：/);
        expect(englishLeft(chinese, input), `${name}: ${chinese}`).toEqual([]);
        const english = en(result);
        expect(english).not.toMatch(/[\u4e00-\u9fff]|\{\{/);
        expect(english).not.toBe(result.message);
      }),
      { numRuns: 300 },
    );
    // The generators do reach refusals (most inputs are bad).
    expect(refused).toBeGreaterThan(100);
  });

  it('words each kind of problem with its bound: the line, the field, the limit', async () => {
    const zh = await reader('zh');
    const en = await reader('en');
    const r = await counter.createOrder('product', { buyerId: 'C-1', lines: [{ sku: 'SKU-1', qty: 1 }, { sku: 'SKU-1', qty: 0 }] });
    expect(r).toMatchObject({ ok: false, code: 'invalid-input', params: { reason: 'bad-field', issues: [{ path: 'lines.1.qty', field: 'qty', line: 2, code: 'too_small', limit: 0, inclusive: false }] } });
    expect(zh(r as Refused)).toBe('输入有误：第 2 行：数量必须大于 0');
    expect(en(r as Refused)).toBe('Line 2: quantity must be above 0');
    // The engine's English sentence stays for logs.
    expect((r as Refused).message).toBe('Line 2: quantity must be above zero.');

    const long = await counter.receive({ sku: 'SKU-1', locationId: 'main', qty: 1, reason: 'x'.repeat(201) });
    expect(zh(long as Refused)).toBe('输入有误：原因最多 200 个字符');
    const reserved = await counter.receive({ sku: 'SKU-1', locationId: 'main', qty: 1 }, { commandId: 'timer:1' });
    expect(zh(reserved as Refused)).toBe('输入有误：命令编号已保留给系统自动生成的命令');
    const missing = await counter.createOrder('product', { buyerId: ' ', lines: [{ sku: 'SKU-1', qty: 1 }] });
    expect(zh(missing as Refused)).toBe('输入有误：买家不能为空');
    expect(en(missing as Refused)).toBe('the buyer is missing');
  });
});

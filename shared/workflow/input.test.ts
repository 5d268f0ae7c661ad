// Action input: declarations checked at install, values checked against them (zod built
// from the declaration), and no input from a person or a script can make the check throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import productOrderJson from '../workflows/product-order.json';
import { LIMITS } from '../limits';
import { BUILT_IN_HANDLER_NAMES } from './handlerNames';
import { loadDefinition } from './check';
import { checkDeclaration, checkInput, inputDeclarationSchema, type InputDeclaration } from './input';

const SHIP: InputDeclaration = [
  { name: 'carrier', label: 'Carrier', type: 'choice', required: true, choices: [{ value: 'sf', label: 'SF Express' }, { value: 'ems', label: 'EMS' }] },
  { name: 'trackingNumbers', label: 'Tracking numbers', type: 'list', required: true, max: 3, maxLength: 12, pattern: '[A-Z0-9]+' },
  { name: 'parcels', label: 'Parcels', type: 'number', integer: true, min: 1, max: 9 },
  { name: 'memo', label: 'Memo', type: 'text', multiline: true, maxLength: 20 },
  { name: 'amount', label: 'Refund amount', type: 'money', max: 'linePrice' },
];

const refusal = (raw: unknown, bounds = { linePrice: 1000 }) => {
  const r = checkInput(SHIP, raw, bounds);
  return r.ok ? null : r.refusal;
};

describe('checking what an action carries', () => {
  it('takes the declared fields, trimmed, and leaves blank optional ones out', () => {
    expect(checkInput(SHIP, { carrier: 'sf', trackingNumbers: [' SF1 ', ''], parcels: 2, memo: '  ', amount: 950 }, { linePrice: 1000 })).toEqual({
      ok: true,
      value: { carrier: 'sf', trackingNumbers: ['SF1'], parcels: 2, amount: 950 },
    });
  });

  it('answers nothing given the same with or without optional fields declared, and still asks for required ones', () => {
    const optional = SHIP.filter((f) => !f.required);
    for (const raw of [undefined, null, {}, { memo: '   ', parcels: null }]) {
      expect(checkInput(optional, raw)).toEqual({ ok: true, value: {} });
      expect(checkInput([], raw)).toEqual({ ok: true, value: {} });
      expect(checkInput(SHIP, raw)).toMatchObject({ ok: false, refusal: { field: 'carrier', problem: 'missing' } });
    }
  });

  it('names the field and the problem', () => {
    expect(refusal({ trackingNumbers: ['A1'] })).toMatchObject({ field: 'carrier', problem: 'missing', message: 'Carrier: is missing' });
    expect(refusal({ carrier: 'ups', trackingNumbers: ['A1'] })).toMatchObject({ field: 'carrier', problem: 'not-choice' });
    expect(refusal({ carrier: 'sf', trackingNumbers: ['a-1'] })).toMatchObject({ field: 'trackingNumbers', problem: 'pattern' });
    expect(refusal({ carrier: 'sf', trackingNumbers: ['A', 'B', 'C', 'D'] })).toMatchObject({ field: 'trackingNumbers', problem: 'too-many', limit: 3 });
    expect(refusal({ carrier: 'sf', trackingNumbers: ['A'], parcels: 1.5 })).toMatchObject({ field: 'parcels', problem: 'not-whole' });
    expect(refusal({ carrier: 'sf', trackingNumbers: ['A'], parcels: 10 })).toMatchObject({ field: 'parcels', problem: 'too-big', limit: 9 });
    expect(refusal({ carrier: 'sf', trackingNumbers: ['A'], parcels: '2' })).toMatchObject({ field: 'parcels', problem: 'not-number' });
    expect(refusal({ carrier: 'sf', trackingNumbers: ['A'], memo: 'x'.repeat(21) })).toMatchObject({ field: 'memo', problem: 'too-long', limit: 20 });
    expect(refusal({ carrier: 'sf', trackingNumbers: ['A'], memo: 'a\u0007' })).toMatchObject({ field: 'memo', problem: 'unprintable' });
    expect(refusal({ carrier: 'sf', trackingNumbers: ['A'], amount: 9.5 })).toMatchObject({ field: 'amount', problem: 'not-whole' });
    expect(refusal({ carrier: 'sf', trackingNumbers: ['A'], amount: -1 })).toMatchObject({ field: 'amount', problem: 'too-small' });
  });

  it('refuses an amount above the line price, saying the price', () => {
    expect(refusal({ carrier: 'sf', trackingNumbers: ['A'], amount: 1000 })).toBeNull();
    expect(refusal({ carrier: 'sf', trackingNumbers: ['A'], amount: 1001 })).toMatchObject({
      field: 'amount',
      problem: 'above-line-price',
      limit: 1000,
      message: "Refund amount: must be at most 1000 (the line's price)",
    });
  });

  it('refuses fields the action does not declare, and input for an action that takes none', () => {
    expect(refusal({ carrier: 'sf', trackingNumbers: ['A'], weight: 3 })).toMatchObject({ field: 'weight', problem: 'unknown-field' });
    expect(checkInput(undefined, { note: 'x' })).toMatchObject({ ok: false, refusal: { field: 'note', problem: 'no-input' } });
    expect(checkInput(undefined, undefined)).toEqual({ ok: true, value: {} });
    expect(checkInput(undefined, {})).toEqual({ ok: true, value: {} });
    expect(checkInput(SHIP, 'sf')).toMatchObject({ ok: false });
  });

  it('never throws, and answers a value of declared fields only or a refusal naming a declared field', () => {
    const names = new Set(SHIP.map((f) => f.name));
    const value = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.oneof(fc.string(), fc.integer())), fc.object());
    const raw = fc.oneof(
      fc.anything(),
      fc.dictionary(fc.constantFrom('carrier', 'trackingNumbers', 'parcels', 'memo', 'amount', 'extra', '__proto__', 'constructor'), value),
      fc.record({ carrier: fc.constantFrom('sf', 'ems', 'SF', ''), trackingNumbers: fc.array(fc.stringMatching(/^[A-Z0-9]{0,14}$/)), amount: fc.double({ min: -5, max: 20 }) }),
    );
    fc.assert(
      fc.property(raw, fc.double({ min: 0, max: 100, noNaN: true }), (input, linePrice) => {
        const r = checkInput(SHIP, input, { linePrice });
        if (r.ok) {
          for (const key of Object.keys(r.value)) expect(names.has(key)).toBe(true);
          expect(r.value.carrier === 'sf' || r.value.carrier === 'ems').toBe(true);
          if (typeof r.value.amount === 'number') expect(r.value.amount).toBeLessThanOrEqual(linePrice);
        } else {
          expect(typeof r.refusal.message).toBe('string');
          expect(r.refusal.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('checking a declaration at install', () => {
  const problems = (fields: unknown, entity = 'order') => {
    const parsed = inputDeclarationSchema.safeParse(fields);
    if (!parsed.success) return ['shape'];
    return checkDeclaration(parsed.data, entity).map((p) => `${p.path}: ${p.message}`);
  };

  it('accepts the built-ins', () => {
    expect(loadDefinition(productOrderJson, BUILT_IN_HANDLER_NAMES)).toMatchObject({ ok: true });
  });

  it('refuses bad declarations with a clear problem', () => {
    expect(problems([{ name: 'a', label: 'A', type: 'text' }, { name: 'a', label: 'B', type: 'text' }])).toEqual(['[1].name: Two fields are named "a"; each field needs its own name.']);
    expect(problems([{ name: 'a', label: 'A', type: 'text', pattern: '([a-z' }])[0]).toContain('[0].pattern: "([a-z" is not a regular expression');
    expect(problems([{ name: 'a', label: 'A', type: 'text', maxLength: LIMITS.MAX_INPUT_TEXT_LENGTH + 1 }])[0]).toContain('MAX_INPUT_TEXT_LENGTH');
    expect(problems([{ name: 'a', label: 'A', type: 'number', min: 5, max: 1 }])[0]).toContain('min (5) is above max (1)');
    expect(problems([{ name: 'a', label: 'A', type: 'money', max: 'linePrice' }])[0]).toContain('only an action of a line or a refund sheet');
    expect(problems([{ name: 'a', label: 'A', type: 'money', max: 'linePrice' }], 'item')).toEqual([]);
    expect(problems([{ name: 'c', label: 'C', type: 'choice', choices: [{ value: 'x', label: 'X' }, { value: 'x', label: 'Y' }] }])[0]).toContain('Choice "x" is listed twice');
    expect(problems([{ name: 'constructor', label: 'C', type: 'text' }])[0]).toContain('reserved');
    expect(problems(Array.from({ length: LIMITS.MAX_INPUT_FIELDS + 1 }, (_, i) => ({ name: `f${i}`, label: 'F', type: 'text' })))[0]).toContain('MAX_INPUT_FIELDS');
    expect(problems([{ name: '1bad', label: 'A', type: 'text' }])).toEqual(['shape']);
    expect(problems([{ name: 'a', label: 'A', type: 'date' }])).toEqual(['shape']);
  });

  it('refuses required input on a system-only row, on an action a timer takes, and an amount from an undeclared field', () => {
    const def = structuredClone(productOrderJson) as unknown as { machines: Record<string, { transitions: Array<Record<string, unknown>> }> };
    const rows = def.machines.order!.transitions;
    const hidden = rows.find((t) => t.action === 'processing refund')!;
    hidden.input = [{ name: 'why', label: 'Why', type: 'text', required: true }];
    const timed = rows.find((t) => t.action === 'no payment')!;
    timed.input = [{ name: 'why', label: 'Why', type: 'text', required: true }];
    const request = def.machines.item!.transitions.find((t) => t.action === 'request refund')!;
    request.input = (request.input as Array<{ name: string }>).filter((f) => f.name !== 'amount');
    const result = loadDefinition(def, BUILT_IN_HANDLER_NAMES);
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : result.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
    expect(text).toMatch(/transitions\[\d+\]\.input: Row \d+ is hidden/);
    expect(text).toContain('"no payment" requires input');
    expect(text).toContain('input field "amount", which this action does not declare as money');
  });
});

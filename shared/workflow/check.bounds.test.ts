// The checker takes definitions from files and people: it must be total (never throw),
// bounded (limits from shared/limits.ts, said in the message) and fast on big definitions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import productOrder from '../workflows/product-order.json';
import serviceOrder from '../workflows/service-order.json';
import { BUILT_IN_HANDLER_NAMES } from './handlerNames';
import { LIMITS } from '../limits';
import { loadDefinition, type LoadOptions, type Problem } from './check';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data edited in place
const clone = <T>(x: T): Json => structuredClone(x) as Json;
const problemsOf = (json: unknown, options?: LoadOptions): Problem[] => {
  const r = loadDefinition(json, BUILT_IN_HANDLER_NAMES, options);
  return r.ok ? [] : r.problems;
};

/** A well-formed definition: a chain of `states` order states, with branches and timers. */
function bigDefinition(states: number, extraTransitions = 0): Json {
  const name = (i: number) => `S${i}`;
  const stateMap: Json = { X: { label: 'cancelled', terminal: true } };
  for (let i = 0; i < states - 1; i += 1) stateMap[name(i)] = { label: `step ${i}` };
  stateMap[name(states - 2)].terminal = true;
  const transitions: Json[] = [{ role: 'S', action: 'create', from: null, to: name(0), postAction: 'created' }];
  for (let i = 0; i < states - 2; i += 1) {
    const row: Json = { role: 'S', action: 'step', from: [name(i)], to: name(i + 1) };
    if (i % 100 === 0) row.effects = [{ kind: 'schedule', target: 'self', key: `t${i}`, role: 'P', action: 'step', after: 'payment' }];
    transitions.push(row);
    if (i % 10 === 5) transitions.push({ role: ['S', 'B'], action: 'cancel', from: [name(i), name(i + 1)], to: 'X', guard: { not: { flag: 'held' } } });
  }
  for (let i = 0; i < extraTransitions; i += 1) transitions.push({ role: 'B', action: `extra ${i}`, from: [name(0)], to: name(0) });
  return {
    id: 'big',
    version: 1,
    label: 'big',
    orderType: 'product',
    roles: [{ code: 'S', label: 'Seller' }, { code: 'B', label: 'Buyer' }, { code: 'P', label: 'Platform' }],
    periods: ['payment'],
    machines: { order: { entity: 'order', label: 'Order', states: stateMap, transitions } },
    postActions: { created: [{ kind: 'schedule', target: 'self', key: 'hold', role: 'P', setFlag: 'held', after: 'payment' }] },
  };
}

/** A condition nested `depth` levels (not/not/...), built without recursion. */
function nestedCondition(depth: number): Json {
  let cond: Json = { hasRefund: false };
  for (let i = 0; i < depth; i += 1) cond = i % 3 === 0 ? { not: cond } : i % 3 === 1 ? { all: [cond] } : { any: [{ hasRefund: true }, cond] };
  return cond;
}

describe('workflow definition bounds', () => {
  it('checks a 10 000-state definition (chain, branches, timers) in well under a second', () => {
    const def = bigDefinition(LIMITS.MAX_WORKFLOW_STATES);
    expect(JSON.stringify(def).length).toBeLessThan(LIMITS.MAX_WORKFLOW_BYTES);
    // Best of three: the figure is the checker's cost, not the load of a shared machine.
    let ms = Infinity;
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      expect(problemsOf(def)).toEqual([]);
      ms = Math.min(ms, performance.now() - start);
    }
    expect(ms).toBeLessThan(1000);
  });

  it('refuses more states or transitions than the limits, saying the limit', () => {
    expect(problemsOf(bigDefinition(LIMITS.MAX_WORKFLOW_STATES + 1))).toEqual([
      {
        path: '$.machines',
        message: `The definition has ${LIMITS.MAX_WORKFLOW_STATES + 1} states; at most ${LIMITS.MAX_WORKFLOW_STATES} are allowed (MAX_WORKFLOW_STATES).`,
      },
    ]);
    const many = bigDefinition(10, LIMITS.MAX_WORKFLOW_TRANSITIONS);
    expect(problemsOf(many)).toEqual([
      { path: '$.machines', message: expect.stringContaining(`at most ${LIMITS.MAX_WORKFLOW_TRANSITIONS} are allowed (MAX_WORKFLOW_TRANSITIONS)`) },
    ]);
  });

  it('refuses a definition larger than MAX_WORKFLOW_BYTES as JSON', () => {
    const def = clone(serviceOrder);
    def.label = 'x'.repeat(LIMITS.MAX_WORKFLOW_BYTES);
    expect(problemsOf(def)).toEqual([{ path: '$', message: expect.stringContaining(`larger than ${LIMITS.MAX_WORKFLOW_BYTES} characters`) }]);
  });

  it('accepts conditions up to MAX_CONDITION_DEPTH and refuses deeper ones at their path', () => {
    const ok = clone(productOrder);
    ok.machines.order.transitions[1].guard = nestedCondition(LIMITS.MAX_CONDITION_DEPTH);
    expect(problemsOf(ok)).toEqual([]);

    const deep = clone(productOrder);
    deep.machines.order.transitions[1].guard = nestedCondition(LIMITS.MAX_CONDITION_DEPTH + 1);
    const problems = problemsOf(deep);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toMatch(/^\$\.machines\.order\.transitions\[1\]\.guard\.(not|all|any)/);
    expect(problems[0]!.message).toContain(`at most ${LIMITS.MAX_CONDITION_DEPTH} are allowed (MAX_CONDITION_DEPTH)`);
  });

  it('refuses a condition nested 100 000 deep quickly, without overflowing the stack', () => {
    const def = clone(productOrder);
    let cond: Json = { stateIn: ['WP'] };
    for (let i = 0; i < 100_000; i += 1) cond = { not: cond };
    def.machines.order.transitions[1].guard = cond;
    const start = performance.now();
    const problems = problemsOf(def);
    expect(performance.now() - start).toBeLessThan(500);
    expect(problems).toEqual([{ path: `$.machines.order.transitions[1].guard${'.not'.repeat(LIMITS.MAX_CONDITION_DEPTH + 1)}`, message: expect.stringContaining('MAX_CONDITION_DEPTH') }]);
  });

  it('refuses JSON nested deeper than MAX_WORKFLOW_NESTING anywhere', () => {
    const def = clone(serviceOrder);
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    def.label = deep;
    const problems = problemsOf(def);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path.startsWith('$.label[0][0]')).toBe(true);
    expect(problems[0]!.message).toContain(`at most ${LIMITS.MAX_WORKFLOW_NESTING} (MAX_WORKFLOW_NESTING)`);
  });

  it('answers problems, never throws, for values that are not definitions', () => {
    const cyclic = clone(serviceOrder);
    cyclic.machines.order.self = cyclic;
    const throwing = new Proxy({}, { ownKeys: () => { throw new Error('boom'); } });
    for (const input of [null, undefined, 0, 42, NaN, 'text', true, [], [productOrder], {}, () => 1, Symbol('s'), 10n, new Map(), cyclic, throwing]) {
      const problems = problemsOf(input);
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) expect(p).toEqual({ path: expect.stringMatching(/^\$/), message: expect.any(String) });
    }
    expect(problemsOf(cyclic)).toEqual([{ path: '$.machines.order.self', message: 'This value contains itself; a definition must be plain JSON.' }]);
  });

  it('refuses reserved keys and does not take inherited names for post-actions or machines', () => {
    const text = JSON.stringify(serviceOrder).replace('"machines":{', '"machines":{"__proto__":{"entity":"order"},"constructor":{},');
    expect(problemsOf(JSON.parse(text)).map((p) => p.path)).toEqual(['$.machines.__proto__', '$.machines.constructor']);

    const def = clone(productOrder);
    def.machines.order.transitions[1].postAction = 'toString';
    def.refundMachines[0].machine = 'hasOwnProperty';
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: '$.machines.order.transitions[1].postAction', message: 'Unknown post-action "toString".' });
    expect(problems).toContainEqual({ path: '$.refundMachines[0].machine', message: '"hasOwnProperty" is not a refund machine.' });
  });

  it('refuses periods that have no length in the settings, at install', () => {
    const def = clone(serviceOrder);
    def.periods = ['payment', 'fortnight'];
    def.machines.order.transitions[0].effects = [...(def.machines.order.transitions[0].effects ?? []), { kind: 'schedule', target: 'self', key: 'f', role: 'P', action: 'no payment', after: 'fortnight' }];
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: '$.periods[1]', message: expect.stringContaining('Period "fortnight" has no length in the settings') });
    // With settings that give it a length, it installs.
    expect(problemsOf(def, { periods: { payment: 1000, fortnight: 14 * 86_400_000 } }).filter((p) => p.path.startsWith('$.periods'))).toEqual([]);
    // Built-ins use only periods every preset sets.
    expect(problemsOf(productOrder)).toEqual([]);
    expect(problemsOf(productOrder, { periods: { payment: 1 } }).map((p) => p.path)).toContain('$.periods[1]');
  });
});

// --- property tests ------------------------------------------------------------------

function wellFormed(result: ReturnType<typeof loadDefinition>): void {
  expect(typeof result.ok).toBe('boolean');
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  expect(result.problems.length).toBeLessThanOrEqual(LIMITS.MAX_WORKFLOW_PROBLEMS + 1);
  for (const p of result.problems) {
    expect(typeof p.path).toBe('string');
    expect(p.path.startsWith('$')).toBe(true);
    expect(typeof p.message).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
  }
}

function timed(input: unknown): void {
  const start = performance.now();
  const result = loadDefinition(input, BUILT_IN_HANDLER_NAMES);
  // A bound that tells a hang or a blow-up from a check (a few ms), with room for a GC
  // pause on a loaded 2-core machine.
  expect(performance.now() - start).toBeLessThan(2000);
  wellFormed(result);
}

/** Every path (array of keys) into a JSON value, collected without recursion. */
function pathsOf(root: unknown): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    out.push(path);
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, Array.isArray(value) ? Number(k) : k] });
  }
  return out;
}

const BUILT_INS = [productOrder, serviceOrder];
const mutation = fc.record({
  base: fc.nat({ max: BUILT_INS.length - 1 }),
  at: fc.nat(),
  op: fc.constantFrom('replace', 'delete', 'reserved-key', 'duplicate', 'rename'),
  value: fc.jsonValue({ maxDepth: 4 }),
  key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'not', 'all', 'any')),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate({ base, at, op, value, key }: Mutation): unknown {
  const def = clone(BUILT_INS[base]);
  const paths = pathsOf(def);
  const path = paths[at % paths.length]!;
  if (path.length === 0) return op === 'replace' ? value : def;
  const parent = path.slice(0, -1).reduce<Json>((o, k) => o[k], def);
  const last = path[path.length - 1]!;
  switch (op) {
    case 'replace': parent[last] = value; break;
    case 'delete': if (Array.isArray(parent)) parent.splice(Number(last), 1); else delete parent[last]; break;
    case 'reserved-key': if (!Array.isArray(parent)) Object.defineProperty(parent, '__proto__', { value, enumerable: true, configurable: true, writable: true }); break;
    case 'duplicate': if (Array.isArray(parent)) parent.push(parent[Number(last)]); else parent[key] = parent[last]; break;
    case 'rename': if (!Array.isArray(parent)) { parent[key] = parent[last]; delete parent[last]; } break;
  }
  return def;
}

describe('loadDefinition on arbitrary input (property)', () => {
  it('never throws and answers ok or problems with paths, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), timed), { numRuns: 300 });
  });

  it('never throws on mutations of the built-in definitions', () => {
    fc.assert(fc.property(mutation, (m) => timed(mutate(m))), { numRuns: 400 });
  });

  it('never throws on built-ins passed through JSON text with hostile keys', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const text = JSON.stringify(mutate(m)) ?? 'null';
        timed(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe('loadDefinition on huge containers', () => {
  it('refuses an array with a huge length without walking it', () => {
    const def = clone(serviceOrder);
    def.roles = new Array(1e9);
    const start = performance.now();
    expect(problemsOf(def)).toEqual([{ path: '$', message: expect.stringContaining('MAX_WORKFLOW_BYTES') }]);
    expect(performance.now() - start).toBeLessThan(250);
  });
});

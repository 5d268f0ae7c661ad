import { describe, expect, it } from 'vitest';
import productOrder from '../workflows/product-order.json';
import serviceOrder from '../workflows/service-order.json';
import { BUILT_IN_HANDLER_NAMES } from '../engine/handlers';
import { loadDefinition, type Problem } from './check';

const clone = <T>(x: T): T => structuredClone(x);
const problemsOf = (json: unknown): Problem[] => {
  const r = loadDefinition(json, BUILT_IN_HANDLER_NAMES);
  return r.ok ? [] : r.problems;
};

describe('workflow definition checks', () => {
  it('accepts both built-in definitions', () => {
    expect(problemsOf(productOrder)).toEqual([]);
    expect(problemsOf(serviceOrder)).toEqual([]);
  });

  it('reports schema errors with their JSON path', () => {
    const def = clone(productOrder) as Record<string, unknown>;
    delete def.roles;
    (def.machines as any).order.transitions[0].to = 5;
    const problems = problemsOf(def);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.roles', '$.machines.order.transitions[0].to']));
  });

  it('reports an unknown state in a row and in a guard', () => {
    const def = clone(productOrder);
    def.machines.order.transitions[1]!.to = 'XX';
    (def.machines.item.transitions[2] as any).guard = { orderIn: ['FP', 'ZZ'] };
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: '$.machines.order.transitions[1].to', message: 'Unknown state "XX" in machine order.' });
    expect(problems).toContainEqual(expect.objectContaining({ path: '$.machines.item.transitions[2].guard.orderIn[1]' }));
  });

  it('reports two rows matching the same role + action + state, with both row numbers', () => {
    const def = clone(productOrder);
    def.machines.order.transitions.push({ role: 'b', action: 'Cancel order', from: ['FP', 'WP'], to: 'CT' } as any);
    const problems = problemsOf(def);
    const last = def.machines.order.transitions.length - 1;
    expect(problems).toContainEqual({
      path: `$.machines.order.transitions[${last}]`,
      message: `Rows 1 and ${last} of machine order both match role B + action "Cancel order" in the same state.`,
    });
  });

  it('reports unreachable states and non-terminal dead ends', () => {
    const def = clone(productOrder);
    (def.machines.order.states as any).ZZ = { label: 'nowhere' };
    (def.machines.order.states.FA as any).terminal = false;
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: '$.machines.order.states.ZZ', message: 'State "ZZ" cannot be reached in machine order.' });
    expect(problems).toContainEqual(expect.objectContaining({ path: '$.machines.order.states.ZZ', message: expect.stringContaining('dead end') }));
    expect(problems).toContainEqual(expect.objectContaining({ path: '$.machines.order.states.FA', message: expect.stringContaining('dead end') }));
  });

  it('reports timers and cascades naming missing actions, unknown periods and unknown handlers', () => {
    const def = clone(productOrder);
    (def.postActions.order_created[0] as any).action = 'no paymnt';
    (def.postActions.order_paid[0] as any).action = 'order state changed to XX';
    (def.postActions.order_shipped[2] as any).after = 'fortnight';
    (def.postActions.order_paid as any).push({ kind: 'handler', name: 'sendFax' });
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: '$.postActions.order_created[0].action', message: 'Timer names action "no paymnt", which no order machine has.' });
    expect(problems).toContainEqual({ path: '$.postActions.order_paid[0].action', message: 'Cascade names action "order state changed to XX", which no item machine has.' });
    expect(problems).toContainEqual({ path: '$.postActions.order_shipped[2].after', message: 'Unknown period "fortnight"; declare it in "periods".' });
    expect(problems).toContainEqual(expect.objectContaining({ path: '$.postActions.order_paid[1].name', message: expect.stringContaining('Unknown handler "sendFax"') }));
  });

  it('reports unknown roles, unknown post-actions, unused post-actions and flags nobody sets', () => {
    const def = clone(productOrder);
    def.machines.order.transitions[2]!.role = 'Q';
    (def.machines.order.transitions[3] as any).postAction = 'nothing_here';
    (def.postActions as any).orphan = [];
    (def.machines.order.transitions[10] as any).guard = { flag: 'moonIsFull' };
    const problems = problemsOf(def);
    expect(problems).toContainEqual(expect.objectContaining({ path: '$.machines.order.transitions[2].role', message: expect.stringContaining('Unknown role "Q"') }));
    expect(problems).toContainEqual({ path: '$.machines.order.transitions[3].postAction', message: 'Unknown post-action "nothing_here".' });
    expect(problems).toContainEqual({ path: '$.postActions.orphan', message: 'Post-action "orphan" is not used by any transition.' });
    expect(problems).toContainEqual({ path: '$.machines.order.transitions[10].guard.flag', message: 'Flag "moonIsFull" is read but no effect or timer ever sets it.' });
  });

  it('lists every problem at once, not only the first', () => {
    const def = clone(serviceOrder);
    def.machines.order.transitions[0]!.to = 'AA';
    def.machines.order.transitions[1]!.to = 'BB';
    (def.vouchers as any).redeem.to = 'CC';
    expect(problemsOf(def).length).toBeGreaterThanOrEqual(3);
  });
});

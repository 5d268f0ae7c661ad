import { describe, expect, it } from 'vitest';
import productOrder from '../workflows/product-order.json';
import serviceOrder from '../workflows/service-order.json';
import { BUILT_IN_HANDLER_NAMES } from './handlerNames';
import { loadDefinition, type Problem } from './check';

const clone = <T>(x: T): T => structuredClone(x);
/** Writes `value` at `path` inside a cloned definition: how a test breaks it in ways its type forbids. */
function setAt(root: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}
const lengthAt = (root: unknown, path: readonly string[]): number => (path.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], root) as unknown[]).length;
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
    const def = clone(productOrder);
    setAt(def, ['roles'], undefined);
    setAt(def, ['machines', 'order', 'transitions', 0, 'to'], 5);
    const problems = problemsOf(def);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.roles', '$.machines.order.transitions[0].to']));
  });

  it('reports an unknown state in a row and in a guard', () => {
    const def = clone(productOrder);
    def.machines.order.transitions[1]!.to = 'XX';
    setAt(def, ['machines', 'item', 'transitions', 2, 'guard'], { orderIn: ['FP', 'ZZ'] });
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: '$.machines.order.transitions[1].to', message: 'Unknown state "XX" in machine order.' });
    expect(problems).toContainEqual(expect.objectContaining({ path: '$.machines.item.transitions[2].guard.orderIn[1]' }));
  });

  it('reports two rows matching the same role + action + state, with both row numbers', () => {
    const def = clone(productOrder);
    setAt(def, ['machines', 'order', 'transitions', def.machines.order.transitions.length], { role: 'b', action: 'Cancel order', from: ['FP', 'WP'], to: 'CT' });
    const problems = problemsOf(def);
    const last = def.machines.order.transitions.length - 1;
    expect(problems).toContainEqual({
      path: `$.machines.order.transitions[${last}]`,
      message: `Rows 1 and ${last} of machine order both match role B + action "Cancel order" in the same state.`,
    });
  });

  it('reports unreachable states and non-terminal dead ends', () => {
    const def = clone(productOrder);
    setAt(def, ['machines', 'order', 'states', 'ZZ'], { label: 'nowhere' });
    setAt(def, ['machines', 'order', 'states', 'FA', 'terminal'], false);
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: '$.machines.order.states.ZZ', message: 'State "ZZ" cannot be reached in machine order.' });
    expect(problems).toContainEqual(expect.objectContaining({ path: '$.machines.order.states.ZZ', message: expect.stringContaining('dead end') }));
    expect(problems).toContainEqual(expect.objectContaining({ path: '$.machines.order.states.FA', message: expect.stringContaining('dead end') }));
  });

  it('reports timers and cascades naming missing actions, unknown periods and unknown handlers', () => {
    const def = clone(productOrder);
    setAt(def, ['postActions', 'order_created', 0, 'action'], 'no paymnt');
    setAt(def, ['postActions', 'order_paid', 0, 'action'], 'order state changed to XX');
    setAt(def, ['postActions', 'order_shipped', 2, 'after'], 'fortnight');
    setAt(def, ['postActions', 'order_paid', lengthAt(def, ['postActions', 'order_paid'])], { kind: 'handler', name: 'sendFax' });
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: '$.postActions.order_created[0].action', message: 'Timer names action "no paymnt", which no order machine has.' });
    expect(problems).toContainEqual({ path: '$.postActions.order_paid[0].action', message: 'Cascade names action "order state changed to XX", which no item machine has.' });
    expect(problems).toContainEqual({ path: '$.postActions.order_shipped[2].after', message: 'Unknown period "fortnight"; declare it in "periods".' });
    expect(problems).toContainEqual(expect.objectContaining({ path: '$.postActions.order_paid[1].name', message: expect.stringContaining('Unknown handler "sendFax"') }));
  });

  it('reports unknown roles, unknown post-actions, unused post-actions and flags nobody sets', () => {
    const def = clone(productOrder);
    def.machines.order.transitions[2]!.role = 'Q';
    setAt(def, ['machines', 'order', 'transitions', 3, 'postAction'], 'nothing_here');
    setAt(def, ['postActions', 'orphan'], []);
    setAt(def, ['machines', 'order', 'transitions', 10, 'guard'], { flag: 'moonIsFull' });
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
    setAt(def, ['vouchers', 'redeem', 'to'], 'CC');
    expect(problemsOf(def).length).toBeGreaterThanOrEqual(3);
  });
});

describe('setRefundKind: a refund sheet switched to another kind', () => {
  type Row = { action: string; from: string[] | null; to: string; effects?: unknown[]; input?: Array<{ name: string; choices?: Array<{ value: string; label?: string }> }> };
  const changeRow = (def: ReturnType<typeof clone<typeof productOrder>>, machine: 'refund_only' | 'refund_with_return') => {
    const rows = def.machines[machine].transitions as Row[];
    const i = rows.findIndex((r) => r.action === 'change refund request');
    return { row: rows[i]!, path: `$.machines.${machine}.transitions[${i}]` };
  };

  it('takes the kind from a declared choice whose values are refund kinds with a machine', () => {
    const def = clone(productOrder);
    const { row, path } = changeRow(def, 'refund_only');
    row.input![0]!.choices!.push({ value: 'service', label: 'Service' }, { value: 'refund-with-return', label: 'Typo' });
    const problems = problemsOf(def);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: `${path}.effects[0].field`, message: expect.stringContaining('No refund machine is chosen for kind "service"') },
        { path: `${path}.effects[0].field`, message: expect.stringContaining('"refund-with-return" of "refundKind" is not a kind of refund sheet') },
      ]),
    );
  });

  it('refuses a field the row does not declare as a choice, and a kind whose machine lacks the target state', () => {
    const def = clone(productOrder);
    const only = changeRow(def, 'refund_only');
    only.row.effects = [{ kind: 'setRefundKind', field: 'memo' }];
    const withReturn = changeRow(def, 'refund_with_return');
    withReturn.row.to = 'WBS'; // refund_only has no WBS
    const problems = problemsOf(def);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: `${only.path}.effects[0].field`, message: expect.stringContaining('does not declare as a choice') },
        { path: `${withReturn.path}.effects[0].field`, message: 'Machine refund_only (kind "refund_only") has no state "WBS", where this action leaves the sheet.' },
      ]),
    );
  });

  it('is only an action of a refund machine', () => {
    const def = clone(productOrder);
    const rows = def.machines.item.transitions as Row[];
    rows[2]!.effects = [...(rows[2]!.effects ?? []), { kind: 'setRefundKind', field: 'reason' }];
    expect(problemsOf(def)).toEqual(expect.arrayContaining([{ path: '$.machines.item.transitions[2].effects[1]', message: expect.stringContaining('only an action of a refund machine') }]));
  });
});

// Which actions can move stock: the engine reads stock rows only for those.
import { describe, expect, it } from 'vitest';
import productOrder from '../workflows/product-order.json';
import serviceOrder from '../workflows/service-order.json';
import { Workflow } from './interpreter';
import type { WorkflowDefinition } from './schema';

const product = () => structuredClone(productOrder) as unknown as WorkflowDefinition;

describe('Workflow.mayTouchStock', () => {
  it('finds stock effects on rows, through cascades, and trusts handlers to do anything', () => {
    const wf = new Workflow(product());
    expect(['create order', 'cancel order', 'no payment', 'ship the order', 'finished refund'].filter((a) => !wf.mayTouchStock(a))).toEqual([]);
    // "all items refunded" releases stock; the item step that cascades to it therefore can too.
    expect(wf.mayTouchStock('all items refunded')).toBe(true);
    expect(wf.mayTouchStock('item finished refund')).toBe(true);
    expect(wf.mayTouchStock('Ship The Order')).toBe(true);
    for (const action of ['payment successful', 'make payment', 'confirm reception of order', 'change address', 'request refund']) {
      expect(wf.mayTouchStock(action)).toBe(false);
    }
    expect(wf.mayTouchStock('no such action')).toBe(false);
  });

  it('follows a cycle of cascades to a stock effect', () => {
    const def = product();
    const rows = def.machines.order!.transitions;
    const pay = rows.find((r) => r.action === 'payment successful')!;
    const confirm = rows.find((r) => r.action === 'confirm reception of order')!;
    pay.effects = [{ kind: 'cascade', target: 'self', role: 'B', action: 'confirm reception of order' }];
    confirm.effects = [{ kind: 'cascade', target: 'self', role: 'P', action: 'payment successful' }, { kind: 'stock', op: 'commit' }];
    const wf = new Workflow(def);
    expect(wf.mayTouchStock('payment successful')).toBe(true);
    expect(wf.mayTouchStock('confirm reception of order')).toBe(true);
  });

  it('counts a handler effect as touching stock', () => {
    const wf = new Workflow(structuredClone(serviceOrder) as unknown as WorkflowDefinition);
    const handlerActions = Object.values(wf.definition.machines)
      .flatMap((m) => m.transitions)
      .filter((r) => [...(r.effects ?? []), ...(r.postAction ? (wf.definition.postActions[r.postAction] ?? []) : [])].some((e) => e.kind === 'handler'))
      .map((r) => r.action);
    expect(handlerActions.length).toBeGreaterThan(0);
    for (const action of handlerActions) expect(wf.mayTouchStock(action)).toBe(true);
  });
});

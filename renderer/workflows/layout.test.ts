import { describe, expect, it } from 'vitest';
import productOrder from '../../shared/workflows/product-order.json';
import serviceOrder from '../../shared/workflows/service-order.json';
import type { WorkflowDefinition } from '../../shared/workflow/schema';
import { layoutMachine, pathThrough, START_ID, textWidth } from './layout';

const product = productOrder as unknown as WorkflowDefinition;
const service = serviceOrder as unknown as WorkflowDefinition;
const same = { actionText: (a: string) => a };

describe('layoutMachine', () => {
  it('draws every state once, a start dot, and each move between two states as one labelled edge', () => {
    const machine = product.machines.order!;
    const layout = layoutMachine(machine, same);
    const states = layout.nodes.filter((n) => n.kind === 'state').map((n) => n.id).sort();
    expect(states).toEqual(Object.keys(machine.states).sort());
    expect(layout.nodes.filter((n) => n.id === START_ID)).toHaveLength(1);
    // No two edges for the same pair and kind; every row that changes state appears on one.
    const keys = layout.edges.map((e) => `${e.source}>${e.target}:${e.data.dashed}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of machine.transitions) {
      for (const from of row.from ?? [START_ID]) {
        if (from === row.to) continue;
        const edge = layout.edges.find((e) => e.source === from && e.target === row.to && e.data.lines.some((l) => l.action === row.action));
        expect(edge, `${from} -> ${row.to} by ${row.action}`).toBeDefined();
        expect(edge!.data.dashed).toBe(row.hidden === true);
      }
    }
  });

  it('lists moves that stay in a state on the state, and marks terminal states', () => {
    const layout = layoutMachine(product.machines.order!, same);
    const wp = layout.nodes.find((n) => n.id === 'WP')!;
    expect(wp.data.loops.map((l) => l.action)).toContain('make payment');
    expect(layout.edges.some((e) => e.source === 'WP' && e.target === 'WP')).toBe(false);
    expect(layout.nodes.find((n) => n.id === 'CT')!.data.terminal).toBe(true);
    expect(wp.data.terminal).toBe(false);
  });

  it('leads from the start to states created by effects (refund sheets, codes) with a dashed edge', () => {
    const voucher = Object.values(service.machines).find((m) => m.entity === 'voucher')!;
    const layout = layoutMachine(voucher, same);
    const fromStart = layout.edges.filter((e) => e.source === START_ID);
    expect(fromStart.length).toBeGreaterThan(0);
    expect(fromStart.every((e) => e.data.dashed && e.data.lines.every((l) => l.byEffect))).toBe(true);
  });

  it('places nodes without overlap, in both directions, and gives every edge a path', () => {
    for (const rankdir of ['LR', 'TB'] as const) {
      const layout = layoutMachine(product.machines.refund_with_return!, { ...same, rankdir });
      const boxes = layout.nodes.map((n) => ({ x: n.x, y: n.y, w: n.data.width, h: n.data.height }));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
          expect(apart).toBe(true);
        }
      for (const e of layout.edges) expect(pathThrough(e.data.points)).toMatch(/^M[\d.-]+,[\d.-]+/);
    }
  });

  it('makes room for the people marked in a state and for long labels', () => {
    const plain = layoutMachine(product.machines.order!, same);
    const marked = layoutMachine(product.machines.order!, { ...same, marks: (c) => (c === 'FP' ? 1 : 0) });
    const h = (l: typeof plain) => l.nodes.find((n) => n.id === 'FP')!.data.height;
    expect(h(marked)).toBeGreaterThan(h(plain));
    expect(textWidth('等待付款')).toBeGreaterThan(textWidth('WAIT'));
  });
});

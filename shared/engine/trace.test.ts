import { createOk } from './testing/flows';
// The reference trace (shared/workflows/reference/product-order-trace.csv), step by step.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { testCounter } from './testing/counter';

interface TraceRow {
  step: string;
  role: string;
  action: string;
  result_to: string;
  result_post_action: string;
  state_after: string;
  role_actions_after: string;
}

const csv = readFileSync(new URL('../workflows/reference/product-order-trace.csv', import.meta.url), 'utf8');
const rows = Papa.parse<TraceRow>(csv, { header: true, skipEmptyLines: true }).data;

/** "P: a, b; S: (none); B: c" -> { P: [a, b], S: [], B: [c] }; "(empty map)" -> {} */
function parseMap(text: string): Record<string, string[]> {
  if (text.trim() === '(empty map)') return {};
  const map: Record<string, string[]> = {};
  for (const part of text.split(';')) {
    const [role, actions] = part.split(':').map((s) => s.trim());
    map[role!] = actions === '(none)' ? [] : actions!.split(',').map((a) => a.trim());
  }
  return map;
}

const sorted = (map: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));

describe('product order reference trace', () => {
  it('has the steps of the reference file', () => {
    expect(rows.map((r) => r.step)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('reproduces every step: result, state and role-actions map', async () => {
    const { counter } = await testCounter();
    let orderId = '';
    for (const row of rows) {
      let result: { to: string; postAction: string };
      if (row.step === '0') {
        orderId = await createOk(counter, 'product', { buyerId: 'buyer-1', lines: [{ sku: 'SKU-1', qty: 1, price: 10 }] });
        const order = await counter.getOrder(orderId);
        result = { to: order!.state, postAction: 'order_created' };
      } else {
        const r = await counter.act({ kind: 'order', id: orderId }, row.role, row.action);
        result = r.ok ? { to: r.to, postAction: r.postAction ?? '' } : { to: 'none', postAction: 'none' };
      }
      expect(result, `step ${row.step}: ${row.role} ${row.action}`).toEqual({ to: row.result_to, postAction: row.result_post_action });
      const order = await counter.getOrder(orderId);
      expect(order!.state, `state after step ${row.step}`).toBe(row.state_after);
      const map = await counter.roleActions({ kind: 'order', id: orderId });
      expect(sorted(map), `role actions after step ${row.step}`).toEqual(sorted(parseMap(row.role_actions_after)));
    }
    await counter.close();
  });
});

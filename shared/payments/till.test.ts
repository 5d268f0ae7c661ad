import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaymentRow, TillRow } from '../db/rows';
import { readCsv } from '../inventory/csv';
import { sumMoney } from '../money';
import { orderMoney } from './ledger';
import { expectedCash, zReport } from './till';
import { zReportCsv } from './zReportCsv';

const till: TillRow = { id: 't1', deviceId: 'd', status: 'closed', float: 5000, openedAt: 0, openedBy: 'ann', closedAt: 1, closedBy: 'ann', counted: 9000, expected: null, difference: null, note: null };

let seq = 0;
function row(p: Partial<PaymentRow>): PaymentRow {
  seq += 1;
  return { id: `p${seq}`, orderId: 'o1', orderNumber: 'PO-1', tillId: 't1', kind: 'payment', method: 'cash', amount: 0, tendered: null, change: null, reference: null, reverses: null, refundId: null, reason: null, commandId: `c${seq}`, deviceId: 'd', operator: 'ann', at: seq, ...p };
}

describe('till arithmetic', () => {
  it('expected cash = float + cash in - cash out; card, other tills and reversed rows do not count', () => {
    const cashIn = row({ amount: 1250, tendered: 2000, change: 750 });
    const reversed = row({ amount: 999 });
    const rows = [
      cashIn,
      row({ method: 'card', amount: 3000 }),
      row({ kind: 'refund', amount: 250 }),
      reversed,
      row({ kind: 'reversal', amount: 999, reverses: reversed.id }),
      row({ tillId: 'other', amount: 7777 }),
    ];
    expect(expectedCash(till, rows)).toBe(5000 + 1250 - 250);
  });

  it('the Z report lists every method of the counter, per operator, totals and the reversals', () => {
    const rows = [row({ amount: 1000, operator: 'bob', orderId: 'o2' }), row({ method: 'card', amount: 500 }), row({ kind: 'refund', method: 'card', amount: 200 })];
    const z = zReport(till, rows, ['cash', 'card', 'other']);
    expect(z.byMethod.map((l) => [l.key, l.payments, l.refunds, l.net])).toEqual([
      ['cash', 1000, 0, 1000],
      ['card', 500, 200, 300],
      ['other', 0, 0, 0],
    ]);
    expect(z.byOperator.map((l) => [l.key, l.net, l.orders])).toEqual([
      ['ann', 300, 1],
      ['bob', 1000, 1],
    ]);
    expect(z.totals).toMatchObject({ payments: 1500, refunds: 200, net: 1300, orders: 2 });
    expect(z.expectedCash).toBe(6000);
  });

  it('property: per-method and per-operator lines add up to the totals, in whole minor units', () => {
    const rowArb = fc.record({
      kind: fc.constantFrom<'payment' | 'refund'>('payment', 'refund'),
      method: fc.constantFrom('cash', 'card', 'other'),
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      operator: fc.constantFrom('ann', 'bob', 'cy'),
      orderId: fc.constantFrom('o1', 'o2', 'o3', 'o4'),
      reversed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), fc.integer({ min: 0, max: 1_000_000 }), (specs, float) => {
        const rows: PaymentRow[] = [];
        for (const s of specs) {
          const r = row(s);
          rows.push(r);
          if (s.reversed) rows.push(row({ kind: 'reversal', amount: r.amount, method: r.method, reverses: r.id }));
        }
        const z = zReport({ ...till, float }, rows, ['cash', 'card', 'other']);
        const kept = specs.filter((s) => !s.reversed);
        for (const lines of [z.byMethod, z.byOperator]) {
          expect(sumMoney(lines.map((l) => l.payments))).toBe(z.totals.payments);
          expect(sumMoney(lines.map((l) => l.refunds))).toBe(z.totals.refunds);
          expect(sumMoney(lines.map((l) => l.net))).toBe(z.totals.net);
        }
        expect(z.totals.paymentCount + z.totals.refundCount).toBe(kept.length);
        expect(z.reversals).toBe(specs.length - kept.length);
        const cash = kept.filter((s) => s.method === 'cash');
        expect(z.expectedCash).toBe(float + sumMoney(cash.map((s) => (s.kind === 'payment' ? s.amount : -s.amount))));
        expect(Number.isSafeInteger(z.totals.net)).toBe(true);
      }),
    );
  });

  it('an order balance never goes below zero and a reversal gives the amount back to owe', () => {
    const p = row({ amount: 700 });
    expect(orderMoney(1000, [p])).toMatchObject({ paid: 700, balance: 300 });
    expect(orderMoney(1000, [p, row({ kind: 'reversal', amount: 700, reverses: p.id })])).toMatchObject({ paid: 0, balance: 1000 });
    expect(orderMoney(500, [p])).toMatchObject({ balance: 0 });
  });

  it('exports the Z report as CSV with decimals', () => {
    const z = zReport(till, [row({ amount: 1250 })], ['cash', 'card']);
    const table = readCsv(zReportCsv(z, 2));
    expect(table.ok).toBe(true);
    const text = zReportCsv(z, 2);
    expect(text).toContain('method,cash,12.50,1,0.00,0,12.50,1');
    expect(text).toContain('till,expectedCash,62.50');
    expect(text).toContain('till,counted,90.00');
    // A shortage is a negative figure, not text made safe from formulas.
    expect(zReportCsv(zReport({ ...till, counted: 5000, difference: -50 }, [], ['cash']), 2)).toContain('till,difference,-0.50');
  });

  it('lists each refund still in force with its order and refund sheet, in the report and the CSV', () => {
    const undone = row({ kind: 'refund', amount: 300, refundId: 'r9' });
    const rows = [row({ amount: 2000 }), row({ kind: 'refund', method: 'card', amount: 500, refundId: 'r1', orderNumber: 'PO-7' }), undone, row({ kind: 'reversal', amount: 300, reverses: undone.id })];
    const z = zReport(till, rows, ['cash', 'card']);
    expect(z.givenBack).toMatchObject([{ orderNumber: 'PO-7', refundId: 'r1', method: 'card', amount: 500 }]);
    expect(zReportCsv(z, 2)).toContain('refund,PO-7 card r1,,,5.00,1,,1');
  });
});

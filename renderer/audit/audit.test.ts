import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CommandRow, EventBatchRow, ScanRow, SignInRow } from '../../shared/db/rows';
import { auditCsv, auditRows, daySummary, filterRows, type AuditFilter } from './audit';

const T = Date.UTC(2026, 11, 6, 9);
const cmd = (id: string, kind: string, operator: string, at: number, extra: Partial<CommandRow> = {}): CommandRow => ({ id, kind, operator, deviceId: 'dev-1', at, result: { ok: true }, ...extra });
const batch = (commandId: string, orderId: string, action: string, from: string | null, to: string, at: number): EventBatchRow => ({
  commandId,
  orderId,
  deviceId: 'dev-1',
  operator: 'x',
  at,
  events: [
    { id: `${commandId}-1`, role: 'S', action, type: 'transition', entity: { kind: 'order', id: orderId }, from, to, postAction: null, detail: null },
    { id: `${commandId}-2`, role: 'P', action: 'cascade', type: 'transition', entity: { kind: 'order', id: orderId }, from: to, to: 'ZZ', postAction: null, detail: null },
  ],
});
const scanned = (seq: number, operator: string | undefined, role: string | undefined, raw: string, ok: boolean, at: number): ScanRow => ({
  seq,
  at,
  raw,
  type: raw.startsWith('CF:O:') ? 'order' : 'product',
  screen: 'boards',
  ok,
  message: ok ? 'done' : 'refused',
  ...(operator === undefined ? {} : { operator, deviceId: 'dev-2' }),
  ...(role === undefined ? {} : { role }),
});
const signIn = (seq: number, operatorId: string | null, outcome: SignInRow['outcome'], at: number): SignInRow => ({ seq, operatorId, method: 'pin', outcome, deviceId: 'dev-1', at });

function sample() {
  return auditRows({
    commands: [
      cmd('c1', 'create-order', 'ada', T, { role: 'B', result: { ok: true, orderId: 'o1', number: 'PO-000001' } }),
      cmd('c2', 'act', 'cleo', T + 1000, { role: 'S' }),
      cmd('c3', 'stock:receive', 'cleo', T + 2000),
      cmd('c4', 'act', 'ada', T + 86_400_000, { role: 'P' }),
    ],
    events: [batch('c2', 'o1', 'ship the order', 'FP', 'ST', T + 1000), batch('other', 'o9', 'x', null, 'A', T)],
    movements: new Map([['c3', 2], ['c2', 1]]),
    signIns: [signIn(1, 'cleo', 'ok', T - 10), signIn(2, 'cleo', 'wrong-pin', T - 20), signIn(3, null, 'unknown', T - 30)],
    scans: [scanned(1, 'cleo', 'S', 'CF:O:PO-000001', true, T + 500), scanned(2, 'cleo', 'S', '4006381333931', false, T + 600), scanned(3, undefined, undefined, '123', true, T - 40)],
    numbers: new Map([['o1', 'PO-000001']]),
  });
}

const everything: AuditFilter = { operator: null, kind: null, role: null, order: '', from: 0, to: Number.MAX_SAFE_INTEGER };

describe('audit rows', () => {
  it('say who did what to which order, newest first, with the first transition and its stock movements', () => {
    const rows = sample();
    expect(rows.map((r) => r.key)).toEqual(['c4', 'c3', 'c2', 'scan:2', 'scan:1', 'c1', 'sign-in:1', 'sign-in:2', 'sign-in:3', 'scan:3']);
    expect(rows.find((r) => r.key === 'c2')).toMatchObject({ operator: 'cleo', role: 'S', action: 'ship the order', from: 'FP', to: 'ST', orderId: 'o1', orderNumber: 'PO-000001', stockMovements: 1 });
    expect(rows.find((r) => r.key === 'c1')).toMatchObject({ orderId: 'o1', orderNumber: 'PO-000001', action: null });
    expect(rows.find((r) => r.key === 'sign-in:2')).toMatchObject({ kind: 'sign-in', operator: 'cleo', outcome: 'wrong-pin', method: 'pin' });
  });

  it('list every scan with its operator, role and counter, and how it was answered', () => {
    const rows = sample();
    expect(rows.find((r) => r.key === 'scan:2')).toMatchObject({ kind: 'scan', operator: 'cleo', role: 'S', deviceId: 'dev-2', outcome: 'refused', scan: { raw: '4006381333931', type: 'product', ok: false } });
    // A row logged before operators existed: no one named, still listed.
    expect(rows.find((r) => r.key === 'scan:3')).toMatchObject({ kind: 'scan', operator: '', role: null, deviceId: '' });
  });

  it('filter by operator, kind, role, order and time', () => {
    const rows = sample();
    const keys = (f: Partial<AuditFilter>) => filterRows(rows, { ...everything, ...f }).map((r) => r.key);
    expect(keys({ operator: 'ada' })).toEqual(['c4', 'c1']);
    expect(keys({ kind: 'act' })).toEqual(['c4', 'c2']);
    expect(keys({ role: 'S' })).toEqual(['c2', 'scan:2', 'scan:1']);
    expect(keys({ action: 'ship the order' })).toEqual(['c2']);
    // A scan of the order's label is found by the order too.
    expect(keys({ order: 'po-000001' })).toEqual(['c2', 'scan:1', 'c1']);
    expect(keys({ order: '0001' })).toEqual(['c2', 'scan:1', 'c1']);
    expect(keys({ from: T, to: T + 86_400_000 })).toEqual(['c3', 'c2', 'scan:2', 'scan:1', 'c1']);
    expect(keys({ operator: 'cleo', kind: 'sign-in' })).toEqual(['sign-in:1', 'sign-in:2']);
    expect(keys({ operator: 'cleo', kind: 'scan' })).toEqual(['scan:2', 'scan:1']);
    expect(keys({ kind: 'scan', role: 'P' })).toEqual([]);
  });

  it('a filter only ever removes rows, and every row it keeps matches it', () => {
    const rows = sample();
    const filters = fc.record({
      operator: fc.constantFrom(null, 'ada', 'cleo', 'nobody'),
      kind: fc.constantFrom(null, 'act', 'sign-in', 'create-order', 'scan'),
      role: fc.constantFrom(null, 'S', 'P', 'B'),
      order: fc.constantFrom('', 'PO', 'o1', 'zzz'),
      from: fc.integer({ min: T - 100, max: T + 90_000_000 }),
      to: fc.integer({ min: T - 100, max: T + 90_000_000 }),
    });
    fc.assert(
      fc.property(filters, (f) => {
        const kept = filterRows(rows, f);
        return kept.every((r) => rows.includes(r) && r.at >= f.from && r.at < f.to && (f.operator === null || r.operator === f.operator) && (f.kind === null || r.kind === f.kind) && (f.role === null || r.role === f.role));
      }),
    );
  });

  it('sum up each operator: orders created, actions, stock movements, sign-ins, scans', () => {
    const day = filterRows(sample(), { ...everything, from: T - 1000, to: T + 86_400_000 });
    expect(daySummary(day)).toEqual([
      { operator: 'ada', ordersCreated: 1, actions: 0, stockMovements: 0, signIns: 0, failedSignIns: 0, scans: 0, commands: 1 },
      { operator: 'cleo', ordersCreated: 0, actions: 1, stockMovements: 3, signIns: 1, failedSignIns: 1, scans: 2, commands: 2 },
    ]);
  });

  it('export as CSV a spreadsheet reads back, formulas defused', () => {
    const rows = sample();
    const csv = auditCsv(rows, (id) => (id === 'ada' ? '=HYPERLINK("x")' : id));
    const parsed = Papa.parse<string[]>(csv.trim()).data;
    expect(parsed[0]).toEqual(['time', 'operator', 'operator_id', 'role', 'kind', 'action', 'order', 'from', 'to', 'stock_movements', 'sign_in', 'device', 'scan_code', 'scan_result']);
    expect(parsed).toHaveLength(rows.length + 1);
    expect(parsed[1]![1]).toBe(`'=HYPERLINK("x")`);
    expect(parsed.find((r) => r[4] === 'act' && r[2] === 'cleo')).toEqual(expect.arrayContaining(['ship the order', 'PO-000001', 'FP', 'ST', '1']));
    expect(parsed.find((r) => r[4] === 'scan' && r[12] === '4006381333931')).toEqual(expect.arrayContaining(['cleo', 'S', 'dev-2', 'product:refused']));
  });
});

// The audit trail as rows: every stored command (who, as which role, from which counter,
// when, what it did to which order, how many stock movements), every sign-in attempt and
// every scan (who scanned what, in which role, on which counter, and how it was answered),
// with the screen's filters, a day summary per operator, and CSV. Pure: queries.ts reads the
// tables; this joins and counts (tested without a database).
import Papa from 'papaparse';
import type { CommandRow, EventBatchRow, ScanRow, SignInRow } from '../../shared/db/rows';

export interface AuditRow {
  /** Stable key: the command id, `sign-in:<seq>` or `scan:<seq>`. */
  key: string;
  at: number;
  /** The operator id as stored (a configured name in single-operator mode, 'system' for start-up work). */
  operator: string;
  role: string | null;
  /** The command kind, 'sign-in' or 'scan'. */
  kind: string;
  deviceId: string;
  /** The workflow action, when the command took one (the first transition it made). */
  action: string | null;
  orderId: string | null;
  orderNumber: string | null;
  from: string | null;
  to: string | null;
  stockMovements: number;
  /** Sign-in rows: how (badge, pin, recovery) and how it ended (ok, wrong-pin...). */
  method: string | null;
  outcome: string | null;
  /** Scan rows: what was read, as what, on which screen, and whether the counter took it. */
  scan: { raw: string; type: string; screen: string; ok: boolean } | null;
}

export interface AuditSources {
  commands: readonly CommandRow[];
  /** Event rows of those commands (others are ignored). */
  events: readonly EventBatchRow[];
  /** Stock movements per command id. */
  movements: ReadonlyMap<string, number>;
  signIns: readonly SignInRow[];
  /** The scan log's rows (absent: no scans are listed). */
  scans?: readonly ScanRow[];
  /** Order numbers by order id. */
  numbers: ReadonlyMap<string, string>;
}

/** A command's result, as far as the audit reads it. */
function resultFacts(result: unknown): { orderId: string | null; number: string | null } {
  if (!result || typeof result !== 'object') return { orderId: null, number: null };
  const r = result as Record<string, unknown>;
  return { orderId: typeof r.orderId === 'string' ? r.orderId : null, number: typeof r.number === 'string' ? r.number : null };
}

export function auditRows(src: AuditSources): AuditRow[] {
  const eventsOf = new Map<string, EventBatchRow[]>();
  for (const e of src.events) {
    const list = eventsOf.get(e.commandId) ?? [];
    list.push(e);
    eventsOf.set(e.commandId, list);
  }
  const rows: AuditRow[] = src.commands.map((c) => {
    const batches = eventsOf.get(c.id) ?? [];
    const first = batches[0];
    // The first transition is the one asked for; later ones are its cascade.
    const step = batches.flatMap((b) => b.events).find((e) => e.type === 'transition');
    const facts = resultFacts(c.result);
    const orderId = first?.orderId ?? facts.orderId;
    return {
      key: c.id,
      at: c.at,
      operator: c.operator,
      role: c.role ?? null,
      kind: c.kind,
      deviceId: c.deviceId,
      action: step?.action ?? null,
      orderId,
      orderNumber: facts.number ?? (orderId ? (src.numbers.get(orderId) ?? null) : null),
      from: step?.from ?? null,
      to: step?.to ?? null,
      stockMovements: src.movements.get(c.id) ?? 0,
      method: null,
      outcome: null,
      scan: null,
    };
  });
  for (const s of src.signIns) {
    rows.push({
      key: `sign-in:${s.seq ?? s.at}`,
      at: s.at,
      operator: s.operatorId ?? '',
      role: null,
      kind: 'sign-in',
      deviceId: s.deviceId,
      action: null,
      orderId: null,
      orderNumber: null,
      from: null,
      to: null,
      stockMovements: 0,
      method: s.method,
      outcome: s.outcome,
      scan: null,
    });
  }
  for (const s of src.scans ?? []) {
    rows.push({
      key: `scan:${s.seq ?? s.at}`,
      at: s.at,
      // Rows logged before operators existed carry no operator.
      operator: s.operator ?? '',
      role: s.role ?? null,
      kind: 'scan',
      deviceId: s.deviceId ?? '',
      action: null,
      orderId: null,
      orderNumber: null,
      from: null,
      to: null,
      stockMovements: 0,
      method: null,
      outcome: s.ok ? 'ok' : 'refused',
      scan: { raw: s.raw, type: s.type, screen: s.screen, ok: s.ok },
    });
  }
  return rows.sort((a, b) => b.at - a.at || (a.key < b.key ? -1 : 1));
}

export interface AuditFilter {
  /** Operator id; null = everyone. */
  operator: string | null;
  /** Command kind, 'sign-in', 'scan', or null = all. */
  kind: string | null;
  /** Role code, or null = any. */
  role: string | null;
  /** Workflow action (ship the order...), or null = any. */
  action?: string | null;
  /** Order number or id, as typed (case-insensitive, a part is enough; a scan matches by
   *  the code it read, e.g. an order label); '' = any. */
  order: string;
  /** Inclusive start and exclusive end (ms). */
  from: number;
  to: number;
}

export function filterRows(rows: readonly AuditRow[], f: AuditFilter): AuditRow[] {
  const order = f.order.trim().toLowerCase();
  return rows.filter(
    (r) =>
      r.at >= f.from &&
      r.at < f.to &&
      (f.operator === null || r.operator === f.operator) &&
      (f.kind === null || r.kind === f.kind) &&
      (f.role === null || r.role === f.role) &&
      (!f.action || r.action === f.action) &&
      (!order || (r.orderNumber ?? '').toLowerCase().includes(order) || (r.orderId ?? '').toLowerCase() === order || (r.scan?.raw ?? '').toLowerCase().includes(order)),
  );
}

export interface OperatorDay {
  operator: string;
  ordersCreated: number;
  /** Workflow actions taken by hand (act, action cards). */
  actions: number;
  stockMovements: number;
  signIns: number;
  failedSignIns: number;
  /** Everything scanned, answered or refused. */
  scans: number;
  /** Every command, whatever its kind. */
  commands: number;
}

/** Per operator over the rows given (the screen gives one day's). */
export function daySummary(rows: readonly AuditRow[]): OperatorDay[] {
  const by = new Map<string, OperatorDay>();
  for (const r of rows) {
    if (!r.operator) continue;
    const d = by.get(r.operator) ?? { operator: r.operator, ordersCreated: 0, actions: 0, stockMovements: 0, signIns: 0, failedSignIns: 0, scans: 0, commands: 0 };
    if (r.kind === 'scan') d.scans += 1;
    else if (r.kind === 'sign-in') {
      if (r.outcome === 'ok') d.signIns += 1;
      else d.failedSignIns += 1;
    } else {
      d.commands += 1;
      if (r.kind === 'create-order') d.ordersCreated += 1;
      if (r.kind === 'act' || r.kind === 'act-on-order') d.actions += 1;
      d.stockMovements += r.stockMovements;
    }
    by.set(r.operator, d);
  }
  return [...by.values()].sort((a, b) => (a.operator < b.operator ? -1 : a.operator > b.operator ? 1 : 0));
}

/** Formula injection: a cell starting with = + - @ is read as a formula by spreadsheets. */
const safe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function auditCsv(rows: readonly AuditRow[], nameOf: (operator: string) => string): string {
  return Papa.unparse(
    {
      fields: ['time', 'operator', 'operator_id', 'role', 'kind', 'action', 'order', 'from', 'to', 'stock_movements', 'sign_in', 'device', 'scan_code', 'scan_result'],
      data: rows.map((r) =>
        [
          new Date(r.at).toISOString(),
          nameOf(r.operator),
          r.operator,
          r.role ?? '',
          r.kind,
          r.action ?? '',
          r.orderNumber ?? r.orderId ?? '',
          r.from ?? '',
          r.to ?? '',
          String(r.stockMovements),
          r.method ? `${r.method}:${r.outcome ?? ''}` : '',
          r.deviceId,
          r.scan?.raw ?? '',
          r.scan ? `${r.scan.type}:${r.scan.ok ? 'ok' : 'refused'}` : '',
        ].map(safe),
      ),
    },
    { newline: '\r\n' },
  );
}

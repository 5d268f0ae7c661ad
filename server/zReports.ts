// Z reports on the server (issue 22): a till session's close as the server kept it, from the
// tills and payments the counters pushed, for the admin. The figures are the counter's own
// (shared/payments/till.ts, zReport) over the server's rows, so a till closed at a counter
// reads the same here; each method also says what was expected, what was counted and the
// difference. Only cash is counted at a counter (the close counts the drawer); a card or
// other method's count is its terminal's slip, so it has no counted figure here.
import type { PaymentRow, TillRow } from '../shared/db/rows';
import { paymentMethodsOf } from '../shared/settings/currency';
import { zReport, type ZReport } from '../shared/payments/till';
import type { MethodCount } from '../shared/sync/zReports';
import type { Database, Queryable } from './db/sql';

export interface ServerZReport extends ZReport {
  /** The enrolled device's name (the till's deviceId is the device's id on the server). */
  deviceName: string | null;
  status: TillRow['status'];
  methods: MethodCount[];
}

export interface ZReportQuery {
  /** One device's tills only. */
  deviceId?: string;
  /** One till (open or closed); otherwise closed tills only, newest close first. */
  tillId?: string;
  limit: number;
}

const CASH = 'cash';

export function methodCounts(till: TillRow, report: ZReport): MethodCount[] {
  return report.byMethod.map((line) =>
    line.key === CASH
      ? { method: CASH, expected: report.expectedCash, counted: till.counted, difference: till.difference }
      : { method: line.key, expected: line.net, counted: null, difference: null },
  );
}

async function rows<R>(q: Queryable, sql: string, params: unknown[]): Promise<R[]> {
  return (await q.query<{ row: R }>(sql, params)).rows.map((r) => r.row);
}

export async function zReports(database: Database, query: ZReportQuery): Promise<ServerZReport[]> {
  const session = await database.connect();
  try {
    const tills = query.tillId
      ? await rows<TillRow>(session, 'SELECT row FROM tills WHERE id = $1', [query.tillId])
      : await rows<TillRow>(
          session,
          `SELECT row FROM tills WHERE status = 'closed' AND ($1::text IS NULL OR device_id = $1) ORDER BY (row->>'closedAt')::bigint DESC, id LIMIT $2`,
          [query.deviceId ?? null, query.limit],
        );
    if (tills.length === 0) return [];
    const ids = tills.map((t) => t.id);
    const [payments, methods, devices] = await Promise.all([
      rows<PaymentRow>(session, 'SELECT row FROM payments WHERE till_id = ANY($1::text[]) ORDER BY change_seq', [ids]),
      rows<{ value: unknown }>(session, "SELECT row FROM settings WHERE key = 'paymentMethods'", []),
      session.query<{ id: string; name: string }>('SELECT id, name FROM devices WHERE id = ANY($1::text[])', [tills.map((t) => t.deviceId)]),
    ]);
    const methodList = paymentMethodsOf(methods[0]?.value);
    const names = new Map(devices.rows.map((d) => [d.id, d.name]));
    return tills.map((till) => {
      const report = zReport(till, payments, methodList);
      return { ...report, deviceName: names.get(till.deviceId) ?? null, status: till.status, methods: methodCounts(till, report) };
    });
  } finally {
    session.release();
  }
}

// The Z report as a CSV file a person opens in a spreadsheet: amounts as decimals, one row
// per method and per operator, then the till's cash figures. Cells are neutralised like
// every CSV the counter writes (inventory/csv.ts), so no cell runs as a formula.
import { writeCsv } from '../inventory/csv';
import { formatMoney, type CurrencyDigits } from '../money';
import type { ZLine, ZReport } from './till';

export const Z_COLUMNS = ['section', 'key', 'payments', 'paymentCount', 'refunds', 'refundCount', 'net', 'orders'] as const;

export function zReportCsv(report: ZReport, digits?: CurrencyDigits): string {
  // Figures, not text: a shortage ("-0.50") must reach the spreadsheet as a number.
  const m = (n: number | null) => (n === null ? '' : { figure: formatMoney(n, digits) });
  const line = (section: string, l: ZLine) => [section, l.key, m(l.payments), l.paymentCount, m(l.refunds), l.refundCount, m(l.net), l.orders];
  const fact = (key: string, value: string | { figure: string }) => ['till', key, value, '', '', '', '', ''];
  return writeCsv(Z_COLUMNS, [
    ...report.byMethod.map((l) => line('method', l)),
    ...report.byOperator.map((l) => line('operator', l)),
    line('total', report.totals),
    // Each refund: key = order number, method and the refund sheet it paid out (if any).
    ...report.givenBack.map((g) => ['refund', [g.orderNumber, g.method, g.refundId ?? ''].join(' '), '', '', m(g.amount), 1, '', 1]),
    fact('float', m(report.float)),
    fact('expectedCash', m(report.expectedCash)),
    fact('counted', m(report.counted)),
    fact('difference', m(report.difference)),
    fact('openedAt', new Date(report.openedAt).toISOString()),
    fact('closedAt', report.closedAt === null ? '' : new Date(report.closedAt).toISOString()),
  ]);
}

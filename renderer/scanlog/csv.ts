// The scan log as CSV: one row per scan, oldest first, safe to open in a spreadsheet.
import type { ScanRow } from '../../shared/db/rows';

const CSV_FIELDS = ['seq', 'time', 'raw', 'type', 'screen', 'result', 'message'] as const;

function csvCell(value: string): string {
  // Formula injection: a cell starting with = + - @ is read as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function scansToCsv(rows: ScanRow[]): string {
  const lines = [CSV_FIELDS.join(',')];
  for (const r of rows) {
    lines.push(
      [String(r.seq ?? ''), new Date(r.at).toISOString(), r.raw, r.type, r.screen, r.ok ? 'ok' : 'failed', r.message].map(csvCell).join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

// The scan log as CSV: one row per scan, oldest first, safe to open in a spreadsheet.
import type { ScanRow } from '../../shared/db/rows';

// Who scanned, in which role, on which counter: the audit's facts (empty in rows from before).
const CSV_FIELDS = ['seq', 'time', 'raw', 'type', 'screen', 'result', 'message', 'operator', 'role', 'device'] as const;

function csvCell(value: string): string {
  // Formula injection: a cell starting with = + - @ is read as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function scansToCsv(rows: ScanRow[]): string {
  const lines = [CSV_FIELDS.join(',')];
  for (const r of rows) {
    lines.push(
      [String(r.seq ?? ''), new Date(r.at).toISOString(), r.raw, r.type, r.screen, r.ok ? 'ok' : 'failed', r.message, r.operator ?? '', r.role ?? '', r.deviceId ?? ''].map(csvCell).join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

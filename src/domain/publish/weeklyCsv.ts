import { KPI_FIELDS, type KpiRow } from '../chat/kpi';

/**
 * The week's `KPI Tracking` rows as CSV (RFC 4180, CRLF), headed by the sheet's own column names so a person can
 * paste it back or open it beside the sheet. Rates stay fractions, as the sheet keeps them. A UTF-8 byte order mark
 * goes first: Excel, where managers open such files, reads Japanese text wrongly without it.
 */
export function weeklyKpiCsv(days: readonly string[], rows: readonly KpiRow[]): string {
  const byDate = new Map(rows.map((r) => [r.date, r] as const));
  const lines = [['Date', ...KPI_FIELDS.map((f) => f.header)]];
  for (const day of days) {
    const r = byDate.get(day);
    if (!r) continue;
    lines.push([day, ...KPI_FIELDS.map((f) => (r[f.key] === null ? '' : String(r[f.key])))]);
  }
  return `\ufeff${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value: string): string {
  // A cell a spreadsheet would read as a formula is prefixed, as the sheet itself neutralises such input.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

import { archiveKeyOf, groupByYear, selectExpired, splitKept, type RetentionDays, type RetentionRule } from '../domain/retention';
import type { Archive } from '../platform/archive';
import type { Locked } from '../platform/lock';
import type { RawSheet } from '../platform/rawSheets';
import { textCell } from '../sheets/cells';

/**
 * The retention job: raw rows that no job needs any more are copied to the archive, then removed from the
 * workbook in whole blocks — one row deletion when they are the oldest rows (the usual case: raw tables are
 * appended in time order), or the kept rows rewritten in one write and the tail deleted in one more when a row
 * that must stay sits among them. Each table is done under the script lock, so no webhook appends between the
 * read and the deletion, and the archive is written before anything is removed: a run that dies half-way leaves
 * the rows in the workbook, and the next run recognises those already archived (by key) and does not add them twice.
 */

export interface ArchiveDeps {
  sheet(name: string): RawSheet | null;
  archive: Archive;
  rules: readonly RetentionRule[];
  days: RetentionDays;
  now: Date;
  yearOf(date: Date): number;
  locked: Locked;
  /** Rows removed per table per run at most, so one run stays well inside 6 minutes; the next run goes on. */
  batchRows: number;
  /** The workbook's tables whose empty columns have not been dropped yet (once per sheet: they stay fitted). */
  unfitted: readonly string[];
  /** Drops them under the lock; returns the sheets done, which the caller remembers. */
  fitWidths(names: readonly string[]): string[];
}

export interface TableOutcome {
  sheet: string;
  /** Rows removed from the workbook (all archived first). */
  removed: number;
  /** Rows written to the archive now (fewer than removed when an earlier run had archived some already). */
  archived: number;
  /** Old rows kept because a job still needs them (an unapplied event, a message still to send or a thread parent). */
  held: number;
  /** More rows were due than one batch. */
  more: boolean;
}

export interface ArchiveResult {
  archive: string;
  tables: TableOutcome[];
  /** Sheets whose empty columns were dropped in this run. */
  fitted: string[];
}

export function archiveOldRows(deps: ArchiveDeps): ArchiveResult {
  const tables: TableOutcome[] = [];
  for (const rule of deps.rules) {
    const sheet = deps.sheet(rule.sheet);
    if (!sheet) continue;
    tables.push(deps.locked(() => pruneTable(rule, sheet, deps)));
  }
  const fitted = deps.unfitted.length > 0 ? deps.locked(() => deps.fitWidths(deps.unfitted)) : [];
  return { archive: deps.archive.kind, tables, fitted };
}

function pruneTable(rule: RetentionRule, sheet: RawSheet, deps: ArchiveDeps): TableOutcome {
  const rows = sheet.readAll();
  const outcome: TableOutcome = { sheet: rule.sheet, removed: 0, archived: 0, held: 0, more: false };
  if (rows.length < 2) return outcome;
  const header = rows[0] as unknown[];
  const body = rows.slice(1);
  const selection = selectExpired(rule, rows, deps.days, deps.now, deps.batchRows + 1);
  outcome.held = selection.held;
  outcome.more = selection.remove.length > deps.batchRows;
  const remove = selection.remove.slice(0, deps.batchRows);
  if (remove.length === 0) return outcome;
  const width = trimmedWidth(header);
  const yearColumn = header.map((h) => String(h).trim()).indexOf(rule.yearHeader);
  const removed = remove.map((i) => (body[i] as unknown[]).slice(0, width));
  const byYear = groupByYear(removed, (row) => row[yearColumn], deps.yearOf, deps.yearOf(deps.now));
  const keyOf = archiveKeyOf(header, rule.keyHeaders);
  for (const [year, yearRows] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
    outcome.archived += deps.archive.append(rule.sheet, year, header.slice(0, width), yearRows, keyOf);
  }
  const { kept, prefix } = splitKept(body, remove);
  if (prefix) {
    sheet.deleteRows(2, remove.length);
  } else {
    // Kept rows move up over the removed ones in one write; the rows left over at the bottom go in one deletion.
    const rewriteFrom = remove[0] as number;
    sheet.write(
      2 + rewriteFrom,
      kept.slice(rewriteFrom).map((row) => row.map(asWritten)),
    );
    sheet.deleteRows(2 + kept.length, remove.length);
  }
  outcome.removed = remove.length;
  return outcome;
}

/** A value read back, as it must be written again: text stays text (a `=…` cell must not become a formula). */
function asWritten(value: unknown): unknown {
  return typeof value === 'string' && value !== '' ? textCell(value) : value;
}

function trimmedWidth(header: unknown[]): number {
  let end = header.length;
  while (end > 0 && String(header[end - 1] ?? '').trim() === '') end--;
  return end;
}

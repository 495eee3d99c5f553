import { archiveKeyOf, groupByYear, selectExpired, splitKept, type RetentionDays, type RetentionRule } from '../domain/retention';
import type { Archive } from '../platform/archive';
import type { Locked } from '../platform/lock';
import type { RawSheet } from '../platform/rawSheets';
import { ConfigError } from '../domain/errors';
import { textCell } from '../sheets/cells';

/**
 * The retention job: raw rows that no job needs any more are copied to the archive, then removed from the
 * workbook in whole blocks — one row deletion when they are the oldest rows (the usual case: raw tables are
 * appended in time order), or the kept rows rewritten in one write and the tail deleted in one more when a row
 * that must stay sits among them.
 *
 * The archive is written first and outside the script lock: a BigQuery load job is polled for seconds and an
 * archive spreadsheet is opened from Drive, while a webhook waits for the lock only 8 s. The removal then runs
 * under the lock on a fresh read, so no webhook appends between that read and the deletion, and removes only rows
 * whose key is in the archive now: a row changed or moved meanwhile is left for the next run. Appending skips rows
 * already archived (by key), so a run that dies half-way, or rows archived and then kept, are never added twice.
 * A table that fails does not stop the others; the job then fails with what went wrong in each.
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
  const failures: Array<{ sheet: string; error: unknown }> = [];
  for (const rule of deps.rules) {
    const sheet = deps.sheet(rule.sheet);
    if (!sheet) continue;
    try {
      tables.push(pruneTable(rule, sheet, deps));
    } catch (error) {
      failures.push({ sheet: rule.sheet, error });
    }
  }
  // fitWidths remembers the sheets it did itself, so they stay done when a table's failure is raised below.
  const fitted = deps.unfitted.length > 0 ? deps.locked(() => deps.fitWidths(deps.unfitted)) : [];
  if (failures.length > 0) throw failureOf(failures);
  return { archive: deps.archive.kind, tables, fitted };
}

/** The rows of a table due to go now, at most one batch, as read at one moment. */
interface Expired {
  header: unknown[];
  body: unknown[][];
  remove: number[];
  held: number;
  more: boolean;
}

function expiredIn(rule: RetentionRule, rows: unknown[][], deps: ArchiveDeps): Expired {
  const selection = selectExpired(rule, rows, deps.days, deps.now, deps.batchRows + 1);
  return {
    header: (rows[0] ?? []) as unknown[],
    body: rows.slice(1),
    remove: selection.remove.slice(0, deps.batchRows),
    held: selection.held,
    more: selection.remove.length > deps.batchRows,
  };
}

function pruneTable(rule: RetentionRule, sheet: RawSheet, deps: ArchiveDeps): TableOutcome {
  const outcome: TableOutcome = { sheet: rule.sheet, removed: 0, archived: 0, held: 0, more: false };
  const rows = sheet.readAll();
  if (rows.length < 2) return outcome;
  const seen = expiredIn(rule, rows, deps);
  outcome.held = seen.held;
  outcome.more = seen.more;
  if (seen.remove.length === 0) return outcome;
  const width = trimmedWidth(seen.header);
  const keyOf = archiveKeyOf(seen.header, rule.keyHeaders);
  const yearColumn = seen.header.map((h) => String(h).trim()).indexOf(rule.yearHeader);
  const removed = seen.remove.map((i) => (seen.body[i] as unknown[]).slice(0, width));
  const byYear = groupByYear(removed, (row) => row[yearColumn], deps.yearOf, deps.yearOf(deps.now));
  for (const [year, yearRows] of [...byYear.entries()].sort((a, b) => a[0] - b[0])) {
    outcome.archived += deps.archive.append(rule.sheet, year, seen.header.slice(0, width), yearRows, keyOf);
  }
  const archived = new Set(removed.map(keyOf));
  return deps.locked(() => removeArchived(rule, sheet, deps, archived, outcome));
}

/** Under the lock: what is expired now and was archived above goes, in whole blocks. */
function removeArchived(rule: RetentionRule, sheet: RawSheet, deps: ArchiveDeps, archived: ReadonlySet<string>, outcome: TableOutcome): TableOutcome {
  const rows = sheet.readAll();
  if (rows.length < 2) return outcome;
  const now = expiredIn(rule, rows, deps);
  const width = trimmedWidth(now.header);
  const keyOf = archiveKeyOf(now.header, rule.keyHeaders);
  const remove = now.remove.filter((i) => archived.has(keyOf((now.body[i] as unknown[]).slice(0, width))));
  outcome.held = now.held;
  // Rows that came due or changed since the archive was written wait for the next run.
  outcome.more = now.more || remove.length < now.remove.length;
  if (remove.length === 0) return outcome;
  const body = now.body;
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

/** One table's failure as it was; several, each named with its table (tables failing alike named together). */
function failureOf(failures: ReadonlyArray<{ sheet: string; error: unknown }>): unknown {
  if (failures.length === 1) return failures[0]?.error;
  const byMessage = new Map<string, string[]>();
  for (const { sheet, error } of failures) {
    const message = error instanceof Error ? error.message : String(error);
    byMessage.set(message, [...(byMessage.get(message) ?? []), sheet]);
  }
  const text = [...byMessage].map(([message, sheets]) => `${sheets.join(', ')}: ${message}`).join('; ');
  return failures.every((f) => f.error instanceof ConfigError) ? new ConfigError(text) : new Error(text);
}

function trimmedWidth(header: unknown[]): number {
  let end = header.length;
  while (end > 0 && String(header[end - 1] ?? '').trim() === '') end--;
  return end;
}

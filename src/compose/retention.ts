import { archiveOldRows, type ArchiveResult } from '../app/archiveOldRows';
import { retentionText } from '../domain/retentionMessages';
import { spreadsheetArchive, type Archive } from '../platform/archive';
import { bigQueryArchive, type FactsOutcome } from '../app/bigQueryExport';
import { BIGQUERY_ARCHIVE_TABLES } from '../sheets/bigQueryTables';
import { bigQueryChosen, bigQueryFrom, exportFactsJob } from './bigQuery';
import { boundRawSheet, boundSpreadsheetName, fitSheetWidths } from '../platform/rawSheets';
import { ALL_TABLES } from '../sheets/tables';
import { ERROR_RETENTION_DAYS, RETENTION_DAYS } from '../settings/retention';
import { RAW_TABLES } from '../sheets/rawTables';
import { executionContext, type ExecutionContext } from './context';

/**
 * The retention job's wiring: raw rows past their time go to this year's archive spreadsheet, then leave the
 * workbook. Settings are read fresh: someone who just shortened RETENTION_DAYS and runs it by hand expects it to count.
 */

/** Rows per table per run: a day of a 100-developer team is about 2,000 events, so one run normally does all. */
const BATCH_ROWS = 20_000;

/** The sheets whose empty columns the job has dropped (JSON list of names): each is looked at once. */
const FITTED_PROPERTY = 'FITTED_SHEETS';

function parseList(text: string | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

export function archiveOldRowsJob(): ArchiveResult & { facts?: FactsOutcome[] } {
  const ctx = executionContext({ settings: 'fresh' });
  const settings = ctx.settings();
  const calendar = ctx.calendar();
  const language = ctx.language();
  const fitted = parseList(ctx.properties()[FITTED_PROPERTY]);
  // ARCHIVE_TARGET=bigquery: archived rows are loaded into BigQuery, and the daily facts follow (README ▸ BigQuery).
  const bigQuery = bigQueryChosen(settings) ? bigQueryFrom(settings) : null;
  const archive = bigQuery
    ? bigQueryArchive({ bigQuery, tables: BIGQUERY_ARCHIVE_TABLES, dateKey: (d) => calendar.dateKey(d) })
    : spreadsheetArchive({
        properties: ctx.properties(),
        saveProperty: (key, value) => ctx.propertyStore.set({ [key]: value }),
        nameOf: (year) => retentionText('archiveName', language, { workbook: boundSpreadsheetName(), year }),
        timeZone: () => ctx.workbook().timeZone(),
      });
  if (!bigQuery) return archiveRaw(ctx, archive, fitted);
  // The facts go out even when a table's archive failed, and the other way round; then any failure is raised.
  const failures: unknown[] = [];
  let result: ArchiveResult = { archive: archive.kind, tables: [], fitted: [] };
  let facts: FactsOutcome[] = [];
  try {
    result = archiveRaw(ctx, archive, fitted);
  } catch (error) {
    failures.push(error);
  }
  try {
    facts = exportFactsJob(ctx, bigQuery);
  } catch (error) {
    failures.push(error);
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new Error(failures.map((e) => (e instanceof Error ? e.message : String(e))).join('\n'));
  return { ...result, facts };
}

function archiveRaw(ctx: ExecutionContext, archive: Archive, fitted: string[]): ArchiveResult {
  const settings = ctx.settings();
  const calendar = ctx.calendar();
  return archiveOldRows({
    sheet: boundRawSheet,
    archive,
    rules: RAW_TABLES,
    days: { raw: settings.get(RETENTION_DAYS), errors: settings.get(ERROR_RETENTION_DAYS) },
    now: ctx.now,
    yearOf: (date) => Number(calendar.dateKey(date).slice(0, 4)),
    locked: ctx.locked,
    batchRows: BATCH_ROWS,
    unfitted: ALL_TABLES.map((t) => t.name).filter((name) => !fitted.includes(name)),
    fitWidths: (names) => {
      const done = fitSheetWidths(names);
      ctx.propertyStore.set({ [FITTED_PROPERTY]: JSON.stringify([...fitted, ...done]) });
      return done;
    },
  });
}

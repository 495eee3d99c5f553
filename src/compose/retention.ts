import { archiveOldRows, type ArchiveResult } from '../app/archiveOldRows';
import { retentionText } from '../domain/retentionMessages';
import { spreadsheetArchive } from '../platform/archive';
import { boundRawSheet, boundSpreadsheetName, fitSheetWidths } from '../platform/rawSheets';
import { ALL_TABLES } from '../sheets/tables';
import { ERROR_RETENTION_DAYS, RETENTION_DAYS } from '../settings/retention';
import { RAW_TABLES } from '../sheets/rawTables';
import { executionContext } from './context';

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

export function archiveOldRowsJob(): ArchiveResult {
  const ctx = executionContext({ settings: 'fresh' });
  const settings = ctx.settings();
  const calendar = ctx.calendar();
  const language = ctx.language();
  const fitted = parseList(ctx.properties()[FITTED_PROPERTY]);
  const archive = spreadsheetArchive({
    properties: ctx.properties(),
    saveProperty: (key, value) => ctx.propertyStore.set({ [key]: value }),
    nameOf: (year) => retentionText('archiveName', language, { workbook: boundSpreadsheetName(), year }),
    timeZone: () => ctx.workbook().timeZone(),
  });
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

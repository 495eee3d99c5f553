import { ingestKpiSnapshot } from './app/ingestKpiSnapshot';
import { PROP, SECRET_PROPS } from './app/properties';
import { addMissingSettings } from './app/settings';
import { runSetup, type SetupReport } from './app/setup';
import type { PostHandler } from './app/webApp';
import { languageOf, type Language } from './domain/messages';
import { redact } from './domain/redact';
import { calendarIn } from './platform/calendar';
import { scriptLock } from './platform/lock';
import { scriptProperties } from './platform/properties';
import { newToken } from './platform/random';
import { boundWorkbook } from './platform/spreadsheet';
import { Table } from './sheets/table';
import { ALL_TABLES, KPI_TRACKING, SETTINGS } from './sheets/tables';

/**
 * The composition root: builds each job's dependencies from the platform adapters. Entry points in main.ts
 * call one function here and stay a few lines long. Nothing is built before a job needs it, because every
 * Apps Script call costs time.
 */

export function postHandlers(): Record<string, PostHandler> {
  return {
    progress: (request) => {
      const properties = scriptProperties().all();
      const workbook = boundWorkbook();
      const calendar = calendarIn(properties[PROP.sheetTimeZone] || workbook.timeZone());
      return ingestKpiSnapshot(
        {
          properties,
          now: new Date(),
          calendar,
          kpiTable: new Table(KPI_TRACKING, workbook, { dateKey: calendar.dateKey }),
          locked: scriptLock(workbook.flush),
        },
        { token: request.parameter['token'], body: request.postData?.contents ?? '' },
      );
    },
  };
}

export function setupJob(): SetupReport {
  const workbook = boundWorkbook();
  const timeZone = workbook.timeZone();
  const calendar = calendarIn(timeZone);
  const options = { dateKey: calendar.dateKey };
  const tables = ALL_TABLES.map((schema) => new Table<string>(schema, workbook, options));
  const settings = new Table(SETTINGS, workbook, options);
  const properties = scriptProperties();
  return scriptLock(workbook.flush)(() =>
    runSetup({
      tables,
      properties,
      sheetTimeZone: () => timeZone,
      newToken,
      defaultSettings: { upsertMissing: () => addMissingSettings(settings) },
    }),
  );
}

/** The team's language, from the Settings sheet (one read). */
export function currentLanguage(): Language {
  const workbook = boundWorkbook();
  const table = new Table(SETTINGS, workbook, { dateKey: (d) => d.toISOString() });
  if (!workbook.grid(SETTINGS.name)) return 'ja';
  const row = table.read().rows.find((r) => String(r.record.key) === 'LANGUAGE');
  return languageOf(row?.record.value);
}

/** The sheet's time zone, remembered in Script Properties so webhooks need not ask the spreadsheet. */
export function rememberSheetTimeZone(): void {
  const store = scriptProperties();
  const timeZone = boundWorkbook().timeZone();
  if (store.all()[PROP.sheetTimeZone] !== timeZone) store.set({ [PROP.sheetTimeZone]: timeZone });
}

/** Logs a fault of ours with every secret value taken out. */
export function logInternalError(error: unknown): void {
  const secrets = Object.entries(scriptProperties().all())
    .filter(([key]) => SECRET_PROPS.includes(key))
    .map(([, value]) => value);
  const text = error instanceof Error ? error.stack ?? `${error.name}: ${error.message}` : String(error);
  console.error(redact(text, secrets));
}

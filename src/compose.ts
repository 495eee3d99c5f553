import { recordError } from './app/errors';
import { ingestKpiSnapshot } from './app/ingestKpiSnapshot';
import { PROP, SECRET_PROPS } from './app/properties';
import { addMissingSettings, readSettings } from './app/settings';
import type { InstallReport } from './app/schedule';
import { runSetup, type SetupReport } from './app/setup';
import { slackPost } from './compose/chat';
import { forgetCachedSettings, installTriggersJob } from './compose/schedule';
import { sheetLayoutStep } from './compose/kpi';
import type { LayoutReport } from './app/sheetLayout';
import type { PostHandler } from './app/webApp';
import { githubPostHandler } from './compose/github';
import type { Language } from './domain/messages';
import { redact } from './domain/redact';
import { calendarIn } from './platform/timeZone';
import { scriptLock } from './platform/lock';
import { scriptProperties } from './platform/properties';
import { newToken } from './platform/random';
import { boundWorkbook } from './platform/spreadsheet';
import { LANGUAGE } from './settings/core';
import { Table } from './sheets/table';
import { ALL_TABLES, ERRORS, KPI_TRACKING, SETTINGS } from './sheets/tables';

/**
 * The composition root: builds each job's dependencies from the platform adapters. Entry points in main.ts
 * call one function here and stay a few lines long. Nothing is built before a job needs it, because every
 * Apps Script call costs time.
 */

export function postHandlers(): Record<string, PostHandler> {
  return {
    slack: (request) => slackPost(request, (error) => reportFailure('doPost', error)),
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
    github: githubPostHandler,
  };
}

export function setupJob(): SetupReport & { layout: LayoutReport; triggers: InstallReport } {
  const workbook = boundWorkbook();
  const timeZone = workbook.timeZone();
  const calendar = calendarIn(timeZone);
  const options = { dateKey: calendar.dateKey };
  const tables = ALL_TABLES.map((schema) => new Table<string>(schema, workbook, options));
  const settings = new Table(SETTINGS, workbook, options);
  const properties = scriptProperties();
  const report = scriptLock(workbook.flush)(() =>
    runSetup({
      tables,
      properties,
      sheetTimeZone: () => timeZone,
      newToken,
      defaultSettings: { upsertMissing: () => addMissingSettings(settings) },
    }),
  );
  forgetCachedSettings();
  return { ...report, layout: sheetLayoutStep(workbook, calendar), triggers: installTriggersJob() };
}

/** The team's language, from the Settings sheet (one read); Japanese until setup has made the sheet. */
export function currentLanguage(): Language {
  const workbook = boundWorkbook();
  if (!workbook.grid(SETTINGS.name)) return 'ja';
  const settings = readSettings(new Table(SETTINGS, workbook, { dateKey: (d) => d.toISOString() }));
  try {
    return settings.get(LANGUAGE);
  } catch {
    // A mistyped language must not take the menu away: the default stands in until it is fixed.
    return 'ja';
  }
}

/** The sheet's time zone, remembered in Script Properties so webhooks need not ask the spreadsheet. */
export function rememberSheetTimeZone(): void {
  const store = scriptProperties();
  const timeZone = boundWorkbook().timeZone();
  if (store.all()[PROP.sheetTimeZone] !== timeZone) store.set({ [PROP.sheetTimeZone]: timeZone });
}

/**
 * Records a fault of ours: in the `Errors` sheet and the execution log, with every secret value taken out.
 * Recording must never hide the original failure, so its own failure is only logged.
 */
export function reportFailure(functionName: string, error: unknown): void {
  let secrets: string[] = [];
  try {
    secrets = Object.entries(scriptProperties().all())
      .filter(([key]) => SECRET_PROPS.includes(key))
      .map(([, value]) => value);
    const workbook = boundWorkbook();
    const table = new Table(ERRORS, workbook, { dateKey: (d) => d.toISOString() });
    const { message, stack } = scriptLock(workbook.flush)(() =>
      recordError(table, { time: new Date(), functionName, error, secrets, id: Utilities.getUuid().slice(0, 8) }),
    );
    console.error(`${functionName}: ${stack || message}`);
  } catch (recording) {
    console.error(redact(`${functionName}: ${String(error)} (and recording it failed: ${String(recording)})`, secrets));
  }
}

import { raiseAlerts, recordedAlertTexts, type AlertRun, type FiredStore } from '../app/alerts';
import { computeDailyKpiRow, type DailyKpiResult } from '../app/dailyKpis';
import { blockerFact, deploymentFact, githubDayFact, projectFact, reportFact, rememberDays, taskFact } from '../app/kpiFacts';
import { PROP } from '../app/properties';
import { readSettings } from '../app/settings';
import { applySheetLayout, type LayoutReport } from '../app/sheetLayout';
import { rollUpWeeks } from '../app/weeklyRollup';
import { InputError } from '../domain/errors';
import { parseFired, type Thresholds } from '../domain/kpi/alerts';
import type { DailyInputs } from '../domain/kpi/daily';
import { isDayKey } from '../domain/kpi/days';
import { kpiText } from '../domain/kpi/messages';
import type { Language } from '../domain/messages';
import { calendarIn, type Calendar } from '../platform/timeZone';
import { scriptLock } from '../platform/lock';
import { mailApp } from '../platform/mail';
import { scriptProperties } from '../platform/properties';
import { dataRowCount, sortRowsBy } from '../platform/sheetExtent';
import { spreadsheetLayout } from '../platform/sheetLayout';
import { boundWorkbook } from '../platform/spreadsheet';
import { sheetUi } from '../platform/ui';
import type { Settings } from '../settings';
import { LANGUAGE } from '../settings/core';
import {
  ALERT_BLOCKERS_ABOVE,
  ALERT_CHANNEL,
  ALERT_ERROR_RATE_ABOVE,
  ALERT_SATISFACTION_BELOW,
  ALERT_TASK_COMPLETION_BELOW,
  MANAGER_EMAILS,
} from '../settings/sheet';
import type { TableSchema } from '../sheets/schema';
import { Table, type Row } from '../sheets/table';
import { DEPLOYMENTS, GITHUB_METRICS } from '../sheets/githubTables';
import { BLOCKERS, DAILY_REPORTS, KPI_TRACKING, PROJECTS, SETTINGS, TARGETS, TASKS, WEEKLY } from '../sheets/tables';
import { outbox } from './chat';
import { cachedSettings } from './schedule';

/**
 * The sheet area's composition: the day's KPI row and its alerts, the weekly rollup, and setup's layout step.
 * The scheduled KPI job reads Settings through the dispatcher's 10-minute cache; the menu's "Recompute today's
 * KPIs" reads them fresh, since a person who just changed a threshold expects it to count.
 */

type Workbook = ReturnType<typeof boundWorkbook>;

interface Context {
  workbook: Workbook;
  calendar: Calendar;
  settings: Settings;
  language: Language;
  properties: ReturnType<typeof scriptProperties>;
  now: Date;
}

function context(freshSettings: boolean): Context {
  const workbook = boundWorkbook();
  const properties = scriptProperties();
  const calendar = calendarIn(properties.all()[PROP.sheetTimeZone] || workbook.timeZone());
  const settings = freshSettings ? readSettings(new Table(SETTINGS, workbook, { dateKey: calendar.dateKey })) : cachedSettings(workbook);
  return { workbook, calendar, settings, language: languageOf(settings), properties, now: new Date() };
}

function languageOf(settings: Settings): Language {
  try {
    return settings.get(LANGUAGE);
  } catch {
    // A mistyped LANGUAGE must not stop the KPIs: Japanese stands in until it is fixed.
    return 'ja';
  }
}

/** The rows of a table, or none without reading when the sheet holds only its header (or is missing). */
function rowsOf<K extends string>(schema: TableSchema<K>, workbook: Workbook, calendar: Calendar): Array<Row<K>> {
  if ((dataRowCount(schema.name) ?? 0) <= 1) return [];
  return new Table(schema, workbook, { dateKey: calendar.dateKey }).read().rows.map((r) => r.record);
}

function dailyInputs(workbook: Workbook, calendar: Calendar): DailyInputs {
  const key = rememberDays(calendar.dateKey);
  return {
    tasks: rowsOf(TASKS, workbook, calendar).map((r) => taskFact(r, key)),
    projects: rowsOf(PROJECTS, workbook, calendar).map(projectFact),
    reports: rowsOf(DAILY_REPORTS, workbook, calendar).flatMap((r) => reportFact(r, key) ?? []),
    blockers: rowsOf(BLOCKERS, workbook, calendar).map((r) => blockerFact(r, key)),
    deployments: rowsOf(DEPLOYMENTS, workbook, calendar).map((r) => deploymentFact(r, key)),
    github: rowsOf(GITHUB_METRICS, workbook, calendar).flatMap((r) => githubDayFact(r) ?? []),
  };
}

function thresholds(settings: Settings): Thresholds {
  return {
    taskCompletionBelow: settings.get(ALERT_TASK_COMPLETION_BELOW),
    satisfactionBelow: settings.get(ALERT_SATISFACTION_BELOW),
    blockersAbove: settings.get(ALERT_BLOCKERS_ABOVE),
    errorRateAbove: settings.get(ALERT_ERROR_RATE_ABOVE),
  };
}

function firedStore(properties: Context['properties']): FiredStore {
  return {
    read: () => parseFired(properties.all()[PROP.kpiAlertsFired]),
    write: (fired) => properties.set({ [PROP.kpiAlertsFired]: JSON.stringify(fired) }),
  };
}

export type DailyKpiJob = DailyKpiResult & { alerts: AlertRun | null };

/**
 * The day's KPI row: today's, or the day given as `yyyy-MM-dd` (run it by hand to fill a missed day). Alerts are
 * raised for today only. A trigger passes its event object, which is not a day: today.
 */
export function computeDailyKpisJob(dayArg?: unknown): DailyKpiJob {
  return dailyKpis(context(false), dayArg);
}

function dailyKpis(ctx: Context, dayArg?: unknown): DailyKpiJob {
  const today = ctx.calendar.dateKey(ctx.now);
  if (typeof dayArg === 'string' && !isDayKey(dayArg.trim())) throw new InputError(`"${dayArg}" is not a day: write it as yyyy-MM-dd, e.g. ${today}`);
  const day = typeof dayArg === 'string' ? dayArg.trim() : today;
  // Settings are checked before anything is written: a bad threshold stops the job whole, naming the key.
  const limits = day === today ? thresholds(ctx.settings) : null;
  const managers = day === today ? ctx.settings.get(MANAGER_EMAILS) : [];
  const channel = ctx.settings.get(ALERT_CHANNEL);

  const inputs = dailyInputs(ctx.workbook, ctx.calendar);
  const result = computeDailyKpiRow({
    day,
    calendar: ctx.calendar,
    inputs: () => inputs,
    kpi: new Table(KPI_TRACKING, ctx.workbook, { dateKey: ctx.calendar.dateKey }),
    locked: scriptLock(ctx.workbook.flush),
    sortByDate: (lastRow) => sortRowsBy(KPI_TRACKING.name, 'Date', lastRow),
  });
  if (!limits) return { ...result, alerts: null };
  const alerts = raiseAlerts({
    day,
    values: result.values,
    reports: inputs.reports.filter((r) => r.day === day && r.mood !== null).length,
    thresholds: limits,
    errorRate: null,
    language: ctx.language,
    channel,
    managers,
    outbox: outbox(),
    mailer: mailApp(),
    fired: firedStore(ctx.properties),
  });
  return { ...result, alerts };
}

/** Menu: "Recompute today's KPIs", with what happened in a toast. */
export function recomputeTodaysKpisJob(): DailyKpiJob {
  const ctx = context(true);
  const result = dailyKpis(ctx);
  const lines = [`${result.day}: ${result.action}`];
  if (result.overrides.length > 0) lines.push(kpiText('recomputeKept', ctx.language, { list: result.overrides.join(', ') }));
  if (result.alerts && result.alerts.raised.length > 0) lines.push(kpiText('recomputeAlerts', ctx.language, { count: result.alerts.raised.length }));
  sheetUi().toast(lines.join('\n'), kpiText('recomputeTitle', ctx.language));
  return result;
}

export function rollUpWeeklyJob(): ReturnType<typeof rollUpWeeks> {
  const ctx = context(false);
  const options = { dateKey: ctx.calendar.dateKey };
  const present = (name: string) => (dataRowCount(name) ?? 0) > 1;
  return rollUpWeeks({
    today: ctx.calendar.dateKey(ctx.now),
    calendar: ctx.calendar,
    language: ctx.language,
    kpi: new Table(KPI_TRACKING, ctx.workbook, options),
    blockers: present(BLOCKERS.name) ? new Table(BLOCKERS, ctx.workbook, options) : null,
    githubMetrics: present(GITHUB_METRICS.name) ? new Table(GITHUB_METRICS, ctx.workbook, options) : null,
    weekly: new Table(WEEKLY, ctx.workbook, options),
    locked: scriptLock(ctx.workbook.flush),
  });
}

/** Setup's step after the tables exist: formulas, formats, validation, conditional formats, targets, Dashboard. */
export function sheetLayoutStep(workbook: Workbook, calendar: Calendar): LayoutReport {
  const settings = readSettings(new Table(SETTINGS, workbook, { dateKey: calendar.dateKey }));
  const fallback = <T>(spec: { defaultValue: string; parse(text: string): T }) => spec.parse(spec.defaultValue);
  return scriptLock(workbook.flush)(() =>
    applySheetLayout({
      port: spreadsheetLayout(),
      language: languageOf(settings),
      targets: new Table(TARGETS, workbook, { dateKey: calendar.dateKey }),
      thresholdDefaults: {
        taskCompletionBelow: fallback(ALERT_TASK_COMPLETION_BELOW),
        satisfactionBelow: fallback(ALERT_SATISFACTION_BELOW),
        blockersAbove: fallback(ALERT_BLOCKERS_ABOVE),
      },
    }),
  );
}

/**
 * The KPI alerts raised on these days, as the daily summary and the weekly report show them (their
 * `recordedAlerts` seam). One Script Properties read.
 */
export function recordedAlerts(days: readonly string[]): string[] {
  return recordedAlertTexts(parseFired(scriptProperties().all()[PROP.kpiAlertsFired]), days);
}

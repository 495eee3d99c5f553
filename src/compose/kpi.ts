import { recordedAlertsOrNone, type AlertRun, type FiredStore } from '../app/alerts';
import { computeDailyKpis, type DailyKpiRun, type DailyKpiRunDeps } from '../app/dailyKpis';
import { ingestKpiSnapshot, raiseSnapshotAlerts } from '../app/ingestKpiSnapshot';
import { blockerFact, deploymentFact, githubDayFact, projectFact, reportFact, rememberDays, taskFact } from '../app/kpiFacts';
import { PROP } from '../app/properties';
import { applySheetLayout, type LayoutReport } from '../app/applySheetLayout';
import type { ForwardedRequest } from '../app/gateway';
import type { PostHandler, WebRequest } from '../app/webApp';
import { bearerToken } from '../domain/gateway';
import { rollUpWeeks } from '../app/weeklyRollup';
import { parseFired } from '../domain/kpi/alerts';
import type { DailyInputs } from '../domain/kpi/daily';
import { requestedDay } from '../domain/kpi/days';
import { kpiText } from '../domain/kpi/messages';
import { mailApp } from '../platform/mail';
import { removeScriptProperties } from '../platform/properties';
import { dataRowCount, sortRowsBy } from '../platform/sheetExtent';
import type { SheetsBatch } from '../platform/sheetsBatch';
import { spreadsheetLayoutPort } from '../platform/spreadsheetLayoutPort';
import { sheetUi } from '../platform/ui';
import { ALERT_CHANNEL, alertThresholds, defaultThresholds, MANAGER_EMAILS } from '../settings/sheet';
import type { TableSchema } from '../sheets/schema';
import type { Row } from '../sheets/table';
import { DEPLOYMENTS, GITHUB_METRICS } from '../sheets/githubTables';
import { BLOCKERS, DAILY_REPORTS, KPI_TRACKING, PROJECTS, TARGETS, TASKS, WEEKLY } from '../sheets/tables';
import { executionContext, type ExecutionContext } from './context';
import { serviceHealthFor } from './serviceHealth';

/**
 * The sheet area's wiring: the KPI webhook, the day's KPI row and its alerts, the weekly rollup, and setup's layout
 * step. The scheduled KPI job reads Settings through the dispatcher's 10-minute cache; the menu's "Recompute
 * today's KPIs" reads them fresh, since a person who just changed a threshold expects it to count.
 */

/** Both writers of a day's row sort `KPI Tracking` the same way (src/app/kpiRowOrder.ts). */
const sortKpiRowsByDate = (lastRow: number) => sortRowsBy(KPI_TRACKING.name, 'Date', lastRow);

/** `POST …/exec?source=progress&token=…`: a KPI snapshot for today's row, or a past day's. */
export const kpiSnapshotPostHandler: PostHandler = (request: WebRequest | ForwardedRequest) => {
  // Through the gateway the token comes as `Authorization: Bearer …`, so it never sits in a CI log's URL.
  const token = 'gateway' in request ? bearerToken(request.gateway.authorization) : request.parameter['token'];
  const ctx = executionContext({ settings: 'cached' });
  return ingestKpiSnapshot(
    {
      properties: ctx.properties(),
      now: ctx.now,
      calendar: ctx.calendar(),
      kpiTable: ctx.table(KPI_TRACKING),
      locked: ctx.locked,
      sortByDate: sortKpiRowsByDate,
      alertsDue: (day) => ctx.propertyStore.set({ [PROP.kpiAlertsPending]: day }),
    },
    { token, body: request.postData?.contents ?? '' },
  );
};

/** Every dispatcher tick: the alerts of a row the KPI webhook wrote today; nothing but the properties when none did. */
export function raiseKpiAlertsJob(): AlertRun | null {
  const ctx = executionContext({ settings: 'cached' });
  const pending = ctx.properties()[PROP.kpiAlertsPending];
  // Idle on almost every tick: no Settings, no calendar, no sheet.
  if (!pending) return null;
  return raiseSnapshotAlerts({
    pending,
    calendar: ctx.calendar(),
    kpiTable: ctx.table(KPI_TRACKING),
    locked: ctx.locked,
    clearPending: () => removeScriptProperties([PROP.kpiAlertsPending]),
    thresholds: () => alertThresholds(ctx.settings()),
    managers: () => ctx.settings().get(MANAGER_EMAILS),
    channel: () => ctx.settings().get(ALERT_CHANNEL),
    alerts: alertPorts(ctx),
  });
}

/** The rows of a table, or none without reading when the sheet holds only its header (or is missing). */
function rowsOf<K extends string>(ctx: ExecutionContext, schema: TableSchema<K>): Array<Row<K>> {
  if ((dataRowCount(schema.name) ?? 0) <= 1) return [];
  return ctx
    .table(schema)
    .read()
    .rows.map((r) => r.record);
}

function dailyInputs(ctx: ExecutionContext): DailyInputs {
  const key = rememberDays(ctx.calendar().dateKey);
  return {
    tasks: rowsOf(ctx, TASKS).map((r) => taskFact(r, key)),
    projects: rowsOf(ctx, PROJECTS).map(projectFact),
    reports: rowsOf(ctx, DAILY_REPORTS).flatMap((r) => reportFact(r, key) ?? []),
    blockers: rowsOf(ctx, BLOCKERS).map((r) => blockerFact(r, key)),
    deployments: rowsOf(ctx, DEPLOYMENTS).map((r) => deploymentFact(r, key)),
    github: rowsOf(ctx, GITHUB_METRICS).flatMap((r) => githubDayFact(r) ?? []),
  };
}

function firedStore(ctx: ExecutionContext): FiredStore {
  return {
    read: () => parseFired(ctx.propertyStore.all()[PROP.kpiAlertsFired]),
    write: (fired) => ctx.propertyStore.set({ [PROP.kpiAlertsFired]: JSON.stringify(fired) }),
  };
}

/**
 * The day's KPI row: today's, or the day given as `yyyy-MM-dd` (run it by hand to fill a missed day). Alerts are
 * raised for today only.
 */
export function computeDailyKpisJob(dayArg?: unknown): DailyKpiRun {
  return dailyKpis(executionContext({ settings: 'cached' }), dayArg);
}

function dailyKpis(ctx: ExecutionContext, dayArg?: unknown): DailyKpiRun {
  const calendar = ctx.calendar();
  const today = calendar.dateKey(ctx.now);
  const settings = ctx.settings();
  return computeDailyKpis({
    day: requestedDay(dayArg, today),
    today,
    calendar,
    inputs: () => dailyInputs(ctx),
    kpi: ctx.table(KPI_TRACKING),
    locked: ctx.locked,
    sortByDate: sortKpiRowsByDate,
    thresholds: () => alertThresholds(settings),
    managers: () => settings.get(MANAGER_EMAILS),
    channel: () => settings.get(ALERT_CHANNEL),
    alerts: alertPorts(ctx),
    serviceHealth: () => serviceHealthFor(ctx, today),
  });
}

export function alertPorts(ctx: ExecutionContext): DailyKpiRunDeps['alerts'] {
  return { language: ctx.language(), outbox: ctx.outbox(), mailer: mailApp(), fired: firedStore(ctx) };
}

/** Menu: "Recompute today's KPIs", with what happened in a toast. */
export function recomputeTodaysKpisJob(): DailyKpiRun {
  const ctx = executionContext({ settings: 'fresh' });
  const result = dailyKpis(ctx);
  const language = ctx.language();
  const lines = [`${result.day}: ${result.action}`];
  if (result.overrides.length > 0) lines.push(kpiText('recomputeKept', language, { list: result.overrides.join(', ') }));
  if (result.alerts && result.alerts.raised.length > 0) lines.push(kpiText('recomputeAlerts', language, { count: result.alerts.raised.length }));
  sheetUi().toast(lines.join('\n'), kpiText('recomputeTitle', language));
  return result;
}

export function rollUpWeeklyJob(): ReturnType<typeof rollUpWeeks> {
  const ctx = executionContext({ settings: 'cached' });
  const calendar = ctx.calendar();
  const present = (name: string) => (dataRowCount(name) ?? 0) > 1;
  return rollUpWeeks({
    today: calendar.dateKey(ctx.now),
    calendar,
    language: ctx.language(),
    kpi: ctx.table(KPI_TRACKING),
    blockers: present(BLOCKERS.name) ? ctx.table(BLOCKERS) : null,
    githubMetrics: present(GITHUB_METRICS.name) ? ctx.table(GITHUB_METRICS) : null,
    weekly: ctx.table(WEEKLY),
    locked: ctx.locked,
  });
}

/**
 * Setup's step after the tables exist: formulas, formats, validation, conditional formats, targets, Dashboard.
 * Through the Sheets API batch when the project has it, else call by call through SpreadsheetApp.
 */
export function sheetLayoutStep(ctx: ExecutionContext, batch: SheetsBatch | null): LayoutReport {
  return ctx.locked(() =>
    applySheetLayout({
      port: batch ? batch.layoutPort(spreadsheetLayoutPort()) : spreadsheetLayoutPort(),
      language: ctx.language(),
      targets: ctx.table(TARGETS),
      thresholdDefaults: defaultThresholds(),
    }),
  );
}

/** The KPI alerts raised on these days, as the daily summary and the weekly report show them. */
export function recordedAlerts(ctx: ExecutionContext, days: readonly string[]): string[] | null {
  return recordedAlertsOrNone(parseFired(ctx.properties()[PROP.kpiAlertsFired]), days);
}

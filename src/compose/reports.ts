import { sendDailySummary, type DailySummaryResult, type SummaryTables } from '../app/dailySummary';
import { fillHolidays, fillHolidaysSummary, type FillHolidaysResult } from '../app/holidays';
import { PROP } from '../app/properties';
import { readSettings } from '../app/settings';
import { buildWeeklyReport, quotaProblem, sendWeeklyReport, type WeeklyReportDeps, type WeeklySendResult } from '../app/weeklyReport';
import type { Outbox } from '../app/ports';
import { escapeHtml } from '../domain/html';
import type { Language } from '../domain/messages';
import { reportText } from '../domain/reports/messages';
import { calendarIn, type Calendar } from '../platform/timeZone';
import { JAPANESE_HOLIDAY_CALENDAR_ID, publicCalendar } from '../platform/holidayCalendar';
import { scriptLock } from '../platform/lock';
import { mailApp } from '../platform/mail';
import { scriptProperties } from '../platform/properties';
import { boundWorkbook } from '../platform/spreadsheet';
import { spreadsheetUrl } from '../platform/spreadsheetUrl';
import { sheetUi } from '../platform/ui';
import { chatTables } from './chat';
import { recordedAlerts } from './kpi';
import type { Settings } from '../settings';
import { LANGUAGE } from '../settings/core';
import { BLOCKER_AGE_DAYS, REPORT_RECIPIENTS } from '../settings/reports';
import { PROGRESS_CHANNEL } from '../settings/chat';
import { DEPLOYMENTS, PULL_REQUESTS } from '../sheets/githubTables';
import { Table } from '../sheets/table';
import { BLOCKERS, HOLIDAYS, KPI_TRACKING, SETTINGS, TARGETS, TASKS, WEEKLY } from '../sheets/tables';

/**
 * The composition of holidays, the daily summary and the weekly report. Each job reads the Settings sheet itself
 * (one call) rather than the dispatcher's 10-minute cache: a person who just changed the recipients and clicks
 * "Send weekly report now" must get what they typed.
 */

type Workbook = ReturnType<typeof boundWorkbook>;

interface Context {
  workbook: Workbook;
  calendar: Calendar;
  settings: Settings;
  language: Language;
  now: Date;
}

function context(): Context {
  const workbook = boundWorkbook();
  const properties = scriptProperties().all();
  const calendar = calendarIn(properties[PROP.sheetTimeZone] || workbook.timeZone());
  const settings = readSettings(new Table(SETTINGS, workbook, { dateKey: calendar.dateKey }));
  let language: Language = 'ja';
  try {
    language = settings.get(LANGUAGE);
  } catch {
    // A mistyped LANGUAGE must not stop a report: Japanese stands in until it is fixed.
  }
  return { workbook, calendar, settings, language, now: new Date() };
}

function summaryTables(workbook: Workbook, calendar: Calendar): SummaryTables {
  const options = { dateKey: calendar.dateKey };
  return {
    ...chatTables(workbook, calendar),
    pullRequests: new Table(PULL_REQUESTS, workbook, options),
    deployments: new Table(DEPLOYMENTS, workbook, options),
  };
}

/**
 * The alerts the KPI job recorded, when it recorded any for those days. It runs at 23:30, after the 18:30 summary:
 * until then a day has none recorded, and the KPIs off target stand in.
 */
function orDerived(recorded: string[]): string[] | null {
  return recorded.length > 0 ? recorded : null;
}

/** Menu "Fill holidays": this year's and next year's holidays from Google's calendar into `Holidays`. */
export function fillHolidaysJob(): FillHolidaysResult {
  const { workbook, calendar, language, now } = context();
  const result = fillHolidays({
    source: () => publicCalendar(JAPANESE_HOLIDAY_CALENDAR_ID),
    table: new Table(HOLIDAYS, workbook, { dateKey: calendar.dateKey }),
    calendar,
    locked: scriptLock(workbook.flush),
    now,
    language,
  });
  const { title, message } = fillHolidaysSummary(result, language);
  console.log(`${title}: ${message}`);
  sheetUi().toast(message, title);
  return result;
}

/** 18:30 on workdays (and by hand): the daily summary through the chat Outbox. */
export function dailySummaryJob(outbox: () => Outbox): DailySummaryResult {
  const { workbook, calendar, settings, language, now } = context();
  const result = sendDailySummary({
    now,
    calendar,
    language,
    tables: summaryTables(workbook, calendar),
    outbox: outbox(),
    channel: settings.get(PROGRESS_CHANNEL),
    blockerAgeDays: settings.get(BLOCKER_AGE_DAYS),
    recordedAlerts: (date) => orDerived(recordedAlerts([date])),
  });
  console.log('skipped' in result ? result.skipped : `sendDailySummary: ${result.enqueued.join(', ')} enqueued`);
  return result;
}

function weeklyDeps(ctx: Context): WeeklyReportDeps {
  const options = { dateKey: ctx.calendar.dateKey };
  return {
    now: ctx.now,
    calendar: ctx.calendar,
    language: ctx.language,
    tables: {
      kpi: new Table(KPI_TRACKING, ctx.workbook, options),
      targets: new Table(TARGETS, ctx.workbook, options),
      tasks: new Table(TASKS, ctx.workbook, options),
      blockers: new Table(BLOCKERS, ctx.workbook, options),
      weekly: new Table(WEEKLY, ctx.workbook, options),
      pullRequests: new Table(PULL_REQUESTS, ctx.workbook, options),
    },
    blockerAgeDays: ctx.settings.get(BLOCKER_AGE_DAYS),
    sheetUrl: spreadsheetUrl(),
    recordedAlerts: (days) => orDerived(recordedAlerts(days)),
  };
}

/** Monday 09:00 (the dispatcher): the last week's report by email. A shortfall of quota fails the run, recorded. */
export function weeklyReportJob(): WeeklySendResult {
  const ctx = context();
  const result = sendWeeklyReport({ ...weeklyDeps(ctx), recipients: ctx.settings.get(REPORT_RECIPIENTS), mailer: mailApp() });
  console.log(result.sent ? reportText('weeklySent', ctx.language, { week: result.week, count: result.recipients }) : result.reason);
  return result;
}

/** Menu "Preview weekly report": the email exactly as it would be sent, with who gets it and whether it can go today. */
export function previewWeeklyReportJob(): { subject: string; recipients: number; quotaProblem: string | null } {
  const ctx = context();
  const report = buildWeeklyReport(weeklyDeps(ctx));
  const recipients = ctx.settings.get(REPORT_RECIPIENTS);
  const problem = recipients.length === 0 ? reportText('weeklyNoRecipients', ctx.language) : quotaProblem(recipients, mailApp(), ctx.language);
  const to = recipients.length === 0 ? '—' : recipients.join(', ');
  const title = reportText('weeklyPreviewTitle', ctx.language, { subject: report.subject });
  const ui = sheetUi();
  ui.dialog(report.html, title, { width: 680, height: 820 });
  ui.toast(problem ?? reportText('weeklyPreviewTo', ctx.language, { recipients: to }), title);
  return { subject: report.subject, recipients: recipients.length, quotaProblem: problem };
}

/** Menu "Send weekly report now": asks first, naming the recipients; says so and sends nothing when it cannot. */
export function sendWeeklyReportNowJob(): WeeklySendResult {
  const ctx = context();
  const ui = sheetUi();
  const title = reportText('weeklyConfirmTitle', ctx.language);
  const deps = weeklyDeps(ctx);
  const recipients = ctx.settings.get(REPORT_RECIPIENTS);
  const mailer = mailApp();
  const report = buildWeeklyReport(deps);
  const problem = recipients.length === 0 ? reportText('weeklyNoRecipients', ctx.language) : quotaProblem(recipients, mailer, ctx.language);
  if (problem) {
    ui.dialog(`<p style="font-family:sans-serif;font-size:14px;line-height:1.6">${escapeHtml(problem)}</p>`, title, { width: 520, height: 220 });
    return { sent: false, week: report.week, reason: problem };
  }
  if (
    !ui.confirm(
      title,
      reportText('weeklyConfirm', ctx.language, { week: report.number, count: recipients.length, recipients: recipients.join(', ') }),
    )
  ) {
    ui.toast(reportText('weeklyCancelled', ctx.language), title);
    return { sent: false, week: report.week, reason: reportText('weeklyCancelled', ctx.language) };
  }
  const result = sendWeeklyReport({ ...deps, recipients, mailer });
  if (result.sent) ui.toast(reportText('weeklySent', ctx.language, { week: report.number, count: result.recipients }), title);
  return result;
}

import { sendDailySummary, type DailySummaryResult, type SummaryTables } from '../app/dailySummary';
import { fillHolidays, fillHolidaysSummary, type FillHolidaysResult } from '../app/holidays';
import {
  previewWeeklyReport,
  sendWeeklyReport,
  sendWeeklyReportNow,
  type WeeklyMenuDeps,
  type WeeklyReportDeps,
  type WeeklySendResult,
} from '../app/weeklyReport';
import { reportText } from '../domain/reports/messages';
import { JAPANESE_HOLIDAY_CALENDAR_ID, publicCalendar } from '../platform/holidayCalendar';
import { mailApp } from '../platform/mail';
import { spreadsheetUrl } from '../platform/spreadsheetUrl';
import { sheetUi } from '../platform/ui';
import { PROGRESS_CHANNEL } from '../settings/chat';
import { BLOCKER_AGE_DAYS, REPORT_RECIPIENTS } from '../settings/reports';
import { DEPLOYMENTS, GITHUB_METRICS, PULL_REQUESTS } from '../sheets/githubTables';
import { doraOfWeek } from '../app/codeWork';
import { BLOCKERS, HOLIDAYS, KPI_TRACKING, TARGETS, TASKS, WEEKLY } from '../sheets/tables';
import { chatTables } from './chat';
import { executionContext, type ExecutionContext } from './context';
import { recordedAlerts } from './kpi';
import { weeklyFiles } from './weeklyFiles';
import { dailyUsage, weeklyUsageOf } from './observability';
import { weeklyParticipation } from './members';

/**
 * The wiring of holidays, the daily summary and the weekly report. Each job reads the Settings sheet itself
 * (one call) rather than the dispatcher's 10-minute cache: a person who just changed the recipients and clicks
 * "Send weekly report now" must get what they typed.
 */

const reportContext = () => executionContext({ settings: 'fresh' });

function summaryTables(ctx: ExecutionContext): SummaryTables {
  return { ...chatTables(ctx), pullRequests: ctx.table(PULL_REQUESTS), deployments: ctx.table(DEPLOYMENTS) };
}

/** Menu "Fill holidays": this year's and next year's holidays from Google's calendar into `Holidays`. */
export function fillHolidaysJob(): FillHolidaysResult {
  const ctx = reportContext();
  const language = ctx.language();
  const result = fillHolidays({
    source: () => publicCalendar(JAPANESE_HOLIDAY_CALENDAR_ID),
    table: ctx.table(HOLIDAYS),
    calendar: ctx.calendar(),
    locked: ctx.locked,
    now: ctx.now,
    language,
  });
  const { title, message } = fillHolidaysSummary(result, language);
  console.log(`${title}: ${message}`);
  sheetUi().toast(message, title);
  return result;
}

/** 18:30 on workdays (and by hand): the daily summary through the chat Outbox. */
export function dailySummaryJob(): DailySummaryResult {
  const ctx = reportContext();
  const settings = ctx.settings();
  const result = sendDailySummary({
    now: ctx.now,
    calendar: ctx.calendar(),
    language: ctx.language(),
    tables: summaryTables(ctx),
    outbox: ctx.outbox(),
    channel: settings.get(PROGRESS_CHANNEL),
    blockerAgeDays: settings.get(BLOCKER_AGE_DAYS),
    recordedAlerts: (date) => recordedAlerts(ctx, [date]),
    productUsage: (date) => dailyUsage(ctx, date),
  });
  console.log('skipped' in result ? result.skipped : `sendDailySummary: ${result.enqueued.join(', ')} enqueued`);
  return result;
}

export function weeklyDeps(ctx: ExecutionContext): WeeklyReportDeps {
  return {
    now: ctx.now,
    calendar: ctx.calendar(),
    language: ctx.language(),
    tables: {
      kpi: ctx.table(KPI_TRACKING),
      targets: ctx.table(TARGETS),
      tasks: ctx.table(TASKS),
      blockers: ctx.table(BLOCKERS),
      weekly: ctx.table(WEEKLY),
      pullRequests: ctx.table(PULL_REQUESTS),
    },
    locked: ctx.locked,
    blockerAgeDays: ctx.settings().get(BLOCKER_AGE_DAYS),
    sheetUrl: spreadsheetUrl(),
    recordedAlerts: (days) => recordedAlerts(ctx, days),
    productUsage: (days) => weeklyUsageOf(ctx, days),
    participation: weeklyParticipation(ctx),
    dora: (week) => (ctx.workbook().grid(GITHUB_METRICS.name) ? doraOfWeek(ctx.table(GITHUB_METRICS), week) : null),
  };
}

function weeklyMenuDeps(): WeeklyMenuDeps {
  const ctx = reportContext();
  return {
    ...weeklyDeps(ctx),
    recipients: ctx.settings().get(REPORT_RECIPIENTS),
    mailer: mailApp(),
    ui: sheetUi(),
    ...weeklyFiles(ctx, 'sendWeeklyReportNow'),
  };
}

/** Monday 09:00 (the dispatcher): the last week's report by email. A shortfall of quota fails the run, recorded. */
export function weeklyReportJob(): WeeklySendResult {
  const ctx = reportContext();
  const result = sendWeeklyReport({
    ...weeklyDeps(ctx),
    recipients: ctx.settings().get(REPORT_RECIPIENTS),
    mailer: mailApp(),
    ...weeklyFiles(ctx, 'sendWeeklyReport'),
  });
  console.log(result.sent ? reportText('weeklySent', ctx.language(), { week: result.week, count: result.recipients }) : result.reason);
  return result;
}

export const previewWeeklyReportJob = () => previewWeeklyReport(weeklyMenuDeps());
export const sendWeeklyReportNowJob = () => sendWeeklyReportNow(weeklyMenuDeps());

/**
 * The script's entry points. The build turns each export into a top-level function of build/Code.js, the
 * form Apps Script needs for doGet/doPost, triggers, menus and google.script.run. Each is a few lines: call the
 * area's wiring in src/compose/ (which builds one execution context and calls one use case in src/app/), shape
 * the answer.
 */
import { RawAnswer, routePost, type WebRequest } from './app/webApp';
import { reportFailure } from './compose/errors';
import { currentLanguage, noteSheetTimeZone, setupJob } from './compose/setup';
import { message } from './domain/messages';
import { setupSummary } from './app/setup';
import { memberSetupLines } from './app/memberSetup';
import { jsonOutput, rawJsonOutput } from './platform/http';
import { dispatchJob, dispatchWakeJob, installTriggersJob, wakeSoonJob } from './compose/schedule';
import { healthJob } from './compose/health';
import { forgetCachedSettings } from './compose/context';
import { SETTINGS } from './sheets/tables';
import {
  discordDashboardJob,
  nudgesJob,
  processQueueJob,
  progressReminderJob,
  projectUpdatesJob,
  slackPost,
  standupReminderJob,
} from './compose/chat';
import { rotateWebhookTokensJob, sendTestMessagesJob, showHealthJob, showWebhookUrlsJob } from './compose/operations';
import { MENU, menuCaption } from './menu';
import { dailySummaryJob, fillHolidaysJob, previewWeeklyReportJob, sendWeeklyReportNowJob, weeklyReportJob } from './compose/reports';
import { githubPostHandler, processGitHubEventsJob, syncGitHubJob } from './compose/github';
import { gitlabHooksStep, gitlabPostHandler, processGitLabEventsJob, syncGitLabJob } from './compose/gitlab';
import { githubHooksStep, reviewRemindersJob, setupWebhooksJob } from './compose/githubWebhooks';
import { sheetUi } from './platform/ui';
import { directHandlers, gatewayPost } from './compose/gateway';
import { managerNotesJob, renewTeamProfile, memberRemindersJob, recordParticipationJob } from './compose/members';
import { openSetupJob, saveSetupJob, setupSidebarStateJob } from './compose/setupSidebar';
import { publishWeeklyReportJob } from './compose/publish';
import { archiveOldRowsJob } from './compose/retention';
import { bigQuerySetupStep } from './compose/bigQuery';
import { computeDailyKpisJob, kpiSnapshotPostHandler, raiseKpiAlertsJob, recomputeTodaysKpisJob, rollUpWeeklyJob } from './compose/kpi';
import { syncAnalyticsJob, syncMonitoringJob } from './compose/observability';

/**
 * `POST …/exec?source=slack|progress|github|gitlab`: each source's handler is in the wiring of the area that owns it;
 * `source=gateway`: the Cloudflare gateway's signed forward of any of them (src/compose/gateway.ts).
 */
export function doPost(e: GoogleAppsScript.Events.DoPost) {
  const onInternal = (error: unknown) => reportFailure('doPost', error);
  const direct = {
    slack: (request: WebRequest) => slackPost(request, onInternal, wakeSoonJob),
    progress: kpiSnapshotPostHandler,
    github: githubPostHandler,
    gitlab: gitlabPostHandler,
  };
  const handlers = { ...directHandlers(direct), gateway: (request: WebRequest) => gatewayPost(request, onInternal, wakeSoonJob) };
  const answer = routePost(webRequest(e), handlers, onInternal);
  // What a request accepted is applied by the dispatcher's next run: make it come within a couple of minutes.
  if (!(answer instanceof RawAnswer) && answer.ok) wakeSoonJob();
  return answer instanceof RawAnswer ? rawJsonOutput(answer.body) : jsonOutput(answer);
}

export function doGet(e: GoogleAppsScript.Events.DoGet) {
  const action = e?.parameter?.['action'];
  if (action === 'health') return jsonOutput(healthJob());
  return jsonOutput({ ok: false, error: action ? `unknown action "${action}": expected health` : 'missing "action" parameter: expected health' });
}

/** Simple trigger: adds the menu, and notes the sheet's time zone in case someone changed it. */
export function onOpen() {
  const language = currentLanguage();
  const menu = SpreadsheetApp.getUi().createMenu(message('menuTitle', language));
  for (const item of MENU) {
    if (item) menu.addItem(menuCaption(item.caption, language), item.handler);
    else menu.addSeparator();
  }
  menu.addToUi();
  try {
    noteSheetTimeZone();
  } catch (error) {
    // A simple trigger may lack the authorization for this; setup records the time zone as well.
    console.warn(`onOpen: could not note the sheet's time zone: ${String(error)}`);
  }
}

/**
 * Simple trigger: an edit of `Settings` (a new MANAGER_EMAILS, a reminder time) counts from the next job on, not
 * once the jobs' 10-minute settings cache runs out. Other sheets' edits cost nothing: the sheet's name is a handle.
 */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit) {
  const sheet = e?.range?.getSheet().getName();
  if (sheet === undefined || sheet === SETTINGS.name) forgetCachedSettings();
  if (sheet === 'Questions' || sheet === 'Members') renewTeamProfile();
}

/** Creates missing sheets and tokens; safe to run again. Run it from the menu or the editor. */
export function setup() {
  return guarded('setup', () => {
    const report = setupJob();
    const language = currentLanguage();
    const { title, lines: summary } = setupSummary(report, language);
    const gitlab = gitlabHooksStep(language);
    const github = githubHooksStep(language);
    const bigQuery = bigQuerySetupStep(language);
    const lines = [...summary, ...memberSetupLines(report.members, language), ...github.lines, ...gitlab.lines, ...bigQuery.lines];
    console.log([title, ...lines].join('\n'));
    SpreadsheetApp.getActiveSpreadsheet().toast(lines.join('\n'), title, 10);
    return { ...report, githubHooks: github.report, gitlabHooks: gitlab.report, ...(bigQuery.report ? { bigQuery: bigQuery.report } : {}) };
  });
}

/** Installs or refreshes the triggers: the dispatcher's safety net and its next wake. Safe to run again. */
export function installTriggers() {
  return guarded('installTriggers', () => installTriggersJob());
}

/** The safety-net trigger (every 10 minutes): runs each scheduled job once, at its time (src/jobs.ts). */
export function dispatch() {
  return guarded('dispatch', () => dispatchJob());
}

/** A one-off trigger armed at the next minute a job is due, or soon after a request queued work (src/app/wakes.ts). */
export function dispatchWake() {
  return guarded('dispatch', () => dispatchWakeJob());
}

/** Menu: the web app URL of each source, with what to do with it (shown to the owner only). */
export function showWebhookUrls() {
  return guarded('showWebhookUrls', () => showWebhookUrlsJob());
}

/** Menu, setup sidebar or Run: the GitHub webhook on every repository of GITHUB_REPOSITORIES, created or updated. */
export function setupWebhooks() {
  return guarded('setupWebhooks', () => {
    const result = setupWebhooksJob();
    sheetUi().toast(result.lines.join('\n'), 'GitHub');
    return result;
  });
}

/** Daily on working days: PRs waiting for a first review, listed to their requested reviewers. */
export function sendReviewReminders() {
  return guarded('sendReviewReminders', () => reviewRemindersJob());
}

/** Menu: new webhook tokens, after a confirmation. */
export function rotateWebhookTokens() {
  return guarded('rotateWebhookTokens', () => rotateWebhookTokensJob());
}

/** Menu: a test message to Slack and Discord through the outbox, delivered at once. */
export function sendTestMessages() {
  return guarded('sendTestMessages', () => sendTestMessagesJob((error) => reportFailure('sendTestMessages', error)));
}

/** Menu: the health answer in a dialog. */
export function showHealth() {
  return guarded('showHealth', () => showHealthJob());
}

/** Menu: the setup sidebar (secrets, channels, repositories, report recipients). */
export function openSetup() {
  return guarded('openSetup', () => openSetupJob());
}

/** google.script.run from the sidebar: the current values, secrets masked, and the web app URLs. */
export function setupSidebarState() {
  return guarded('setupSidebarState', () => setupSidebarStateJob());
}

/** google.script.run from the sidebar: checks the form (live calls to each service), saves it, runs setup. */
export function saveSetup(form: unknown) {
  return guarded('saveSetup', () => saveSetupJob(form));
}

/** Frequent job: the Slack work answers left, then every Outbox message that is due (sent, retried or failed). */
export function processQueue() {
  return guarded('processQueue', () => processQueueJob((error) => reportFailure('processQueue', error)));
}

/** Daily job (STANDUP_TIME): the standup reminder with its two buttons, in STANDUP_CHANNEL. */
export function sendStandupReminder() {
  return guarded('sendStandupReminder', () => standupReminderJob());
}

/** Daily job (NUDGE_TIME): a direct message to each active member who has not reported today. */
export function sendNudges() {
  return guarded('sendNudges', () => nudgesJob());
}

/** Daily job (PROJECT_UPDATE_TIME): each active project's progress update in its Slack channel. */
export function sendProjectUpdates() {
  return guarded('sendProjectUpdates', () => projectUpdatesJob());
}

/** Daily job (PROGRESS_REMINDER_TIME): the progress-update reminder in PROGRESS_CHANNEL. */
export function sendProgressReminder() {
  return guarded('sendProgressReminder', () => progressReminderJob());
}

/** Daily job (DISCORD_DASHBOARD_TIME): the KPI dashboard and team status embeds in Discord. */
export function sendDiscordDashboard() {
  return guarded('sendDiscordDashboard', () => discordDashboardJob());
}

/** Hourly: reads what changed on GitHub (Settings ▸ GITHUB_REPOSITORIES) and updates the GitHub tables and metrics. */
export function syncGitHub() {
  return guarded('syncGitHub', () => syncGitHubJob());
}

/** Menu: the same sync at once, its outcome in a toast. */
export function syncGitHubNow() {
  return guarded('syncGitHubNow', () => {
    const result = syncGitHubJob();
    sheetUi().toast(result.message, 'GitHub');
    return result;
  });
}

/** Every dispatcher tick: merges the GitHub webhook events that wait into the tables, and sends their notices. */
export function processGitHubEvents() {
  return guarded('processGitHubEvents', () => processGitHubEventsJob());
}

/** Hourly: reads what changed on GitLab (Settings ▸ GITLAB_PROJECTS) into the shared tables and metrics. */
export function syncGitLab() {
  return guarded('syncGitLab', () => syncGitLabJob());
}

/** Menu: the GitLab sync at once, its outcome in a toast. */
export function syncGitLabNow() {
  return guarded('syncGitLabNow', () => {
    const result = syncGitLabJob();
    sheetUi().toast(result.message, 'GitLab');
    return result;
  });
}

/** Every dispatcher tick: merges the GitLab webhook events that wait into the tables, and sends their notices. */
export function processGitLabEvents() {
  return guarded('processGitLabEvents', () => processGitLabEventsJob());
}

/** Menu: this year's and next year's holidays from Google's Japanese holiday calendar into `Holidays`. */
export function fillHolidays() {
  return guarded('fillHolidays', () => fillHolidaysJob());
}

/** Daily job (DAILY_SUMMARY_TIME, workdays): the day's summary in PROGRESS_CHANNEL, details in its thread; Discord too. */
export function sendDailySummary() {
  return guarded('sendDailySummary', () => dailySummaryJob());
}

/** Weekly job (Monday, WEEKLY_REPORT_TIME): the last week's report by email to REPORT_RECIPIENTS. */
export function sendWeeklyReport() {
  return guarded('sendWeeklyReport', () => weeklyReportJob());
}

/** Menu: the weekly report email in a dialog, exactly as it would be sent. */
export function previewWeeklyReport() {
  return guarded('previewWeeklyReport', () => previewWeeklyReportJob());
}

/** Menu: the weekly report to its recipients now, after a confirmation. */
export function sendWeeklyReportNow() {
  return guarded('sendWeeklyReportNow', () => sendWeeklyReportNowJob());
}

/** Daily job (KPI_TIME, every day): the day's KPI Tracking row and its alerts. By hand: `computeDailyKpis("2026-01-05")`. */
export function computeDailyKpis(day?: unknown) {
  return guarded('computeDailyKpis', () => computeDailyKpisJob(day));
}

/** Every dispatcher tick: the alerts of a KPI snapshot the webhook just wrote (nothing to do on most ticks). */
export function raiseKpiAlerts() {
  return guarded('raiseKpiAlerts', () => raiseKpiAlertsJob());
}

/** Menu: today's KPI row again, now, with Settings read fresh. */
export function recomputeTodaysKpis() {
  return guarded('recomputeTodaysKpis', () => recomputeTodaysKpisJob());
}

/** Daily job after the KPIs: one Weekly row per ISO week, recomputed. */
export function rollUpWeekly() {
  return guarded('rollUpWeekly', () => rollUpWeeklyJob());
}

/** Daily job (ARCHIVE_TIME): raw rows past RETENTION_DAYS / ERROR_RETENTION_DAYS archived, then removed in blocks. */
export function archiveOldRows() {
  return guarded('archiveOldRows', () => archiveOldRowsJob());
}

/** Daily job (ANALYTICS_TIME) and by hand: GA4's last 7 days of usage and 30 days of key events into `Analytics`. */
export function syncAnalytics() {
  return guarded('syncAnalytics', () => syncAnalyticsJob());
}

/** Daily job (MONITORING_TIME) and by hand: KPIs to New Relic / Datadog, their health into `Service Health`, the error-rate alert. */
export function syncMonitoring() {
  return guarded('syncMonitoring', () => syncMonitoringJob());
}

/** Frequent job (issue 18): each member's own standup, nudge and progress reminder at their local hour. */
export function sendMemberReminders() {
  return guarded('sendMemberReminders', () => memberRemindersJob());
}

/** Daily job (KPI_TIME): each member's participation this week and last in `Participation`. */
export function recordParticipation() {
  return guarded('recordParticipation', () => recordParticipationJob());
}

/** Daily job (NUDGE_TIME): a gentle note to the managers about members without a report for MISSED_REPORT_DAYS. */
export function sendManagerNotes() {
  return guarded('sendManagerNotes', () => managerNotesJob());
}

/** Runs a job; a failure is recorded in `Errors` (secrets taken out) and still fails the execution. */
function guarded<T>(functionName: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    reportFailure(functionName, error);
    throw error;
  }
}

function webRequest(e: GoogleAppsScript.Events.DoPost | undefined): WebRequest {
  return { parameter: e?.parameter ?? {}, postData: e?.postData };
}

/** Weekly job after the email (Monday, WEEKLY_REPORT_TIME), and by hand: `publishWeeklyReport("2026-W49")`. The week's Notion and Confluence pages. */
export function publishWeeklyReport(week?: unknown) {
  return guarded('publishWeeklyReport', () => publishWeeklyReportJob(week));
}

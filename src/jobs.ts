import type { Job } from './domain/schedule';

/**
 * The time-driven jobs, declared once: the handler names here are both exported from main.ts and given to
 * ScriptApp.newTrigger, so a rename cannot silently orphan a trigger. Each area adds its jobs to this table.
 */

export const JOBS = [
  // The sheet (src/compose/kpi.ts): the alerts of a KPI snapshot the webhook just wrote; before processQueue, so
  // an alert it raises leaves on the same tick.
  { handler: 'raiseKpiAlerts', schedule: { kind: 'frequent' } },
  // Chat (src/compose/chat.ts): the outbox and queued Slack work on every tick; reminders at their Settings times.
  // Members (src/compose/members.ts): reminders on each member's own clock; before processQueue, to leave this tick.
  { handler: 'sendMemberReminders', schedule: { kind: 'frequent' } },
  { handler: 'processQueue', schedule: { kind: 'frequent' } },
  { handler: 'sendStandupReminder', schedule: { kind: 'daily', setting: 'STANDUP_TIME', time: '09:00', workdaysOnly: true } },
  { handler: 'sendNudges', schedule: { kind: 'daily', setting: 'NUDGE_TIME', time: '10:30', workdaysOnly: true } },
  { handler: 'sendProjectUpdates', schedule: { kind: 'daily', setting: 'PROJECT_UPDATE_TIME', time: '17:30', workdaysOnly: true } },
  { handler: 'sendProgressReminder', schedule: { kind: 'daily', setting: 'PROGRESS_REMINDER_TIME', time: '18:00', workdaysOnly: true } },
  { handler: 'sendDiscordDashboard', schedule: { kind: 'daily', setting: 'DISCORD_DASHBOARD_TIME', time: '18:00', workdaysOnly: true } },
  // GitHub (src/compose/github.ts): webhook events applied within a minute; the sync fills in what webhooks missed.
  { handler: 'processGitHubEvents', schedule: { kind: 'frequent' } },
  { handler: 'syncGitHub', schedule: { kind: 'hourly' } },
  // GitLab (src/compose/gitlab.ts): the same two, for GITLAB_PROJECTS, into the same tables.
  { handler: 'processGitLabEvents', schedule: { kind: 'frequent' } },
  { handler: 'syncGitLab', schedule: { kind: 'hourly' } },
  // Issue 13 (src/compose/githubWebhooks.ts): PRs waiting for a first review, to their requested reviewers.
  { handler: 'sendReviewReminders', schedule: { kind: 'daily', setting: 'REVIEW_REMINDER_TIME', time: '10:00', workdaysOnly: true } },
  // Reports (src/compose/reports.ts): the day's summary in Slack and Discord, the week's report by email.
  { handler: 'sendDailySummary', schedule: { kind: 'daily', setting: 'DAILY_SUMMARY_TIME', time: '18:30', workdaysOnly: true } },
  { handler: 'sendWeeklyReport', schedule: { kind: 'weekly', weekday: 'MONDAY', setting: 'WEEKLY_REPORT_TIME', time: '09:00' } },
  // Publishing (src/compose/publish.ts): the same report as Notion and Confluence pages, right after the email.
  { handler: 'publishWeeklyReport', schedule: { kind: 'weekly', weekday: 'MONDAY', setting: 'WEEKLY_REPORT_TIME', time: '09:00' } },
  // The sheet (src/compose/kpi.ts): the day's KPI row and its alerts, then the week's rollup, at KPI_TIME every day.
  { handler: 'computeDailyKpis', schedule: { kind: 'daily', setting: 'KPI_TIME', time: '23:30', workdaysOnly: false } },
  { handler: 'rollUpWeekly', schedule: { kind: 'daily', setting: 'KPI_TIME', time: '23:30', workdaysOnly: false } },
  // Retention (src/compose/retention.ts): raw rows past their time archived and removed, at night.
  { handler: 'archiveOldRows', schedule: { kind: 'daily', setting: 'ARCHIVE_TIME', time: '03:00', workdaysOnly: false } },
  // Analytics and monitoring (src/compose/observability.ts): GA4 into Analytics before the day's reports; the KPI
  // push and Service Health after the day's KPI row, so the push has it and the error-rate alert is the day's.
  { handler: 'syncAnalytics', schedule: { kind: 'daily', setting: 'ANALYTICS_TIME', time: '11:00', workdaysOnly: false } },
  { handler: 'syncMonitoring', schedule: { kind: 'daily', setting: 'MONITORING_TIME', time: '23:45', workdaysOnly: false } },
  // Members (src/compose/members.ts): participation, the managers' note.
  { handler: 'recordParticipation', schedule: { kind: 'daily', setting: 'KPI_TIME', time: '23:30', workdaysOnly: false } },
  { handler: 'sendManagerNotes', schedule: { kind: 'daily', setting: 'NUDGE_TIME', time: '10:30', workdaysOnly: true } },
] as const satisfies readonly Job[];

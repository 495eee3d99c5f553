import { parse, setting } from './spec';

/**
 * The daily summary and the weekly report: who gets the report, when each goes out (the dispatcher reads the
 * times by the keys named in src/jobs.ts), and when a blocker counts as ageing. The summary goes to
 * PROGRESS_CHANNEL (./chat.ts).
 */
export const REPORT_RECIPIENTS = setting('REPORT_RECIPIENTS', '', 'Email addresses the weekly report is sent to, separated by commas', parse.emails);
export const DAILY_SUMMARY_TIME = setting(
  'DAILY_SUMMARY_TIME',
  '18:30',
  'Time of the daily summary in Slack and Discord, HH:mm (workdays)',
  parse.time,
);
export const WEEKLY_REPORT_TIME = setting('WEEKLY_REPORT_TIME', '09:00', 'Time on Monday the weekly report is emailed, HH:mm', parse.time);
export const BLOCKER_AGE_DAYS = setting(
  'BLOCKER_AGE_DAYS',
  '3',
  'A blocker open this many days or more is flagged: "ageing" in the daily summary, under Needs attention in the weekly report',
  parse.integer(1, 365),
);

export const REPORT_SETTINGS = [REPORT_RECIPIENTS, DAILY_SUMMARY_TIME, WEEKLY_REPORT_TIME, BLOCKER_AGE_DAYS];

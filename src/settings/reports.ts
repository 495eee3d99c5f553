import { parse, setting } from './spec';

/**
 * The times of the daily summary and the weekly report, and when a blocker counts as ageing. The dispatcher reads
 * the two times by the keys named in src/jobs.ts. The report's recipients (REPORT_RECIPIENTS) and the summary's
 * channel (PROGRESS_CHANNEL) are declared once in ./setup.ts, where the setup sidebar edits them.
 */
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

export const REPORT_SETTINGS = [DAILY_SUMMARY_TIME, WEEKLY_REPORT_TIME, BLOCKER_AGE_DAYS];

import type { Thresholds } from '../domain/kpi/alerts';
import { parse, setting, type Settings, type SettingSpec } from './spec';

/**
 * The sheet area's settings: when the day's KPIs are computed, and the alert rules' thresholds (the seed's
 * defaults). The large-change threshold of the alert rules, LARGE_CHANGE_LINES, is declared by the GitHub area
 * (./github.ts), which raises that alert when a pull request or push arrives.
 */
export const KPI_TIME = setting('KPI_TIME', '23:30', "Time the day's KPI row is computed in KPI Tracking, HH:mm (every day)", parse.time);
export const ALERT_TASK_COMPLETION_BELOW = setting(
  'ALERT_TASK_COMPLETION_BELOW',
  '80%',
  "Alert when the day's Task Completion Rate is below this (e.g. 80%)",
  parse.rate,
);
export const ALERT_SATISFACTION_BELOW = setting(
  'ALERT_SATISFACTION_BELOW',
  '4.0',
  "Alert (in chat and by email to MANAGER_EMAILS) when the day's Team Satisfaction is below this score (1–5)",
  parse.number(1, 5),
);
export const ALERT_BLOCKERS_ABOVE = setting(
  'ALERT_BLOCKERS_ABOVE',
  '3',
  'Alert when more blockers than this are open at the end of the day',
  parse.integer(0, 100_000),
);
export const ALERT_ERROR_RATE_ABOVE = setting(
  'ALERT_ERROR_RATE_ABOVE',
  '5%',
  'Alert (in chat and by email to MANAGER_EMAILS) when the error rate in Service Health is above this',
  parse.rate,
);
export const ALERT_CHANNEL = setting(
  'ALERT_CHANNEL',
  '#progress',
  'Slack channel of the KPI alerts (Discord gets them through its webhook)',
  parse.text,
);
export const MANAGER_EMAILS = setting(
  'MANAGER_EMAILS',
  '',
  'Managers emailed when Team Satisfaction drops below ALERT_SATISFACTION_BELOW or the error rate rises above ALERT_ERROR_RATE_ABOVE, separated by commas',
  parse.emails,
);

export const SHEET_SETTINGS = [
  KPI_TIME,
  ALERT_TASK_COMPLETION_BELOW,
  ALERT_SATISFACTION_BELOW,
  ALERT_BLOCKERS_ABOVE,
  ALERT_ERROR_RATE_ABOVE,
  ALERT_CHANNEL,
  MANAGER_EMAILS,
];

/** The alert rules' thresholds as the team set them; each throws, naming its key, when its value is wrong. */
export function alertThresholds(settings: Settings): Thresholds {
  return {
    taskCompletionBelow: settings.get(ALERT_TASK_COMPLETION_BELOW),
    satisfactionBelow: settings.get(ALERT_SATISFACTION_BELOW),
    blockersAbove: settings.get(ALERT_BLOCKERS_ABOVE),
    errorRateAbove: settings.get(ALERT_ERROR_RATE_ABOVE),
  };
}

/** The thresholds' defaults, which the sheet's derived columns fall back on while a Settings cell is empty or wrong. */
export function defaultThresholds(): Omit<Thresholds, 'errorRateAbove'> {
  const fallback = <T>(spec: SettingSpec<T>) => spec.parse(spec.defaultValue);
  return {
    taskCompletionBelow: fallback(ALERT_TASK_COMPLETION_BELOW),
    satisfactionBelow: fallback(ALERT_SATISFACTION_BELOW),
    blockersAbove: fallback(ALERT_BLOCKERS_ABOVE),
  };
}

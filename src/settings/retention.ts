import { parse, setting } from './spec';

/**
 * How long raw rows stay in the workbook, and where they go then (README ▸ Retention and the archive). Derived
 * tables (pull requests, commits, deployments, metrics, KPI rows, reports) are never pruned.
 */
export const RETENTION_DAYS = setting(
  'RETENTION_DAYS',
  '14',
  'Days a GitHub/GitLab event stays after it was applied, and an Outbox message after it was sent or expired; then it is archived and removed',
  parse.integer(1, 3650),
);
export const ERROR_RETENTION_DAYS = setting(
  'ERROR_RETENTION_DAYS',
  '90',
  'Days an Errors row (and an Outbox message that failed for good) stays before it is archived and removed',
  parse.integer(1, 3650),
);
export const ARCHIVE_TIME = setting('ARCHIVE_TIME', '03:00', 'Time old raw rows are archived and removed, HH:mm (every day)', parse.time);
export const RETENTION_SETTINGS = [RETENTION_DAYS, ERROR_RETENTION_DAYS, ARCHIVE_TIME];

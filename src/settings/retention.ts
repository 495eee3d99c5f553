import { parse, setting, SettingValueError } from './spec';

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
export const ARCHIVE_DESTINATION = setting(
  'ARCHIVE_DESTINATION',
  'spreadsheet',
  'Where removed rows go: spreadsheet (one archive spreadsheet a year, in your Drive) or bigquery (BIGQUERY_PROJECT; needs the BigQuery advanced service)',
  parse.oneOf('spreadsheet', 'bigquery'),
);
export const ARCHIVE_TIME = setting('ARCHIVE_TIME', '03:00', 'Time old raw rows are archived and removed, HH:mm (every day)', parse.time);
export const BIGQUERY_PROJECT = setting(
  'BIGQUERY_PROJECT',
  '',
  'Google Cloud project id of the BigQuery archive (with ARCHIVE_DESTINATION bigquery); empty: no BigQuery',
  (text: string) => {
    // BigQuery's rule for project ids: 6–30 lowercase letters, digits and hyphens, starting with a letter.
    if (text !== '' && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(text))
      throw new SettingValueError('it must be a Google Cloud project id such as my-team-123');
    return text;
  },
);
export const BIGQUERY_DATASET = setting(
  'BIGQUERY_DATASET',
  'shinchoku',
  'BigQuery dataset the archive and the daily facts are loaded into (setup creates it)',
  (text: string) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,1023}$/.test(text)) throw new SettingValueError('it must be letters, digits and underscores, e.g. shinchoku');
    return text;
  },
);

export const RETENTION_SETTINGS = [RETENTION_DAYS, ERROR_RETENTION_DAYS, ARCHIVE_DESTINATION, ARCHIVE_TIME, BIGQUERY_PROJECT, BIGQUERY_DATASET];

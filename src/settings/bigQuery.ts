import { parse, setting, SettingValueError } from './spec';

/**
 * Where archived rows go, and the BigQuery dataset when that is BigQuery (README ▸ Retention and the archive ▸
 * BigQuery). The BigQuery advanced service is only in builds made with SHINCHOKU_BIGQUERY=1, so choosing
 * `bigquery` also takes that build.
 */
export const ARCHIVE_TARGET = setting(
  'ARCHIVE_TARGET',
  'spreadsheet',
  'Where archived rows go: spreadsheet (one archive spreadsheet a year, the default) or bigquery (BIGQUERY_PROJECT_ID; needs a build with SHINCHOKU_BIGQUERY=1), which also receives the daily KPI rows and metrics',
  parse.oneOf('spreadsheet', 'bigquery'),
);

/** Google's rule for project ids (6–30 characters), and the older domain-scoped `example.com:project` form. */
const PROJECT_ID = /^(?:[a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export const BIGQUERY_PROJECT_ID = setting(
  'BIGQUERY_PROJECT_ID',
  '',
  'Google Cloud project that holds the BigQuery dataset (its ID, e.g. my-team-analytics), used when ARCHIVE_TARGET is bigquery',
  (text: string): string => {
    const t = text.trim();
    if (t !== '' && !PROJECT_ID.test(t))
      throw new SettingValueError('it must be a Google Cloud project ID: 6 to 30 lowercase letters, digits and hyphens, starting with a letter');
    return t;
  },
);

export const BIGQUERY_DATASET = setting(
  'BIGQUERY_DATASET',
  'shinchoku',
  'BigQuery dataset the archive and daily facts go to; setup creates it',
  (text: string): string => {
    const t = text.trim();
    if (!/^[A-Za-z0-9_]{1,1024}$/.test(t)) throw new SettingValueError('it must be a dataset ID: letters, digits and underscores');
    return t;
  },
);

/** Tokyo by default, as the team's data is: a dataset's location is fixed once it is made. */
export const BIGQUERY_LOCATION = setting(
  'BIGQUERY_LOCATION',
  'asia-northeast1',
  'Location of the BigQuery dataset when setup creates it (asia-northeast1 is Tokyo; US and EU are multi-regions)',
  (text: string): string => {
    const t = text.trim();
    if (!/^[A-Za-z]+(?:-[A-Za-z0-9]+)*$/.test(t)) throw new SettingValueError('it must be a BigQuery location such as asia-northeast1, US or EU');
    return t;
  },
);

export const BIGQUERY_SETTINGS = [ARCHIVE_TARGET, BIGQUERY_PROJECT_ID, BIGQUERY_DATASET, BIGQUERY_LOCATION];

import { parse, setting, SettingValueError } from './spec';

/** The GitHub area's settings: which repositories to follow, and how to read and count what happens in them. */

/** Label names are free text on GitHub, but a comma would split our list and an empty one matches nothing. */
const labelName = (text: string): string => {
  if (/[,\n]/.test(text)) throw new SettingValueError('it must be one label name (no commas)');
  return text;
};

/** `owner/name` items; GitHub's own limits on the characters of each part. */
export const repositories = (text: string): string[] => {
  const list = parse.list(text);
  const bad = list.filter((r) => !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/.test(r));
  if (bad.length > 0) throw new SettingValueError(`these are not repositories written owner/name: ${bad.join(', ')}`);
  return list;
};

export const GITHUB_REPOSITORIES = setting(
  'GITHUB_REPOSITORIES',
  '',
  'GitHub repositories to follow, owner/name, separated by commas or new lines',
  repositories,
);

export const GITHUB_INCIDENT_LABEL = setting(
  'GITHUB_INCIDENT_LABEL',
  'incident',
  'Label of the GitHub issues that record a production incident (DORA change failure rate and time to restore)',
  labelName,
);

export const GITHUB_DEPLOY_ENVIRONMENTS = setting(
  'GITHUB_DEPLOY_ENVIRONMENTS',
  'production',
  'GitHub deployment environments that count as production deploys (DORA), separated by commas; empty: every environment',
  parse.list,
);

export const GITHUB_DEPLOY_WORKFLOWS = setting(
  'GITHUB_DEPLOY_WORKFLOWS',
  '',
  'Names of the GitHub Actions workflows that deploy, for teams without GitHub deployments, separated by commas',
  parse.list,
);

export const LARGE_CHANGE_LINES = setting(
  'LARGE_CHANGE_LINES',
  '1000',
  'A pull request or push changing more lines than this (additions + deletions) raises an alert',
  parse.integer(1, 10_000_000),
);

/** Kept well inside Apps Script's 6 minutes, leaving time to write what was fetched. */
export const GITHUB_SYNC_MAX_SECONDS = setting(
  'GITHUB_SYNC_MAX_SECONDS',
  '240',
  'How long one GitHub sync may fetch before it stops and resumes at the next run (seconds, 10–300)',
  parse.integer(10, 300),
);

export const GITHUB_SYNC_DAYS = setting(
  'GITHUB_SYNC_DAYS',
  '30',
  'How many days of history the first GitHub sync of a repository fetches',
  parse.integer(1, 3650),
);

export const GITHUB_SETTINGS = [
  GITHUB_REPOSITORIES,
  GITHUB_INCIDENT_LABEL,
  GITHUB_DEPLOY_ENVIRONMENTS,
  GITHUB_DEPLOY_WORKFLOWS,
  LARGE_CHANGE_LINES,
  GITHUB_SYNC_MAX_SECONDS,
  GITHUB_SYNC_DAYS,
];

import { parse, setting, SettingValueError } from './spec';

/**
 * Settings the setup sidebar edits that no other area had declared when the sidebar was built. The sidebar finds
 * every setting by key in ALL_SETTINGS, so when an area declares one of these itself, the line here goes away.
 */

/** A channel as `#name` (posted to by name) or as its id (`C…`, `G…` for older private channels). */
export const channel = (text: string): string => {
  if (/^#[^\s#,.]{1,80}$/u.test(text) || /^[CG][A-Z0-9]{8,}$/.test(text)) return text;
  throw new SettingValueError('it must be a Slack channel written #name, or a channel id such as C0123456789');
};

/** `owner/name` items; GitHub's own limits on the characters of each part. */
export const repositories = (text: string): string[] => {
  const list = parse.list(text);
  const bad = list.filter((r) => !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/.test(r));
  if (bad.length > 0) throw new SettingValueError(`these are not repositories written owner/name: ${bad.join(', ')}`);
  return list;
};

export const STANDUP_CHANNEL = setting('STANDUP_CHANNEL', '#standup', 'Slack channel of the morning standup reminder (#name or channel id)', channel);
export const PROGRESS_CHANNEL = setting(
  'PROGRESS_CHANNEL',
  '#progress',
  'Slack channel of the evening progress reminder and the daily summary',
  channel,
);
export const CODE_REVIEW_CHANNEL = setting('CODE_REVIEW_CHANNEL', '#code-reviews', 'Slack channel for pull requests waiting for review', channel);
export const GITHUB_REPOSITORIES = setting(
  'GITHUB_REPOSITORIES',
  '',
  'GitHub repositories to follow, owner/name, separated by commas or new lines',
  repositories,
);
export const REPORT_RECIPIENTS = setting('REPORT_RECIPIENTS', '', 'Email addresses the weekly report is sent to, separated by commas', parse.emails);

export const SETUP_SETTINGS = [STANDUP_CHANNEL, PROGRESS_CHANNEL, CODE_REVIEW_CHANNEL, GITHUB_REPOSITORIES, REPORT_RECIPIENTS];

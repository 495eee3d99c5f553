import { parse, setting, SettingValueError } from './spec';

/** Issue 13's settings: how change requests move tasks, what is measured about people, review reminders. */

/** A regular expression people type; checked here so a typo is named in Settings, not found by a failing job. */
const pattern = (text: string): RegExp | null => {
  if (text.trim() === '' || /^(ids|default)$/i.test(text.trim())) return null;
  try {
    const re = new RegExp(text, 'i');
    if (re.test('')) throw new SettingValueError('it matches empty text: it would link every pull request');
    return re;
  } catch (e) {
    if (e instanceof SettingValueError) throw e;
    throw new SettingValueError(`it must be a regular expression such as T-\\d+ (${(e as Error).message})`);
  }
};

export const TASK_ID_PATTERN = setting(
  'TASK_ID_PATTERN',
  '',
  'How pull/merge requests name a task (title, branch or body): a regular expression such as T-\\d+; empty: the Tasks IDs as written',
  pattern,
);

export const TASK_DONE_ON_MERGE = setting(
  'TASK_DONE_ON_MERGE',
  'TRUE',
  'TRUE: merging a pull/merge request that names a task marks it done; FALSE: people mark tasks done',
  parse.boolean,
);

export const DEVELOPER_METRICS_ENABLED = setting(
  'DEVELOPER_METRICS',
  'TRUE',
  'TRUE: keep per-member daily activity (commits, PRs, reviews) in Developer Metrics; FALSE: measure nobody',
  parse.boolean,
);

export const REVIEW_REMINDER_HOURS = setting(
  'REVIEW_REMINDER_HOURS',
  '8',
  'Remind requested reviewers of PRs waiting longer than this many working hours for a first review (0: never)',
  parse.number(0, 1000),
);

export const REVIEW_REMINDER_TIME = setting(
  'REVIEW_REMINDER_TIME',
  '10:00',
  'Time of the review reminders to requested reviewers, HH:mm (workdays)',
  parse.time,
);

export const CODE_WORK_SETTINGS = [TASK_ID_PATTERN, TASK_DONE_ON_MERGE, DEVELOPER_METRICS_ENABLED, REVIEW_REMINDER_HOURS, REVIEW_REMINDER_TIME];

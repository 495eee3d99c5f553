import { parse, setting, SettingValueError } from './spec';

/** The chat area's settings: where the reminders go and when, and how long the outbox keeps trying. */

/** A channel as `#name` (posted to by name) or as its id (`C…`, `G…` for older private channels). */
export const channel = (text: string): string => {
  if (/^#[^\s#,.]{1,80}$/u.test(text) || /^[CG][A-Z0-9]{8,}$/.test(text)) return text;
  throw new SettingValueError('it must be a Slack channel written #name, or a channel id such as C0123456789');
};

export const STANDUP_CHANNEL = setting('STANDUP_CHANNEL', '#standup', 'Slack channel of the morning standup reminder (#name or channel id)', channel);
export const PROGRESS_CHANNEL = setting(
  'PROGRESS_CHANNEL',
  '#progress',
  'Slack channel of the evening progress reminder and the daily summary',
  channel,
);
export const CODE_REVIEW_CHANNEL = setting('CODE_REVIEW_CHANNEL', '#code-reviews', 'Slack channel for pull requests waiting for review', channel);
export const STANDUP_TIME = setting('STANDUP_TIME', '09:00', 'Time of the standup reminder in Slack, HH:mm (workdays)', parse.time);
export const NUDGE_TIME = setting(
  'NUDGE_TIME',
  '10:30',
  'Time by which a member should have reported; later, they get a direct message in Slack (HH:mm, workdays)',
  parse.time,
);
export const PROJECT_UPDATE_TIME = setting(
  'PROJECT_UPDATE_TIME',
  '17:30',
  "Time of each active project's progress update in its Slack channel, HH:mm (workdays)",
  parse.time,
);
export const PROGRESS_REMINDER_TIME = setting(
  'PROGRESS_REMINDER_TIME',
  '18:00',
  'Time of the progress-update reminder in Slack, HH:mm (workdays)',
  parse.time,
);
export const DISCORD_DASHBOARD_TIME = setting(
  'DISCORD_DASHBOARD_TIME',
  '18:00',
  'Time of the KPI dashboard and team status in Discord, HH:mm (workdays)',
  parse.time,
);
export const OUTBOX_MAX_ATTEMPTS = setting(
  'OUTBOX_MAX_ATTEMPTS',
  '45',
  'How many times a Slack or Discord message is tried before it is marked failed in Outbox (backoff doubles from 1 minute to 10 minutes: 45 tries span about 7 hours)',
  parse.integer(1, 50),
);

export const CHAT_SETTINGS = [
  STANDUP_CHANNEL,
  PROGRESS_CHANNEL,
  CODE_REVIEW_CHANNEL,
  STANDUP_TIME,
  NUDGE_TIME,
  PROJECT_UPDATE_TIME,
  PROGRESS_REMINDER_TIME,
  DISCORD_DASHBOARD_TIME,
  OUTBOX_MAX_ATTEMPTS,
];

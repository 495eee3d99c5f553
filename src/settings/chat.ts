import { parse, setting } from './spec';

/**
 * The chat area's settings. The two channels, STANDUP_CHANNEL and PROGRESS_CHANNEL, are declared once in ./setup.ts
 * (the setup sidebar edits them) and read from there.
 */
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
  '12',
  'How many times a Slack or Discord message is tried before it is marked failed in Outbox (backoff doubles from 1 minute to 1 hour: 12 tries span about 7 hours)',
  parse.integer(1, 50),
);

export const CHAT_SETTINGS = [STANDUP_TIME, NUDGE_TIME, PROJECT_UPDATE_TIME, PROGRESS_REMINDER_TIME, DISCORD_DASHBOARD_TIME, OUTBOX_MAX_ATTEMPTS];

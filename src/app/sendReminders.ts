import { fitEmbeds } from '../domain/chat/discordEmbed';
import {
  kpiDashboardEmbed,
  nudge,
  progressReminder,
  projectUpdate,
  standupReminder,
  teamStatusEmbed,
  type ProjectStatus,
} from '../domain/chat/reminderMessages';
import type { Language } from '../domain/messages';
import { chatText, type ChatTextId } from '../domain/chat/messages';
import type { Calendar } from '../platform/timeZone';
import type { Settings } from '../settings';
import { PROGRESS_CHANNEL, STANDUP_CHANNEL } from '../settings/chat';
import { dayOf, daysBetween, kpiTargets, latestKpi, openBlockers, participation, text, type ChatTables } from './chatData';
import type { ChatConfig } from '../domain/chat/outboxMessages';
import type { ChatMessage, Outbox } from '../domain/chat/outbox';
import { readHolidays, skippedMessage, workdayVerdict } from './workdays';
import { addDays } from '../domain/kpi/days';

export interface ReminderDeps {
  now: Date;
  calendar: Calendar;
  settings: Settings;
  language: Language;
  tables: ChatTables;
  outbox: Outbox;
  config: ChatConfig;
}

/** What a reminder job did; run by hand at any time, it says why it sent nothing. */
export interface ReminderResult {
  date: string;
  enqueued: number;
  skipped?: string;
}

/** Reminders are for workdays: a run on a weekend or a day in `Holidays` sends nothing and says so. */
function workday(deps: ReminderDeps, job: ChatTextId): { date: string; skipped?: string } {
  const local = deps.calendar.local(deps.now);
  const verdict = workdayVerdict(local, readHolidays(deps.tables.holidays, deps.calendar));
  if (verdict.workday) return { date: local.date };
  return { date: local.date, skipped: skippedMessage(verdict, chatText(job, deps.language), deps.language, local.weekday) };
}

/**
 * The day's messages are about that day: one still unsent when the day ends (an outage) is recorded `expired`
 * rather than posted on a later day.
 */
export function endOfDay(calendar: Calendar, date: string): Date {
  return calendar.midnight(addDays(date, 1));
}

const HOUR_MS = 3_600_000;

/**
 * "Time for the standup" is useless once the morning is over: it expires at noon of its day, or an hour after it
 * was made when the reminder runs later (a late STANDUP_TIME, a run by hand).
 */
export function standupExpiry(calendar: Calendar, date: string, now: Date): Date {
  const noon = calendar.midnight(date).getTime() + 12 * HOUR_MS;
  return new Date(Math.max(noon, now.getTime() + HOUR_MS));
}

function send(deps: ReminderDeps, date: string, messages: ChatMessage[], needs: 'slack' | 'discord' | 'dm'): ReminderResult {
  if (needs === 'discord' && !deps.config.discord)
    return { date, enqueued: 0, skipped: 'Discord is not configured (DISCORD_WEBHOOK_URL in Script Properties)' };
  if (needs === 'slack' && !deps.config.slack)
    return { date, enqueued: 0, skipped: 'Slack is not configured (SLACK_BOT_TOKEN or SLACK_WEBHOOK_URL in Script Properties)' };
  if (needs === 'dm' && deps.config.slack !== 'api')
    return { date, enqueued: 0, skipped: 'direct messages need SLACK_BOT_TOKEN in Script Properties' };
  deps.outbox.enqueue(messages);
  return { date, enqueued: messages.length };
}

/** 09:00: the standup reminder, in the standup channel. */
export function sendStandupReminder(deps: ReminderDeps): ReminderResult {
  const day = workday(deps, 'jobStandup');
  if (day.skipped) return { date: day.date, enqueued: 0, skipped: day.skipped };
  const channel = deps.settings.get(STANDUP_CHANNEL);
  const message: ChatMessage = {
    dedupeKey: `standup:${day.date}`,
    slack: { channel, ...standupReminder(day.date, deps.language) },
    expiresAt: standupExpiry(deps.calendar, day.date, deps.now),
  };
  return send(deps, day.date, [message], 'slack');
}

/** 18:00: time to update the day's progress, in the progress channel. */
export function sendProgressReminder(deps: ReminderDeps): ReminderResult {
  const day = workday(deps, 'jobProgressReminder');
  if (day.skipped) return { date: day.date, enqueued: 0, skipped: day.skipped };
  const channel = deps.settings.get(PROGRESS_CHANNEL);
  const { reported, notReported } = participation(deps.tables, day.date, deps.calendar);
  const content = progressReminder(day.date, reported.length, reported.length + notReported.length, deps.language);
  const expiresAt = endOfDay(deps.calendar, day.date);
  return send(deps, day.date, [{ dedupeKey: `progress-reminder:${day.date}`, slack: { channel, ...content }, expiresAt }], 'slack');
}

/** At the nudge time: a direct message to each active member with a Slack user id who has not reported today. */
export function sendNudges(deps: ReminderDeps): ReminderResult {
  const day = workday(deps, 'jobNudges');
  if (day.skipped) return { date: day.date, enqueued: 0, skipped: day.skipped };
  const { notReported } = participation(deps.tables, day.date, deps.calendar);
  const expiresAt = endOfDay(deps.calendar, day.date);
  // Members on their own clock are nudged at their own hour (sendMemberReminders).
  const ownClock = deps.tables.ownClock?.() ?? new Set<string>();
  const messages = notReported
    .filter((m) => m.slackUserId !== '' && !ownClock.has(m.name))
    .map((m): ChatMessage => ({
      dedupeKey: `nudge:${day.date}:${m.slackUserId}`,
      slack: { channel: m.slackUserId, ...nudge(m.name, day.date, deps.language) },
      expiresAt,
    }));
  if (messages.length === 0) return { date: day.date, enqueued: 0, skipped: 'everyone has reported' };
  return send(deps, day.date, messages, 'dm');
}

/** Tasks count as done by their status (in English or Japanese) or by a Done At date. */
const DONE = /^(done|completed?|closed|finished|resolved|完了|済み?|終了|クローズ)$/i;

/** Each active project's progress update, in its own Slack channel (or the progress channel). */
export function sendProjectUpdates(deps: ReminderDeps): ReminderResult {
  const day = workday(deps, 'jobProjectUpdates');
  if (day.skipped) return { date: day.date, enqueued: 0, skipped: day.skipped };
  const fallback = deps.settings.get(PROGRESS_CHANNEL);
  const quality = latestKpi(deps.tables, day.date, deps.calendar)?.qualityScore ?? null;
  const tasks = deps.tables.tasks.read().rows.map((r) => r.record);
  const messages: ChatMessage[] = [];
  for (const { record: p } of deps.tables.projects.read().rows) {
    const name = text(p.name);
    if (!name || p.active === false || /^(false|no|0|いいえ)$/i.test(text(p.active))) continue;
    const own = tasks.filter((t) => text(t.project) === name);
    let total = 0;
    let done = 0;
    let doneCount = 0;
    for (const t of own) {
      const weight = typeof t.weight === 'number' && t.weight > 0 ? t.weight : 1;
      const isDone = DONE.test(text(t.status)) || t.doneAt !== null;
      total += weight;
      if (isDone) {
        done += weight;
        doneCount++;
      }
    }
    const deadline = dayOf(p.deadline, deps.calendar);
    const status: ProjectStatus = {
      name,
      progress: total > 0 ? done / total : null,
      doneTasks: doneCount,
      totalTasks: own.length,
      deadline,
      daysLeft: deadline ? daysBetween(day.date, deadline) : null,
      quality,
      pullRequests: own.flatMap((t) => {
        const prs = text(t.pullRequests).split(/\r?\n/).filter(Boolean);
        if (prs.length === 0) return [];
        const done = DONE.test(text(t.status)) || t.doneAt !== null;
        if (done && dayOf(t.doneAt, deps.calendar) !== day.date) return [];
        return [`${done ? '✅' : '🔄'} ${text(t.id)} ${text(t.title)} ← ${prs.join(', ')}`];
      }),
    };
    const channel = text(p.slackChannel) || fallback;
    messages.push({
      dedupeKey: `project-update:${name}:${day.date}`,
      slack: { channel, ...projectUpdate(status, deps.language) },
      expiresAt: endOfDay(deps.calendar, day.date),
    });
  }
  if (messages.length === 0) return { date: day.date, enqueued: 0, skipped: 'no active project in the Projects sheet' };
  return send(deps, day.date, messages, 'slack');
}

/** The Discord KPI dashboard and team status, as one message of two embeds. */
export function sendDiscordDashboard(deps: ReminderDeps): ReminderResult {
  const day = workday(deps, 'jobDiscordDashboard');
  if (day.skipped) return { date: day.date, enqueued: 0, skipped: day.skipped };
  const timestamp = deps.now.toISOString();
  const kpi = latestKpi(deps.tables, day.date, deps.calendar);
  const { reported, notReported } = participation(deps.tables, day.date, deps.calendar);
  const embeds = fitEmbeds([
    kpiDashboardEmbed(kpi, kpiTargets(deps.tables), timestamp, deps.language),
    teamStatusEmbed(
      {
        date: day.date,
        reported: reported.map((m) => m.name),
        notReported: notReported.map((m) => m.name),
        blockers: openBlockers(deps.tables, day.date, deps.calendar),
      },
      timestamp,
      deps.language,
    ),
  ]);
  const expiresAt = endOfDay(deps.calendar, day.date);
  return send(deps, day.date, [{ dedupeKey: `discord-dashboard:${day.date}`, discord: { embeds }, expiresAt }], 'discord');
}

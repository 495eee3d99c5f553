import { withDayCache, type ChatTables } from '../app/chatData';
import { discordSender } from '../app/discordSender';
import {
  chatOutbox,
  deliverOutbox,
  enqueueMessages,
  markOutboxChanged,
  outboxHint,
  STATUS,
  type ChatConfig,
  type DeliverReport,
  type OutboxTable,
  type Sender,
} from '../app/outbox';
import type { Outbox } from '../app/ports';
import { PROP } from '../app/properties';
import {
  sendDiscordDashboard,
  sendNudges,
  sendProgressReminder,
  sendProjectUpdates,
  sendStandupReminder,
  type ReminderDeps,
  type ReminderResult,
} from '../app/sendReminders';
import { handleSlack, type SlackInboundDeps } from '../app/slack/inbound';
import { processSlackQueue } from '../app/slack/queue';
import { slackSender } from '../app/slack/sender';
import type { SlackWork, SlackWorkDeps } from '../app/slack/work';
import { RawAnswer, type WebRequest } from '../app/webApp';
import { chatText } from '../domain/chat/messages';
import type { ProgressDraft } from '../domain/chat/modals';
import { AuthError, ConfigError, InputError } from '../domain/errors';
import type { Language } from '../domain/messages';
import { scriptCache } from '../platform/cache';
import { calendarIn, type Calendar } from '../platform/timeZone';
import { discordWebhook } from '../platform/discord';
import { scriptLock } from '../platform/lock';
import { scriptProperties } from '../platform/properties';
import { slackClient } from '../platform/slack';
import { boundWorkbook } from '../platform/spreadsheet';
import { urlFetchClient } from '../platform/urlfetch';
import { propertyWorkQueue } from '../platform/workQueue';
import { Settings } from '../settings';
import { OUTBOX_MAX_ATTEMPTS } from '../settings/chat';
import { LANGUAGE } from '../settings/core';
import { OUTBOX } from '../sheets/chatTables';
import { Table } from '../sheets/table';
import { BLOCKERS, DAILY_REPORTS, HOLIDAYS, KPI_TRACKING, MEMBERS, PROJECTS, TARGETS, TASKS } from '../sheets/tables';
import { cachedSettings } from './schedule';

/**
 * The chat area's composition: the Slack web-app handler, the queue processor, the reminder jobs, and the Outbox
 * port other areas enqueue through. Each builds only what its path needs: the Slack answer reads Script Properties
 * and the cached Settings, and nothing else unless it opens a form.
 */

type Workbook = ReturnType<typeof boundWorkbook>;

/** Queued Slack work lives in Script Properties under keys with this prefix. */
const WORK_PREFIX = PROP.chatWorkPrefix;
/** One queue run sends at most this many messages, and starts none after 4 minutes (executions stop at 6). */
const MAX_SENDS_PER_RUN = 40;
const SEND_BUDGET_MS = 4 * 60_000;

export function chatConfig(properties: Readonly<Record<string, string>>): ChatConfig {
  return {
    slack: properties[PROP.slackBotToken] ? 'api' : properties[PROP.slackWebhookUrl] ? 'webhook' : null,
    discord: Boolean(properties[PROP.discordWebhookUrl]),
  };
}

function calendarOf(properties: Readonly<Record<string, string>>, workbook: Workbook): Calendar {
  return withDayCache(calendarIn(properties[PROP.sheetTimeZone] || workbook.timeZone()));
}

function outboxTable(workbook: Workbook, calendar: Calendar): OutboxTable {
  return new Table(OUTBOX, workbook, { dateKey: calendar.dateKey });
}

/** Table objects read nothing until asked, and each reads its sheet once: building them all costs nothing. */
export function chatTables(workbook: Workbook, calendar: Calendar): ChatTables {
  const options = { dateKey: calendar.dateKey };
  return {
    members: new Table(MEMBERS, workbook, options),
    dailyReports: new Table(DAILY_REPORTS, workbook, options),
    blockers: new Table(BLOCKERS, workbook, options),
    kpi: new Table(KPI_TRACKING, workbook, options),
    targets: new Table(TARGETS, workbook, options),
    holidays: new Table(HOLIDAYS, workbook, options),
    projects: new Table(PROJECTS, workbook, options),
    tasks: new Table(TASKS, workbook, options),
  };
}

/** A mistyped LANGUAGE must not silence Slack: the default stands in until it is fixed. */
function languageOf(settings: Settings): Language {
  try {
    return settings.get(LANGUAGE);
  } catch {
    return 'ja';
  }
}

/** The Outbox port, for any job that posts to Slack or Discord. */
export function outbox(): Outbox {
  const properties = scriptProperties().all();
  const workbook = boundWorkbook();
  const calendar = calendarOf(properties, workbook);
  return chatOutbox({
    table: () => outboxTable(workbook, calendar),
    locked: scriptLock(workbook.flush),
    now: () => new Date(),
    config: chatConfig(properties),
    cache: scriptCache(),
  });
}

function senders(properties: Readonly<Record<string, string>>, config: ChatConfig): Partial<Record<'slack' | 'discord', Sender>> {
  const http = urlFetchClient();
  const out: Partial<Record<'slack' | 'discord', Sender>> = {};
  const now = () => new Date();
  if (config.slack) {
    const deps = { client: slackClient(http, properties[PROP.slackBotToken]), mode: config.slack, cache: scriptCache(), now };
    const webhookUrl = properties[PROP.slackWebhookUrl];
    out.slack = slackSender(webhookUrl ? { ...deps, webhookUrl } : deps);
  }
  const discordUrl = properties[PROP.discordWebhookUrl];
  if (discordUrl) out.discord = discordSender(discordWebhook(http, discordUrl), now);
  return out;
}

function slackWorkDeps(workbook: Workbook, calendar: Calendar): SlackWorkDeps {
  return { calendar, language: languageOf(cachedSettings(workbook)), tables: chatTables(workbook, calendar) };
}

/** Does the given Slack work items and adds their replies to the Outbox; `fromQueue`: they leave the queue once done. */
function doSlackQueue(
  properties: Readonly<Record<string, string>>,
  workbook: Workbook,
  calendar: Calendar,
  items: Array<{ key: string; value: string }>,
  reportFailure: (error: unknown) => void,
  fromQueue: boolean,
) {
  const queue = propertyWorkQueue(WORK_PREFIX);
  const config = chatConfig(properties);
  let added = 0;
  const result = processSlackQueue({
    items,
    locked: scriptLock(workbook.flush),
    work: () => slackWorkDeps(workbook, calendar),
    enqueueReplies: (messages) => void (added += enqueueMessages(outboxTable(workbook, calendar), messages, config, new Date())),
    remove: (key) => (fromQueue ? queue.remove(key) : undefined),
    replace: (key, value) => (fromQueue ? queue.replace(key, value) : false),
    reportFailure,
  });
  if (added > 0) markOutboxChanged(scriptCache());
  return result;
}

/** `POST …/exec?source=slack`. Slack is answered in its own shapes; a bad token or workspace gets an error answer. */
export function slackPost(request: WebRequest, reportFailure: (error: unknown) => void): RawAnswer {
  const properties = scriptProperties().all();
  const now = new Date();
  let workbook: Workbook | null = null;
  const book = () => (workbook ??= boundWorkbook());
  let language: Language | null = null;
  const lang = () => (language ??= languageOf(cachedSettings(book())));
  const queue = propertyWorkQueue(WORK_PREFIX);
  const token = properties[PROP.slackBotToken];
  const deps: SlackInboundDeps = {
    properties,
    now,
    language: lang,
    enqueue: (work: SlackWork) => queue.add(JSON.stringify(work), now),
    doNow: (work: SlackWork) => {
      const calendar = calendarOf(properties, book());
      doSlackQueue(properties, book(), calendar, [{ key: `now-${now.getTime().toString(36)}`, value: JSON.stringify(work) }], reportFailure, false);
    },
    slack: token ? slackClient(urlFetchClient(), token) : null,
    todaysReport: (slackUserId) => todaysReport(book(), calendarOf(properties, book()), slackUserId, now),
  };
  try {
    const answer = handleSlack(deps, request);
    return new RawAnswer('json' in answer ? JSON.stringify(answer.json) : '');
  } catch (error) {
    if (error instanceof AuthError || error instanceof ConfigError) throw error;
    if (error instanceof InputError) return new RawAnswer(JSON.stringify({ response_type: 'ephemeral', text: `⚠️ ${error.message}` }));
    reportFailure(error);
    return new RawAnswer(JSON.stringify({ response_type: 'ephemeral', text: chatText('internalError', language ?? 'ja') }));
  }
}

/** The day's report of a Slack user (one read of Daily Reports), to fill the form with. */
function todaysReport(workbook: Workbook, calendar: Calendar, slackUserId: string, now: Date): ProgressDraft | null {
  const today = calendar.dateKey(now);
  const table = new Table(DAILY_REPORTS, workbook, { dateKey: calendar.dateKey });
  const row = table
    .read()
    .rows.find(
      (r) => r.record.date instanceof Date && calendar.dateKey(r.record.date) === today && String(r.record.slackUserId ?? '') === slackUserId,
    );
  if (!row) return null;
  const t = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    done: t(row.record.done),
    planned: t(row.record.planned),
    blockers: t(row.record.blockers),
    mood: typeof row.record.mood === 'number' ? row.record.mood : null,
  };
}

export interface QueueRun {
  slackWork: { done: number; failed: number };
  /** 'idle': the cache says nothing in the Outbox is due, so it was not read. */
  outbox: DeliverReport | 'idle';
}

/**
 * The frequent job: the Slack work Slack answers left (reports, blockers, summaries), then every Outbox message
 * that is due. An idle run reads Script Properties and the cache, and no sheet.
 */
export function processQueueJob(reportFailure: (error: unknown) => void): QueueRun {
  const properties = scriptProperties().all();
  const workbook = boundWorkbook();
  const calendar = calendarOf(properties, workbook);
  const items = propertyWorkQueue(WORK_PREFIX).pending(properties);
  const slackWork = doSlackQueue(properties, workbook, calendar, items, reportFailure, true);
  const hint = outboxHint(scriptCache(), new Date());
  if (hint.idle) return { slackWork, outbox: 'idle' };
  const config = chatConfig(properties);
  const outboxReport = deliverOutbox({
    table: () => outboxTable(workbook, calendar),
    locked: scriptLock(workbook.flush),
    now: () => new Date(),
    senders: senders(properties, config),
    maxAttempts: cachedSettings(workbook).get(OUTBOX_MAX_ATTEMPTS),
    maxPerRun: MAX_SENDS_PER_RUN,
    budgetMs: SEND_BUDGET_MS,
  });
  hint.remember(outboxReport.nextDue);
  return { slackWork, outbox: outboxReport };
}

function reminderDeps(): ReminderDeps {
  const properties = scriptProperties().all();
  const workbook = boundWorkbook();
  const calendar = calendarOf(properties, workbook);
  const settings = cachedSettings(workbook);
  const config = chatConfig(properties);
  return {
    now: new Date(),
    calendar,
    settings,
    language: languageOf(settings),
    tables: chatTables(workbook, calendar),
    outbox: chatOutbox({
      table: () => outboxTable(workbook, calendar),
      locked: scriptLock(workbook.flush),
      now: () => new Date(),
      config,
      cache: scriptCache(),
    }),
    config,
  };
}

function logged(name: string, result: ReminderResult): ReminderResult {
  console.log(`${name}: ${result.skipped ?? `${result.enqueued} message(s) queued for ${result.date}`}`);
  return result;
}

export const standupReminderJob = () => logged('sendStandupReminder', sendStandupReminder(reminderDeps()));
export const progressReminderJob = () => logged('sendProgressReminder', sendProgressReminder(reminderDeps()));
export const nudgesJob = () => logged('sendNudges', sendNudges(reminderDeps()));
export const projectUpdatesJob = () => logged('sendProjectUpdates', sendProjectUpdates(reminderDeps()));
export const discordDashboardJob = () => logged('sendDiscordDashboard', sendDiscordDashboard(reminderDeps()));

const DAY_MS = 86_400_000;

/** The health answer's Outbox section: what waits, what failed lately (which makes the answer unhealthy). */
export function outboxHealth(): Record<string, unknown> {
  const properties = scriptProperties().all();
  const workbook = boundWorkbook();
  const waiting = propertyWorkQueue(WORK_PREFIX).pending(properties).length;
  if (!workbook.grid(OUTBOX.name)) return { pending: 0, failed: 0, slackWorkWaiting: waiting };
  const now = Date.now();
  const rows = outboxTable(workbook, calendarOf(properties, workbook))
    .read()
    .rows.map((r) => r.record);
  const status = (r: (typeof rows)[number]) =>
    String(r.status ?? '')
      .trim()
      .toLowerCase() || STATUS.pending;
  const pending = rows.filter((r) => status(r) === STATUS.pending || status(r) === STATUS.sending);
  const failed = rows.filter((r) => status(r) === STATUS.failed);
  const time = (v: unknown) => (v instanceof Date ? v.getTime() : NaN);
  const oldest = Math.min(...pending.map((r) => time(r.createdAt)).filter(Number.isFinite));
  const recentFailures = failed.filter((r) => now - time(r.createdAt) < 7 * DAY_MS).length;
  const section = {
    pending: pending.length,
    oldestPendingMinutes: Number.isFinite(oldest) ? Math.floor((now - oldest) / 60_000) : null,
    failed: failed.length,
    failedLast7Days: recentFailures,
    slackWorkWaiting: waiting,
  };
  if (recentFailures > 0)
    throw new Error(`${recentFailures} chat message(s) failed in the last 7 days: see the Outbox sheet (${JSON.stringify(section)})`);
  return section;
}

import type { ChatTables } from '../app/chatData';
import { chatConfig } from '../app/chatConfig';
import { discordSender } from '../app/discordSender';
import { enqueueMessages, markOutboxChanged } from '../app/outbox';
import type { ChatConfig, Sender } from '../domain/chat/outboxMessages';
import { outboxHealth } from '../app/outboxHealth';
import { processQueue, type QueueRun } from '../app/processQueue';
import { PROP } from '../app/properties';
import { runDeadline } from '../app/schedule';
import {
  sendDiscordDashboard,
  sendNudges,
  sendProgressReminder,
  sendProjectUpdates,
  sendStandupReminder,
  type ReminderDeps,
  type ReminderResult,
} from '../app/sendReminders';
import { slackAnswer } from '../app/slack/inbound';
import { processSlackQueue } from '../app/slack/queue';
import { slackSender } from '../app/slack/sender';
import { todaysReport } from '../app/slack/todaysReport';
import type { SlackWork } from '../app/slack/work';
import type { RawAnswer, WebRequest } from '../app/webApp';
import { discordInteractions, discordWebhook } from '../platform/discord';
import { executionStartedAt } from '../platform/execution';
import { scriptCache } from '../platform/cache';
import { slackClient } from '../platform/slack';
import { urlFetchClient } from '../platform/urlfetch';
import { propertyWorkQueue, type QueuedItem } from '../platform/workQueue';
import { OUTBOX_MAX_ATTEMPTS } from '../settings/chat';
import { OUTBOX } from '../sheets/chatTables';
import { ABSENCES } from '../sheets/memberTables';
import { dailyReportsWith } from '../app/team';
import { memberDayOf, teamProfile, teamViews } from './members';
import { calendarIn } from '../platform/timeZone';
import { isCoreColumn } from '../domain/members/questions';
import { BLOCKERS, DAILY_REPORTS, HOLIDAYS, KPI_TRACKING, MEMBERS, PROJECTS, TARGETS, TASKS } from '../sheets/tables';
import { executionContext, type ExecutionContext } from './context';
import { readDeveloperDays } from '../app/codeWork';
import type { DeveloperDayRow } from '../domain/code/developerSummary';
import { DEVELOPER_METRICS_ENABLED } from '../settings/codeWork';
import { DEVELOPER_METRICS } from '../sheets/githubTables';

/**
 * The chat area's wiring: the Slack web-app handler, the queue processor and the reminder jobs. The Slack answer
 * reads Script Properties and the cached Settings, and nothing else unless it opens a form.
 */

const slackWorkQueue = () => propertyWorkQueue(PROP.chatWorkPrefix);

/** Table objects read nothing until asked, and each reads its sheet once: building them all costs nothing. */
export function chatTables(ctx: ExecutionContext): ChatTables {
  return {
    members: ctx.table(MEMBERS),
    dailyReports: ctx.table(DAILY_REPORTS),
    blockers: ctx.table(BLOCKERS),
    kpi: ctx.table(KPI_TRACKING),
    targets: ctx.table(TARGETS),
    holidays: ctx.table(HOLIDAYS),
    projects: ctx.table(PROJECTS),
    tasks: ctx.table(TASKS),
    absences: ctx.table(ABSENCES),
    ...teamViews(ctx),
  };
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
  // Answers to Discord slash commands need no webhook: they edit the interaction's own response.
  const cache = scriptCache();
  out.discord = discordSender(
    discordUrl ? discordWebhook(http, discordUrl) : null,
    discordInteractions(http, (id) => cache.get(discordTokenKey(id))),
    now,
  );
  return out;
}

/** The `Developer Metrics` rows the chat reports sum, or null when DEVELOPER_METRICS is off or the sheet is not there. */
export function developerDays(ctx: ExecutionContext): ReadonlyArray<DeveloperDayRow> | null {
  return ctx.settings().get(DEVELOPER_METRICS_ENABLED) && ctx.workbook().grid(DEVELOPER_METRICS.name)
    ? readDeveloperDays(ctx.table(DEVELOPER_METRICS), ctx.calendar())
    : null;
}

/** Does the given Slack work items and adds their replies to the Outbox; `fromQueue`: they leave the queue once done. */
function doSlackWork(ctx: ExecutionContext, items: QueuedItem[], reportFailure: (error: unknown) => void, fromQueue: boolean) {
  const queue = slackWorkQueue();
  let added = 0;
  const result = processSlackQueue({
    items,
    locked: ctx.locked,
    work: () => {
      const tables = chatTables(ctx);
      return {
        calendar: ctx.calendar(),
        language: ctx.language(),
        tables,
        reportsWith: (asked) => ctx.table(dailyReportsWith(asked)),
        memberDay: (member, at) => memberDayOf(tables.members, ctx.calendar(), member.name, at),
        developerMetrics: () => developerDays(ctx),
      };
    },
    enqueueReplies: (messages) => void (added += enqueueMessages(ctx.table(OUTBOX), messages, chatConfig(ctx.properties()), new Date())),
    remove: (key) => (fromQueue ? queue.remove(key) : undefined),
    replace: (key, value) => (fromQueue ? queue.replace(key, value) : false),
    reportFailure,
  });
  if (added > 0) markOutboxChanged(ctx.cache());
  return result;
}

/** Where a Discord interaction's token waits for the answer that edits its response (never in a sheet). */
export const discordTokenKey = (interactionId: string) => `discord-token:${interactionId}`;

/** `POST …/exec?source=slack`, directly or through the gateway (`signed`: it checked Slack's signature). */
export function slackPost(request: WebRequest, reportFailure: (error: unknown) => void, onQueued: () => void = () => {}, signed = false): RawAnswer {
  const ctx = executionContext({ settings: 'cached' });
  const { now } = ctx;
  const properties = ctx.properties();
  const token = properties[PROP.slackBotToken];
  // Work left for processQueue (queued Slack work, replies in the Outbox) asks for a dispatcher run soon.
  let queued = false;
  const questions = () => teamProfile(ctx).questions;
  const answer = slackAnswer(
    {
      properties,
      now,
      language: ctx.language,
      enqueue: (work: SlackWork) => {
        queued = true;
        return slackWorkQueue().add(JSON.stringify(work), now);
      },
      doNow: (work: SlackWork) => {
        queued = true;
        doSlackWork(ctx, [{ key: `now-${now.getTime().toString(36)}`, value: JSON.stringify(work) }], reportFailure, false);
      },
      slack: token ? slackClient(urlFetchClient(), token) : null,
      todaysReport: (slackUserId) => {
        const custom = questions().filter((q) => !isCoreColumn(q.column));
        // The member's own day, from the cached profile: the form opens inside Slack's 3 seconds.
        const zone = teamProfile(ctx).zones[slackUserId];
        const today = zone ? calendarIn(zone).dateKey(now) : ctx.calendar().dateKey(now);
        return todaysReport(
          ctx.table(dailyReportsWith(custom)),
          ctx.calendar(),
          slackUserId,
          today,
          custom.map((q) => q.column),
        );
      },
      questions,
      signedByGateway: signed,
    },
    request,
    reportFailure,
  );
  if (queued) onQueued();
  return answer;
}

/** The frequent job: queued Slack work, then the Outbox messages that are due. */
export function processQueueJob(reportFailure: (error: unknown) => void, ctx = executionContext({ settings: 'cached' })): QueueRun {
  const properties = ctx.properties();
  return processQueue({
    slackWork: () => doSlackWork(ctx, slackWorkQueue().pending(properties), reportFailure, true),
    cache: ctx.cache(),
    delivery: () => ({
      table: () => ctx.table(OUTBOX),
      locked: ctx.locked,
      now: () => new Date(),
      senders: senders(properties, chatConfig(properties)),
      maxAttempts: ctx.settings().get(OUTBOX_MAX_ATTEMPTS),
    }),
    deadline: runDeadline(executionStartedAt()),
  });
}

function reminderDeps(): ReminderDeps {
  const ctx = executionContext({ settings: 'cached' });
  return {
    now: ctx.now,
    calendar: ctx.calendar(),
    settings: ctx.settings(),
    language: ctx.language(),
    tables: chatTables(ctx),
    outbox: ctx.outbox(),
    config: chatConfig(ctx.properties()),
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

/** The health answer's Outbox section. */
export function outboxHealthSection(ctx: ExecutionContext): Record<string, unknown> {
  const waiting = slackWorkQueue().pending(ctx.properties()).length;
  return outboxHealth(ctx.workbook().grid(OUTBOX.name) ? ctx.table(OUTBOX) : null, waiting, Date.now());
}

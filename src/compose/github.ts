import { applyFacts, type ApplyResult, type GitHubTables } from '../app/github/apply';
import { ingestGitHubWebhook } from '../app/github/ingestWebhook';
import { fetchUpdates, type FetchOutcome } from '../app/github/fetchUpdates';
import type { Outbox } from '../app/ports';
import { PROP } from '../app/properties';
import { readSettings } from '../app/settings';
import type { PostHandler } from '../app/webApp';
import { ConfigError } from '../domain/errors';
import { githubText } from '../domain/github/messages';
import { metricsFor, recentPeriods } from '../domain/github/metrics';
import { cellBoolean, cellText } from '../domain/github/rows';
import { parseCursors } from '../domain/github/syncPass';
import { readHolidays, workingHoursOn } from '../app/workdays';
import type { Language } from '../domain/messages';
import { calendarIn, type Calendar } from '../platform/timeZone';
import { gitHubGraphQL } from '../platform/github';
import { scriptLock } from '../platform/lock';
import { scriptProperties } from '../platform/properties';
import { boundWorkbook } from '../platform/spreadsheet';
import { urlFetchClient } from '../platform/urlfetch';
import { outbox } from './chat';
import { LANGUAGE } from '../settings/core';
import {
  GITHUB_REPOSITORIES,
  GITHUB_DEPLOY_ENVIRONMENTS,
  GITHUB_DEPLOY_WORKFLOWS,
  GITHUB_INCIDENT_LABEL,
  GITHUB_SYNC_DAYS,
  GITHUB_SYNC_MAX_SECONDS,
  LARGE_CHANGE_LINES,
} from '../settings/github';
import { CODE_REVIEW_CHANNEL, PROGRESS_CHANNEL } from '../settings/chat';
import type { Settings } from '../settings/spec';
import { COMMITS, DEPLOYMENTS, GITHUB_EVENTS, GITHUB_METRICS, INCIDENTS, PULL_REQUESTS, REVIEWS } from '../sheets/githubTables';
import { Table } from '../sheets/table';
import { HOLIDAYS, MEMBERS, SETTINGS } from '../sheets/tables';

/**
 * The GitHub area's composition: the webhook handler, the frequent job that applies webhook events, and the
 * hourly sync. Entry points in main.ts call these.
 */

/** How far back each sync recomputes `GitHub Metrics`: five weeks of days, and the ISO weeks they touch. */
const METRIC_DAYS = 35;

/** GitHub's notifications go through the chat Outbox (src/compose/chat.ts), which sends each dedupe key once. */
export function githubOutbox(): Outbox {
  return outbox();
}

export const githubPostHandler: PostHandler = (request) => {
  const store = scriptProperties();
  const workbook = boundWorkbook();
  return ingestGitHubWebhook(
    {
      properties: store.all(),
      now: new Date(),
      events: new Table(GITHUB_EVENTS, workbook, { dateKey: (d) => d.toISOString() }),
      locked: scriptLock(workbook.flush),
      markPending: (at) => store.set({ [PROP.githubEventsPending]: at.toISOString() }),
    },
    {
      token: request.parameter['token'],
      body: request.postData?.contents ?? '',
      contentType: request.postData?.type ?? '',
      formPayload: request.parameter['payload'],
      eventParam: request.parameter['event'],
    },
  );
};

export interface GitHubApplySummary {
  applied: number;
  created: Record<string, number>;
  updated: Record<string, number>;
  notices: number;
}

/** Every dispatcher tick: merges waiting webhook events into the tables. Idle, it costs one Properties read. */
export function processGitHubEventsJob(outbox: () => Outbox = githubOutbox): GitHubApplySummary {
  const store = scriptProperties();
  const properties = store.all();
  if (!properties[PROP.githubEventsPending]) return { applied: 0, created: {}, updated: {}, notices: 0 };
  const context = githubContext(properties);
  const result = context.locked(() => {
    const applied = applyFacts(context.tables, [], { ...context.applyOptions, eventsPending: true });
    store.set({ [PROP.githubEventsPending]: '' });
    return applied;
  });
  // After the lock: the outbox takes the lock itself to write its sheet. Built only when there is something to say.
  if (result.notices.length > 0) outbox().enqueue(result.notices);
  warnUnreadable(result);
  return summary(result);
}

export interface GitHubSyncSummary extends GitHubApplySummary {
  repositories: string[];
  requests: number;
  stopped: FetchOutcome['stopped'] | 'no-repositories';
  resumeAt?: string;
  message: string;
}

/**
 * Hourly, and from the menu: reads what changed on GitHub since the last run, applies it with any waiting
 * webhook events, and recomputes the recent `GitHub Metrics`. A repository GitHub refuses is reported in
 * `Errors` after the others are written.
 */
export function syncGitHubJob(outbox: () => Outbox = githubOutbox): GitHubSyncSummary {
  const startedAt = new Date();
  const store = scriptProperties();
  const properties = store.all();
  const context = githubContext(properties);
  const { settings } = context;
  const repositories = settings.get(GITHUB_REPOSITORIES);
  let outcome: FetchOutcome | null = null;
  if (repositories.length > 0) {
    const client = gitHubGraphQL(urlFetchClient(), {
      apiUrl: properties[PROP.githubApiUrl],
      token: properties[PROP.githubToken],
      now: () => new Date(),
    });
    outcome = fetchUpdates({
      client,
      now: () => new Date(),
      repositories,
      cursors: parseCursors(properties[PROP.githubSyncState]),
      budgetMs: settings.get(GITHUB_SYNC_MAX_SECONDS) * 1000,
      startedAt,
      backfillDays: settings.get(GITHUB_SYNC_DAYS),
      incidentLabel: settings.get(GITHUB_INCIDENT_LABEL).trim(),
    });
  }
  const result = context.locked(() => {
    const pending = !!store.all()[PROP.githubEventsPending];
    const applied = applyFacts(context.tables, outcome?.facts ?? [], { ...context.applyOptions, eventsPending: pending });
    if (pending) store.set({ [PROP.githubEventsPending]: '' });
    writeMetrics(context, applied);
    return applied;
  });
  // Cursors move only once what they stand for is in the sheet.
  if (outcome) store.set({ [PROP.githubSyncState]: JSON.stringify(outcome.cursors) });
  if (result.notices.length > 0) outbox().enqueue(result.notices);
  warnUnreadable(result);

  const language = context.language;
  const stopped = outcome ? outcome.stopped : 'no-repositories';
  const message =
    stopped === 'no-repositories'
      ? githubText('syncNoRepos', language)
      : stopped === 'rate-limit'
        ? githubText('syncStoppedRate', language, { at: localTime(context.calendar, outcome?.resumeAt) })
        : stopped === 'time'
          ? githubText('syncStoppedTime', language)
          : githubText('syncDone', language);
  const out: GitHubSyncSummary = { ...summary(result), repositories, requests: outcome?.requests ?? 0, stopped, message };
  if (outcome?.resumeAt) out.resumeAt = outcome.resumeAt;
  if (outcome && outcome.problems.length > 0)
    throw new ConfigError(`GitHub sync: ${outcome.problems.join('; ')} (the other repositories were synced)`);
  return out;
}

interface GitHubContext {
  settings: Settings;
  language: Language;
  calendar: Calendar;
  tables: GitHubTables;
  metrics: Table<(typeof GITHUB_METRICS)['columns'][number]['key']>;
  holidays: Table<(typeof HOLIDAYS)['columns'][number]['key']>;
  locked: ReturnType<typeof scriptLock>;
  applyOptions: Omit<Parameters<typeof applyFacts>[2], 'eventsPending'>;
}

function githubContext(properties: Readonly<Record<string, string>>): GitHubContext {
  const now = new Date();
  const workbook = boundWorkbook();
  const calendar = calendarIn(properties[PROP.sheetTimeZone] || workbook.timeZone());
  const options = { dateKey: calendar.dateKey };
  const settings = readSettings(new Table(SETTINGS, workbook, options));
  const language = settings.get(LANGUAGE);
  const slackUserOf = new Map<string, string>();
  const members = workbook.grid(MEMBERS.name) ? new Table(MEMBERS, workbook, options).read().rows : [];
  for (const { record } of members) {
    const login = cellText(record.githubLogin).replace(/^@/, '').toLowerCase();
    const slack = cellText(record.slackUserId);
    // An empty Active cell is a member someone has not marked yet: still a member.
    if (login && slack && (record.active === null || record.active === '' || cellBoolean(record.active))) slackUserOf.set(login, slack);
  }
  return {
    settings,
    language,
    calendar,
    tables: {
      events: new Table(GITHUB_EVENTS, workbook, options),
      pulls: new Table(PULL_REQUESTS, workbook, options),
      reviews: new Table(REVIEWS, workbook, options),
      deployments: new Table(DEPLOYMENTS, workbook, options),
      commits: new Table(COMMITS, workbook, options),
      incidents: new Table(INCIDENTS, workbook, options),
    },
    metrics: new Table(GITHUB_METRICS, workbook, options),
    holidays: new Table(HOLIDAYS, workbook, options),
    locked: scriptLock(workbook.flush),
    applyOptions: {
      now,
      merge: { incidentLabel: settings.get(GITHUB_INCIDENT_LABEL), deployWorkflows: settings.get(GITHUB_DEPLOY_WORKFLOWS) },
      notices: {
        now,
        language,
        codeReviewChannel: settings.get(CODE_REVIEW_CHANNEL),
        progressChannel: settings.get(PROGRESS_CHANNEL),
        largeChangeLines: settings.get(LARGE_CHANGE_LINES),
        slackUserOf,
      },
    },
  };
}

function writeMetrics(context: GitHubContext, applied: ApplyResult): void {
  const { calendar } = context;
  // Instants of one quarter-hour share a calendar day in every time zone (offsets are whole quarters), so
  // formatting once per quarter-hour keeps Utilities.formatDate calls few on a large table.
  const days = new Map<number, string>();
  const dayOf = (instant: Date) => {
    const slot = Math.floor(instant.getTime() / 900_000);
    let day = days.get(slot);
    if (day === undefined) {
      day = calendar.dateKey(instant);
      days.set(slot, day);
    }
    return day;
  };
  const input = {
    pulls: [...applied.state.pulls.values()],
    reviews: [...applied.state.reviews.values()],
    deployments: [...applied.state.deployments.values()],
    commits: [...applied.state.commits.values()],
    incidents: [...applied.state.incidents.values()],
    dayOf,
    productionEnvironments: context.settings.get(GITHUB_DEPLOY_ENVIRONMENTS),
    workingHours: workingHoursOn(calendar, readHolidays(context.holidays, calendar)),
  };
  const today = calendar.dateKey(context.applyOptions.now);
  context.metrics.upsert(
    recentPeriods(today, METRIC_DAYS).map((p) => ({ period: p.period, start: calendar.midnight(p.start), ...metricsFor(input, p.range) })),
  );
}

function summary(result: ApplyResult): GitHubApplySummary {
  return { applied: result.applied, created: result.created, updated: result.updated, notices: result.notices.length };
}

/** Rows whose Data someone edited are set aside (marked applied) so they cannot block the others; said in Errors. */
function warnUnreadable(result: ApplyResult): void {
  if (result.unreadable.length > 0) {
    throw new ConfigError(`GitHub Events rows whose Data is not the JSON this script wrote were skipped: ${result.unreadable.join(', ')}`);
  }
}

/** `2026-01-05 13:00` on the team's clock. */
function localTime(calendar: Calendar, iso: string | undefined): string {
  const local = calendar.local(iso ? new Date(iso) : new Date());
  return `${local.date} ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
}

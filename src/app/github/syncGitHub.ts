import type { Outbox } from '../../domain/chat/outbox';
import { ConfigError } from '../../domain/errors';
import { githubText } from '../../domain/github/messages';
import { parseCursors } from '../../domain/github/syncPass';
import type { Language } from '../../domain/messages';
import type { Locked } from '../../platform/lock';
import type { Calendar } from '../../platform/timeZone';
import { PROP } from '../properties';
import { applyFacts, type ApplyOptions, type ApplyResult, type GitHubTables } from './apply';
import type { FetchDeps, FetchOutcome } from './fetchUpdates';
import { writeMetrics, type MetricsDeps } from './metrics';

/**
 * The two GitHub jobs: the frequent one that applies waiting webhook events, and the hourly sync that reads what
 * changed on GitHub and applies it with them. Both take the script lock for the tables and send their notices
 * after it, since the outbox takes the lock itself to write its sheet.
 */

export interface GitHubApplySummary {
  applied: number;
  created: Record<string, number>;
  updated: Record<string, number>;
  notices: number;
}

export interface GitHubSyncSummary extends GitHubApplySummary {
  repositories: string[];
  requests: number;
  stopped: FetchOutcome['stopped'] | 'no-repositories';
  resumeAt?: string;
  message: string;
}

/** Script Properties, read again inside the lock: a webhook may have marked events pending meanwhile. */
export interface PropertyStore {
  all(): Record<string, string>;
  set(values: Record<string, string>): void;
}

export interface GitHubApplyDeps {
  store: PropertyStore;
  tables: GitHubTables;
  locked: Locked;
  applyOptions: Omit<ApplyOptions, 'eventsPending'>;
  /** Built only when there is something to say. */
  outbox: () => Outbox;
}

/** Merges waiting webhook events into the tables; without the pending mark it reads nothing more. */
export function applyWaitingEvents(properties: Readonly<Record<string, string>>, depsOf: () => GitHubApplyDeps): GitHubApplySummary {
  if (!properties[PROP.githubEventsPending]) return { applied: 0, created: {}, updated: {}, notices: 0 };
  const deps = depsOf();
  const result = deps.locked(() => {
    const applied = applyFacts(deps.tables, [], { ...deps.applyOptions, eventsPending: true });
    deps.store.set({ [PROP.githubEventsPending]: '' });
    return applied;
  });
  if (result.notices.length > 0) deps.outbox().enqueue(result.notices);
  warnUnreadable(result);
  return summary(result);
}

export interface GitHubSyncDeps extends GitHubApplyDeps {
  repositories: string[];
  /** Reads GitHub; asked only when there are repositories to read. */
  fetch: (cursors: FetchDeps['cursors']) => FetchOutcome;
  metrics: Omit<MetricsDeps, 'today'>;
  calendar: Calendar;
  language: Language;
}

/**
 * Reads what changed on GitHub since the last run, applies it with any waiting webhook events, and recomputes the
 * recent `GitHub Metrics`. A repository GitHub refuses is reported (thrown) after the others are written.
 */
export function syncGitHub(deps: GitHubSyncDeps, properties: Readonly<Record<string, string>>): GitHubSyncSummary {
  const { repositories, language } = deps;
  const outcome = repositories.length > 0 ? deps.fetch(parseCursors(properties[PROP.githubSyncState])) : null;
  const result = deps.locked(() => {
    const pending = !!deps.store.all()[PROP.githubEventsPending];
    const applied = applyFacts(deps.tables, outcome?.facts ?? [], { ...deps.applyOptions, eventsPending: pending });
    if (pending) deps.store.set({ [PROP.githubEventsPending]: '' });
    writeMetrics({ ...deps.metrics, today: deps.applyOptions.now }, applied);
    return applied;
  });
  // Cursors move only once what they stand for is in the sheet.
  if (outcome) deps.store.set({ [PROP.githubSyncState]: JSON.stringify(outcome.cursors) });
  if (result.notices.length > 0) deps.outbox().enqueue(result.notices);
  warnUnreadable(result);

  const stopped = outcome ? outcome.stopped : 'no-repositories';
  const message =
    stopped === 'no-repositories'
      ? githubText('syncNoRepos', language)
      : stopped === 'rate-limit'
        ? githubText('syncStoppedRate', language, { at: localTime(deps.calendar, outcome?.resumeAt) })
        : stopped === 'time'
          ? githubText('syncStoppedTime', language)
          : githubText('syncDone', language);
  const out: GitHubSyncSummary = { ...summary(result), repositories, requests: outcome?.requests ?? 0, stopped, message };
  if (outcome?.resumeAt) out.resumeAt = outcome.resumeAt;
  if (outcome && outcome.problems.length > 0)
    throw new ConfigError(`GitHub sync: ${outcome.problems.join('; ')} (the other repositories were synced)`);
  return out;
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

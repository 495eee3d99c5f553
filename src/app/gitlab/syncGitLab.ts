import { ConfigError } from '../../domain/errors';
import { gitlabText } from '../../domain/gitlab/messages';
import { parseGitLabCursors } from '../../domain/gitlab/sync';
import type { Language } from '../../domain/messages';
import type { Calendar } from '../../platform/timeZone';
import { applyFacts, type ApplyResult } from '../github/apply';
import { writeMetrics, type MetricsDeps } from '../github/metrics';
import type { GitHubApplyDeps, GitHubApplySummary } from '../github/syncGitHub';
import { PROP } from '../properties';
import type { GitLabFetchOutcome } from './fetchGitLab';

/**
 * GitLab's two jobs, as GitHub's: the frequent one merges waiting webhook events (`GitLab Events`) into the
 * shared tables, the hourly sync reads what changed on GitLab and applies it with them, then recomputes the
 * recent `GitHub Metrics` over both forges. `tables.events` is the `GitLab Events` table here.
 */

export interface GitLabSyncSummary extends GitHubApplySummary {
  projects: string[];
  requests: number;
  stopped: GitLabFetchOutcome['stopped'] | 'no-projects';
  resumeAt?: string;
  message: string;
}

export function applyWaitingGitLabEvents(properties: Readonly<Record<string, string>>, depsOf: () => GitHubApplyDeps): GitHubApplySummary {
  if (!properties[PROP.gitlabEventsPending]) return { applied: 0, created: {}, updated: {}, notices: 0 };
  const deps = depsOf();
  const result = deps.locked(() => {
    const applied = applyFacts(deps.tables, [], { ...deps.applyOptions, eventsPending: true });
    deps.store.set({ [PROP.gitlabEventsPending]: '' });
    return applied;
  });
  if (result.notices.length > 0) deps.outbox().enqueue(result.notices);
  warnUnreadable(result);
  return summary(result);
}

export interface GitLabSyncDeps extends GitHubApplyDeps {
  projects: string[];
  fetch: (cursors: ReturnType<typeof parseGitLabCursors>) => GitLabFetchOutcome;
  metrics: Omit<MetricsDeps, 'today'>;
  calendar: Calendar;
  language: Language;
}

export function syncGitLab(deps: GitLabSyncDeps, properties: Readonly<Record<string, string>>): GitLabSyncSummary {
  const { projects, language } = deps;
  if (projects.length === 0 && !properties[PROP.gitlabEventsPending]) return noGitLabProjects(language);
  const outcome = projects.length > 0 ? deps.fetch(parseGitLabCursors(properties[PROP.gitlabSyncState])) : null;
  const result = deps.locked(() => {
    const pending = !!deps.store.all()[PROP.gitlabEventsPending];
    const applied = applyFacts(deps.tables, outcome?.facts ?? [], { ...deps.applyOptions, eventsPending: pending });
    if (pending) deps.store.set({ [PROP.gitlabEventsPending]: '' });
    writeMetrics({ ...deps.metrics, today: deps.applyOptions.now }, applied);
    return applied;
  });
  // Cursors move only once what they stand for is in the sheet.
  if (outcome) deps.store.set({ [PROP.gitlabSyncState]: JSON.stringify(outcome.cursors) });
  if (result.notices.length > 0) deps.outbox().enqueue(result.notices);
  warnUnreadable(result);

  const stopped = outcome ? outcome.stopped : 'no-projects';
  const message =
    stopped === 'no-projects'
      ? gitlabText('syncNoProjects', language)
      : stopped === 'rate-limit'
        ? gitlabText('syncStoppedRate', language, { at: localTime(deps.calendar, outcome?.resumeAt) })
        : stopped === 'time'
          ? gitlabText('syncStoppedTime', language)
          : gitlabText('syncDone', language);
  const out: GitLabSyncSummary = { ...summary(result), projects, requests: outcome?.requests ?? 0, stopped, message };
  if (outcome?.resumeAt) out.resumeAt = outcome.resumeAt;
  if (outcome && outcome.problems.length > 0) throw new ConfigError(`GitLab sync: ${outcome.problems.join('; ')} (the other projects were synced)`);
  return out;
}

/** The sync of a team that follows no GitLab project and has no event waiting: nothing read, nothing written. */
export function noGitLabProjects(language: Language): GitLabSyncSummary {
  return {
    applied: 0,
    created: {},
    updated: {},
    notices: 0,
    projects: [],
    requests: 0,
    stopped: 'no-projects',
    message: gitlabText('syncNoProjects', language),
  };
}

function summary(result: ApplyResult): GitHubApplySummary {
  return { applied: result.applied, created: result.created, updated: result.updated, notices: result.notices.length };
}

function warnUnreadable(result: ApplyResult): void {
  if (result.unreadable.length > 0) {
    throw new ConfigError(`GitLab Events rows whose Data is not the JSON this script wrote were skipped: ${result.unreadable.join(', ')}`);
  }
}

function localTime(calendar: Calendar, iso: string | undefined): string {
  const local = calendar.local(iso ? new Date(iso) : new Date());
  return `${local.date} ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
}

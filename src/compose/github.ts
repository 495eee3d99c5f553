import type { ApplyOptions, GitHubTables } from '../app/github/apply';
import { fetchUpdates } from '../app/github/fetchUpdates';
import { ingestGitHubWebhook } from '../app/github/ingestWebhook';
import { applyWaitingEvents, syncGitHub, type GitHubApplyDeps, type GitHubApplySummary, type GitHubSyncSummary } from '../app/github/syncGitHub';
import { PROP } from '../app/properties';
import { budgetWithinRun, runDeadline } from '../app/schedule';
import type { ForwardedRequest } from '../app/gateway';
import type { PostHandler, WebRequest } from '../app/webApp';
import { slackUserOfLogin } from '../domain/github/members';
import { executionStartedAt } from '../platform/execution';
import { gitHubGraphQL } from '../platform/github';
import { urlFetchClient } from '../platform/urlfetch';
import { CODE_REVIEW_CHANNEL, PROGRESS_CHANNEL } from '../settings/chat';
import {
  GITHUB_DEPLOY_ENVIRONMENTS,
  GITHUB_DEPLOY_WORKFLOWS,
  GITHUB_INCIDENT_LABEL,
  GITHUB_REPOSITORIES,
  GITHUB_SYNC_DAYS,
  GITHUB_SYNC_MAX_SECONDS,
  LARGE_CHANGE_LINES,
} from '../settings/github';
import { COMMITS, DEPLOYMENTS, DEVELOPER_METRICS, GITHUB_EVENTS, GITHUB_METRICS, INCIDENTS, PULL_REQUESTS, REVIEWS } from '../sheets/githubTables';
import { HOLIDAYS, MEMBERS, TASKS } from '../sheets/tables';
import { memberLogins } from '../app/codeWork';
import { githubCodeWork } from '../app/github/codeWork';
import { fillPushLines } from '../app/github/pushLines';
import { gitHubRest } from '../platform/githubRest';
import { DEVELOPER_METRICS_ENABLED, TASK_DONE_ON_MERGE, TASK_ID_PATTERN } from '../settings/codeWork';
import { executionContext, type ExecutionContext } from './context';

/**
 * The GitHub area's wiring: the webhook handler, the frequent job that applies webhook events, and the hourly
 * sync. GitHub's notices go through the chat Outbox, which sends each dedupe key once. Each job reads the Settings
 * sheet itself: a person who just added a repository and clicks "Sync GitHub now" expects it to count.
 */

export const githubPostHandler: PostHandler = (request: WebRequest | ForwardedRequest) => {
  const ctx = executionContext({ settings: 'fresh' });
  const gateway = 'gateway' in request ? request.gateway : null;
  return ingestGitHubWebhook(
    {
      properties: ctx.properties(),
      now: ctx.now,
      events: ctx.table(GITHUB_EVENTS),
      locked: ctx.locked,
      markPending: (at) => ctx.propertyStore.set({ [PROP.githubEventsPending]: at.toISOString() }),
    },
    {
      token: request.parameter['token'],
      body: request.postData?.contents ?? '',
      contentType: request.postData?.type ?? '',
      formPayload: request.parameter['payload'],
      eventParam: gateway ? gateway.event || undefined : request.parameter['event'],
      signedByGateway: gateway !== null,
    },
  );
};

/** Every dispatcher tick: merges waiting webhook events into the tables. Idle, it costs one Properties read. */
export function processGitHubEventsJob(): GitHubApplySummary {
  const ctx = executionContext({ settings: 'fresh' });
  return applyWaitingEvents(ctx.properties(), () => applyDeps(ctx));
}

/** Hourly, and from the menu: what changed on GitHub since the last run, then the recent `GitHub Metrics`. */
export function syncGitHubJob(): GitHubSyncSummary {
  const startedAt = new Date();
  const ctx = executionContext({ settings: 'fresh' });
  const properties = ctx.properties();
  const deps = applyDeps(ctx, SYNC_RECOMPUTE_DAYS);
  const settings = ctx.settings();
  return syncGitHub(
    {
      ...deps,
      repositories: settings.get(GITHUB_REPOSITORIES),
      fetch: (cursors) =>
        fetchUpdates({
          client: gitHubGraphQL(urlFetchClient(), {
            apiUrl: properties[PROP.githubApiUrl],
            token: properties[PROP.githubToken],
            now: () => new Date(),
          }),
          now: () => new Date(),
          repositories: settings.get(GITHUB_REPOSITORIES),
          cursors,
          // The setting's time box, or what is left of the execution when the dispatcher ran other jobs first.
          budgetMs: budgetWithinRun(settings.get(GITHUB_SYNC_MAX_SECONDS) * 1000, runDeadline(executionStartedAt()), startedAt),
          startedAt,
          backfillDays: settings.get(GITHUB_SYNC_DAYS),
          incidentLabel: settings.get(GITHUB_INCIDENT_LABEL).trim(),
        }),
      ...metricsDeps(ctx),
    },
    properties,
  );
}

/** What a sync of either forge needs to recompute the recent metrics afterwards. */
export function metricsDeps(ctx: ExecutionContext) {
  return {
    metrics: {
      calendar: ctx.calendar(),
      metrics: ctx.table(GITHUB_METRICS),
      holidays: ctx.table(HOLIDAYS),
      productionEnvironments: ctx.settings().get(GITHUB_DEPLOY_ENVIRONMENTS),
    },
    calendar: ctx.calendar(),
    language: ctx.language(),
  };
}

/** The shared code tables (both forges write them), with the forge's own raw events table. */
export function codeTables(ctx: ExecutionContext, events: GitHubTables['events']): GitHubTables {
  return {
    events,
    pulls: ctx.table(PULL_REQUESTS),
    reviews: ctx.table(REVIEWS),
    deployments: ctx.table(DEPLOYMENTS),
    commits: ctx.table(COMMITS),
    incidents: ctx.table(INCIDENTS),
  };
}

/** How many recent days each sync recomputes in `Developer Metrics`, whatever changed. */
export const SYNC_RECOMPUTE_DAYS = 7;

function applyDeps(ctx: ExecutionContext, recomputeDays = 0): GitHubApplyDeps {
  const now = new Date();
  return {
    store: ctx.propertyStore,
    tables: codeTables(ctx, ctx.table(GITHUB_EVENTS)),
    locked: ctx.locked,
    outbox: ctx.outbox,
    applyOptions: {
      ...applyOptions(ctx, now, recomputeDays),
      // GitHub's pushes only: a push payload has no line counts, so the large-push alert asks GitHub's REST API.
      pushLines: (pushes) => {
        const properties = ctx.properties();
        if (!properties[PROP.githubToken]) return;
        fillPushLines(gitHubRest(urlFetchClient(), { apiUrl: properties[PROP.githubApiUrl], token: properties[PROP.githubToken] }), pushes, now);
      },
    },
  };
}

/**
 * How either forge's events are merged into the code tables, the notices they raise, and the code work they do
 * (tasks named by pull/merge requests, `Developer Metrics`); a sync passes the days it reconciles.
 */
export function applyOptions(ctx: ExecutionContext, now: Date, recomputeDays = 0): GitHubApplyDeps['applyOptions'] {
  const settings = ctx.settings();
  const members = ctx.workbook().grid(MEMBERS.name) ? ctx.table(MEMBERS).read().rows : [];
  const calendar = ctx.calendar();
  const recentDays = Array.from({ length: recomputeDays }, (_, i) => calendar.dateKey(new Date(now.getTime() - i * 86_400_000)));
  const codeWork: ApplyOptions['codeWork'] = (before, state, batches) => {
    const metricsOn = settings.get(DEVELOPER_METRICS_ENABLED);
    const metricsTable = metricsOn ? ctx.table(DEVELOPER_METRICS) : null;
    if (metricsTable && !ctx.workbook().grid(DEVELOPER_METRICS.name)) metricsTable.ensure();
    return githubCodeWork(
      {
        tasks: ctx.workbook().grid(TASKS.name) ? ctx.table(TASKS) : null,
        metrics: metricsTable ? { table: metricsTable, calendar, members: memberLogins(members) } : null,
        taskPattern: settings.get(TASK_ID_PATTERN),
        completeOnMerge: settings.get(TASK_DONE_ON_MERGE),
        recentDays,
      },
      before,
      state,
      batches,
    );
  };
  return {
    now,
    codeWork,
    merge: { incidentLabel: settings.get(GITHUB_INCIDENT_LABEL), deployWorkflows: settings.get(GITHUB_DEPLOY_WORKFLOWS) },
    notices: {
      now,
      language: ctx.language(),
      codeReviewChannel: settings.get(CODE_REVIEW_CHANNEL),
      progressChannel: settings.get(PROGRESS_CHANNEL),
      largeChangeLines: settings.get(LARGE_CHANGE_LINES),
      slackUserOf: slackUserOfLogin(members.map((r) => r.record)),
    },
  };
}

import type { GitHubApplyDeps, GitHubApplySummary } from '../app/github/syncGitHub';
import { fetchGitLab } from '../app/gitlab/fetchGitLab';
import { checkGitLabToken, ingestGitLabDelivery, type GitLabWebhookAnswer } from '../app/gitlab/ingestWebhook';
import { ensureProjectHooks, hookSummary, type HookReport, type HookTarget } from '../app/gitlab/projectHooks';
import { applyWaitingGitLabEvents, noGitLabProjects, syncGitLab, type GitLabSyncSummary } from '../app/gitlab/syncGitLab';
import { PROP } from '../app/properties';
import { budgetWithinRun, runDeadline } from '../app/schedule';
import type { PostHandler } from '../app/webApp';
import { ConfigError } from '../domain/errors';
import { slackUserOfLogin } from '../domain/github/members';
import { gitlabText } from '../domain/gitlab/messages';
import type { Language } from '../domain/messages';
import { executionStartedAt } from '../platform/execution';
import { gitLabApi } from '../platform/gitlab';
import { webAppUrl } from '../platform/service';
import { urlFetchClient } from '../platform/urlfetch';
import { GITHUB_INCIDENT_LABEL, GITHUB_SYNC_DAYS, GITHUB_SYNC_MAX_SECONDS } from '../settings/github';
import { GATEWAY_URL } from '../settings/gateway';
import { GITLAB_API_URL, GITLAB_PROJECTS } from '../settings/gitlab';
import { GITLAB_EVENTS } from '../sheets/gitlabTables';
import { MEMBERS } from '../sheets/tables';
import { executionContext, type ExecutionContext } from './context';
import { applyOptions, codeTables, metricsDeps, SYNC_RECOMPUTE_DAYS } from './github';

/**
 * The GitLab area's wiring: the webhook (direct, and the one function the gateway's dispatch calls), the
 * frequent job that applies webhook events, the hourly sync, and setup's project hooks. Rows go to the tables
 * GitHub's go to, with Forge `gitlab`; notices go through the same Outbox.
 */

/**
 * A GitLab delivery, from either path: `?source=gitlab&token=…` (below) or the gateway's `/gitlab` route, which
 * checked `X-Gitlab-Token` and passes on the `X-Gitlab-Event` and `Idempotency-Key` headers.
 */
export function ingestGitLabWebhook(event: string | undefined, idempotencyKey: string | undefined, body: string): GitLabWebhookAnswer {
  const ctx = executionContext({ settings: 'fresh' });
  return ingestGitLabDelivery(
    {
      now: ctx.now,
      events: ctx.table(GITLAB_EVENTS),
      locked: ctx.locked,
      markPending: (at) => ctx.propertyStore.set({ [PROP.gitlabEventsPending]: at.toISOString() }),
    },
    { event, idempotencyKey, body },
  );
}

/** `POST …/exec?source=gitlab&token=<WEBHOOK_TOKEN_GITLAB>`: the token first, then the one ingestion. */
export const gitlabPostHandler: PostHandler = (request) => {
  checkGitLabToken(executionContext({ settings: 'fresh' }).properties(), request.parameter['token']);
  return ingestGitLabWebhook(undefined, undefined, request.postData?.contents ?? '');
};

/** Every dispatcher tick: merges the GitLab webhook events that wait. Idle, it costs one Properties read. */
export function processGitLabEventsJob(): GitHubApplySummary {
  const ctx = executionContext({ settings: 'fresh' });
  return applyWaitingGitLabEvents(ctx.properties(), () => applyDeps(ctx));
}

/** Hourly, and from the menu: what changed on GitLab since the last run, then the recent metrics. */
export function syncGitLabJob(): GitLabSyncSummary {
  const startedAt = new Date();
  const ctx = executionContext({ settings: 'fresh' });
  const properties = ctx.properties();
  const settings = ctx.settings();
  const projects = settings.get(GITLAB_PROJECTS);
  // A team without GitLab pays one Settings read an hour for this job: no other sheet is touched.
  if (projects.length === 0 && !properties[PROP.gitlabEventsPending]) return noGitLabProjects(ctx.language());
  return syncGitLab(
    {
      ...applyDeps(ctx, SYNC_RECOMPUTE_DAYS),
      projects,
      fetch: (cursors) =>
        fetchGitLab({
          api: gitLabApi(urlFetchClient(), { root: settings.get(GITLAB_API_URL), token: properties[PROP.gitlabToken], now: () => new Date() }),
          now: () => new Date(),
          projects,
          cursors,
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

/**
 * Setup's step: the project hooks of GITLAB_PROJECTS, pointing at the gateway when GATEWAY_URL is set (it answers
 * GitLab with real status codes), else at the web app. Without a token or projects it does nothing and says so.
 */
export function gitlabHooksStep(language: Language): { report: HookReport | null; lines: string[] } {
  const ctx = executionContext({ settings: 'fresh' });
  const settings = ctx.settings();
  const projects = settings.get(GITLAB_PROJECTS);
  if (projects.length === 0) return { report: null, lines: [] };
  const properties = ctx.properties();
  if (!properties[PROP.gitlabToken]) return { report: null, lines: [gitlabText('hooksNoToken', language)] };
  const gateway = settings.get(GATEWAY_URL);
  const base = webAppUrl();
  const ours = [...(gateway ? [`${gateway}/gitlab`] : []), ...(base ? [base] : [])];
  let target: HookTarget;
  if (gateway) {
    const secret = properties[PROP.gitlabGatewayToken];
    if (!secret) return { report: null, lines: [`GATEWAY_URL is set but the Script Property ${PROP.gitlabGatewayToken} is missing`] };
    target = { url: `${gateway}/gitlab`, secret, ours };
  } else {
    if (!base) return { report: null, lines: [gitlabText('hooksNoUrl', language)] };
    target = { url: `${base}?source=gitlab&token=${encodeURIComponent(properties[PROP.webhookTokenGitLab] ?? '')}`, secret: null, ours };
  }
  try {
    const api = gitLabApi(urlFetchClient(), { root: settings.get(GITLAB_API_URL), token: properties[PROP.gitlabToken], now: () => new Date() });
    const report = ensureProjectHooks(api, projects, target, language);
    return { report, lines: hookSummary(report, language) };
  } catch (error) {
    // A refused token or an unreachable instance is said in setup's message (the sheets, tokens and triggers are
    // already made); running setup again retries the hooks.
    return { report: null, lines: [`GitLab hooks: ${error instanceof ConfigError ? error.message : String(error)}`] };
  }
}

function applyDeps(ctx: ExecutionContext, recomputeDays = 0): GitHubApplyDeps {
  const now = new Date();
  const members = ctx.workbook().grid(MEMBERS.name)
    ? ctx
        .table(MEMBERS)
        .read()
        .rows.map((r) => r.record)
    : [];
  const followed = new Set(
    ctx
      .settings()
      .get(GITLAB_PROJECTS)
      .map((p) => p.toLowerCase()),
  );
  const shared = applyOptions(ctx, now, recomputeDays);
  return {
    store: ctx.propertyStore,
    tables: codeTables(ctx, ctx.table(GITLAB_EVENTS)),
    locked: ctx.locked,
    outbox: ctx.outbox,
    applyOptions: {
      ...shared,
      accept: {
        test: (project) => followed.has(project.toLowerCase()),
        ignored: 'ignored: the project is not in GITLAB_PROJECTS',
      },
      notices: {
        ...shared.notices,
        slackUserOfGitLab: slackUserOfLogin(members.map((m) => ({ githubLogin: m.gitlabUsername, slackUserId: m.slackUserId, active: m.active }))),
      },
    },
  };
}

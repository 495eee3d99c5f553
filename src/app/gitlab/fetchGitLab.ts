import type { Facts } from '../../domain/github/facts';
import {
  advanceProject,
  deploymentFacts,
  finishProjectPass,
  ISSUES_QUERY,
  issueFacts,
  MERGE_REQUESTS_QUERY,
  mergeRequestFacts,
  PAGE_SIZE,
  pipelineFacts,
  stageOf,
  startProjectPass,
  type Connection,
  type DeploymentItem,
  type GitLabCursors,
  type IssueNode,
  type MergeRequestNode,
  type PipelineItem,
  type ProjectCursor,
  type ProjectPass,
} from '../../domain/gitlab/sync';
import type { GitLabAnswer, GitLabApi } from '../../platform/gitlab';

export interface GitLabFetchDeps {
  api: GitLabApi;
  /** The execution's clock: it moves on with every call, so the time box can be kept. */
  now(): Date;
  projects: readonly string[];
  cursors: GitLabCursors;
  budgetMs: number;
  startedAt: Date;
  backfillDays: number;
  incidentLabel: string;
}

export interface GitLabFetchOutcome {
  facts: Facts[];
  cursors: GitLabCursors;
  requests: number;
  stopped: 'done' | 'time' | 'rate-limit';
  resumeAt?: string;
  /** Projects GitLab would not give (not found, no access), with GitLab's words; the others went on. */
  problems: string[];
}

export const RATE_LIMIT_KEY = '*';
/** Keep this many requests of the token's allowance for everything else that uses it. */
export const RATE_LIMIT_RESERVE = 20;
const requestAllowanceMs = (budgetMs: number): number => Math.min(10_000, budgetMs / 10);

/**
 * Reads what changed on GitLab since each project's cursor, stage by stage, a page per request, until all are
 * read, the time box is spent, or the rate limit says stop. Nothing is written here; the cursors it returns are
 * saved only once its facts are in the tables, so a run that dies in between reads the same pages again.
 */
export function fetchGitLab(deps: GitLabFetchDeps): GitLabFetchOutcome {
  const cursors: GitLabCursors = { ...deps.cursors };
  const outcome: GitLabFetchOutcome = { facts: [], cursors, requests: 0, stopped: 'done', problems: [] };
  const waiting = cursors[RATE_LIMIT_KEY]?.resumeAfter;
  if (waiting && Date.parse(waiting) > deps.now().getTime()) return { ...outcome, stopped: 'rate-limit', resumeAt: waiting };
  delete cursors[RATE_LIMIT_KEY];

  for (const project of deps.projects) {
    const key = project.toLowerCase();
    const cursor: ProjectCursor = cursors[key] ?? {};
    let pass: ProjectPass = cursor.pass ?? startProjectPass(cursor, deps.now(), deps.backfillDays);
    let failed = false;
    while (stageOf(pass) !== null) {
      if (deps.now().getTime() - deps.startedAt.getTime() + requestAllowanceMs(deps.budgetMs) > deps.budgetMs) {
        outcome.stopped = 'time';
        break;
      }
      const read = readStage(deps, project, pass);
      outcome.requests++;
      const answer = read.answer;
      if (answer.kind === 'rate-limited') {
        outcome.stopped = 'rate-limit';
        outcome.resumeAt = answer.resumeAt.toISOString();
        break;
      }
      if (answer.kind === 'failed') {
        outcome.problems.push(`${project}: ${answer.status === 404 ? 'not found, or GITLAB_TOKEN cannot read it' : answer.message}`);
        failed = true;
        break;
      }
      const page = read.facts(answer.data);
      if (page === null) {
        outcome.problems.push(`${project}: not found, or GITLAB_TOKEN cannot read it`);
        failed = true;
        break;
      }
      outcome.facts.push(page.facts);
      pass = advanceProject(pass, page.next, deps.incidentLabel);
      if (answer.remaining !== null && answer.remaining < RATE_LIMIT_RESERVE && stageOf(pass) !== null) {
        outcome.stopped = 'rate-limit';
        outcome.resumeAt = (answer.resetAt ?? new Date(deps.now().getTime() + 60_000)).toISOString();
        break;
      }
    }
    if (stageOf(pass) === null) cursors[key] = finishProjectPass(pass);
    // A project GitLab refused starts over next time; one stopped midway resumes where it stopped.
    else if (failed) cursors[key] = cursor.since !== undefined ? { since: cursor.since } : {};
    else cursors[key] = cursor.since !== undefined ? { since: cursor.since, pass } : { pass };
    if (outcome.stopped !== 'done') break;
  }
  if (outcome.stopped === 'rate-limit' && outcome.resumeAt) cursors[RATE_LIMIT_KEY] = { resumeAfter: outcome.resumeAt };
  return outcome;
}

type PageRead = { facts: Facts; next: string | null } | null;

function readStage(deps: GitLabFetchDeps, project: string, pass: ProjectPass): { answer: GitLabAnswer; facts: (data: unknown) => PageRead } {
  const stage = stageOf(pass);
  const graph = <N>(query: string, variables: Record<string, unknown>, toFacts: (page: Connection<N>) => Facts, field: string) => ({
    answer: deps.api.graphql(query, { fullPath: project, updatedAfter: pass.since, after: pass.cursor, ...variables }),
    facts: (data: unknown): PageRead => {
      const node = (data as { project?: Record<string, Connection<N> | undefined> | null }).project;
      const page = node?.[field];
      if (!page) return null;
      return { facts: toFacts(page), next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null };
    },
  });
  const rest = <I>(resource: string, toFacts: (items: I[]) => Facts) => {
    const id = encodeURIComponent(project);
    // A page number from X-Next-Page; a whole URL (keyset's Link header) only on this instance, never elsewhere.
    const cursor = pass.cursor;
    const answer =
      cursor && /^https?:\/\//.test(cursor)
        ? cursor.startsWith(`${deps.api.root}/api/v4/`)
          ? deps.api.get(cursor, {})
          : ({ kind: 'failed', status: 0, message: `GitLab sent a next-page link to another host (${cursor.slice(0, 80)})` } as const)
        : deps.api.get(`/projects/${id}/${resource}`, {
            updated_after: pass.since,
            order_by: 'updated_at',
            sort: 'asc',
            per_page: PAGE_SIZE,
            ...(cursor ? { page: cursor } : {}),
          });
    return {
      answer,
      facts: (data: unknown): PageRead =>
        Array.isArray(data) ? { facts: toFacts(data as I[]), next: answer.kind === 'ok' ? answer.next : null } : null,
    };
  };
  switch (stage) {
    case 'mergeRequests':
      return graph<MergeRequestNode>(MERGE_REQUESTS_QUERY, {}, (p) => mergeRequestFacts(project, p), 'mergeRequests');
    case 'incidents':
      return graph<IssueNode>(ISSUES_QUERY, { types: ['INCIDENT'] }, (p) => issueFacts(project, p, true), 'issues');
    case 'labelled':
      return graph<IssueNode>(ISSUES_QUERY, { labelName: [deps.incidentLabel] }, (p) => issueFacts(project, p, false), 'issues');
    case 'pipelines':
      return rest<PipelineItem>('pipelines', (items) => pipelineFacts(project, items));
    default:
      return rest<DeploymentItem>('deployments', (items) => deploymentFacts(project, items));
  }
}

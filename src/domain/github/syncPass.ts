import type { CommitFact, DeploymentFact, Facts, IssueFact, PullFact, ReviewFact } from './facts';
import { rootCause } from './rootCause';

/**
 * The sync's bookkeeping, as plain data kept in Script Properties (GITHUB_SYNC_STATE, one JSON object keyed by
 * `owner/name`). Per repository:
 * - `since`: the last completed pass's start (less a margin for clock skew). Everything GitHub changed before it
 *   is in the tables; the next pass reads pull requests newest-updated first and stops at it.
 * - `pass`: a pass under way — where each connection stopped (its GraphQL `endCursor`, `done` when finished),
 *   so a pass cut short by the time box or the rate limit resumes there on the next run. Items changed meanwhile
 *   move ahead of the cursor and are caught by the next pass, which starts after this one's start.
 * Under the key `*`, `resumeAfter`: GitHub's rate-limit reset (or Retry-After) — the limit is the token's, so no
 * request goes to GitHub before it, for any repository.
 */

export type Connection = 'pulls' | 'deployments' | 'incidents' | 'commits';
export const CONNECTIONS: readonly Connection[] = ['pulls', 'deployments', 'incidents', 'commits'];

/** A connection's position: null = not started (first page next), a cursor = next page after it, done. */
export type Position = string | null | { done: true };

export interface Pass {
  startedAt: string;
  /** Pull requests updated, deployments created and commits committed before this are already known. */
  stopBefore: string;
  positions: Record<Connection, Position>;
}

export interface RepoCursor {
  since?: string;
  pass?: Pass;
  resumeAfter?: string;
}

export type SyncCursors = Record<string, RepoCursor>;

const HOUR = 3600 * 1000;
/** Apps Script's clock and GitHub's may disagree a little; passes overlap by this much. */
export const CLOCK_MARGIN_MS = 5 * 60 * 1000;
/** Deployment statuses keep arriving after the deployment is created; deployments this recent are read again. */
export const DEPLOYMENT_LOOKBACK_MS = 3 * 24 * HOUR;
/** Commits can carry a commit date older than their push (rebases, merges); history is read again this far. */
export const COMMIT_LOOKBACK_MS = 24 * HOUR;

export function parseCursors(text: string | undefined): SyncCursors {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as SyncCursors) : {};
  } catch {
    // A damaged cursor costs a full re-read of the sync window, never wrong data: every write is an upsert.
    return {};
  }
}

export function startPass(cursor: RepoCursor, now: Date, backfillDays: number, withIncidents: boolean): Pass {
  const stopBefore = cursor.since ?? new Date(now.getTime() - backfillDays * 24 * HOUR).toISOString();
  return {
    startedAt: now.toISOString(),
    stopBefore,
    positions: { pulls: null, deployments: null, incidents: withIncidents ? null : { done: true }, commits: null },
  };
}

export function passDone(pass: Pass): boolean {
  return CONNECTIONS.every((c) => isDone(pass.positions[c]));
}

function isDone(p: Position): boolean {
  return p !== null && typeof p === 'object';
}

export function variables(owner: string, name: string, pass: Pass, incidentLabel: string): Record<string, unknown> {
  const after = (c: Connection) => {
    const p = pass.positions[c];
    return typeof p === 'string' ? p : null;
  };
  const stop = Date.parse(pass.stopBefore);
  return {
    owner,
    name,
    withPulls: !isDone(pass.positions.pulls),
    pullsAfter: after('pulls'),
    withDeployments: !isDone(pass.positions.deployments),
    deploymentsAfter: after('deployments'),
    withIncidents: !isDone(pass.positions.incidents),
    incidentsAfter: after('incidents'),
    incidentLabels: incidentLabel ? [incidentLabel] : null,
    incidentsSince: pass.stopBefore,
    withCommits: !isDone(pass.positions.commits),
    commitsAfter: after('commits'),
    commitsSince: new Date(stop - COMMIT_LOOKBACK_MS).toISOString(),
  };
}

// The answer's shape, as far as we read it. Every field may be missing when GitHub leaves out a connection.
interface PageInfo {
  hasNextPage?: boolean;
  endCursor?: string | null;
}
interface Conn<T> {
  pageInfo?: PageInfo;
  nodes?: Array<T | null> | null;
}
interface Login {
  login?: string | null;
}
interface PullNode {
  number: number;
  title: string;
  url: string;
  state: string;
  isDraft: boolean;
  headRefName?: string | null;
  body?: string | null;
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  additions: number;
  deletions: number;
  changedFiles: number;
  author: Login | null;
  timelineItems?: Conn<{ createdAt?: string }>;
  reviews?: Conn<{ databaseId: number | null; state: string; submittedAt: string | null; author: Login | null }>;
}
interface DeploymentNode {
  databaseId: number | null;
  environment: string | null;
  createdAt: string;
  commitOid: string;
  statuses?: Conn<{ state: string; createdAt: string; logUrl: string | null }>;
}
interface IssueNode {
  number: number;
  title: string;
  url: string;
  body: string;
  createdAt: string;
  closedAt: string | null;
  updatedAt: string;
  labels?: Conn<{ name: string }>;
}
interface CommitNode {
  oid: string;
  message: string;
  committedDate: string;
  additions: number;
  deletions: number;
  url: string;
  author: { name: string | null; user: Login | null } | null;
}
export interface SyncPage {
  repository: {
    nameWithOwner: string;
    pullRequests?: Conn<PullNode>;
    deployments?: Conn<DeploymentNode>;
    issues?: Conn<IssueNode>;
    defaultBranchRef?: { target?: { history?: Conn<CommitNode> } | null } | null;
  } | null;
}

const nodes = <T>(conn: Conn<T> | undefined | null): T[] => (conn?.nodes ?? []).filter((n): n is T => n !== null && n !== undefined);
const iso = (text: string): string => new Date(Date.parse(text)).toISOString();
const isoOrNull = (text: string | null | undefined): string | null => (text ? iso(text) : null);
const firstLine = (text: string): string => (text.split(/\r?\n/)[0] ?? '').slice(0, 200);

/**
 * One page's facts, normalised exactly as webhooks normalise theirs (states in webhook case, review states in
 * GraphQL's, times as ISO-8601 UTC), so that the same PR seen both ways gives the same row.
 */
export function pageFacts(page: SyncPage): Facts {
  const repo = page.repository;
  if (!repo) return {};
  const repository = repo.nameWithOwner;
  const pulls: PullFact[] = [];
  const reviews: ReviewFact[] = [];
  for (const pr of nodes(repo.pullRequests)) {
    const ready = nodes(pr.timelineItems)
      .map((n) => n.createdAt)
      .find((t): t is string => !!t);
    pulls.push({
      repository,
      number: pr.number,
      updatedAt: iso(pr.updatedAt),
      title: pr.title,
      author: pr.author?.login ?? 'ghost',
      state: pr.state.toLowerCase(),
      draft: pr.isDraft,
      created: iso(pr.createdAt),
      readyForReview: ready ? iso(ready) : pr.isDraft ? null : iso(pr.createdAt),
      merged: isoOrNull(pr.mergedAt),
      closed: isoOrNull(pr.closedAt),
      additions: pr.additions,
      deletions: pr.deletions,
      changedFiles: pr.changedFiles,
      url: pr.url,
      ...(pr.headRefName ? { branch: pr.headRefName } : {}),
      // Only the task ids in it matter (src/domain/code/taskLinks.ts).
      ...(pr.body ? { body: pr.body.slice(0, 2000) } : {}),
    });
    for (const review of nodes(pr.reviews)) {
      if (review.databaseId === null || !review.submittedAt || review.state === 'PENDING') continue;
      reviews.push({
        repository,
        number: pr.number,
        reviewId: String(review.databaseId),
        reviewer: review.author?.login ?? 'ghost',
        state: review.state,
        submittedAt: iso(review.submittedAt),
      });
    }
  }
  const deployments: DeploymentFact[] = nodes(repo.deployments)
    .filter((d) => d.databaseId !== null)
    .map((d) => {
      const fact: DeploymentFact = {
        repository,
        deploymentId: String(d.databaseId),
        environment: d.environment ?? '',
        sha: d.commitOid,
        created: iso(d.createdAt),
        statuses: nodes(d.statuses).map((s) => ({ state: s.state.toLowerCase(), at: iso(s.createdAt), ...(s.logUrl ? { url: s.logUrl } : {}) })),
        source: 'deployment',
      };
      return fact;
    });
  const issues: IssueFact[] = nodes(repo.issues).map((i) => {
    const fact: IssueFact = {
      repository,
      number: i.number,
      updatedAt: iso(i.updatedAt),
      title: i.title,
      labels: nodes(i.labels).map((l) => l.name),
      opened: iso(i.createdAt),
      closed: isoOrNull(i.closedAt),
      url: i.url,
    };
    const cause = rootCause(i.body ?? '');
    if (cause) fact.rootCause = cause;
    return fact;
  });
  const commits: CommitFact[] = nodes(repo.defaultBranchRef?.target?.history).map((c) => ({
    repository,
    sha: c.oid,
    author: c.author?.user?.login ?? c.author?.name ?? '',
    message: firstLine(c.message),
    committedAt: iso(c.committedDate),
    additions: c.additions,
    deletions: c.deletions,
    url: c.url,
  }));
  const facts: Facts = {};
  if (pulls.length > 0) facts.pulls = pulls;
  if (reviews.length > 0) facts.reviews = reviews;
  if (deployments.length > 0) facts.deployments = deployments;
  if (issues.length > 0) facts.issues = issues;
  if (commits.length > 0) facts.commits = commits;
  return facts;
}

/**
 * Moves each connection read in this request on: to its next page, or done when there is none or the page
 * reached what the previous pass had already seen.
 */
export function advance(pass: Pass, page: SyncPage): Pass {
  const repo = page.repository;
  const positions = { ...pass.positions };
  const stop = Date.parse(pass.stopBefore);
  const step = <T>(c: Connection, conn: Conn<T> | undefined | null, reachedOld: (items: T[]) => boolean) => {
    if (isDone(positions[c])) return;
    const items = nodes(conn);
    const info = conn?.pageInfo;
    positions[c] = !info?.hasNextPage || !info.endCursor || reachedOld(items) ? { done: true } : info.endCursor;
  };
  const oldest = (times: string[]) => (times.length === 0 ? Infinity : Math.min(...times.map((t) => Date.parse(t))));
  step('pulls', repo?.pullRequests, (items) => oldest(items.map((p) => p.updatedAt)) < stop - CLOCK_MARGIN_MS);
  step('deployments', repo?.deployments, (items) => oldest(items.map((d) => d.createdAt)) < stop - DEPLOYMENT_LOOKBACK_MS);
  // Issues and commits are filtered by `since` on GitHub's side: every page is new.
  step('incidents', repo?.issues, () => false);
  step('commits', repo?.defaultBranchRef?.target?.history, () => false);
  return { ...pass, positions };
}

/** What a finished pass leaves for the next one. */
export function finishPass(pass: Pass): RepoCursor {
  return { since: new Date(Date.parse(pass.startedAt) - CLOCK_MARGIN_MS).toISOString() };
}

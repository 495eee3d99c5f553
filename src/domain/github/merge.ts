import type { CommitFact, DeploymentFact, DeploymentStatusFact, Facts, IssueFact, PullFact, ReviewFact, WorkflowRunFact } from './facts';
import {
  asDate,
  cellText,
  cellTime,
  forgeOf,
  pullKey,
  repoKey,
  type CommitRow,
  type DeploymentRow,
  type Forge,
  type IncidentRow,
  type PullRow,
  type ReviewRow,
} from './rows';

/**
 * Merging facts into rows. The rules make the outcome independent of the order and number of times a fact is
 * seen — a webhook redelivered, a webhook and then the sync, an old delivery applied after a newer one:
 * - a pull request's or incident's changing fields take the value of the newest fact (by the PR's or issue's
 *   `updated_at`); an older fact only fills cells that are empty;
 * - a deployment's state is its newest status, except that `inactive` (GitHub's mark on a deployment a newer one
 *   replaced) never hides the outcome it had;
 * - a review or commit takes whatever a fact says of it (they do not change, except a review's dismissal);
 * - a PR's First Review, Approved and Reviews are computed from the Reviews rows, never taken from a payload.
 */

/** The tables' rows in memory, by natural key. */
export interface GitHubState {
  pulls: Map<string, PullRow>;
  reviews: Map<string, ReviewRow>;
  deployments: Map<string, DeploymentRow>;
  commits: Map<string, CommitRow>;
  incidents: Map<string, IncidentRow>;
}

export interface MergeOptions {
  incidentLabel: string;
  /** Workflow names (any case) whose runs count as deployments. */
  deployWorkflows: readonly string[];
}

export function emptyState(): GitHubState {
  return { pulls: new Map(), reviews: new Map(), deployments: new Map(), commits: new Map(), incidents: new Map() };
}

/** Merges each batch of facts in turn, then recomputes the review figures of the PRs they touched. */
export function mergeAll(state: GitHubState, batches: ReadonlyArray<Facts>, options: MergeOptions): void {
  const touched = new Set<string>();
  for (const facts of batches) mergeFacts(state, facts, options, touched);
  refreshReviewTotals(state, touched);
}

function mergeFacts(state: GitHubState, facts: Facts, options: MergeOptions, touched: Set<string>): void {
  const forge: Forge = facts.forge ?? 'github';
  // Every row a merge makes or changes says its forge: an older GitHub row gets its empty cell filled.
  const of = <R extends { forge: unknown }>(row: R): R => (row.forge === forge ? row : { ...row, forge });
  for (const fact of facts.pulls ?? []) {
    const key = pullKey(fact.repository, fact.number, forge);
    state.pulls.set(key, of(mergePull(state.pulls.get(key), fact)));
    touched.add(key);
  }
  for (const fact of facts.reviews ?? []) {
    const key = repoKey(fact.repository, fact.reviewId, forge);
    state.reviews.set(key, of(mergeReview(state.reviews.get(key), fact)));
    touched.add(pullKey(fact.repository, fact.number, forge));
  }
  for (const fact of facts.deployments ?? []) {
    const key = repoKey(fact.repository, fact.deploymentId, forge);
    state.deployments.set(key, of(mergeDeployment(state.deployments.get(key), fact)));
  }
  const workflows = new Set(options.deployWorkflows.map((w) => w.toLowerCase()));
  for (const run of facts.runs ?? []) {
    if (!workflows.has(run.name.toLowerCase())) continue;
    const fact = runAsDeployment(run);
    const key = repoKey(fact.repository, fact.deploymentId, forge);
    state.deployments.set(key, of(mergeDeployment(state.deployments.get(key), fact)));
  }
  for (const fact of facts.commits ?? []) {
    const key = repoKey(fact.repository, fact.sha, forge);
    state.commits.set(key, of(mergeCommit(state.commits.get(key), fact)));
  }
  for (const fact of facts.issues ?? []) {
    const key = pullKey(fact.repository, fact.number, forge);
    const existing = state.incidents.get(key);
    // Once an incident, always one: a closing or retitling still reaches the row after the label is gone.
    if (!existing && !isIncident(fact, options.incidentLabel)) continue;
    state.incidents.set(key, of(mergeIncident(existing, fact)));
  }
}

export function isIncident(fact: IssueFact, label: string): boolean {
  if (fact.notAnIssue) return false;
  if (fact.incident) return true;
  const wanted = label.trim().toLowerCase();
  return wanted !== '' && fact.labels.some((l) => l.trim().toLowerCase() === wanted);
}

function newer(incoming: string, current: PullRow['updatedAt']): boolean {
  const at = cellTime(current);
  return at === null || Date.parse(incoming) >= at;
}

export function mergePull(row: PullRow | undefined, fact: PullFact): PullRow {
  const out: PullRow = row
    ? { ...row }
    : {
        repository: fact.repository,
        number: fact.number,
        title: null,
        author: null,
        state: null,
        draft: null,
        created: null,
        readyForReview: null,
        firstReview: null,
        approved: null,
        merged: null,
        closed: null,
        additions: null,
        deletions: null,
        changedFiles: null,
        reviews: null,
        updatedAt: null,
        url: null,
        forge: null,
        branch: null,
        tasks: null,
        requestedReviewers: null,
      };
  const isNewer = newer(fact.updatedAt, out.updatedAt);
  const put = <K extends keyof PullRow>(key: K, value: PullRow[K] | undefined) => {
    if (value === undefined) return;
    if (isNewer || out[key] === null || out[key] === '') out[key] = value;
  };
  put('title', fact.title);
  put('author', fact.author);
  put('state', fact.state);
  put('draft', fact.draft);
  put('created', fact.created === undefined ? undefined : asDate(fact.created));
  put('readyForReview', fact.readyForReview === undefined ? undefined : asDate(fact.readyForReview));
  put('merged', fact.merged === undefined ? undefined : asDate(fact.merged));
  put('closed', fact.closed === undefined ? undefined : asDate(fact.closed));
  put('additions', fact.additions);
  put('deletions', fact.deletions);
  put('changedFiles', fact.changedFiles);
  put('url', fact.url);
  put('branch', fact.branch);
  if (fact.requestedReviewers !== undefined) put('requestedReviewers', fact.requestedReviewers.join('\n'));
  if (isNewer) out.updatedAt = asDate(fact.updatedAt);
  return out;
}

export function mergeReview(row: ReviewRow | undefined, fact: ReviewFact): ReviewRow {
  return {
    forge: null,
    ...(row ?? {}),
    repository: fact.repository,
    number: fact.number,
    reviewId: fact.reviewId,
    reviewer: fact.reviewer,
    state: fact.state,
    submittedAt: asDate(fact.submittedAt),
  };
}

const TERMINAL = new Set(['success', 'failure', 'error']);

/** Which of two statuses describes the deployment: any real outcome beats `inactive`; otherwise the later. */
function better(current: DeploymentStatusFact | null, incoming: DeploymentStatusFact): boolean {
  if (!current) return true;
  const currentInactive = current.state === 'inactive';
  const incomingInactive = incoming.state === 'inactive';
  if (currentInactive !== incomingInactive) return currentInactive;
  return Date.parse(incoming.at) >= Date.parse(current.at);
}

export function mergeDeployment(row: DeploymentRow | undefined, fact: DeploymentFact): DeploymentRow {
  const out: DeploymentRow = row
    ? { ...row }
    : {
        repository: fact.repository,
        deploymentId: fact.deploymentId,
        environment: null,
        sha: null,
        state: null,
        created: null,
        finished: null,
        statusAt: null,
        source: null,
        workflow: null,
        url: null,
        forge: null,
      };
  if (fact.environment !== undefined) out.environment = fact.environment;
  if (fact.sha !== undefined) out.sha = fact.sha;
  if (fact.created !== undefined) out.created = asDate(fact.created);
  if (fact.source !== undefined) out.source = fact.source;
  if (fact.workflow !== undefined) out.workflow = fact.workflow;
  const statusAt = cellTime(out.statusAt);
  let current: DeploymentStatusFact | null =
    out.state && statusAt !== null ? { state: cellText(out.state), at: new Date(statusAt).toISOString() } : null;
  for (const status of fact.statuses) {
    if (!better(current, status)) continue;
    current = status;
    if (status.url) out.url = status.url;
  }
  if (current) {
    out.state = current.state;
    out.statusAt = asDate(current.at);
    out.finished = TERMINAL.has(current.state) ? asDate(current.at) : null;
  }
  return out;
}

/** A deploy workflow's run as a deployment: its conclusion is the outcome, counted like a deployment status. */
export function runAsDeployment(run: WorkflowRunFact): DeploymentFact {
  let state = run.status;
  if (run.status === 'completed') {
    const conclusion = run.conclusion ?? 'unknown';
    state = conclusion === 'success' ? 'success' : ['failure', 'timed_out', 'startup_failure'].includes(conclusion) ? 'failure' : conclusion;
  }
  return {
    repository: run.repository,
    deploymentId: `run-${run.runId}`,
    environment: '',
    sha: run.sha,
    created: run.started,
    statuses: [{ state, at: run.updated, url: run.url }],
    source: 'workflow',
    workflow: run.name,
  };
}

export function mergeCommit(row: CommitRow | undefined, fact: CommitFact): CommitRow {
  const out: CommitRow = row
    ? { ...row }
    : {
        repository: fact.repository,
        sha: fact.sha,
        author: null,
        message: null,
        committedAt: null,
        additions: null,
        deletions: null,
        url: null,
        push: null,
        forge: null,
      };
  if (fact.author !== undefined && fact.author !== '') out.author = fact.author;
  if (fact.message !== undefined) out.message = fact.message;
  if (fact.committedAt !== undefined) out.committedAt = asDate(fact.committedAt);
  if (fact.additions !== undefined) out.additions = fact.additions;
  if (fact.deletions !== undefined) out.deletions = fact.deletions;
  if (fact.url !== undefined && fact.url !== '') out.url = fact.url;
  // The first push that brought a commit is the one that changed the branch.
  if (fact.push !== undefined && !cellText(out.push)) out.push = fact.push;
  return out;
}

export function mergeIncident(row: IncidentRow | undefined, fact: IssueFact): IncidentRow {
  const out: IncidentRow = row
    ? { ...row }
    : {
        repository: fact.repository,
        number: fact.number,
        title: null,
        opened: null,
        closed: null,
        url: null,
        rootCause: null,
        updatedAt: null,
        forge: null,
      };
  const isNewer = newer(fact.updatedAt, out.updatedAt);
  if (isNewer || out.title === null) out.title = fact.title;
  if (isNewer || out.opened === null) out.opened = asDate(fact.opened);
  if (isNewer || out.closed === null) out.closed = asDate(fact.closed);
  if (isNewer || out.url === null) out.url = fact.url;
  if (fact.rootCause !== undefined && (isNewer || !cellText(out.rootCause))) out.rootCause = fact.rootCause;
  if (isNewer) out.updatedAt = asDate(fact.updatedAt);
  return out;
}

/**
 * A PR's review figures from the Reviews rows: all submitted reviews count; First Review and Approved ignore
 * the author's own (a reply to a comment is a review of one's own PR on GitHub).
 */
export function refreshReviewTotals(state: GitHubState, keys: ReadonlySet<string>): void {
  if (keys.size === 0) return;
  const byPull = new Map<string, ReviewRow[]>();
  for (const review of state.reviews.values()) {
    const key = pullKey(cellText(review.repository), cellText(review.number), forgeOf(review.forge));
    if (!keys.has(key)) continue;
    const list = byPull.get(key);
    if (list) list.push(review);
    else byPull.set(key, [review]);
  }
  for (const key of keys) {
    const pull = state.pulls.get(key);
    if (!pull) continue;
    const author = cellText(pull.author).toLowerCase();
    const reviews = (byPull.get(key) ?? []).filter((r) => cellText(r.state) !== 'PENDING' && cellTime(r.submittedAt) !== null);
    const others = reviews.filter((r) => cellText(r.reviewer).toLowerCase() !== author);
    const earliest = (list: ReviewRow[]) => {
      const times = list.map((r) => cellTime(r.submittedAt) as number);
      return times.length === 0 ? null : new Date(Math.min(...times));
    };
    state.pulls.set(key, {
      ...pull,
      reviews: reviews.length,
      firstReview: earliest(others),
      approved: earliest(others.filter((r) => cellText(r.state) === 'APPROVED')),
    });
  }
}

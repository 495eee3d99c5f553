import type { DeploymentFact, Facts, IssueFact, PullFact, ReviewFact, WorkflowRunFact } from '../github/facts';
import { rootCause } from '../github/rootCause';
import { approvalId, DEPLOY_STATE, noteId } from './events';

/**
 * The GitLab sync's requests and what their answers become. GraphQL where it saves requests: one request reads
 * 100 merge requests with their line counts, reviewers, approvers and first 100 notes (comments and the system
 * notes that date approvals) — REST would need 1 + 2 requests per merge request (the list, then approvals and
 * notes of each). Incidents come by GraphQL too (one query by type, one by label). REST where GraphQL lacks
 * the data: a project's deployments are listed by update time only in REST (GraphQL has them per environment),
 * and pipelines are read beside them from the same API.
 *
 * Bookkeeping (GITLAB_SYNC_STATE, one JSON object keyed by the project path in lower case), as for GitHub:
 * `since` is the last completed pass's start less a margin; `pass` is a pass under way (its stage and the
 * cursor or page where it stopped). Under `*`, `resumeAfter`: the rate limit's end, which holds for every project.
 */

export const STAGES = ['mergeRequests', 'incidents', 'labelled', 'pipelines', 'deployments'] as const;
export type Stage = (typeof STAGES)[number];

export interface ProjectPass {
  startedAt: string;
  since: string;
  stage: number;
  /** The GraphQL endCursor or the REST page to read next; null: the stage's first page. */
  cursor: string | null;
}

export interface ProjectCursor {
  since?: string;
  pass?: ProjectPass;
  resumeAfter?: string;
}

export type GitLabCursors = Record<string, ProjectCursor>;

/** Apps Script's clock and GitLab's may disagree a little; passes overlap by this much. */
export const CLOCK_MARGIN_MS = 5 * 60 * 1000;
export const PAGE_SIZE = 100;

export function parseGitLabCursors(text: string | undefined): GitLabCursors {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as GitLabCursors) : {};
  } catch {
    // A damaged cursor costs a re-read of the sync window, never wrong data: every write is an upsert.
    return {};
  }
}

export function startProjectPass(cursor: ProjectCursor, now: Date, backfillDays: number): ProjectPass {
  return {
    startedAt: now.toISOString(),
    since: cursor.since ?? new Date(now.getTime() - backfillDays * 86_400_000).toISOString(),
    stage: 0,
    cursor: null,
  };
}

export function stageOf(pass: ProjectPass): Stage | null {
  return STAGES[pass.stage] ?? null;
}

/** The stage's next page, or the next stage once this one has no more; labelled is skipped without a label. */
export function advanceProject(pass: ProjectPass, next: string | null, incidentLabel: string): ProjectPass {
  if (next) return { ...pass, cursor: next };
  let stage = pass.stage + 1;
  if (STAGES[stage] === 'labelled' && incidentLabel === '') stage++;
  return { ...pass, stage, cursor: null };
}

export function finishProjectPass(pass: ProjectPass): ProjectCursor {
  return { since: new Date(Date.parse(pass.startedAt) - CLOCK_MARGIN_MS).toISOString() };
}

export const MERGE_REQUESTS_QUERY = `query GitLabMergeRequests($fullPath: ID!, $updatedAfter: Time, $after: String) {
  project(fullPath: $fullPath) {
    mergeRequests(updatedAfter: $updatedAfter, sort: UPDATED_ASC, first: ${PAGE_SIZE}, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        iid title description state draft createdAt updatedAt mergedAt closedAt webUrl sourceBranch
        author { username }
        diffStatsSummary { additions deletions fileCount }
        approvedBy { nodes { username } }
        notes(first: ${PAGE_SIZE}) { nodes { id body system createdAt author { username } } }
      }
    }
  }
}`;

export const ISSUES_QUERY = `query GitLabIncidents($fullPath: ID!, $updatedAfter: Time, $after: String, $types: [IssueType!], $labelName: [String]) {
  project(fullPath: $fullPath) {
    issues(updatedAfter: $updatedAfter, types: $types, labelName: $labelName, sort: UPDATED_ASC, first: ${PAGE_SIZE}, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { iid title state type description createdAt updatedAt closedAt webUrl labels { nodes { title } } }
    }
  }
}`;

export interface Connection<N> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: N[];
}

export interface MergeRequestNode {
  iid: string;
  title: string;
  description: string | null;
  sourceBranch: string;
  state: string;
  draft: boolean;
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  webUrl: string | null;
  author: { username: string } | null;
  diffStatsSummary: { additions: number; deletions: number; fileCount: number } | null;
  approvedBy: { nodes: Array<{ username: string }> } | null;
  notes: { nodes: Array<{ id: string; body: string; system: boolean; createdAt: string; author: { username: string } | null }> };
}

export interface IssueNode {
  iid: string;
  title: string;
  state: string;
  type: string | null;
  description: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  webUrl: string;
  labels: { nodes: Array<{ title: string }> } | null;
}

/** A REST pipeline, as `GET /projects/:id/pipelines` lists it (the fields read here). */
export interface PipelineItem {
  id: number;
  sha: string;
  ref: string;
  status: string;
  name?: string | null;
  created_at: string;
  updated_at: string;
  web_url: string;
}

/** A REST deployment, as `GET /projects/:id/deployments` lists it (the fields read here). */
export interface DeploymentItem {
  id: number;
  sha: string;
  status: string;
  created_at: string;
  updated_at: string;
  finished_at?: string | null;
  environment: { name: string } | null;
  deployable?: { web_url?: string | null; finished_at?: string | null } | null;
}

const MR_STATE: Record<string, string> = { opened: 'open', closed: 'closed', merged: 'merged', locked: 'open' };
const APPROVED = /^approved this merge request\b/i;
const UNAPPROVED = /^unapproved this merge request\b/i;
const numericId = (gid: string): string => /(\d+)$/.exec(gid)?.[1] ?? gid;

/** A page of merge requests as facts: each MR, each comment by anyone, each approval (dated by its system note). */
export function mergeRequestFacts(project: string, page: Connection<MergeRequestNode>): Facts {
  const pulls: PullFact[] = [];
  const reviews: ReviewFact[] = [];
  for (const mr of page.nodes) {
    const number = Number(mr.iid);
    const pull: PullFact = {
      repository: project,
      number,
      updatedAt: mr.updatedAt,
      title: mr.title,
      author: mr.author?.username ?? 'ghost',
      state: MR_STATE[mr.state] ?? mr.state,
      draft: mr.draft,
      created: mr.createdAt,
      merged: mr.mergedAt,
      closed: mr.state === 'merged' ? mr.mergedAt : mr.closedAt,
      branch: mr.sourceBranch,
      body: mr.description ?? '',
    };
    if (mr.webUrl) pull.url = mr.webUrl;
    if (mr.diffStatsSummary) {
      pull.additions = mr.diffStatsSummary.additions;
      pull.deletions = mr.diffStatsSummary.deletions;
      pull.changedFiles = mr.diffStatsSummary.fileCount;
    }
    // Opened ready: ready at creation. A draft marked ready later keeps what its webhook said (GraphQL has no time).
    if (!mr.draft) pull.readyForReview = mr.createdAt;
    pulls.push(pull);
    const approvals = new Map<string, ReviewFact>();
    for (const note of mr.notes.nodes) {
      const who = note.author?.username ?? 'ghost';
      if (!note.system) {
        reviews.push({
          repository: project,
          number,
          reviewId: noteId(numericId(note.id)),
          reviewer: who,
          state: 'COMMENTED',
          submittedAt: note.createdAt,
        });
        continue;
      }
      const verdict = APPROVED.test(note.body) ? 'APPROVED' : UNAPPROVED.test(note.body) ? 'DISMISSED' : null;
      if (!verdict) continue;
      const previous = approvals.get(who.toLowerCase());
      if (previous && Date.parse(previous.submittedAt) > Date.parse(note.createdAt)) continue;
      approvals.set(who.toLowerCase(), {
        repository: project,
        number,
        reviewId: approvalId(number, who),
        reviewer: who,
        state: verdict,
        submittedAt: note.createdAt,
      });
    }
    // An approver whose system note lies beyond the notes read: the approval counts, dated by the MR's update.
    for (const user of mr.approvedBy?.nodes ?? []) {
      if (!approvals.has(user.username.toLowerCase()))
        approvals.set(user.username.toLowerCase(), {
          repository: project,
          number,
          reviewId: approvalId(number, user.username),
          reviewer: user.username,
          state: 'APPROVED',
          submittedAt: mr.updatedAt,
        });
    }
    reviews.push(...approvals.values());
  }
  return { forge: 'gitlab', pulls, reviews };
}

export function issueFacts(project: string, page: Connection<IssueNode>, forceIncident: boolean): Facts {
  const issues = page.nodes.map((node): IssueFact => {
    const fact: IssueFact = {
      repository: project,
      number: Number(node.iid),
      updatedAt: node.updatedAt,
      title: node.title,
      labels: (node.labels?.nodes ?? []).map((l) => l.title),
      opened: node.createdAt,
      closed: node.state === 'closed' ? (node.closedAt ?? node.updatedAt) : null,
      url: node.webUrl,
    };
    if (forceIncident || (node.type ?? '').toUpperCase() === 'INCIDENT') fact.incident = true;
    const cause = rootCause(node.description ?? '');
    if (cause) fact.rootCause = cause;
    return fact;
  });
  return { forge: 'gitlab', issues };
}

const PIPELINE_DONE: Record<string, string> = { success: 'success', failed: 'failure', canceled: 'cancelled', skipped: 'skipped' };

export function pipelineFacts(project: string, items: readonly PipelineItem[]): Facts {
  const runs = items.map((p): WorkflowRunFact => ({
    repository: project,
    runId: String(p.id),
    name: p.name ?? '',
    status: PIPELINE_DONE[p.status] ? 'completed' : p.status === 'running' ? 'in_progress' : 'queued',
    conclusion: PIPELINE_DONE[p.status] ?? null,
    sha: p.sha,
    started: p.created_at,
    updated: p.updated_at,
    url: p.web_url,
  }));
  return { forge: 'gitlab', runs };
}

export function deploymentFacts(project: string, items: readonly DeploymentItem[]): Facts {
  const deployments = items.map((d): DeploymentFact => {
    const state = DEPLOY_STATE[d.status] ?? d.status;
    const at = d.finished_at ?? d.deployable?.finished_at ?? d.updated_at;
    return {
      repository: project,
      deploymentId: String(d.id),
      environment: d.environment?.name ?? '',
      sha: d.sha,
      created: d.created_at,
      statuses: [{ state, at, url: d.deployable?.web_url ?? '' }],
      source: 'deployment',
    };
  });
  return { forge: 'gitlab', deployments };
}

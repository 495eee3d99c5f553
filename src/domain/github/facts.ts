/**
 * Facts about a repository, as plain JSON-able data: what a webhook delivery or a sync page says, before it is
 * merged into the tables. A webhook stores its facts with the event (the `Data` column of `GitHub Events`) and a
 * later run applies them, so one webhook costs one table; the sync produces the same facts from GraphQL, so the
 * same fact seen both ways merges into the same row. Times are ISO-8601 strings; a field left out is unknown
 * (it never erases what a table already holds), while `null` means known to be empty (e.g. not merged).
 */

import type { Forge } from './rows';

export interface PullFact {
  repository: string;
  number: number;
  /** The PR's `updated_at`: a fact older than the row it would change changes nothing but empty cells. */
  updatedAt: string;
  title?: string;
  author?: string;
  /** `open`, `closed` or `merged`. */
  state?: string;
  draft?: boolean;
  created?: string;
  readyForReview?: string | null;
  merged?: string | null;
  closed?: string | null;
  additions?: number;
  deletions?: number;
  changedFiles?: number;
  url?: string;
  /** The head branch. */
  branch?: string;
  /** The description, clipped: only read for the task ids it names. */
  body?: string;
  /** Who is asked to review and has not yet (logins, `team:<slug>` for teams). */
  requestedReviewers?: string[];
}

export interface ReviewFact {
  repository: string;
  number: number;
  /** GitHub's numeric review id (`review.id`, GraphQL `databaseId`), as text. */
  reviewId: string;
  reviewer: string;
  /** Upper case, as GraphQL names it: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED. */
  state: string;
  submittedAt: string;
}

export interface DeploymentStatusFact {
  /** Lower case, as webhooks name it: success, failure, error, inactive, in_progress, queued, pending. */
  state: string;
  at: string;
  /** The status's log (or target) URL: the row links to the status that set its state. */
  url?: string;
}

export interface DeploymentFact {
  repository: string;
  /** GitHub's numeric deployment id; `run-<id>` for a deploy workflow's run. */
  deploymentId: string;
  environment?: string;
  sha?: string;
  created?: string;
  statuses: DeploymentStatusFact[];
  source?: 'deployment' | 'workflow';
  workflow?: string;
}

export interface WorkflowRunFact {
  repository: string;
  runId: string;
  name: string;
  /** `queued`, `in_progress`, `completed`… */
  status: string;
  conclusion: string | null;
  sha: string;
  started: string;
  updated: string;
  url: string;
}

export interface CommitFact {
  repository: string;
  sha: string;
  author?: string;
  message?: string;
  committedAt?: string;
  additions?: number;
  deletions?: number;
  url?: string;
  /** The head SHA of the push that brought it, for the large-push alert. */
  push?: string;
}

export interface IssueFact {
  repository: string;
  number: number;
  updatedAt: string;
  title: string;
  labels: string[];
  opened: string;
  closed: string | null;
  url: string;
  /** `root cause: <sha>` in the issue's body, fourkeys' way of naming the change that caused an incident. */
  rootCause?: string;
  /** A pull request seen through the issues API, or an issue deleted or moved away: never an incident. */
  notAnIssue?: boolean;
  /** An incident whatever its labels: GitLab's own incident type. */
  incident?: boolean;
}

/** `review_requested`: whom to ask, for the notification. */
export interface ReviewRequestFact {
  repository: string;
  number: number;
  title: string;
  url: string;
  author: string;
  reviewer?: string;
  team?: string;
  at: string;
  /** Left out for GitHub: whose username `reviewer` is. */
  forge?: Forge;
}

/**
 * A push as a whole, for the large-push alert: a push payload has no line counts, so the run that applies it
 * asks GitHub (compare, or the one commit) and fills `additions` / `deletions` in.
 */
export interface PushFact {
  repository: string;
  before: string;
  after: string;
  ref: string;
  /** How many commits the push brought (the payload's list, whole). */
  commits: number;
  at: string;
  url: string;
  additions?: number;
  deletions?: number;
}

export interface Facts {
  /** Whose facts these are; left out for GitHub's. A GitLab merge request is a pull request of forge `gitlab`. */
  forge?: Forge;
  pushes?: PushFact[];
  pulls?: PullFact[];
  reviews?: ReviewFact[];
  deployments?: DeploymentFact[];
  runs?: WorkflowRunFact[];
  commits?: CommitFact[];
  issues?: IssueFact[];
  requests?: ReviewRequestFact[];
}

export function isEmptyFacts(facts: Facts): boolean {
  return Object.values(facts).every((v) => v === undefined || typeof v === 'string' || (Array.isArray(v) && v.length === 0));
}

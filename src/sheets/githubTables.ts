import type { CommitRow, DeploymentRow, EventRow, IncidentRow, PullRow, ReviewRow } from '../domain/github/rows';
import { defineTable, type RecordOf } from './schema';

/**
 * The delivery data from GitHub. Webhooks fill these fast; the sync makes them complete. Every table has a
 * natural key, so the same fact seen twice (a redelivery, or by webhook and then by sync) is one row:
 * - GitHub Events: Dedupe Key (per event: README ▸ GitHub ▸ Dedupe keys);
 * - Pull Requests: Repository + Number; Reviews: Repository + Review ID (GitHub's numeric review id);
 * - Deployments: Repository + Deployment ID (GitHub's numeric id, or `run-<id>` for a deploy workflow's run);
 * - Commits: Repository + SHA; Incidents: Repository + Number; GitHub Metrics: Period.
 */

/**
 * Every accepted webhook delivery, oldest first. `Data` holds the delivery's facts for the other tables until a
 * later run has merged them (`Applied At`), so a webhook costs one table read and one write.
 */
export const GITHUB_EVENTS = defineTable({
  name: 'GitHub Events',
  columns: [
    { key: 'receivedAt', header: 'Received At', type: 'datetime', required: true, width: 130 },
    { key: 'event', header: 'Event', type: 'text', width: 140 },
    { key: 'action', header: 'Action', type: 'text', width: 110 },
    { key: 'repository', header: 'Repository', type: 'text', width: 180 },
    { key: 'actor', header: 'Actor', type: 'text', width: 120 },
    { key: 'ref', header: 'Number or SHA', type: 'text', width: 110 },
    { key: 'title', header: 'Title', type: 'text', width: 280 },
    { key: 'url', header: 'URL', type: 'text', width: 240 },
    { key: 'dedupeKey', header: 'Dedupe Key', type: 'text', width: 220 },
    { key: 'appliedAt', header: 'Applied At', type: 'datetime', width: 130 },
    { key: 'data', header: 'Data', type: 'text', width: 80 },
  ],
  key: ['dedupeKey'],
});

export const PULL_REQUESTS = defineTable({
  name: 'Pull Requests',
  columns: [
    { key: 'repository', header: 'Repository', type: 'text', required: true, width: 180 },
    { key: 'number', header: 'Number', type: 'integer', required: true, width: 70 },
    { key: 'title', header: 'Title', type: 'text', width: 280 },
    { key: 'author', header: 'Author', type: 'text', width: 120 },
    { key: 'state', header: 'State', type: 'text', width: 80 },
    { key: 'draft', header: 'Draft', type: 'boolean', width: 60 },
    { key: 'created', header: 'Created', type: 'datetime', width: 130 },
    { key: 'readyForReview', header: 'Ready For Review', type: 'datetime', width: 130 },
    { key: 'firstReview', header: 'First Review', type: 'datetime', width: 130 },
    { key: 'approved', header: 'Approved', type: 'datetime', width: 130 },
    { key: 'merged', header: 'Merged', type: 'datetime', width: 130 },
    { key: 'closed', header: 'Closed', type: 'datetime', width: 130 },
    { key: 'additions', header: 'Additions', type: 'integer', width: 80 },
    { key: 'deletions', header: 'Deletions', type: 'integer', width: 80 },
    { key: 'changedFiles', header: 'Changed Files', type: 'integer', width: 100 },
    { key: 'reviews', header: 'Reviews', type: 'integer', width: 70 },
    { key: 'updatedAt', header: 'Updated At', type: 'datetime', width: 130 },
    { key: 'url', header: 'URL', type: 'text', width: 240 },
    { key: 'branch', header: 'Branch', type: 'text', width: 160 },
    /** The `Tasks` ids the PR names (title, branch or body), one per line. */
    { key: 'tasks', header: 'Tasks', type: 'text', width: 100 },
    /** Logins (and `team:` names) asked to review and not yet heard from, for the review reminders. */
    { key: 'requestedReviewers', header: 'Requested Reviewers', type: 'text', width: 160 },
    /** `github` or `gitlab`: one table for both forges, so the metrics, DORA keys and reports cover both. */
    { key: 'forge', header: 'Forge', type: 'text', width: 70, emptyMeans: 'github' },
  ],
  key: ['forge', 'repository', 'number'],
});

export const REVIEWS = defineTable({
  name: 'Reviews',
  columns: [
    { key: 'repository', header: 'Repository', type: 'text', required: true, width: 180 },
    { key: 'number', header: 'PR Number', type: 'integer', width: 80 },
    { key: 'reviewId', header: 'Review ID', type: 'text', required: true, width: 120 },
    { key: 'reviewer', header: 'Reviewer', type: 'text', width: 120 },
    { key: 'state', header: 'State', type: 'text', width: 110 },
    { key: 'submittedAt', header: 'Submitted At', type: 'datetime', width: 130 },
    /** `github` or `gitlab`: one table for both forges, so the metrics, DORA keys and reports cover both. */
    { key: 'forge', header: 'Forge', type: 'text', width: 70, emptyMeans: 'github' },
  ],
  key: ['forge', 'repository', 'reviewId'],
});

export const DEPLOYMENTS = defineTable({
  name: 'Deployments',
  columns: [
    { key: 'repository', header: 'Repository', type: 'text', required: true, width: 180 },
    { key: 'deploymentId', header: 'Deployment ID', type: 'text', required: true, width: 120 },
    { key: 'environment', header: 'Environment', type: 'text', width: 110 },
    { key: 'sha', header: 'SHA', type: 'text', width: 110 },
    { key: 'state', header: 'State', type: 'text', width: 90 },
    { key: 'created', header: 'Created', type: 'datetime', width: 130 },
    { key: 'finished', header: 'Finished', type: 'datetime', width: 130 },
    /** When the status that set State was created: orders statuses that arrive out of order. */
    { key: 'statusAt', header: 'Status At', type: 'datetime', width: 130 },
    /** `deployment` (GitHub Deployments API) or `workflow` (a run of a workflow named in GITHUB_DEPLOY_WORKFLOWS). */
    { key: 'source', header: 'Source', type: 'text', width: 90 },
    { key: 'workflow', header: 'Workflow', type: 'text', width: 140 },
    { key: 'url', header: 'URL', type: 'text', width: 240 },
    /** `github` or `gitlab`: one table for both forges, so the metrics, DORA keys and reports cover both. */
    { key: 'forge', header: 'Forge', type: 'text', width: 70, emptyMeans: 'github' },
  ],
  key: ['forge', 'repository', 'deploymentId'],
});

/** Default-branch commits; line counts come from the sync (push payloads carry none). */
export const COMMITS = defineTable({
  name: 'Commits',
  columns: [
    { key: 'repository', header: 'Repository', type: 'text', required: true, width: 180 },
    { key: 'sha', header: 'SHA', type: 'text', required: true, width: 110 },
    { key: 'author', header: 'Author', type: 'text', width: 120 },
    { key: 'message', header: 'Message', type: 'text', width: 300 },
    { key: 'committedAt', header: 'Committed At', type: 'datetime', width: 130 },
    { key: 'additions', header: 'Additions', type: 'integer', width: 80 },
    { key: 'deletions', header: 'Deletions', type: 'integer', width: 80 },
    { key: 'url', header: 'URL', type: 'text', width: 240 },
    /** The head SHA of the push that brought the commit (webhook), for the large-push alert. */
    { key: 'push', header: 'Push', type: 'text', width: 110 },
    /** `github` or `gitlab`: one table for both forges, so the metrics, DORA keys and reports cover both. */
    { key: 'forge', header: 'Forge', type: 'text', width: 70, emptyMeans: 'github' },
  ],
  key: ['forge', 'repository', 'sha'],
});

/** Issues with the configured incident label, for DORA's time to restore. */
export const INCIDENTS = defineTable({
  name: 'Incidents',
  columns: [
    { key: 'repository', header: 'Repository', type: 'text', required: true, width: 180 },
    { key: 'number', header: 'Number', type: 'integer', required: true, width: 70 },
    { key: 'title', header: 'Title', type: 'text', width: 280 },
    { key: 'opened', header: 'Opened', type: 'datetime', width: 130 },
    { key: 'closed', header: 'Closed', type: 'datetime', width: 130 },
    { key: 'url', header: 'URL', type: 'text', width: 240 },
    /** The commit that caused it, from `root cause: <sha>` in the issue (fourkeys' convention). */
    { key: 'rootCause', header: 'Root Cause', type: 'text', width: 110 },
    { key: 'updatedAt', header: 'Updated At', type: 'datetime', width: 130 },
    /** `github` or `gitlab`: one table for both forges, so the metrics, DORA keys and reports cover both. */
    { key: 'forge', header: 'Forge', type: 'text', width: 70, emptyMeans: 'github' },
  ],
  key: ['forge', 'repository', 'number'],
});

/**
 * Development and DORA metrics per day (`2026-01-05`) and per ISO week (`2026-W02`), recomputed by each sync for
 * recent periods from the tables above. Definitions: README ▸ GitHub ▸ Metrics.
 */
export const GITHUB_METRICS = defineTable({
  name: 'GitHub Metrics',
  columns: [
    { key: 'period', header: 'Period', type: 'text', required: true, width: 90 },
    { key: 'start', header: 'Start', type: 'date', width: 100 },
    { key: 'commits', header: 'Commits', type: 'integer', width: 80 },
    { key: 'prsOpened', header: 'PRs Opened', type: 'integer', width: 90 },
    { key: 'prsMerged', header: 'PRs Merged', type: 'integer', width: 90 },
    { key: 'reviews', header: 'Reviews', type: 'integer', width: 80 },
    { key: 'linesChanged', header: 'Lines Changed', type: 'integer', width: 110 },
    { key: 'codeReviewTime', header: 'Code Review Time', type: 'hours', width: 130 },
    { key: 'prCycleTime', header: 'PR Cycle Time', type: 'hours', width: 110 },
    { key: 'deploySuccessRate', header: 'Deploy Success Rate', type: 'percent', width: 150 },
    { key: 'deployments', header: 'Deployments', type: 'integer', width: 100 },
    { key: 'leadTime', header: 'Lead Time For Changes', type: 'hours', width: 160 },
    { key: 'changeFailureRate', header: 'Change Failure Rate', type: 'percent', width: 150 },
    { key: 'timeToRestore', header: 'Time To Restore', type: 'hours', width: 120 },
    /** DORA performance levels over the four weeks up to the period's end (week rows and `Last 28 Days`). */
    { key: 'deployFrequencyLevel', header: 'Deploy Frequency Level', type: 'text', width: 150 },
    { key: 'leadTimeLevel', header: 'Lead Time Level', type: 'text', width: 120 },
    { key: 'changeFailureLevel', header: 'Change Failure Level', type: 'text', width: 140 },
    { key: 'restoreLevel', header: 'Restore Level', type: 'text', width: 110 },
  ],
  key: ['period'],
});

/**
 * One row per member per day, from any forge (README ▸ Developer Metrics): written as webhook events are applied
 * and recomputed by each sync. Turned off by DEVELOPER_METRICS.
 */
export const DEVELOPER_METRICS = defineTable({
  name: 'Developer Metrics',
  columns: [
    { key: 'date', header: 'Date', type: 'date', required: true, width: 100 },
    { key: 'member', header: 'Member', type: 'text', required: true, width: 140 },
    { key: 'commits', header: 'Commits', type: 'integer', width: 80 },
    { key: 'lastCommitAt', header: 'Last Commit At', type: 'datetime', width: 130 },
    { key: 'prsOpened', header: 'PRs Opened', type: 'integer', width: 90 },
    { key: 'prsMerged', header: 'PRs Merged', type: 'integer', width: 90 },
    { key: 'reviews', header: 'Reviews', type: 'integer', width: 80 },
    { key: 'linesChanged', header: 'Lines Changed', type: 'integer', width: 110 },
    { key: 'medianReviewHours', header: 'Median Review Hours', type: 'hours', width: 150 },
  ],
  key: ['date', 'member'],
});

export const GITHUB_TABLES = [GITHUB_EVENTS, PULL_REQUESTS, REVIEWS, DEPLOYMENTS, COMMITS, INCIDENTS, GITHUB_METRICS, DEVELOPER_METRICS] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
/** The GitHub domain reads these rows by key (src/domain/github/rows.ts): a column changed on one side only fails to compile. */
export type GitHubRowsMatch = [
  Holds<Same<RecordOf<typeof GITHUB_EVENTS>, EventRow>>,
  Holds<Same<RecordOf<typeof PULL_REQUESTS>, PullRow>>,
  Holds<Same<RecordOf<typeof REVIEWS>, ReviewRow>>,
  Holds<Same<RecordOf<typeof DEPLOYMENTS>, DeploymentRow>>,
  Holds<Same<RecordOf<typeof COMMITS>, CommitRow>>,
  Holds<Same<RecordOf<typeof INCIDENTS>, IncidentRow>>,
];

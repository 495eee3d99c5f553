import { defineTable } from './schema';

/**
 * The delivery data from GitHub. Webhooks fill these fast; the sync makes them complete. Every table has a
 * natural key, so the same fact seen twice (a redelivery, or by webhook and then by sync) is one row.
 */

/** Every accepted webhook delivery or synced fact, newest last. Dedupe Key: see the GitHub section of the README. */
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
  ],
  key: ['repository', 'number'],
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
  ],
  key: ['repository', 'reviewId'],
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
  ],
  key: ['repository', 'deploymentId'],
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
  ],
  key: ['repository', 'sha'],
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
  ],
  key: ['repository', 'number'],
});

export const GITHUB_TABLES = [GITHUB_EVENTS, PULL_REQUESTS, REVIEWS, DEPLOYMENTS, COMMITS, INCIDENTS] as const;

import type { DeliveryRecord } from '../deliveryRecord';
import type { Facts, PullFact } from '../facts';
import type { PayloadReader } from '../payloadReader';
import { actionSubject } from './actionSubject';

/** The PR as a webhook shows it; review events carry a shorter PR object without line counts. */
function pullFact(r: PayloadReader, repository: string, action: string | null): PullFact {
  const mergedAt = r.nullableTime('pull_request.merged_at');
  const draft = r.get('pull_request.draft') === true;
  const state = mergedAt ? 'merged' : r.text('pull_request.state');
  const fact: PullFact = {
    repository,
    number: r.number('pull_request.number'),
    updatedAt: r.time('pull_request.updated_at'),
    title: r.text('pull_request.title'),
    author: r.optText('pull_request.user.login') ?? 'ghost',
    state,
    draft,
    created: r.time('pull_request.created_at'),
    merged: mergedAt,
    closed: r.nullableTime('pull_request.closed_at'),
    url: r.text('pull_request.html_url'),
  };
  const additions = r.optNumber('pull_request.additions');
  const deletions = r.optNumber('pull_request.deletions');
  const changedFiles = r.optNumber('pull_request.changed_files');
  if (additions !== undefined) fact.additions = additions;
  if (deletions !== undefined) fact.deletions = deletions;
  if (changedFiles !== undefined) fact.changedFiles = changedFiles;
  const branch = r.optText('pull_request.head.ref');
  if (branch !== undefined) fact.branch = branch;
  // Only the task ids in it matter; a long description would crowd the event's Data cell.
  const body = r.get('pull_request.body');
  if (typeof body === 'string' && body !== '') fact.body = body.slice(0, 2000);
  if (Array.isArray(r.get('pull_request.requested_reviewers'))) {
    const people = (r.get('pull_request.requested_reviewers') as unknown[]).map((u) => (u as { login?: unknown } | null)?.login);
    const teams = ((r.get('pull_request.requested_teams') as unknown[] | undefined) ?? []).map((t) => (t as { slug?: unknown } | null)?.slug);
    fact.requestedReviewers = [
      ...people.filter((l): l is string => typeof l === 'string'),
      ...teams.filter((l): l is string => typeof l === 'string').map((slug) => `team:${slug}`),
    ];
  }
  // Ready for review: when a draft is marked ready, or at creation for a PR opened ready. Other events leave it.
  if (action === 'ready_for_review') fact.readyForReview = fact.updatedAt;
  else if (action === 'opened' && !draft) fact.readyForReview = fact.created ?? null;
  return fact;
}

/** A pull request changed: the PR, and a review request when that is what happened. */
export function pullRequestRecord(r: PayloadReader): DeliveryRecord {
  const repository = r.repository();
  const action = r.text('action');
  const pull = pullFact(r, repository, action);
  const facts: Facts = { pulls: [pull] };
  if (action === 'review_requested') {
    const reviewer = r.optText('requested_reviewer.login');
    const team = r.optText('requested_team.name');
    if (reviewer !== undefined || team !== undefined) {
      facts.requests = [
        {
          repository,
          number: pull.number,
          title: pull.title ?? '',
          url: pull.url ?? '',
          author: pull.author ?? '',
          ...(reviewer !== undefined ? { reviewer } : {}),
          ...(team !== undefined ? { team } : {}),
          at: pull.updatedAt,
        },
      ];
    }
  }
  const node = r.optText('pull_request.node_id') ?? `${repository}#${pull.number}`;
  return {
    event: 'pull_request',
    action,
    repository,
    actor: r.actor(),
    ref: `#${pull.number}`,
    title: pull.title ?? '',
    url: pull.url ?? '',
    dedupeKey: `pull_request:${node}:${action}:${pull.updatedAt}${actionSubject(r, action)}`,
    facts,
  };
}

/** A review was submitted, edited or dismissed: the PR, and the review once it is submitted. */
export function pullRequestReviewRecord(r: PayloadReader): DeliveryRecord {
  const repository = r.repository();
  const action = r.text('action');
  const pull = pullFact(r, repository, null);
  const reviewId = r.text('review.id');
  const facts: Facts = { pulls: [pull] };
  // A pending review has not been submitted: nobody has been reviewed yet.
  const submittedAt = r.optTime('review.submitted_at');
  const state = r.text('review.state').toUpperCase();
  if (submittedAt && state !== 'PENDING') {
    facts.reviews = [{ repository, number: pull.number, reviewId, reviewer: r.optText('review.user.login') ?? 'ghost', state, submittedAt }];
  }
  return {
    event: 'pull_request_review',
    action,
    repository,
    actor: r.actor(),
    ref: `#${pull.number}`,
    title: pull.title ?? '',
    url: r.optText('review.html_url') ?? pull.url ?? '',
    dedupeKey: `pull_request_review:${repository}:${reviewId}:${action}`,
    facts,
  };
}

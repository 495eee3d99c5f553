import { InputError } from '../errors';
import { inferEvent, isHandled, requiredKeys, type HandledEvent } from './eventType';
import type { CommitFact, Facts, IssueFact, PullFact } from './facts';

/**
 * A webhook delivery turned into what we keep: one `GitHub Events` row and the facts for the other tables.
 * The payload is checked field by field; a missing or mistyped field is an InputError that names it, raised
 * before anything is written.
 */

/** GitHub caps a delivery at 25 MB: a bigger body cannot be one, and parsing it would eat the execution. */
export const MAX_BODY_CHARS = 25 * 1024 * 1024;

/** Sheets holds at most 50,000 characters in a cell; the facts of one delivery stay well under it. */
export const MAX_DATA_CHARS = 40_000;

export interface DeliveryRecord {
  event: HandledEvent;
  action: string;
  repository: string;
  actor: string;
  /** `#12` for a pull request or issue, a SHA for a push, deployment or run, the hook id for a ping. */
  ref: string;
  title: string;
  url: string;
  /** The same fact delivered again has the same key: see README, GitHub ▸ Dedupe keys. */
  dedupeKey: string;
  facts: Facts;
}

export type Delivery = { kind: 'ignored'; event: string } | { kind: 'event'; record: DeliveryRecord };

export interface DeliveryInput {
  body: string;
  contentType: string;
  /** The `payload` field of a form-encoded body, which Apps Script has already decoded into the parameters. */
  formPayload: string | undefined;
  /** `&event=` from the hook's URL, when the team added it. */
  eventParam: string | undefined;
}

export function readDelivery(input: DeliveryInput): Delivery {
  const payload = parsePayload(input);
  let event: string;
  if (input.eventParam !== undefined && input.eventParam !== '') {
    if (!/^[a-z][a-z0-9_]{0,59}$/.test(input.eventParam))
      throw new InputError(
        `the "event" parameter must be a GitHub event name such as pull_request, got ${JSON.stringify(input.eventParam.slice(0, 60))}`,
        'event',
      );
    event = input.eventParam;
    if (isHandled(event)) {
      const missing = requiredKeys(event).filter((k) => payload[k] === undefined);
      if (missing.length > 0) throw new InputError(`the payload is not a ${event} event: it has no "${missing.join('", "')}"`);
    }
  } else {
    event = inferEvent(payload);
  }
  if (!isHandled(event)) return { kind: 'ignored', event };
  return { kind: 'event', record: MAPPERS[event](new Reader(payload, event)) };
}

function parsePayload(input: DeliveryInput): Record<string, unknown> {
  const form = /^application\/x-www-form-urlencoded\b/i.test(input.contentType);
  const text = form ? input.formPayload : input.body;
  if (form && text === undefined) throw new InputError('a form-encoded delivery must carry the event as JSON in its "payload" field');
  const body = text ?? '';
  if (body.length > MAX_BODY_CHARS) {
    throw new InputError(`the request body is ${body.length} characters, more than GitHub ever sends (${MAX_BODY_CHARS}): refused`);
  }
  if (body.trim() === '') throw new InputError('the request body is empty: send the GitHub event as JSON (or form-encoded, in "payload")');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    const reason = (e as Error).message;
    if (/end of (json )?input|unterminated|unexpected end/i.test(reason)) {
      throw new InputError(`the request body ends before its JSON does (${body.length} characters received): was it cut short?`);
    }
    throw new InputError(`the request body is not valid JSON (${reason})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new InputError('the request body must be a JSON object: a GitHub webhook payload');
  return data as Record<string, unknown>;
}

/** Reads a payload by dotted path; every failure names the event and the path. */
class Reader {
  constructor(
    readonly root: Readonly<Record<string, unknown>>,
    readonly event: string,
  ) {}

  get(path: string): unknown {
    let value: unknown = this.root;
    for (const part of path.split('.')) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  }

  has(path: string): boolean {
    const value = this.get(path);
    return value !== undefined && value !== null;
  }

  private fail(path: string, expected: string): never {
    const value = this.get(path);
    throw new InputError(
      value === undefined || value === null
        ? `the ${this.event} payload has no "${path}"`
        : `"${path}" of the ${this.event} payload must be ${expected}`,
      path,
    );
  }

  text(path: string): string {
    const value = this.get(path);
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return this.fail(path, 'text');
  }

  optText(path: string): string | undefined {
    return this.has(path) ? this.text(path) : undefined;
  }

  number(path: string): number {
    const value = this.get(path);
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    return this.fail(path, 'a number');
  }

  optNumber(path: string): number | undefined {
    return this.has(path) ? this.number(path) : undefined;
  }

  /** An ISO-8601 time; GitHub sends some as seconds since the epoch (push's `repository.pushed_at`). */
  time(path: string): string {
    const value = this.get(path);
    const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
    if (!Number.isFinite(ms)) return this.fail(path, 'a time');
    return new Date(ms).toISOString();
  }

  optTime(path: string): string | undefined {
    return this.has(path) ? this.time(path) : undefined;
  }

  nullableTime(path: string): string | null {
    return this.has(path) ? this.time(path) : null;
  }

  array(path: string): unknown[] {
    const value = this.get(path);
    if (Array.isArray(value)) return value;
    return this.fail(path, 'a list');
  }

  /** A reader over an element of a list, with paths named from the root for errors. */
  item(path: string, index: number): Reader {
    const value = this.array(path)[index];
    if (value === null || typeof value !== 'object') this.fail(`${path}.${index}`, 'an object');
    return new Reader(value as Record<string, unknown>, `${this.event} (${path}[${index}])`);
  }

  repository(): string {
    return this.text('repository.full_name');
  }

  actor(): string {
    return this.optText('sender.login') ?? '';
  }
}

const firstLine = (text: string): string => (text.split(/\r?\n/)[0] ?? '').slice(0, 200);

/** The PR as a webhook shows it; review events carry a shorter PR object without line counts. */
function pullFact(r: Reader, repository: string, action: string | null): PullFact {
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
  // Ready for review: when a draft is marked ready, or at creation for a PR opened ready. Other events leave it.
  if (action === 'ready_for_review') fact.readyForReview = fact.updatedAt;
  else if (action === 'opened' && !draft) fact.readyForReview = fact.created ?? null;
  return fact;
}

/** The part of a key that tells apart deliveries with the same action at the same second. */
function subject(r: Reader, action: string): string {
  switch (action) {
    case 'labeled':
    case 'unlabeled':
      return `:${r.optText('label.name') ?? ''}`;
    case 'assigned':
    case 'unassigned':
      return `:${r.optText('assignee.login') ?? ''}`;
    case 'review_requested':
    case 'review_request_removed':
      return `:${r.optText('requested_reviewer.login') ?? r.optText('requested_team.slug') ?? r.optText('requested_team.name') ?? ''}`;
    case 'milestoned':
    case 'demilestoned':
      return `:${r.optText('milestone.number') ?? ''}`;
    default:
      return '';
  }
}

const MAPPERS: Record<HandledEvent, (r: Reader) => DeliveryRecord> = {
  ping(r) {
    const hookId = r.text('hook_id');
    return {
      event: 'ping',
      action: '',
      repository: r.optText('repository.full_name') ?? r.optText('organization.login') ?? '',
      actor: r.actor(),
      ref: hookId,
      title: r.optText('zen') ?? '',
      // The hook's config.url is this web app's URL with its token: it is never kept.
      url: '',
      dedupeKey: `ping:${hookId}`,
      facts: {},
    };
  },

  pull_request(r) {
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
      dedupeKey: `pull_request:${node}:${action}:${pull.updatedAt}${subject(r, action)}`,
      facts,
    };
  },

  pull_request_review(r) {
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
  },

  issues(r) {
    const repository = r.repository();
    const action = r.text('action');
    const number = r.number('issue.number');
    const updatedAt = r.time('issue.updated_at');
    const labels = r.has('issue.labels') ? r.array('issue.labels').map((_, i) => r.item('issue.labels', i).text('name')) : [];
    const body = r.optText('issue.body') ?? '';
    const issue: IssueFact = {
      repository,
      number,
      updatedAt,
      title: r.text('issue.title'),
      labels,
      opened: r.time('issue.created_at'),
      closed: r.nullableTime('issue.closed_at'),
      url: r.text('issue.html_url'),
    };
    const cause = rootCause(body);
    if (cause) issue.rootCause = cause;
    if (r.has('issue.pull_request') || action === 'deleted' || action === 'transferred') issue.notAnIssue = true;
    const node = r.optText('issue.node_id') ?? `${repository}#${number}`;
    return {
      event: 'issues',
      action,
      repository,
      actor: r.actor(),
      ref: `#${number}`,
      title: issue.title,
      url: issue.url,
      dedupeKey: `issues:${node}:${action}:${updatedAt}${subject(r, action)}`,
      facts: { issues: [issue] },
    };
  },

  deployment_status(r) {
    const repository = r.repository();
    const statusId = r.text('deployment_status.id');
    const state = r.text('deployment_status.state');
    const environment = r.optText('deployment.environment') ?? r.optText('deployment_status.environment') ?? '';
    const sha = r.text('deployment.sha');
    const url = r.optText('deployment_status.log_url') || r.optText('deployment_status.target_url') || '';
    return {
      event: 'deployment_status',
      action: r.optText('action') ?? '',
      repository,
      actor: r.actor(),
      ref: sha,
      title: `${environment}: ${state}`,
      url,
      dedupeKey: `deployment_status:${repository}:${statusId}`,
      facts: {
        deployments: [
          {
            repository,
            deploymentId: r.text('deployment.id'),
            environment,
            sha,
            created: r.time('deployment.created_at'),
            statuses: [{ state, at: r.time('deployment_status.created_at'), ...(url ? { url } : {}) }],
            source: 'deployment',
          },
        ],
      },
    };
  },

  workflow_run(r) {
    const repository = r.repository();
    const action = r.text('action');
    const runId = r.text('workflow_run.id');
    const attempt = r.optText('workflow_run.run_attempt') ?? '1';
    const name = r.optText('workflow_run.name') || r.optText('workflow.name') || '';
    const status = r.text('workflow_run.status');
    const conclusion = r.optText('workflow_run.conclusion') ?? null;
    const sha = r.text('workflow_run.head_sha');
    return {
      event: 'workflow_run',
      action,
      repository,
      actor: r.actor(),
      ref: sha,
      title: `${name}: ${conclusion ?? status}`,
      url: r.text('workflow_run.html_url'),
      dedupeKey: `workflow_run:${repository}:${runId}:${attempt}:${action}`,
      facts: {
        runs: [
          {
            repository,
            runId,
            name,
            status,
            conclusion,
            sha,
            started: r.optTime('workflow_run.run_started_at') ?? r.time('workflow_run.created_at'),
            updated: r.time('workflow_run.updated_at'),
            url: r.text('workflow_run.html_url'),
          },
        ],
      },
    };
  },

  push(r) {
    const repository = r.repository();
    const ref = r.text('ref');
    const after = r.text('after');
    const deleted = r.get('deleted') === true || /^0+$/.test(after);
    const defaultBranch = r.optText('repository.default_branch') ?? r.optText('repository.master_branch');
    const commits: CommitFact[] = [];
    // Commits count on the default branch only: that is where changes reach production (DORA) and where the
    // sync reads their line counts.
    if (!deleted && defaultBranch !== undefined && ref === `refs/heads/${defaultBranch}`) {
      let size = 0;
      const list = r.array('commits');
      for (let i = 0; i < list.length; i++) {
        const c = r.item('commits', i);
        const commit: CommitFact = {
          repository,
          sha: c.text('id'),
          author: c.optText('author.username') ?? c.optText('author.name') ?? '',
          message: firstLine(c.optText('message') ?? ''),
          committedAt: c.time('timestamp'),
          url: c.optText('url') ?? '',
          push: after,
        };
        size += JSON.stringify(commit).length;
        // A huge push keeps its first commits here; the sync brings the rest from the branch's history.
        if (size > MAX_DATA_CHARS) break;
        commits.push(commit);
      }
    }
    const headline = r.has('head_commit.message') ? firstLine(r.text('head_commit.message')) : '';
    return {
      event: 'push',
      action: deleted ? 'deleted' : r.get('created') === true ? 'created' : r.get('forced') === true ? 'forced' : '',
      repository,
      actor: r.optText('pusher.name') ?? r.actor(),
      ref: after,
      title: headline ? `${ref.replace(/^refs\/(heads|tags)\//, '')}: ${headline}` : ref.replace(/^refs\/(heads|tags)\//, ''),
      url: r.optText('compare') ?? '',
      dedupeKey: `push:${repository}:${ref}:${after}`,
      facts: commits.length > 0 ? { commits } : {},
    };
  },
};

/** fourkeys' convention: an incident issue names the change that caused it with `root cause: <sha>`. */
export function rootCause(body: string): string | undefined {
  const m = /root cause:\s*([0-9a-f]{7,40})\b/i.exec(body);
  return m?.[1]?.toLowerCase();
}

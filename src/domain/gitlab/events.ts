import { MAX_DATA_CHARS } from '../github/deliveryRecord';
import type { CommitFact, DeploymentFact, Facts, IssueFact, PullFact, ReviewFact, ReviewRequestFact, WorkflowRunFact } from '../github/facts';
import { rootCause } from '../github/rootCause';
import type { GitLabReader } from './reader';

/**
 * GitLab's webhook events as facts for the shared tables (forge `gitlab`): a merge request is a pull request
 * whose number is its `iid`, an approval or a comment on it a review, a deployment a deployment, a pipeline a
 * run (a deployment when GITHUB_DEPLOY_WORKFLOWS names it), an incident an incident. Shapes: GitLab's "Webhook
 * events" reference; each handled event and action has a fixture in test/fixtures/gitlab/.
 */

/** The `object_kind`s recorded; any other is answered `{"ok":true,"ignored":"<kind>"}`. */
export const GITLAB_EVENTS = ['merge_request', 'push', 'pipeline', 'deployment', 'note', 'issue'] as const;
export type GitLabEvent = (typeof GITLAB_EVENTS)[number];

export interface GitLabRecord {
  event: GitLabEvent;
  action: string;
  project: string;
  actor: string;
  /** `!12` for a merge request, `#12` for an issue, a SHA for a push, the id for a pipeline or deployment. */
  ref: string;
  title: string;
  url: string;
  /** The same fact delivered again (a retry, a resend, both paths) has the same key. */
  dedupeKey: string;
  facts: Facts;
}

const firstLine = (text: string): string => (text.split(/\r?\n/)[0] ?? '').slice(0, 200);

/** GitLab's merge request states, as the shared table names pull request states. */
const MR_STATE: Record<string, string> = { opened: 'open', closed: 'closed', merged: 'merged', locked: 'open' };

function usernames(r: GitLabReader, path: string): string[] {
  const value = r.get(path);
  if (!Array.isArray(value)) return [];
  return value.flatMap((u) =>
    u && typeof u === 'object' && typeof (u as { username?: unknown }).username === 'string' ? [(u as { username: string }).username] : [],
  );
}

export function mergeRequestRecord(r: GitLabReader): GitLabRecord {
  const project = r.project();
  const a = 'object_attributes';
  const iid = r.number(`${a}.iid`);
  const action = r.optText(`${a}.action`) ?? '';
  const updatedAt = r.time(`${a}.updated_at`);
  const state = r.text(`${a}.state`);
  const draft = r.get(`${a}.draft`) === true || r.get(`${a}.work_in_progress`) === true;
  const pull: PullFact = {
    repository: project,
    number: iid,
    updatedAt,
    title: r.text(`${a}.title`),
    state: MR_STATE[state] ?? state,
    draft,
    created: r.time(`${a}.created_at`),
    url: r.text(`${a}.url`),
  };
  // The reviewers asked (GitLab keeps them after they review; the reminders skip reviewed requests by First Review).
  if (Array.isArray(r.get('reviewers'))) pull.requestedReviewers = usernames(r, 'reviewers');
  // Where a task id may be named, besides the title (issue 13: merge requests move tasks as pull requests do).
  const branch = r.optText(`${a}.source_branch`);
  if (branch !== undefined) pull.branch = branch;
  pull.body = r.optText(`${a}.description`) ?? '';
  // The payload names the author only by id; the actor is the author when their ids match (always on `open`).
  if (r.has('user.id') && r.get('user.id') === r.get(`${a}.author_id`)) pull.author = r.actor();
  // Merged and closed times: the payload's own when it has them, else the update that merged or closed it; an
  // update of an MR merged earlier leaves them to what the table (or the sync) knows.
  if (state === 'merged') {
    const at = r.optTime(`${a}.merged_at`) ?? (action === 'merge' ? updatedAt : undefined);
    if (at !== undefined) pull.merged = pull.closed = at;
  } else {
    pull.merged = null;
    const at = state === 'closed' ? (r.optTime(`${a}.closed_at`) ?? (action === 'close' ? updatedAt : undefined)) : null;
    if (at !== undefined) pull.closed = at;
  }
  // Ready for review: opened ready, or a draft marked ready (`changes.draft` true → false).
  const draftChange = r.get('changes.draft') as { previous?: unknown; current?: unknown } | undefined;
  if (action === 'open' && !draft) pull.readyForReview = pull.created ?? null;
  else if (draftChange && draftChange.previous === true && draftChange.current === false) pull.readyForReview = updatedAt;

  const facts: Facts = { forge: 'gitlab', pulls: [pull] };
  const actor = r.actor();
  if (action === 'approved' || action === 'approval' || action === 'unapproved' || action === 'unapproval') {
    // One row per approver: approving again after a reset updates it, withdrawing marks it dismissed.
    facts.reviews = [
      {
        repository: project,
        number: iid,
        reviewId: approvalId(iid, actor),
        reviewer: actor,
        state: action.startsWith('un') ? 'DISMISSED' : 'APPROVED',
        submittedAt: updatedAt,
      },
    ];
  }
  // A reviewer added (at opening, or by an update's `changes.reviewers`) is asked for a review.
  const previous = new Set((r.get('changes.reviewers.previous') ? usernames(r, 'changes.reviewers.previous') : []).map((u) => u.toLowerCase()));
  const added =
    action === 'open' || action === 'reopen'
      ? usernames(r, 'reviewers')
      : r.has('changes.reviewers')
        ? usernames(r, 'changes.reviewers.current').filter((u) => !previous.has(u.toLowerCase()))
        : [];
  if (added.length > 0) {
    facts.requests = added.map((reviewer): ReviewRequestFact => ({
      repository: project,
      number: iid,
      title: pull.title ?? '',
      url: pull.url ?? '',
      author: pull.author ?? actor,
      reviewer,
      at: updatedAt,
      forge: 'gitlab',
    }));
  }
  return {
    event: 'merge_request',
    action,
    project,
    actor,
    ref: `!${iid}`,
    title: pull.title ?? '',
    url: pull.url ?? '',
    dedupeKey: `gitlab:merge_request:${project}!${iid}:${action}:${updatedAt}${facts.reviews ? `:${actor}` : ''}`,
    facts,
  };
}

/** The Reviews row of one person's approval of a merge request: the same whether a webhook or the sync saw it. */
export const approvalId = (iid: number, username: string): string => `approval-${iid}-${username.toLowerCase()}`;
/** The Reviews row of a comment on a merge request: GitLab's note id. */
export const noteId = (id: number | string): string => `note-${id}`;

export function noteRecord(r: GitLabReader): GitLabRecord | { ignored: string } {
  const project = r.project();
  const a = 'object_attributes';
  const type = r.text(`${a}.noteable_type`);
  // Comments count as reviews on merge requests only; on issues, commits and snippets they are not reviews.
  if (type !== 'MergeRequest') return { ignored: `note on ${type}` };
  const iid = r.number('merge_request.iid');
  const id = r.text(`${a}.id`);
  const createdAt = r.time(`${a}.created_at`);
  const reviewer = r.actor();
  const review: ReviewFact = { repository: project, number: iid, reviewId: noteId(id), reviewer, state: 'COMMENTED', submittedAt: createdAt };
  const title = r.optText('merge_request.title') ?? '';
  // The merge request as the note shows it: enough to make its row if the note comes first; never newer facts.
  const pull: PullFact = { repository: project, number: iid, updatedAt: r.time('merge_request.updated_at'), title };
  const mrUrl = r.optText('merge_request.url');
  if (mrUrl) pull.url = mrUrl;
  return {
    event: 'note',
    action: r.optText(`${a}.action`) ?? 'create',
    project,
    actor: reviewer,
    ref: `!${iid}`,
    title,
    url: r.optText(`${a}.url`) ?? '',
    dedupeKey: `gitlab:note:${project}:${id}:${r.optText(`${a}.updated_at`) ?? createdAt}`,
    facts: { forge: 'gitlab', pulls: [pull], reviews: [review] },
  };
}

export function pushRecord(r: GitLabReader): GitLabRecord {
  const project = r.project();
  const ref = r.text('ref');
  const after = r.text('after');
  const deleted = /^0+$/.test(after);
  const defaultBranch = r.optText('project.default_branch');
  const commits: CommitFact[] = [];
  // As for GitHub: commits count on the default branch, where changes reach production.
  if (!deleted && defaultBranch !== undefined && ref === `refs/heads/${defaultBranch}`) {
    const pusher = r.optText('user_username') ?? '';
    const pusherName = r.optText('user_name') ?? '';
    let size = 0;
    const list = r.array('commits');
    for (let i = 0; i < list.length; i++) {
      const c = r.item('commits', i);
      const name = c.optText('author.name') ?? '';
      const commit: CommitFact = {
        repository: project,
        sha: c.text('id'),
        // A push's commits name their author by name and email only; the pusher's own commits (same name) are
        // theirs by username, so `Members` ▸ `GitLab Username` matches them. Others keep the name, listed unmatched.
        author: pusher && name !== '' && name.toLowerCase() === pusherName.toLowerCase() ? pusher : name,
        message: firstLine(c.optText('message') ?? ''),
        committedAt: c.time('timestamp'),
        url: c.optText('url') ?? '',
        push: after,
      };
      size += JSON.stringify(commit).length;
      if (size > MAX_DATA_CHARS) break;
      commits.push(commit);
    }
  }
  const branch = ref.replace(/^refs\/(heads|tags)\//, '');
  const list = r.get('commits');
  const head = Array.isArray(list) ? (list as Array<{ id?: unknown; message?: unknown }>).find((c) => c && c.id === after) : undefined;
  const headline = head && typeof head.message === 'string' ? firstLine(head.message) : '';
  return {
    event: 'push',
    action: deleted ? 'deleted' : /^0+$/.test(r.optText('before') ?? '') ? 'created' : '',
    project,
    actor: r.optText('user_username') ?? r.optText('user_name') ?? '',
    ref: after,
    title: headline ? `${branch}: ${headline}` : branch,
    url: r.optText('project.web_url') ? `${r.text('project.web_url')}/-/commit/${after}` : '',
    dedupeKey: `gitlab:push:${project}:${ref}:${after}`,
    facts: commits.length > 0 ? { forge: 'gitlab', commits } : {},
  };
}

/** GitLab's pipeline statuses as a workflow run's status and conclusion. */
const FINISHED: Record<string, string> = { success: 'success', failed: 'failure', canceled: 'cancelled', skipped: 'skipped' };

export function pipelineRecord(r: GitLabReader): GitLabRecord {
  const project = r.project();
  const a = 'object_attributes';
  const id = r.text(`${a}.id`);
  const status = r.text(`${a}.status`);
  const created = r.time(`${a}.created_at`);
  const finished = r.optTime(`${a}.finished_at`);
  const name = r.optText(`${a}.name`) ?? '';
  const run: WorkflowRunFact = {
    repository: project,
    runId: id,
    name,
    status: FINISHED[status] ? 'completed' : status === 'running' ? 'in_progress' : 'queued',
    conclusion: FINISHED[status] ?? null,
    sha: r.text(`${a}.sha`),
    started: created,
    updated: finished ?? created,
    url: r.optText(`${a}.url`) ?? '',
  };
  return {
    event: 'pipeline',
    action: status,
    project,
    actor: r.actor(),
    ref: run.sha,
    title: `${name || r.optText(`${a}.ref`) || 'pipeline'}: ${status}`,
    url: run.url,
    dedupeKey: `gitlab:pipeline:${project}:${id}:${status}:${finished ?? ''}`,
    facts: { forge: 'gitlab', runs: [run] },
  };
}

/** GitLab's deployment statuses in the words the Deployments table uses (GitHub's). */
export const DEPLOY_STATE: Record<string, string> = {
  created: 'queued',
  blocked: 'waiting',
  running: 'in_progress',
  success: 'success',
  failed: 'failure',
  canceled: 'canceled',
  skipped: 'canceled',
};

export function deploymentRecord(r: GitLabReader): GitLabRecord {
  const project = r.project();
  const id = r.text('deployment_id');
  const status = r.text('status');
  const at = r.time('status_changed_at');
  const commitUrl = r.optText('commit_url') ?? '';
  // The payload has the short SHA; the commit's URL ends with the whole one, which the Commits rows hold.
  const sha = /\/commit\/([0-9a-f]{40})\b/.exec(commitUrl)?.[1] ?? r.optText('short_sha') ?? '';
  const environment = r.text('environment');
  const deployment: DeploymentFact = {
    repository: project,
    deploymentId: id,
    environment,
    sha,
    statuses: [{ state: DEPLOY_STATE[status] ?? status, at, url: r.optText('deployable_url') ?? '' }],
    source: 'deployment',
  };
  if (status === 'created' || status === 'running') deployment.created = at;
  return {
    event: 'deployment',
    action: status,
    project,
    actor: r.actor(),
    ref: sha,
    title: `${environment}: ${status}`,
    url: r.optText('deployable_url') ?? '',
    dedupeKey: `gitlab:deployment:${project}:${id}:${status}:${at}`,
    facts: { forge: 'gitlab', deployments: [deployment] },
  };
}

export function issueRecord(r: GitLabReader): GitLabRecord {
  const project = r.project();
  const a = 'object_attributes';
  const iid = r.number(`${a}.iid`);
  const action = r.optText(`${a}.action`) ?? '';
  const updatedAt = r.time(`${a}.updated_at`);
  const type = (r.optText(`${a}.type`) ?? r.optText(`${a}.issue_type`) ?? '').toLowerCase();
  const labels = Array.isArray(r.get('labels')) ? r.array('labels') : Array.isArray(r.get(`${a}.labels`)) ? r.array(`${a}.labels`) : [];
  const issue: IssueFact = {
    repository: project,
    number: iid,
    updatedAt,
    title: r.text(`${a}.title`),
    labels: labels.flatMap((l) =>
      l && typeof l === 'object' && typeof (l as { title?: unknown }).title === 'string' ? [(l as { title: string }).title] : [],
    ),
    opened: r.time(`${a}.created_at`),
    closed: r.text(`${a}.state`) === 'closed' ? (r.optTime(`${a}.closed_at`) ?? updatedAt) : null,
    url: r.text(`${a}.url`),
  };
  if (type === 'incident') issue.incident = true;
  const cause = rootCause(r.optText(`${a}.description`) ?? '');
  if (cause) issue.rootCause = cause;
  return {
    event: 'issue',
    action,
    project,
    actor: r.actor(),
    ref: `#${iid}`,
    title: issue.title,
    url: issue.url,
    dedupeKey: `gitlab:issue:${project}#${iid}:${action}:${updatedAt}`,
    facts: { forge: 'gitlab', issues: [issue] },
  };
}

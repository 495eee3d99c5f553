import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildClientSchema, execute, GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';

/**
 * A fake GitHub for the sync: repositories whose history (pull requests with reviews, deployments with statuses,
 * incident issues, default-branch commits) is generated from a few numbers, answered through GraphQL with
 * GitHub's real schema (@octokit/graphql-schema's schema.json: a query that GitHub would refuse is refused here
 * too), with pagination, GitHub's rate-limit headers and errors. The same history is also given as the webhook
 * payloads GitHub would have sent while it happened, so "webhook, then sync" can be checked to agree.
 * Used by the demo (local/fake/github.ts) and, compiled on the fly, by the tests' loopback server
 * (test/helpers/fakeGitHub.handler.cjs).
 */

export interface FakeRepoSpec {
  /** `owner/name`. */
  repository: string;
  /** The instant the history leads up to; every time in it is at or before this. */
  now: string;
  pulls?: number;
  reviewsPerPull?: number;
  deployments?: number;
  commits?: number;
  incidents?: number;
  /** Issues without the incident label (the sync must not take them). */
  otherIssues?: number;
  defaultBranch?: string;
  /** Titles for given PR numbers (to test what titles can hold). */
  titles?: Record<string, string>;
  /** PR numbers that change this many lines (to test the large-change alert). */
  largePulls?: number[];
  incidentLabel?: string;
  users?: string[];
  /** How far back the history reaches. */
  days?: number;
  /**
   * Minutes between two PRs' creation (default: spread over `days`). With it, a spec with more PRs and a later
   * `now` keeps the older PRs exactly as they were: new activity, for incremental syncs.
   */
  pullEveryMinutes?: number;
}

export interface FakeGitHubConfig {
  repos?: FakeRepoSpec[];
  /** Points left in the hour; each GraphQL request costs one. */
  remaining?: number;
  /** When the points come back (ISO). */
  resetAt?: string;
  /** After this many more GraphQL requests, answer 403 with Retry-After (a secondary rate limit). */
  secondaryAfter?: number | null;
  retryAfterSeconds?: number;
  /** The token the fake accepts; any non-empty one when absent. */
  token?: string;
}

export interface FakeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const HOUR = 3600_000;
const MINUTE = 60_000;
const DEFAULT_USERS = ['tanaka-taro', 'sato-hanako', 'suzuki-ichiro', 'alexkim', 'takahashi-misaki', 'octocat'];

interface Review {
  databaseId: number;
  state: string;
  submittedAt: string;
  author: string;
}
interface Pull {
  number: number;
  nodeId: string;
  title: string;
  author: string;
  isDraft: boolean;
  draftAtCreation: boolean;
  createdAt: string;
  readyAt: string | null;
  updatedAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  additions: number;
  deletions: number;
  changedFiles: number;
  reviews: Review[];
  url: string;
}
interface Status {
  id: number;
  state: string;
  createdAt: string;
  logUrl: string;
}
interface Deployment {
  databaseId: number;
  environment: string;
  createdAt: string;
  sha: string;
  creator: string;
  statuses: Status[];
}
interface Commit {
  oid: string;
  message: string;
  committedDate: string;
  additions: number;
  deletions: number;
  author: string;
  url: string;
}
interface Issue {
  number: number;
  nodeId: string;
  title: string;
  body: string;
  createdAt: string;
  closedAt: string | null;
  updatedAt: string;
  labels: string[];
  url: string;
}
export interface RepoHistory {
  repository: string;
  defaultBranch: string;
  pulls: Pull[];
  deployments: Deployment[];
  commits: Commit[];
  issues: Issue[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A stable 40-hex-digit SHA from a text (FNV-1a, repeated): the same spec gives the same commits. */
export function fakeSha(text: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 40; round++) {
    for (const ch of `${round}:${text}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

export function generateHistory(spec: FakeRepoSpec): RepoHistory {
  const now = Date.parse(spec.now);
  const users = spec.users ?? DEFAULT_USERS;
  const span = (spec.days ?? 25) * 24 * HOUR;
  const base = `https://github.com/${spec.repository}`;
  const reviewsPerPull = spec.reviewsPerPull ?? 2;
  const large = new Set(spec.largePulls ?? []);

  const commitCount = spec.commits ?? 0;
  const commits: Commit[] = [];
  for (let k = 0; k < commitCount; k++) {
    const oid = fakeSha(`${spec.repository}:commit:${k}`);
    commits.push({
      oid,
      message: `Commit ${k + 1} of ${spec.repository}\n\nDetails of the change.`,
      committedDate: iso(now - 2 * HOUR - Math.floor(((commitCount - k) * span) / commitCount)),
      additions: ((k * 29) % 300) + 1,
      deletions: (k * 13) % 120,
      author: users[k % users.length] as string,
      url: `${base}/commit/${oid}`,
    });
  }

  const pullCount = spec.pulls ?? 0;
  const pulls: Pull[] = [];
  const lifecycle = (60 + reviewsPerPull * 30 + 30) * MINUTE;
  for (let i = 0; i < pullCount; i++) {
    const number = i + 1;
    const created =
      now -
      lifecycle -
      (spec.pullEveryMinutes !== undefined ? (pullCount - i) * spec.pullEveryMinutes * MINUTE : Math.floor(((pullCount - i) * span) / pullCount));
    const draft = i % 5 === 0;
    const readyAt = draft ? created + 30 * MINUTE : null;
    const author = users[i % users.length] as string;
    const outcome = i % 3 === 0 ? 'open' : i % 3 === 1 ? 'merged' : 'closed';
    const reviews: Review[] = [];
    for (let j = 0; j < reviewsPerPull; j++) {
      const approving = j === reviewsPerPull - 1 && outcome === 'merged';
      reviews.push({
        databaseId: number * 1000 + j,
        state: approving ? 'APPROVED' : j % 2 === 0 ? 'COMMENTED' : 'CHANGES_REQUESTED',
        submittedAt: iso(created + (60 + j * 30) * MINUTE),
        author: users[(i + j + 1) % users.length] as string,
      });
    }
    const end = created + lifecycle;
    const last = reviews.length > 0 ? Date.parse((reviews[reviews.length - 1] as Review).submittedAt) : (readyAt ?? created);
    pulls.push({
      number,
      nodeId: `PR_${fakeSha(`${spec.repository}#${number}`).slice(0, 16)}`,
      title: spec.titles?.[String(number)] ?? `Change ${number}: ${['faster reports', 'fix time zones', 'new settings', 'clean up tests'][i % 4]}`,
      author,
      isDraft: false,
      draftAtCreation: draft,
      createdAt: iso(created),
      readyAt: readyAt === null ? null : iso(readyAt),
      updatedAt: iso(outcome === 'open' ? last : end),
      mergedAt: outcome === 'merged' ? iso(end) : null,
      closedAt: outcome === 'open' ? null : iso(end),
      additions: large.has(number) ? 1800 : ((i * 37) % 400) + 1,
      deletions: large.has(number) ? 400 : (i * 11) % 200,
      changedFiles: (i % 20) + 1,
      reviews,
      url: `${base}/pull/${number}`,
    });
  }

  const deploymentCount = spec.deployments ?? 0;
  const deployments: Deployment[] = [];
  for (let d = 0; d < deploymentCount; d++) {
    const created = now - HOUR - Math.floor(((deploymentCount - d) * span) / deploymentCount);
    const shipped = [...commits].reverse().find((c) => Date.parse(c.committedDate) <= created);
    const id = 5000 + d;
    const log = `${base}/actions/runs/${90000 + d}`;
    deployments.push({
      databaseId: id,
      environment: d % 4 === 3 ? 'staging' : 'production',
      createdAt: iso(created),
      sha: shipped?.oid ?? fakeSha(`${spec.repository}:deploy:${d}`),
      creator: users[d % users.length] as string,
      statuses: [
        { id: id * 10 + 1, state: 'IN_PROGRESS', createdAt: iso(created + MINUTE), logUrl: log },
        { id: id * 10 + 2, state: d % 5 === 4 ? 'FAILURE' : 'SUCCESS', createdAt: iso(created + 5 * MINUTE), logUrl: log },
      ],
    });
  }

  const label = spec.incidentLabel ?? 'incident';
  const issues: Issue[] = [];
  const incidentCount = spec.incidents ?? 0;
  const otherCount = spec.otherIssues ?? 0;
  for (let k = 0; k < incidentCount + otherCount; k++) {
    const incident = k < incidentCount;
    const created = now - 3 * HOUR - Math.floor(((incidentCount + otherCount - k) * span) / (incidentCount + otherCount));
    const open = incident && k === incidentCount - 1;
    const cause = commits[Math.min(commits.length - 1, Math.floor((k * commits.length) / Math.max(1, incidentCount)))];
    const number = 10_000 + k;
    issues.push({
      number,
      nodeId: `I_${fakeSha(`${spec.repository}:issue:${k}`).slice(0, 16)}`,
      title: incident ? `Production incident ${k + 1}` : `Feature request ${k + 1}`,
      body: incident && cause && k % 2 === 0 ? `Service degraded.\n\nroot cause: ${cause.oid.slice(0, 12)}` : 'Details inside.',
      createdAt: iso(created),
      closedAt: open ? null : iso(created + 2 * HOUR),
      updatedAt: iso(open ? created : created + 2 * HOUR),
      labels: incident ? [label, 'bug'] : ['enhancement'],
      url: `${base}/issues/${number}`,
    });
  }
  return { repository: spec.repository, defaultBranch: spec.defaultBranch ?? 'main', pulls, deployments, commits, issues };
}

// ---- GraphQL -------------------------------------------------------------------------------------------

let cachedSchema: GraphQLSchema | null = null;

/** GitHub's schema, from @octokit/graphql-schema's schema.json (its SDL does not build with graphql 16). */
export function githubSchema(): GraphQLSchema {
  if (cachedSchema) return cachedSchema;
  const file = findUp(path.join('node_modules', '@octokit', 'graphql-schema', 'schema.json'));
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { data?: unknown };
  cachedSchema = buildClientSchema((json.data ?? json) as Parameters<typeof buildClientSchema>[0]);
  return cachedSchema;
}

function findUp(relative: string): string {
  for (const start of [process.cwd(), __dirname]) {
    let dir = start;
    for (;;) {
      const candidate = path.join(dir, relative);
      if (fs.existsSync(candidate)) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`fake GitHub: cannot find ${relative}`);
}

const cursorOf = (index: number) => Buffer.from(`cursor:v2:${index}`).toString('base64');
const indexOf = (cursor: unknown) => {
  if (typeof cursor !== 'string') return -1;
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(m[1]);
};

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
}

function connection<T>(items: readonly T[], args: PageArgs, map: (item: T) => unknown): Record<string, unknown> {
  if (args.first !== undefined && args.first !== null && (args.first < 0 || args.first > 100)) {
    throw new GraphQLError(`Requesting ${args.first} records on the connection exceeds the \`first\` limit of 100 records.`);
  }
  let start = args.after ? indexOf(args.after) + 1 : 0;
  let end = items.length;
  if (args.first !== undefined && args.first !== null) end = Math.min(end, start + args.first);
  if (args.last !== undefined && args.last !== null) start = Math.max(start, end - args.last);
  const slice = items.slice(start, end);
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      endCursor: slice.length ? cursorOf(end - 1) : null,
      startCursor: slice.length ? cursorOf(start) : null,
    },
    nodes: slice.map(map),
    edges: slice.map((item, k) => ({ cursor: cursorOf(start + k), node: map(item) })),
  };
}

const user = (login: string) => ({ __typename: 'User', login });
const byTimeDesc = <T>(items: readonly T[], time: (t: T) => string) => [...items].sort((a, b) => Date.parse(time(b)) - Date.parse(time(a)));

function repositoryObject(history: RepoHistory): Record<string, unknown> {
  const [owner, name] = history.repository.split('/');
  return {
    __typename: 'Repository',
    nameWithOwner: history.repository,
    name,
    owner: { __typename: 'User', login: owner },
    pullRequests: (args: PageArgs & { orderBy?: { field: string; direction: string } }) => {
      const ordered = args.orderBy?.field === 'UPDATED_AT' ? byTimeDesc(history.pulls, (p) => p.updatedAt) : history.pulls;
      const list = args.orderBy?.direction === 'ASC' ? [...ordered].reverse() : ordered;
      return connection(list, args, (p) => ({
        __typename: 'PullRequest',
        id: p.nodeId,
        number: p.number,
        title: p.title,
        url: p.url,
        state: p.mergedAt ? 'MERGED' : p.closedAt ? 'CLOSED' : 'OPEN',
        isDraft: p.isDraft,
        headRefName: `feature/pr-${p.number}`,
        body: '',
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
        mergedAt: p.mergedAt,
        closedAt: p.closedAt,
        additions: p.additions,
        deletions: p.deletions,
        changedFiles: p.changedFiles,
        author: user(p.author),
        timelineItems: (a: PageArgs & { itemTypes?: string[] }) =>
          connection(p.readyAt && (!a.itemTypes || a.itemTypes.includes('READY_FOR_REVIEW_EVENT')) ? [p.readyAt] : [], a, (createdAt) => ({
            __typename: 'ReadyForReviewEvent',
            createdAt,
          })),
        reviews: (a: PageArgs) =>
          connection(p.reviews, a, (r) => ({
            __typename: 'PullRequestReview',
            databaseId: r.databaseId,
            state: r.state,
            submittedAt: r.submittedAt,
            author: user(r.author),
          })),
      }));
    },
    deployments: (args: PageArgs & { orderBy?: { direction: string } }) => {
      const list = byTimeDesc(history.deployments, (d) => d.createdAt);
      return connection(args.orderBy?.direction === 'ASC' ? list.reverse() : list, args, (d) => ({
        __typename: 'Deployment',
        databaseId: d.databaseId,
        environment: d.environment,
        createdAt: d.createdAt,
        commitOid: d.sha,
        creator: user(d.creator),
        latestStatus: { __typename: 'DeploymentStatus', ...byTimeDesc(d.statuses, (s) => s.createdAt)[0] },
        statuses: (a: PageArgs) =>
          connection(
            byTimeDesc(d.statuses, (s) => s.createdAt),
            a,
            (s) => ({ __typename: 'DeploymentStatus', state: s.state, createdAt: s.createdAt, logUrl: s.logUrl }),
          ),
      }));
    },
    issues: (args: PageArgs & { filterBy?: { labels?: string[] | null; since?: string | null } }) => {
      const labels = args.filterBy?.labels;
      const since = args.filterBy?.since ? Date.parse(args.filterBy.since) : null;
      const list = byTimeDesc(history.issues, (i) => i.updatedAt).filter(
        (i) => (!labels || labels.every((l) => i.labels.includes(l))) && (since === null || Date.parse(i.updatedAt) >= since),
      );
      return connection(list, args, (i) => ({
        __typename: 'Issue',
        number: i.number,
        title: i.title,
        url: i.url,
        body: i.body,
        createdAt: i.createdAt,
        closedAt: i.closedAt,
        updatedAt: i.updatedAt,
        labels: (a: PageArgs) => connection(i.labels, a, (l) => ({ __typename: 'Label', name: l })),
      }));
    },
    defaultBranchRef: {
      __typename: 'Ref',
      name: history.defaultBranch,
      target: {
        __typename: 'Commit',
        oid: history.commits[history.commits.length - 1]?.oid ?? fakeSha('empty'),
        history: (args: PageArgs & { since?: string | null }) => {
          const since = args.since ? Date.parse(args.since) : null;
          const list = byTimeDesc(history.commits, (c) => c.committedDate).filter((c) => since === null || Date.parse(c.committedDate) >= since);
          return connection(list, args, (c) => ({
            __typename: 'Commit',
            oid: c.oid,
            message: c.message,
            messageHeadline: c.message.split('\n')[0],
            committedDate: c.committedDate,
            additions: c.additions,
            deletions: c.deletions,
            url: c.url,
            author: { __typename: 'GitActor', name: c.author, user: user(c.author) },
          }));
        },
      },
    },
  };
}

// ---- The server's behaviour --------------------------------------------------------------------------

/** One fake GitHub: its repositories and its rate-limit state, across requests. */
export class FakeGitHub {
  private histories = new Map<string, RepoHistory>();
  private remaining = 5000;
  private resetAt = Date.now() + HOUR;
  private secondaryAfter: number | null = null;
  private retryAfterSeconds = 60;
  private token: string | null = null;
  /** GraphQL queries received, in order (for tests). */
  readonly queries: Array<{ query: string; variables: Record<string, unknown> }> = [];

  configure(config: FakeGitHubConfig): void {
    for (const spec of config.repos ?? []) this.histories.set(spec.repository.toLowerCase(), generateHistory(spec));
    if (config.remaining !== undefined) this.remaining = config.remaining;
    if (config.resetAt !== undefined) this.resetAt = Date.parse(config.resetAt);
    if (config.secondaryAfter !== undefined) this.secondaryAfter = config.secondaryAfter;
    if (config.retryAfterSeconds !== undefined) this.retryAfterSeconds = config.retryAfterSeconds;
    if (config.token !== undefined) this.token = config.token;
  }

  history(repository: string): RepoHistory | undefined {
    return this.histories.get(repository.toLowerCase());
  }

  hasRepository(repository: string): boolean {
    return this.histories.has(repository.toLowerCase());
  }

  private headers(): Record<string, string> {
    return {
      'Content-Type': 'application/json; charset=utf-8',
      'X-RateLimit-Limit': '5000',
      'X-RateLimit-Remaining': String(Math.max(0, this.remaining)),
      'X-RateLimit-Used': String(5000 - Math.max(0, this.remaining)),
      'X-RateLimit-Reset': String(Math.floor(this.resetAt / 1000)),
      'X-RateLimit-Resource': 'graphql',
    };
  }

  private answer(status: number, body: unknown, extra: Record<string, string> = {}): FakeAnswer {
    return { status, headers: { ...this.headers(), ...extra }, body: JSON.stringify(body) };
  }

  graphql(method: string, authorization: string | undefined, text: string): FakeAnswer {
    if (method !== 'POST') return this.answer(404, { message: 'Not Found' });
    const token = /^(?:bearer|token)\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token || (this.token !== null && token !== this.token)) {
      return this.answer(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' });
    }
    if (this.secondaryAfter !== null) {
      if (this.secondaryAfter <= 0) {
        return this.answer(
          403,
          { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
          { 'Retry-After': String(this.retryAfterSeconds) },
        );
      }
      this.secondaryAfter--;
    }
    if (this.remaining <= 0) {
      return this.answer(200, { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] });
    }
    let request: { query?: unknown; variables?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      return this.answer(400, { message: 'Problems parsing JSON' });
    }
    const query = String(request.query ?? '');
    const variables = (request.variables ?? {}) as Record<string, unknown>;
    this.queries.push({ query, variables });
    let document;
    try {
      document = parse(query);
    } catch (error) {
      return this.answer(200, { errors: [{ message: (error as Error).message }] });
    }
    const invalid = validate(githubSchema(), document);
    if (invalid.length > 0) return this.answer(200, { errors: invalid.map((e) => ({ message: e.message, locations: e.locations })) });
    this.remaining--;
    const root = {
      rateLimit: {
        __typename: 'RateLimit',
        cost: 1,
        limit: 5000,
        nodeCount: 0,
        remaining: this.remaining,
        used: 5000 - this.remaining,
        resetAt: iso(this.resetAt),
      },
      viewer: user('shinchoku-bot'),
      repository: ({ owner, name }: { owner: string; name: string }) => {
        const history = this.history(`${owner}/${name}`);
        if (!history) throw new GraphQLError(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
        return repositoryObject(history);
      },
    };
    const result = execute({ schema: githubSchema(), document, rootValue: root, variableValues: variables }) as {
      data?: unknown;
      errors?: readonly GraphQLError[];
    };
    const body: Record<string, unknown> = { data: result.data ?? null };
    if (result.errors && result.errors.length > 0) {
      body['errors'] = result.errors.map((e) => ({
        type: /Could not resolve/.test(e.message) ? 'NOT_FOUND' : undefined,
        path: e.path,
        message: e.message,
      }));
    }
    return this.answer(200, body);
  }

  /**
   * The webhook deliveries GitHub would have sent as the history happened, oldest first: pull_request (opened,
   * ready_for_review, closed), pull_request_review (submitted), deployment_status, push (the default branch,
   * three commits at a time), issues (opened, closed).
   */
  webhooks(repository: string): Array<{ event: string; at: string; payload: Record<string, unknown> }> {
    const h = this.history(repository);
    if (!h) return [];
    const [owner = '', name = ''] = h.repository.split('/');
    const repo = {
      id: 1,
      name,
      full_name: h.repository,
      owner: { login: owner },
      default_branch: h.defaultBranch,
      master_branch: h.defaultBranch,
      html_url: `https://github.com/${h.repository}`,
    };
    const out: Array<{ event: string; at: string; payload: Record<string, unknown> }> = [];
    const add = (event: string, at: string, payload: Record<string, unknown>, sender: string) =>
      out.push({ event, at, payload: { ...payload, repository: repo, sender: { login: sender } } });
    for (const p of h.pulls) {
      const snapshot = (at: string, draft: boolean, final: boolean) => ({
        number: p.number,
        node_id: p.nodeId,
        html_url: p.url,
        title: p.title,
        head: { ref: `feature/pr-${p.number}` },
        body: '',
        user: { login: p.author },
        state: final && p.closedAt ? 'closed' : 'open',
        draft,
        created_at: p.createdAt,
        updated_at: at,
        closed_at: final ? p.closedAt : null,
        merged_at: final ? p.mergedAt : null,
        merged: final && p.mergedAt !== null,
        additions: p.additions,
        deletions: p.deletions,
        changed_files: p.changedFiles,
      });
      add(
        'pull_request',
        p.createdAt,
        { action: 'opened', number: p.number, pull_request: snapshot(p.createdAt, p.draftAtCreation, false) },
        p.author,
      );
      if (p.readyAt)
        add('pull_request', p.readyAt, { action: 'ready_for_review', number: p.number, pull_request: snapshot(p.readyAt, false, false) }, p.author);
      for (const r of p.reviews) {
        add(
          'pull_request_review',
          r.submittedAt,
          {
            action: 'submitted',
            review: {
              id: r.databaseId,
              node_id: `PRR_${r.databaseId}`,
              user: { login: r.author },
              state: r.state.toLowerCase(),
              submitted_at: r.submittedAt,
              html_url: `${p.url}#pullrequestreview-${r.databaseId}`,
            },
            pull_request: snapshot(r.submittedAt, false, false),
          },
          r.author,
        );
      }
      if (p.closedAt)
        add('pull_request', p.closedAt, { action: 'closed', number: p.number, pull_request: snapshot(p.closedAt, false, true) }, p.author);
    }
    for (const d of h.deployments) {
      for (const s of d.statuses) {
        add(
          'deployment_status',
          s.createdAt,
          {
            action: 'created',
            deployment_status: {
              id: s.id,
              state: s.state.toLowerCase(),
              created_at: s.createdAt,
              updated_at: s.createdAt,
              log_url: s.logUrl,
              target_url: s.logUrl,
              environment: d.environment,
            },
            deployment: {
              id: d.databaseId,
              sha: d.sha,
              ref: h.defaultBranch,
              environment: d.environment,
              created_at: d.createdAt,
              updated_at: s.createdAt,
              creator: { login: d.creator },
            },
          },
          d.creator,
        );
      }
    }
    for (let k = 0; k < h.commits.length; k += 3) {
      const group = h.commits.slice(k, k + 3);
      const head = group[group.length - 1] as Commit;
      const before = k === 0 ? '0'.repeat(40) : (h.commits[k - 1] as Commit).oid;
      add(
        'push',
        head.committedDate,
        {
          ref: `refs/heads/${h.defaultBranch}`,
          before,
          after: head.oid,
          created: k === 0,
          deleted: false,
          forced: false,
          compare: `https://github.com/${h.repository}/compare/${before.slice(0, 12)}...${head.oid.slice(0, 12)}`,
          commits: group.map((c) => ({
            id: c.oid,
            message: c.message,
            timestamp: c.committedDate,
            url: c.url,
            author: { name: c.author, username: c.author },
            distinct: true,
          })),
          head_commit: {
            id: head.oid,
            message: head.message,
            timestamp: head.committedDate,
            url: head.url,
            author: { name: head.author, username: head.author },
          },
          pusher: { name: head.author },
        },
        head.author,
      );
    }
    for (const i of h.issues) {
      const issue = (at: string, closed: boolean) => ({
        number: i.number,
        node_id: i.nodeId,
        html_url: i.url,
        title: i.title,
        body: i.body,
        user: { login: owner },
        state: closed ? 'closed' : 'open',
        labels: i.labels.map((l) => ({ name: l })),
        created_at: i.createdAt,
        updated_at: at,
        closed_at: closed ? i.closedAt : null,
      });
      add('issues', i.createdAt, { action: 'opened', issue: issue(i.createdAt, false) }, owner);
      if (i.closedAt) add('issues', i.closedAt, { action: 'closed', issue: issue(i.closedAt, true) }, owner);
    }
    return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }
}

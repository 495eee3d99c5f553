import type { DeploymentSchema, PipelineSchema, ProjectHookSchema } from '@gitbeaker/core';
import { execute, parse, validate } from 'graphql';
import { gitlabSchema } from './gitlabSchema';

/**
 * A fake GitLab (gitlab.com or a self-managed instance: any host named gitlab…) for the sync and setup: REST
 * under /api/v4 (pipelines, deployments, project hooks) and GraphQL at /api/graphql, answered from a generated
 * history. It checks requests as GitLab would: the token (`PRIVATE-TOKEN` or `Authorization: Bearer`), the paths
 * and their parameters (values GitLab accepts, `per_page` ≤ 100), GraphQL validated against the schema written
 * from GitLab's reference (gitlabSchema.ts, `first` ≤ 100), hooks writes only with the `api` scope; it pages
 * with X-Next-Page and Link, reports RateLimit-* headers and answers 429 with Retry-After when told to. REST
 * answers are typed with @gitbeaker/core's resource schemas, so a drift from GitLab's shapes fails the build.
 */

export interface FakeGitLabProjectSpec {
  path: string;
  /** The history ends here (ISO). */
  now: string;
  mergeRequests?: number;
  /** Approvers per merge request (each with an "approved this merge request" system note). */
  approvalsPerMr?: number;
  /** Review comments per merge request. */
  commentsPerMr?: number;
  pipelines?: number;
  deployments?: number;
  /** GitLab incidents (type INCIDENT), and issues labelled `incident`. */
  incidents?: number;
  labelledIncidents?: number;
}

export interface FakeGitLabConfig {
  projects?: FakeGitLabProjectSpec[];
  /** The token GitLab accepts; default `glpat-fake-token`; null: any (the demo's). */
  token?: string | null;
  /** The token's scopes: `read_api` cannot manage hooks (403), `api` can. */
  scopes?: string[];
  /** Requests allowed in this window, and when it resets (epoch seconds). */
  rateLimit?: { limit: number; remaining?: number; resetAt?: number };
  /** After this many more requests, answer 429 with this Retry-After (seconds) to the next one, once. */
  throttle?: { after: number; retryAfter: number };
}

export interface FakeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Note {
  id: string;
  body: string;
  system: boolean;
  createdAt: string;
  updatedAt: string;
  author: { id: string; username: string; name: string };
}

interface Mr {
  iid: number;
  title: string;
  state: string;
  draft: boolean;
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  webUrl: string;
  author: string;
  approvers: string[];
  reviewers: string[];
  additions: number;
  deletions: number;
  files: number;
  notes: Note[];
}

interface IssueItem {
  iid: number;
  title: string;
  state: string;
  type: 'INCIDENT' | 'ISSUE';
  description: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  webUrl: string;
  labels: string[];
}

interface Project {
  id: number;
  path: string;
  mrs: Mr[];
  issues: IssueItem[];
  pipelines: PipelineSchema[];
  deployments: DeploymentSchema[];
  hooks: ProjectHookSchema[];
}

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const user = (username: string) => ({ id: `gid://gitlab/User/${[...username].reduce((a, c) => a + c.charCodeAt(0), 0)}`, username, name: username });
const HOOK_FIELDS = [
  'url',
  'token',
  'name',
  'description',
  'push_events',
  'push_events_branch_filter',
  'issues_events',
  'confidential_issues_events',
  'merge_requests_events',
  'tag_push_events',
  'note_events',
  'confidential_note_events',
  'job_events',
  'pipeline_events',
  'wiki_page_events',
  'deployment_events',
  'releases_events',
  'feature_flag_events',
  'emoji_events',
  'resource_access_token_events',
  'enable_ssl_verification',
  'custom_webhook_template',
  'custom_headers',
  'url_variables',
] as const;

export class FakeGitLab {
  private projects = new Map<string, Project>();
  private token: string | null = 'glpat-fake-token';
  private scopes = ['api'];
  private limit = 2000;
  private remaining = 2000;
  private resetAt = 0;
  private throttle: { after: number; retryAfter: number } | null = null;
  private nextHookId = 1;
  /** Every request received: `GET /api/v4/…`, `POST /api/graphql`. */
  readonly requests: Array<{ method: string; path: string; query: Record<string, string> }> = [];
  readonly queries: Array<{ query: string; variables: Record<string, unknown> }> = [];

  configure(config: FakeGitLabConfig): void {
    if (config.token !== undefined) this.token = config.token;
    if (config.scopes !== undefined) this.scopes = config.scopes;
    if (config.rateLimit) {
      this.limit = config.rateLimit.limit;
      this.remaining = config.rateLimit.remaining ?? config.rateLimit.limit;
      this.resetAt = config.rateLimit.resetAt ?? 0;
    }
    if (config.throttle !== undefined) this.throttle = config.throttle;
    for (const spec of config.projects ?? []) this.projects.set(spec.path.toLowerCase(), this.generate(spec, this.projects.size + 1));
  }

  hooks(path: string): ProjectHookSchema[] {
    return this.projects.get(path.toLowerCase())?.hooks ?? [];
  }

  private generate(spec: FakeGitLabProjectSpec, n: number): Project {
    const end = Date.parse(spec.now);
    const web = `https://gitlab.com/${spec.path}`;
    const id = 1000 + n;
    const count = spec.mergeRequests ?? 0;
    const mrs: Mr[] = [];
    let noteId = id * 100_000;
    for (let i = 1; i <= count; i++) {
      const created = end - (count - i + 2) * HOUR;
      const merged = i % 4 !== 0;
      const approvers = Array.from({ length: spec.approvalsPerMr ?? 0 }, (_, k) => `reviewer-${(i + k) % 5}`);
      const notes: Note[] = [];
      for (let k = 0; k < (spec.commentsPerMr ?? 0); k++) {
        const at = iso(created + (10 + k) * 60_000);
        notes.push({
          id: `gid://gitlab/DiffNote/${++noteId}`,
          body: `Comment ${k + 1}`,
          system: false,
          createdAt: at,
          updatedAt: at,
          author: user(`reviewer-${(i + k + 1) % 5}`),
        });
      }
      approvers.forEach((who, k) => {
        const at = iso(created + (30 + k) * 60_000);
        notes.push({
          id: `gid://gitlab/Note/${++noteId}`,
          body: 'approved this merge request',
          system: true,
          createdAt: at,
          updatedAt: at,
          author: user(who),
        });
      });
      mrs.push({
        iid: i,
        title: `Change ${i}`,
        state: merged ? 'merged' : 'opened',
        draft: false,
        createdAt: iso(created),
        updatedAt: iso(created + HOUR),
        mergedAt: merged ? iso(created + HOUR) : null,
        closedAt: merged ? iso(created + HOUR) : null,
        webUrl: `${web}/-/merge_requests/${i}`,
        author: `dev-${i % 3}`,
        approvers,
        reviewers: approvers,
        additions: 10 * i,
        deletions: i,
        files: 1 + (i % 7),
        notes,
      });
    }
    const issues: IssueItem[] = [];
    const incident = (iid: number, type: 'INCIDENT' | 'ISSUE', k: number, labels: string[]) => {
      const opened = end - (k + 1) * 20 * HOUR;
      issues.push({
        iid,
        title: `Outage ${iid}`,
        state: 'closed',
        type,
        description: `Service down.\n\nroot cause: ${'a'.repeat(7)}${k}`,
        createdAt: iso(opened),
        updatedAt: iso(opened + 2 * HOUR),
        closedAt: iso(opened + 2 * HOUR),
        webUrl: `${web}/-/issues/${iid}`,
        labels,
      });
    };
    for (let k = 0; k < (spec.incidents ?? 0); k++) incident(1000 + k, 'INCIDENT', k, []);
    for (let k = 0; k < (spec.labelledIncidents ?? 0); k++) incident(2000 + k, 'ISSUE', k, ['incident']);
    const pipelines: PipelineSchema[] = Array.from({ length: spec.pipelines ?? 0 }, (_, k) => {
      const at = end - (k + 1) * 3 * HOUR;
      return {
        id: id * 1000 + k,
        iid: k + 1,
        project_id: id,
        sha: (id * 1000 + k).toString(16).padStart(40, '0'),
        ref: 'main',
        status: k % 5 === 4 ? 'failed' : 'success',
        source: 'push',
        name: 'deploy',
        created_at: iso(at),
        updated_at: iso(at + 10 * 60_000),
        web_url: `${web}/-/pipelines/${id * 1000 + k}`,
      };
    });
    const deployments = Array.from({ length: spec.deployments ?? 0 }, (_, k): DeploymentSchema => {
      const at = end - (k + 1) * 3 * HOUR;
      const status = k % 5 === 4 ? 'failed' : 'success';
      return {
        id: id * 10_000 + k,
        iid: k + 1,
        ref: 'main',
        sha: (id * 1000 + k).toString(16).padStart(40, '0'),
        created_at: iso(at),
        updated_at: iso(at + 12 * 60_000),
        status,
        user: {
          id: 1,
          name: 'Deployer',
          username: 'deployer',
          state: 'active',
          avatar_url: '',
          web_url: 'https://gitlab.com/deployer',
          created_at: iso(0),
        },
        deployable: {
          id: k,
          status,
          stage: 'deploy',
          name: 'deploy',
          ref: 'main',
          tag: false,
          created_at: iso(at),
          started_at: iso(at),
          finished_at: iso(at + 12 * 60_000),
          web_url: `${web}/-/jobs/${k}`,
        } as unknown as DeploymentSchema['deployable'],
        environment: {
          id: 1,
          name: 'production',
          slug: 'production',
          external_url: 'https://app.example',
          state: 'available',
          tier: 'production',
        } as unknown as DeploymentSchema['environment'],
      };
    });
    return { id, path: spec.path, mrs, issues, pipelines, deployments, hooks: [] };
  }

  private answer(status: number, body: unknown, headers: Record<string, string> = {}): FakeAnswer {
    return {
      status,
      headers: {
        'Content-Type': 'application/json',
        'RateLimit-Limit': String(this.limit),
        'RateLimit-Remaining': String(Math.max(0, this.remaining)),
        'RateLimit-Observed': String(this.limit - Math.max(0, this.remaining)),
        'RateLimit-Reset': String(this.resetAt),
        ...headers,
      },
      body: JSON.stringify(body),
    };
  }

  /** Auth and rate limit, shared by REST and GraphQL: an error answer, or null to go on. */
  private gate(headers: Record<string, string>, needsApi: boolean): FakeAnswer | null {
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers['authorization'] ?? '')?.[1];
    const token = headers['private-token'] ?? bearer;
    if (!token || (this.token !== null && token !== this.token)) return this.answer(401, { message: '401 Unauthorized' });
    if (this.throttle) {
      if (this.throttle.after <= 0) {
        const retry = this.throttle.retryAfter;
        this.throttle = null;
        return this.answer(429, { message: 'Retry later' }, { 'Retry-After': String(retry) });
      }
      this.throttle.after--;
    }
    if (this.remaining <= 0) return this.answer(429, { message: 'Retry later' }, { 'Retry-After': '60' });
    this.remaining--;
    if (needsApi && !this.scopes.includes('api')) {
      return this.answer(403, {
        error: 'insufficient_scope',
        error_description: 'The request requires higher privileges than provided by the access token.',
        scope: 'api',
      });
    }
    return null;
  }

  handle(method: string, path: string, query: Record<string, string>, headers: Record<string, string>, body: string): FakeAnswer {
    this.requests.push({ method, path, query });
    if (path === '/api/graphql') return method === 'POST' ? this.graphql(headers, body) : this.answer(404, { message: '404 Not Found' });
    const m = /^\/api\/v4\/projects\/([^/]+)\/(pipelines|deployments|hooks)(?:\/(\d+))?$/.exec(path);
    if (!m) return this.answer(404, { error: '404 Not Found' });
    const writes = method !== 'GET';
    const denied = this.gate(headers, m[2] === 'hooks');
    if (denied) return denied;
    const key = decodeURIComponent(m[1] ?? '');
    const project = [...this.projects.values()].find((p) => p.path.toLowerCase() === key.toLowerCase() || String(p.id) === key);
    if (!project) return this.answer(404, { message: '404 Project Not Found' });
    if (m[2] === 'hooks') return this.hooksRoute(project, method, m[3], body);
    if (writes) return this.answer(405, { message: '405 Method Not Allowed' });
    const bad = this.checkListParams(m[2] as 'pipelines' | 'deployments', query);
    if (bad) return this.answer(400, { error: bad });
    const since = query['updated_after'] ? Date.parse(query['updated_after']) : -Infinity;
    const items = (m[2] === 'pipelines' ? project.pipelines : project.deployments)
      .filter((i) => Date.parse(i.updated_at) >= since)
      .sort((a, b) => (query['sort'] === 'desc' ? -1 : 1) * (Date.parse(a.updated_at) - Date.parse(b.updated_at)));
    return this.page(items, query, path);
  }

  private checkListParams(resource: 'pipelines' | 'deployments', query: Record<string, string>): string | null {
    const allowed =
      resource === 'pipelines'
        ? [
            'scope',
            'status',
            'source',
            'ref',
            'sha',
            'yaml_errors',
            'username',
            'updated_after',
            'updated_before',
            'name',
            'order_by',
            'sort',
            'page',
            'per_page',
          ]
        : ['order_by', 'sort', 'updated_after', 'updated_before', 'finished_after', 'finished_before', 'environment', 'status', 'page', 'per_page'];
    for (const k of Object.keys(query)) if (!allowed.includes(k)) return `${k} is not a parameter of GET /projects/:id/${resource}`;
    const orders =
      resource === 'pipelines' ? ['id', 'status', 'ref', 'updated_at', 'user_id'] : ['id', 'iid', 'created_at', 'updated_at', 'finished_at', 'ref'];
    if (query['order_by'] !== undefined && !orders.includes(query['order_by'])) return 'order_by does not have a valid value';
    if (query['sort'] !== undefined && !['asc', 'desc'].includes(query['sort'])) return 'sort does not have a valid value';
    for (const k of ['page', 'per_page']) if (query[k] !== undefined && !/^[1-9]\d*$/.test(query[k] ?? '')) return `${k} is invalid`;
    for (const k of ['updated_after', 'updated_before'])
      if (query[k] !== undefined && !Number.isFinite(Date.parse(query[k] ?? ''))) return `${k} is invalid`;
    // GitLab: "updated_after/updated_before require order_by to be updated_at" for deployments.
    if (resource === 'deployments' && (query['updated_after'] || query['updated_before']) && query['order_by'] !== 'updated_at') {
      return '`updated_at` filter and `updated_at` sorting must be paired';
    }
    return null;
  }

  private page<T>(items: T[], query: Record<string, string>, path: string): FakeAnswer {
    const perPage = Math.min(100, Number(query['per_page'] ?? 20));
    const page = Number(query['page'] ?? 1);
    const totalPages = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const next = page < totalPages ? String(page + 1) : '';
    const link = (p: number) => `<https://gitlab.com${path}?${new URLSearchParams({ ...query, page: String(p), per_page: String(perPage) })}>`;
    const links = [...(next ? [`${link(page + 1)}; rel="next"`] : []), `${link(1)}; rel="first"`, `${link(totalPages)}; rel="last"`];
    return this.answer(200, slice, {
      'X-Page': String(page),
      'X-Per-Page': String(perPage),
      'X-Next-Page': next,
      'X-Prev-Page': page > 1 ? String(page - 1) : '',
      'X-Total': String(items.length),
      'X-Total-Pages': String(totalPages),
      Link: links.join(', '),
    });
  }

  private hooksRoute(project: Project, method: string, hookId: string | undefined, text: string): FakeAnswer {
    if (method === 'GET' && !hookId) return this.answer(200, project.hooks);
    let body: Record<string, unknown>;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return this.answer(400, { error: 'the body is not JSON' });
    }
    const unknown = Object.keys(body).filter((k) => !(HOOK_FIELDS as readonly string[]).includes(k));
    if (unknown.length > 0) return this.answer(400, { error: `${unknown.join(', ')} does not have a valid value` });
    for (const [k, v] of Object.entries(body))
      if (k.endsWith('_events') || k === 'enable_ssl_verification') if (typeof v !== 'boolean') return this.answer(400, { error: `${k} is invalid` });
    if (method === 'POST' && !hookId) {
      if (typeof body['url'] !== 'string' || !/^https?:\/\//.test(body['url'])) return this.answer(400, { error: 'url is missing, url is invalid' });
      const hook = this.hookOf(project, this.nextHookId++, body, null);
      project.hooks.push(hook);
      return this.answer(201, hook);
    }
    const index = project.hooks.findIndex((h) => String(h.id) === hookId);
    if (index < 0) return this.answer(404, { message: '404 Not found' });
    if (method === 'GET') return this.answer(200, project.hooks[index]);
    if (method === 'PUT') {
      const hook = this.hookOf(project, Number(hookId), body, project.hooks[index] ?? null);
      project.hooks[index] = hook;
      return this.answer(200, hook);
    }
    return this.answer(405, { message: '405 Method Not Allowed' });
  }

  private hookOf(project: Project, id: number, body: Record<string, unknown>, old: ProjectHookSchema | null): ProjectHookSchema {
    const flag = (k: string, d: boolean) => (typeof body[k] === 'boolean' ? (body[k] as boolean) : old ? (old[k] as boolean) : d);
    return {
      id,
      url: typeof body['url'] === 'string' ? body['url'] : (old?.url ?? ''),
      created_at: old?.created_at ?? new Date().toISOString(),
      push_events: flag('push_events', true),
      push_events_branch_filter: '',
      tag_push_events: flag('tag_push_events', false),
      merge_requests_events: flag('merge_requests_events', false),
      repository_update_events: false,
      enable_ssl_verification: flag('enable_ssl_verification', true),
      issues_events: flag('issues_events', false),
      confidential_issues_events: flag('confidential_issues_events', false),
      note_events: flag('note_events', false),
      confidential_note_events: flag('confidential_note_events', false),
      job_events: flag('job_events', false),
      pipeline_events: flag('pipeline_events', false),
      wiki_page_events: flag('wiki_page_events', false),
      deployment_events: flag('deployment_events', false),
      releases_events: flag('releases_events', false),
      alert_status: 'executable',
      url_variables: [],
      projectId: project.id,
    };
  }

  private graphql(headers: Record<string, string>, text: string): FakeAnswer {
    const denied = this.gate(headers, false);
    if (denied) return denied;
    let request: { query?: unknown; variables?: unknown };
    try {
      request = JSON.parse(text) as typeof request;
    } catch {
      return this.answer(400, { errors: [{ message: 'Invalid JSON' }] });
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
    const invalid = validate(gitlabSchema(), document);
    if (invalid.length > 0) return this.answer(200, { errors: invalid.map((e) => ({ message: e.message, locations: e.locations })) });
    const result = execute({
      schema: gitlabSchema(),
      document,
      variableValues: variables,
      rootValue: { project: ({ fullPath }: { fullPath: string }) => this.projectNode(fullPath) },
    });
    if (result instanceof Promise) return this.answer(500, { errors: [{ message: 'asynchronous resolver' }] });
    return this.answer(200, JSON.parse(JSON.stringify(result)));
  }

  private projectNode(fullPath: string): unknown {
    const project = this.projects.get(fullPath.toLowerCase());
    if (!project) return null;
    const since = (args: { updatedAfter?: string }) => (args.updatedAfter ? Date.parse(args.updatedAfter) : -Infinity);
    return {
      id: `gid://gitlab/Project/${project.id}`,
      fullPath: project.path,
      name: project.path.split('/').pop(),
      webUrl: `https://gitlab.com/${project.path}`,
      mergeRequests: (args: { updatedAfter?: string; sort?: string; first?: number; after?: string }) => {
        const items = project.mrs
          .filter((m) => Date.parse(m.updatedAt) >= since(args))
          .sort(
            order(
              args.sort,
              (m) => m.updatedAt,
              (m) => m.createdAt,
            ),
          );
        return connection(items, args, (m) => ({
          ...m,
          id: `gid://gitlab/MergeRequest/${project.id * 100_000 + m.iid}`,
          iid: String(m.iid),
          author: user(m.author),
          approved: m.approvers.length > 0,
          sourceBranch: `change-${m.iid}`,
          description: `Change ${m.iid}, generated by the fake.`,
          targetBranch: 'main',
          approvedBy: (a: PageArgs) => connection(m.approvers.map(user), a, (u) => u),
          reviewers: (a: PageArgs) => connection(m.reviewers.map(user), a, (u) => u),
          diffStatsSummary: { additions: m.additions, deletions: m.deletions, changes: m.additions + m.deletions, fileCount: m.files },
          notes: (a: PageArgs) => connection(m.notes, a, (n) => n),
        }));
      },
      issues: (args: { updatedAfter?: string; sort?: string; types?: string[]; labelName?: string[]; first?: number; after?: string }) => {
        const items = project.issues
          .filter((i) => Date.parse(i.updatedAt) >= since(args))
          .filter((i) => !args.types || args.types.includes(i.type))
          .filter((i) => !args.labelName || args.labelName.every((l) => i.labels.includes(l)))
          .sort(
            order(
              args.sort,
              (i) => i.updatedAt,
              (i) => i.createdAt,
            ),
          );
        return connection(items, args, (i) => ({
          ...i,
          id: `gid://gitlab/Issue/${project.id * 100_000 + i.iid}`,
          iid: String(i.iid),
          labels: (a: PageArgs) =>
            connection(
              i.labels.map((title, k) => ({ id: `gid://gitlab/ProjectLabel/${k}`, title, color: '#dc143c' })),
              a,
              (l) => l,
            ),
        }));
      },
    };
  }
}

interface PageArgs {
  first?: number;
  after?: string;
}

/** GitLab's default and largest page is 100; more is an error, as GitLab answers it. */
function connection<T, N>(items: T[], args: PageArgs, node: (item: T) => N) {
  if (args.first !== undefined && args.first !== null && (args.first < 0 || args.first > 100)) {
    throw new Error('Field first must be between 0 and 100 (max_page_size)');
  }
  const start = args.after ? Number(/^cursor:(\d+)$/.exec(Buffer.from(args.after, 'base64').toString('utf8'))?.[1] ?? NaN) + 1 : 0;
  if (!Number.isFinite(start)) throw new Error(`Invalid cursor ${args.after}`);
  const size = args.first ?? 100;
  const slice = items.slice(start, start + size);
  const end = start + slice.length - 1;
  return {
    count: items.length,
    pageInfo: {
      hasNextPage: start + size < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? Buffer.from(`cursor:${start}`).toString('base64') : null,
      endCursor: slice.length ? Buffer.from(`cursor:${end}`).toString('base64') : null,
    },
    nodes: slice.map(node),
  };
}

function order<T>(sort: string | undefined, updated: (t: T) => string, created: (t: T) => string): (a: T, b: T) => number {
  const s = (sort ?? 'created_desc').toLowerCase();
  const key = s.startsWith('updated') ? updated : created;
  const dir = s.endsWith('asc') ? 1 : -1;
  return (a, b) => dir * (Date.parse(key(a)) - Date.parse(key(b)));
}

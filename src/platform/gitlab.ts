import { ConfigError } from '../domain/errors';
import type { HttpClient, HttpResponse } from './urlfetch';

/**
 * GitLab's APIs over the shared HttpClient: GraphQL at `<root>/api/graphql` (Authorization: Bearer) and REST
 * under `<root>/api/v4` (PRIVATE-TOKEN), for gitlab.com and self-managed instances alike (GITLAB_API_URL).
 * Answers are classified here so the sync only decides: go on, stop until a time, or give up on a project.
 */

export type GitLabAnswer =
  | { kind: 'ok'; data: unknown; next: string | null; remaining: number | null; resetAt: Date | null }
  | { kind: 'rate-limited'; resumeAt: Date; message: string }
  | { kind: 'failed'; status: number; message: string };

export interface GitLabApi {
  readonly root: string;
  graphql(query: string, variables: Record<string, unknown>): GitLabAnswer;
  /** A GET under /api/v4; `next` is the page after this one (X-Next-Page, or the Link header's rel="next"). */
  get(path: string, params: Record<string, string | number>): GitLabAnswer;
  /** A write under /api/v4 (setup's project hooks). */
  send(method: 'post' | 'put', path: string, body: Record<string, unknown>): GitLabAnswer;
}

export function gitLabApi(http: HttpClient, options: { root: string; token: string | undefined; now: () => Date }): GitLabApi {
  if (!options.token) throw new ConfigError('GITLAB_TOKEN is not set: add a GitLab token with the read_api scope to the Script Properties');
  const token = options.token;
  const root = options.root;
  const query = (params: Record<string, string | number>) =>
    Object.entries(params)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
  return {
    root,
    graphql(text, variables) {
      const response = http.request({
        url: `${root}/api/graphql`,
        method: 'post',
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        json: { query: text, variables },
      });
      return classifyGitLab(response, options.now());
    },
    get(path, params) {
      const q = query(params);
      const url = /^https?:\/\//.test(path) ? path : `${root}/api/v4${path}${q ? `?${q}` : ''}`;
      return classifyGitLab(http.request({ url, method: 'get', headers: { 'PRIVATE-TOKEN': token, Accept: 'application/json' } }), options.now());
    },
    send(method, path, body) {
      return classifyGitLab(
        http.request({ url: `${root}/api/v4${path}`, method, headers: { 'PRIVATE-TOKEN': token, Accept: 'application/json' }, json: body }),
        options.now(),
      );
    },
  };
}

/**
 * GitLab's ways of saying "not now": 429 with Retry-After (seconds) and RateLimit-Reset (epoch seconds); a
 * RateLimit-Remaining near 0 is a warning the sync heeds before the 429. A wait we cannot read is a minute.
 */
export function classifyGitLab(response: HttpResponse, now: Date): GitLabAnswer {
  const h = response.headers;
  const num = (name: string): number | null => {
    const v = h[name];
    return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null;
  };
  const reset = num('ratelimit-reset');
  const resetAt = reset !== null && reset > 0 ? new Date(reset * 1000) : null;
  const remaining = num('ratelimit-remaining');
  let body: { data?: unknown; errors?: Array<{ message?: string }>; message?: unknown; error?: unknown } | unknown[] = {};
  try {
    body = JSON.parse(response.text) as typeof body;
  } catch {
    // Not JSON (a proxy's HTML error page): the status says enough.
  }
  const obj = Array.isArray(body) ? {} : body;
  const message =
    (typeof obj.message === 'string' ? obj.message : obj.message ? JSON.stringify(obj.message) : undefined) ??
    (typeof obj.error === 'string' ? obj.error : undefined) ??
    obj.errors?.map((e) => e.message).join('; ') ??
    `HTTP ${response.status}`;

  if (response.status === 401) throw new ConfigError(`GitLab refused GITLAB_TOKEN (401: ${message}): set a valid token with the read_api scope`);
  if (response.status === 429) {
    const retry = num('retry-after');
    const resumeAt = retry !== null ? new Date(now.getTime() + retry * 1000) : (resetAt ?? new Date(now.getTime() + 60_000));
    return { kind: 'rate-limited', resumeAt, message };
  }
  if (response.status < 200 || response.status >= 300)
    return { kind: 'failed', status: response.status, message: `GitLab answered ${response.status}: ${message}` };
  if (!Array.isArray(body) && body.errors && body.errors.length > 0)
    return { kind: 'failed', status: response.status, message: `GitLab GraphQL error: ${message}` };
  const nextPage = h['x-next-page'];
  const link = /<([^>]+)>;\s*rel="next"/.exec(h['link'] ?? '')?.[1];
  const next = nextPage ? nextPage : (link ?? null);
  return { kind: 'ok', data: Array.isArray(body) ? body : (body.data ?? body), next, remaining, resetAt };
}

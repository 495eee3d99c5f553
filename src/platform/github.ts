import { ConfigError } from '../domain/errors';
import type { HttpClient, HttpResponse } from './urlfetch';

/**
 * GitHub's GraphQL API over the shared HttpClient. GITHUB_API_URL is the REST root: `https://api.github.com`
 * (GraphQL at `/graphql`) or GitHub Enterprise Server's `https://HOST/api/v3` (GraphQL at `/api/graphql`).
 * Answers are classified here so the sync only decides what to do: go on, stop until a time, or give up on a
 * repository for this run.
 */

export const DEFAULT_API_URL = 'https://api.github.com';

export type GraphQLAnswer =
  | { kind: 'ok'; data: unknown; remaining: number | null; resetAt: Date | null }
  | { kind: 'rate-limited'; resumeAt: Date; message: string }
  | { kind: 'failed'; message: string };

export interface GitHubGraphQL {
  readonly endpoint: string;
  query(query: string, variables: Record<string, unknown>): GraphQLAnswer;
}

export function graphqlEndpoint(apiUrl: string | undefined): string {
  const base = (apiUrl || DEFAULT_API_URL).trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(base))
    throw new ConfigError(`GITHUB_API_URL must be a URL such as ${DEFAULT_API_URL} or https://github.example.com/api/v3, got "${base}"`);
  // GHES serves REST under /api/v3 and GraphQL beside it under /api/graphql.
  if (/\/api\/v3$/.test(base)) return base.replace(/\/v3$/, '/graphql');
  return `${base}/graphql`;
}

export function gitHubGraphQL(http: HttpClient, options: { apiUrl: string | undefined; token: string | undefined; now: () => Date }): GitHubGraphQL {
  if (!options.token) throw new ConfigError('GITHUB_TOKEN is not set: add a token that can read the repositories to the Script Properties');
  const endpoint = graphqlEndpoint(options.apiUrl);
  const token = options.token;
  return {
    endpoint,
    query(query, variables) {
      const response = http.request({
        url: endpoint,
        method: 'post',
        headers: { Authorization: `bearer ${token}`, Accept: 'application/json' },
        json: { query, variables },
      });
      return classify(response, options.now());
    },
  };
}

/**
 * GitHub's ways of saying "not now": 403 or 429 with Retry-After (secondary limits), X-RateLimit-Remaining 0
 * with X-RateLimit-Reset (primary), or a 200 whose GraphQL errors say RATE_LIMITED. A wait we cannot read is
 * taken as a minute, GitHub's advice for secondary limits without Retry-After.
 */
export function classify(response: HttpResponse, now: Date): GraphQLAnswer {
  const h = response.headers;
  const reset = Number(h['x-ratelimit-reset']);
  const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : null;
  const remainingHeader = h['x-ratelimit-remaining'];
  const remaining =
    remainingHeader !== undefined && remainingHeader !== '' && Number.isFinite(Number(remainingHeader)) ? Number(remainingHeader) : null;
  const retryAfter = Number(h['retry-after']);
  const waitUntil = (): Date => {
    if (Number.isFinite(retryAfter) && retryAfter >= 0 && h['retry-after'] !== undefined) return new Date(now.getTime() + retryAfter * 1000);
    if (remaining === 0 && resetAt) return resetAt;
    return new Date(now.getTime() + 60_000);
  };
  let body: { data?: unknown; errors?: Array<{ type?: string; message?: string }>; message?: string } = {};
  try {
    body = JSON.parse(response.text) as typeof body;
  } catch {
    // Not JSON (an HTML error page from a proxy, a 502): the status says enough.
  }
  const message = body.message ?? body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;

  if (response.status === 401) throw new ConfigError(`GitHub refused GITHUB_TOKEN (401: ${message}): set a valid token in the Script Properties`);
  if (response.status === 429 || (response.status === 403 && (h['retry-after'] !== undefined || remaining === 0 || /rate limit/i.test(message)))) {
    return { kind: 'rate-limited', resumeAt: waitUntil(), message };
  }
  if (body.errors?.some((e) => e.type === 'RATE_LIMITED')) return { kind: 'rate-limited', resumeAt: waitUntil(), message };
  if (response.status !== 200) return { kind: 'failed', message: `GitHub answered ${response.status}: ${message}` };
  if (body.errors && body.errors.length > 0) return { kind: 'failed', message: `GitHub GraphQL error: ${message}` };
  if (body.data === undefined || body.data === null) return { kind: 'failed', message: 'GitHub answered without data' };
  const rateLimit = (body.data as { rateLimit?: { remaining?: number; resetAt?: string } }).rateLimit;
  return {
    kind: 'ok',
    data: body.data,
    remaining: typeof rateLimit?.remaining === 'number' ? rateLimit.remaining : remaining,
    resetAt: rateLimit?.resetAt ? new Date(Date.parse(rateLimit.resetAt)) : resetAt,
  };
}

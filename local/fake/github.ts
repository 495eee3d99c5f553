import { parseSelection, type Selection } from './graphqlSelection';
import { FakeGitHub, type FakeRepoSpec } from './githubModel';
import { FakeGitHubRest } from './githubRest';
import { header, json, type FakeRequest, type FakeResponse } from './types';

/**
 * GitHub's API (api.github.com, or GitHub Enterprise Server's /api/v3 and /api/graphql on any host). A GraphQL
 * query about one of the repositories below (`$owner`/`$name` in its variables) is answered from a generated
 * history through GitHub's real schema (githubModel.ts); any other query gets its own shape with empty
 * connections, a rateLimit and a viewer. REST answers [] for collections and {} otherwise, with X-RateLimit
 * headers.
 */
const LOGIN = 'shinchoku-bot';

/**
 * The fake's repositories: the demo team's two (reviewers are the demo members' GitHub logins, so review
 * requests map to their Slack ids), and the benchmark's one with 500 PRs and 1,500 reviews. Their history leads
 * up to the start of the current day (UTC), so it stays put between syncs of one day.
 */
export const FAKE_REPOSITORIES = {
  demoApp: 'shinchoku-demo/app',
  demoWeb: 'shinchoku-demo/web',
  bench: 'shinchoku-bench/pulls-500',
} as const;

function catalogue(anchor: string): FakeRepoSpec[] {
  return [
    {
      repository: FAKE_REPOSITORIES.demoApp,
      now: anchor,
      pulls: 45,
      reviewsPerPull: 2,
      deployments: 24,
      commits: 90,
      incidents: 3,
      otherIssues: 4,
      largePulls: [44],
    },
    { repository: FAKE_REPOSITORIES.demoWeb, now: anchor, pulls: 25, reviewsPerPull: 1, deployments: 12, commits: 50, incidents: 1, otherIssues: 2 },
    { repository: FAKE_REPOSITORIES.bench, now: anchor, pulls: 500, reviewsPerPull: 3 },
  ];
}

/** Webhooks and commit line counts, as GitHub's REST API keeps them (githubRest.ts). */
const rest = new FakeGitHubRest();

/** One model per process and day: its rate-limit points go down as requests come, as GitHub's do. */
const models = new Map<string, FakeGitHub>();

function modelAt(now: number): FakeGitHub {
  const anchor = new Date(Math.floor(now / 86_400_000) * 86_400_000).toISOString();
  let model = models.get(anchor);
  if (!model) {
    model = new FakeGitHub();
    model.configure({ repos: catalogue(anchor), resetAt: new Date(Math.floor(now / 3_600_000 + 1) * 3_600_000).toISOString() });
    models.set(anchor, model);
  }
  return model;
}

function repositoryOf(text: string): string | null {
  try {
    const variables = (JSON.parse(text) as { variables?: Record<string, unknown> }).variables ?? {};
    return typeof variables['owner'] === 'string' && typeof variables['name'] === 'string' ? `${variables['owner']}/${variables['name']}` : null;
  } catch {
    return null;
  }
}

export function isGitHubApi(url: URL): boolean {
  return url.hostname === 'api.github.com' || /^\/api\/(v3(\/|$)|graphql\/?$)/.test(url.pathname);
}

export function github(req: FakeRequest): FakeResponse {
  const path = req.url.hostname === 'api.github.com' ? req.url.pathname : req.url.pathname.replace(/^\/api(\/v3)?/, '') || '/';
  const authed = /^(token|bearer)\s+\S+/i.test(header(req, 'authorization') ?? '');
  const resetAt = Math.floor(req.now / 3600000 + 1) * 3600;
  const limit = authed ? 5000 : 60;
  const used = Math.min(limit, (req.seq % limit) + 1);
  const rate = (resource: string) => ({
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(limit - used),
    'X-RateLimit-Used': String(used),
    'X-RateLimit-Reset': String(resetAt),
    'X-RateLimit-Resource': resource,
    'X-GitHub-Request-Id': `FAKE:${req.seq}`,
  });

  if (path === '/graphql' || path === '/graphql/') {
    const repository = req.method === 'POST' ? repositoryOf(req.text) : null;
    const model = modelAt(req.now);
    if (repository && model.hasRepository(repository)) {
      const answered = model.graphql(req.method, header(req, 'authorization'), req.text);
      return { status: answered.status, headers: answered.headers, body: answered.body };
    }
    if (req.method !== 'POST') return json(404, { message: 'Not Found' }, rate('graphql'));
    if (!authed)
      return json(
        401,
        {
          message: 'This endpoint requires you to be authenticated.',
          documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
        },
        rate('graphql'),
      );
    let query = '';
    try {
      query = String((JSON.parse(req.text) as { query?: unknown }).query ?? '');
    } catch {
      return json(400, { message: 'Problems parsing JSON' }, rate('graphql'));
    }
    const context = { remaining: limit - used, resetAt: new Date(resetAt * 1000).toISOString(), used };
    return json(200, { data: answer(parseSelection(query), context) }, rate('graphql'));
  }

  if (path === '/rate_limit') {
    const core = { limit, remaining: limit - used, reset: resetAt, used };
    return json(200, { resources: { core, graphql: core, search: { limit: 30, remaining: 30, reset: resetAt, used: 0 } }, rate: core }, rate('core'));
  }
  const restAnswer = rest.handle(req.method, path + req.url.search, header(req, 'authorization'), req.text, req.now);
  if (restAnswer)
    return restAnswer.status === 204
      ? { status: 204, headers: rate('core'), body: '' }
      : json(restAnswer.status, restAnswer.body, { ...rate('core'), ...restAnswer.headers });
  if (req.method === 'GET') {
    if (path === '/user')
      return authed ? json(200, { login: LOGIN, id: 1, type: 'Bot' }, rate('core')) : json(401, { message: 'Requires authentication' }, rate('core'));
    const last = path.split('/').filter(Boolean).pop() ?? '';
    // Collections are named by plural nouns (/pulls, /commits, /events, /deployments …); numbered items are objects.
    const collection = /s$/.test(last) && !/^\d+$/.test(last) && !/^(status|repos\/[^/]+\/[^/]+)$/.test(last);
    return json(200, collection ? [] : {}, rate('core'));
  }
  if (!authed) return json(401, { message: 'Requires authentication' }, rate('core'));
  return json(req.method === 'POST' ? 201 : 200, { id: req.seq + 1, node_id: `FAKE_${req.seq + 1}` }, rate('core'));
}

interface Context {
  remaining: number;
  resetAt: string;
  used: number;
}

const CONNECTION_KEYS = new Set(['nodes', 'edges', 'pageInfo', 'totalCount']);

function answer(selections: Selection[], ctx: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of selections) out[s.key] = value(s, ctx);
  return out;
}

function value(s: Selection, ctx: Context): unknown {
  if (s.name === '__typename') return 'Query';
  if (!s.children) return LEAVES[s.name] ?? null;
  if (s.name === 'rateLimit') {
    return pick(s.children, { limit: 5000, cost: 1, remaining: ctx.remaining, used: ctx.used, resetAt: ctx.resetAt, nodeCount: 0 });
  }
  if (s.children.some((c) => CONNECTION_KEYS.has(c.name) || c.name === 'issueCount')) {
    const conn: Record<string, unknown> = {};
    for (const c of s.children) {
      if (c.name === 'nodes' || c.name === 'edges') conn[c.key] = [];
      else if (c.name === 'totalCount' || c.name === 'issueCount' || c.name === 'repositoryCount') conn[c.key] = 0;
      else if (c.name === 'pageInfo')
        conn[c.key] = pick(c.children ?? [], { hasNextPage: false, hasPreviousPage: false, endCursor: null, startCursor: null });
      else conn[c.key] = value(c, ctx);
    }
    return conn;
  }
  return answer(s.children, ctx);
}

const LEAVES: Record<string, unknown> = { login: LOGIN, id: 'FAKE_ID', name: null, url: null };

function pick(children: Selection[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of children) out[c.key] = c.name === '__typename' ? 'Object' : (values[c.name] ?? null);
  return out;
}

/** The deliveries GitHub would have sent for one of the fake's repositories, as of `now` (the demo posts some). */
export function fakeWebhookDeliveries(repository: string, now: number): Array<{ event: string; at: string; payload: Record<string, unknown> }> {
  return modelAt(now).webhooks(repository);
}

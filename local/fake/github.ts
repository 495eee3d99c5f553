import { parseSelection, type Selection } from './graphql-selection';
import { header, json, type FakeRequest, type FakeResponse } from './types';

/**
 * GitHub's API (api.github.com, or GitHub Enterprise Server's /api/v3 and /api/graphql on any host): GraphQL
 * answers the query's shape with empty connections, a rateLimit and a viewer; REST answers [] for collections
 * and {} otherwise, with X-RateLimit headers. Enough for a sync to run end to end and find nothing new.
 */
const LOGIN = 'shinchoku-bot';

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
    'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(limit - used), 'X-RateLimit-Used': String(used),
    'X-RateLimit-Reset': String(resetAt), 'X-RateLimit-Resource': resource, 'X-GitHub-Request-Id': `FAKE:${req.seq}`,
  });

  if (path === '/graphql' || path === '/graphql/') {
    if (req.method !== 'POST') return json(404, { message: 'Not Found' }, rate('graphql'));
    if (!authed) return json(401, { message: 'This endpoint requires you to be authenticated.', documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql' }, rate('graphql'));
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
  if (req.method === 'GET') {
    if (path === '/user') return authed ? json(200, { login: LOGIN, id: 1, type: 'Bot' }, rate('core')) : json(401, { message: 'Requires authentication' }, rate('core'));
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
      else if (c.name === 'pageInfo') conn[c.key] = pick(c.children ?? [], { hasNextPage: false, hasPreviousPage: false, endCursor: null, startCursor: null });
      else conn[c.key] = value(c, ctx);
    }
    return conn;
  }
  return answer(s.children, ctx);
}

const LEAVES: Record<string, unknown> = { login: LOGIN, id: 'FAKE_ID', name: null, url: null };

function pick(children: Selection[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of children) out[c.key] = c.name === '__typename' ? 'Object' : values[c.name] ?? null;
  return out;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildClientSchema, parse, validate } from 'graphql';
import { fetchUpdates, RATE_LIMIT_KEY } from '../../src/app/github/fetchUpdates';
import { ConfigError } from '../../src/domain/errors';
import { ALL_QUERIES, SYNC_QUERY } from '../../src/domain/github/queries';
import { advance, startPass, variables, type SyncPage } from '../../src/domain/github/syncPass';
import { classify, gitHubGraphQL, graphqlEndpoint, type GraphQLAnswer } from '../../src/platform/github';
import type { HttpRequest, HttpResponse } from '../../src/platform/urlfetch';

const NOW = new Date('2026-01-05T03:00:00Z');

describe('every GraphQL query the sync sends is valid for GitHub (@octokit/graphql-schema)', () => {
  // The package's SDL does not build with graphql 16 (duplicate definitions): its introspection JSON does.
  const file = path.join(__dirname, '..', '..', 'node_modules', '@octokit', 'graphql-schema', 'schema.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { data?: Parameters<typeof buildClientSchema>[0] };
  const schema = buildClientSchema(json.data ?? (json as Parameters<typeof buildClientSchema>[0]));

  test.each(Object.entries(ALL_QUERIES))('%s', (_, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });

  test('the schema check is real: a wrong field is refused', () => {
    expect(validate(schema, parse(SYNC_QUERY.replace('changedFiles', 'changedFilez'))).map((e) => e.message)).toEqual([
      'Cannot query field "changedFilez" on type "PullRequest". Did you mean "changedFiles"?',
    ]);
  });

  test('PRs come with their reviews in the same request, 100 at a time', () => {
    expect(SYNC_QUERY).toMatch(/pullRequests\(first: 100[\s\S]*reviews\(first: 100\)/);
  });
});

describe('GitHub client', () => {
  test('GraphQL endpoint: api.github.com, or GitHub Enterprise Server beside /api/v3', () => {
    expect(graphqlEndpoint(undefined)).toBe('https://api.github.com/graphql');
    expect(graphqlEndpoint('https://api.github.com/')).toBe('https://api.github.com/graphql');
    expect(graphqlEndpoint('https://github.example.com/api/v3')).toBe('https://github.example.com/api/graphql');
    expect(graphqlEndpoint('https://github.example.com/api/v3/')).toBe('https://github.example.com/api/graphql');
    expect(() => graphqlEndpoint('github.example.com')).toThrow(ConfigError);
  });

  const response = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
    status,
    headers,
    text: typeof body === 'string' ? body : JSON.stringify(body),
  });

  test.each<[string, HttpResponse, GraphQLAnswer['kind'], number | null]>([
    ['ok, with the points left', response(200, { data: { rateLimit: { remaining: 4321, resetAt: '2026-01-05T04:00:00Z' } } }), 'ok', null],
    [
      '403 with Retry-After (secondary limit)',
      response(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '90' }),
      'rate-limited',
      NOW.getTime() + 90_000,
    ],
    ['429 with Retry-After', response(429, { message: 'slow down' }, { 'retry-after': '5' }), 'rate-limited', NOW.getTime() + 5_000],
    [
      '403 with X-RateLimit-Remaining 0 (primary limit)',
      response(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767585600' }),
      'rate-limited',
      1767585600_000,
    ],
    [
      '200 with RATE_LIMITED',
      response(
        200,
        { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1767585600' },
      ),
      'rate-limited',
      1767585600_000,
    ],
    ['403 rate limit without a time: a minute', response(403, { message: 'secondary rate limit' }), 'rate-limited', NOW.getTime() + 60_000],
    ['502 from a proxy', response(502, '<html>Bad Gateway</html>'), 'failed', null],
    ['a GraphQL error', response(200, { data: { repository: null }, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve' }] }), 'failed', null],
  ])('%s', (_, answer, kind, resumeAt) => {
    const result = classify(answer, NOW);
    expect(result.kind).toBe(kind);
    if (result.kind === 'rate-limited') expect(result.resumeAt.getTime()).toBe(resumeAt);
    if (result.kind === 'ok') expect(result).toMatchObject({ remaining: 4321, resetAt: new Date('2026-01-05T04:00:00Z') });
  });

  test('401 is a configuration error; the token goes in the Authorization header only', () => {
    expect(() => classify(response(401, { message: 'Bad credentials' }), NOW)).toThrow('GitHub refused GITHUB_TOKEN (401: Bad credentials)');
    const sent: HttpRequest[] = [];
    const client = gitHubGraphQL(
      { request: (r) => (sent.push(r), response(200, { data: {} })), requestAll: () => [] },
      { apiUrl: undefined, token: 'ghp_secret', now: () => NOW },
    );
    client.query('{ viewer { login } }', {});
    expect(sent[0]).toMatchObject({
      url: 'https://api.github.com/graphql',
      method: 'post',
      headers: { Authorization: 'bearer ghp_secret' },
      json: { query: '{ viewer { login } }', variables: {} },
    });
    expect(() => gitHubGraphQL({ request: () => response(200, {}), requestAll: () => [] }, { apiUrl: undefined, token: '', now: () => NOW })).toThrow(
      'GITHUB_TOKEN is not set',
    );
  });
});

describe('the sync cursor', () => {
  const page = (pulls: Array<{ updatedAt: string }>, hasNextPage: boolean): SyncPage => ({
    repository: {
      nameWithOwner: 'a/b',
      pullRequests: { pageInfo: { hasNextPage, endCursor: hasNextPage ? 'CURSOR' : null }, nodes: pulls as never },
      deployments: { pageInfo: { hasNextPage: false }, nodes: [] },
      issues: { pageInfo: { hasNextPage: false }, nodes: [] },
      defaultBranchRef: { target: { history: { pageInfo: { hasNextPage: false }, nodes: [] } } },
    },
  });

  test('a first pass reads GITHUB_SYNC_DAYS back; each connection is asked for only while it has pages to give', () => {
    const pass = startPass({}, NOW, 30, true);
    expect(pass.stopBefore).toBe('2025-12-06T03:00:00.000Z');
    const next = advance(pass, page([{ updatedAt: '2026-01-04T00:00:00Z' }], true));
    expect(next.positions).toEqual({ pulls: 'CURSOR', deployments: { done: true }, incidents: { done: true }, commits: { done: true } });
    expect(variables('a', 'b', next, 'incident')).toMatchObject({
      withPulls: true,
      pullsAfter: 'CURSOR',
      withDeployments: false,
      withIncidents: false,
      withCommits: false,
    });
  });

  test('pull requests stop at the previous pass: the rest was read then', () => {
    const pass = startPass({ since: '2026-01-04T00:00:00Z' }, NOW, 30, true);
    expect(advance(pass, page([{ updatedAt: '2026-01-05T00:00:00Z' }, { updatedAt: '2026-01-03T00:00:00Z' }], true)).positions.pulls).toEqual({
      done: true,
    });
  });

  test("a rate limit is the token's: kept once, and no request is made before it ends", () => {
    let calls = 0;
    const client = {
      endpoint: '',
      query: (): GraphQLAnswer => (calls++, { kind: 'rate-limited', resumeAt: new Date('2026-01-05T04:00:00Z'), message: 'limit' }),
    };
    const deps = {
      client,
      now: () => NOW,
      repositories: ['a/b', 'c/d'],
      cursors: {},
      budgetMs: 60_000,
      startedAt: NOW,
      backfillDays: 30,
      incidentLabel: 'incident',
    };
    const first = fetchUpdates(deps);
    expect(first).toMatchObject({ stopped: 'rate-limit', requests: 1, resumeAt: '2026-01-05T04:00:00.000Z' });
    expect(first.cursors[RATE_LIMIT_KEY]).toEqual({ resumeAfter: '2026-01-05T04:00:00.000Z' });
    const second = fetchUpdates({ ...deps, cursors: first.cursors });
    expect(second).toMatchObject({ stopped: 'rate-limit', requests: 0 });
    expect(calls).toBe(1);
  });
});

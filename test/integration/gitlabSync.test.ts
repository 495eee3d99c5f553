import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestApp } from '../helpers/app';
import { cloneApp, githubApp, setProperty, setSetting, throughProxy } from '../helpers/fakeGitHub';
import { startFakeGitLab, type FakeGitLabServer } from '../helpers/fakeGitLab';

const AT = new Date('2026-01-05T12:00:00+09:00');
const HOUR = 3600_000;
const TOKEN = 'glpat-test-token-not-real';
type App = TestApp;

let fake: FakeGitLabServer;
let template: App;

beforeAll(async () => {
  fake = await startFakeGitLab();
  template = await githubApp(new Date(AT.getTime() - 24 * HOUR));
  setSetting(template, 'GITLAB_PROJECTS', 'acme/web-app', AT);
  setSetting(template, 'GITHUB_DEPLOY_WORKFLOWS', 'deploy', AT);
  setProperty(template, 'GITLAB_TOKEN', TOKEN);
});

afterAll(async () => {
  await fake.close();
});

const SPEC = {
  path: 'acme/web-app',
  now: AT.toISOString(),
  mergeRequests: 30,
  approvalsPerMr: 2,
  commentsPerMr: 1,
  pipelines: 5,
  deployments: 5,
  incidents: 1,
  labelledIncidents: 1,
};

async function freshApp(spec: Partial<typeof SPEC> = {}, extra: Parameters<FakeGitLabServer['configure']>[0] = {}): Promise<App> {
  await fake.configure({
    projects: [{ ...SPEC, ...spec }],
    token: TOKEN,
    scopes: ['api'],
    rateLimit: { limit: 2000 },
    throttle: null as never,
    ...extra,
  });
  return cloneApp(template);
}

async function requestsSince(before: number) {
  const { requests } = await fake.received();
  return requests.slice(before);
}

function sync(t: App, at: Date = AT) {
  const result = throughProxy(fake.url, () => t.app.run('syncGitLab', { at }));
  return { value: result.value as Record<string, unknown>, error: result.error };
}

function records(t: TestApp, sheet: string): Array<Record<string, unknown>> {
  const [header = [], ...rows] = t.sheet(sheet);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

const SHARED = ['Pull Requests', 'Reviews', 'Deployments', 'Incidents', 'Commits'];

describe('GitLab sync through build/Code.js against the fake GitLab', () => {
  test('merge requests with approvals and comments, incidents, pipelines and deployments: 5 requests, one row each, Forge gitlab', async () => {
    const t = await freshApp();
    const before = (await fake.received()).requests.length;
    const { value, error } = sync(t);
    expect(error).toBeUndefined();
    expect(value).toMatchObject({ stopped: 'done', projects: ['acme/web-app'], requests: 5, created: { pulls: 30, reviews: 90, incidents: 2 } });
    const sent = await requestsSince(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/graphql',
      'POST /api/graphql',
      'POST /api/graphql',
      'GET /api/v4/projects/acme%2Fweb-app/pipelines',
      'GET /api/v4/projects/acme%2Fweb-app/deployments',
    ]);
    expect(sent[3]?.query).toMatchObject({ order_by: 'updated_at', sort: 'asc', per_page: '100', updated_after: expect.any(String) });
    const pulls = records(t, 'Pull Requests');
    expect(pulls).toHaveLength(30);
    expect(pulls.every((p) => p['Forge'] === 'gitlab')).toBe(true);
    expect(pulls[0]).toMatchObject({
      Repository: 'acme/web-app',
      Number: 1,
      Title: 'Change 1',
      State: 'merged',
      Additions: 10,
      Deletions: 1,
      Reviews: 3,
    });
    expect(pulls[0]?.['First Review']).not.toBe('');
    expect(pulls[0]?.['Approved']).not.toBe('');
    const reviews = records(t, 'Reviews');
    expect(reviews.filter((r) => r['State'] === 'APPROVED')).toHaveLength(60);
    const sources = records(t, 'Deployments').map((d) => d['Source']);
    expect([sources.filter((s) => s === 'deployment').length, sources.filter((s) => s === 'workflow').length]).toEqual([5, 5]);
    expect(records(t, 'Incidents').map((i) => i['Number'])).toEqual([1000, 2000]);
    // The metrics cover GitLab's rows: the day's merged changes are counted.
    expect(records(t, 'GitHub Metrics').some((m) => Number(m['PRs Merged']) > 0)).toBe(true);
  });

  test('idempotent: a second sync, and a webhook then a sync, add nothing', async () => {
    const t = await freshApp();
    sync(t);
    const snapshot = () => Object.fromEntries(SHARED.map((s) => [s, t.sheet(s)]));
    const after = snapshot();
    expect(sync(t, new Date(AT.getTime() + HOUR)).value).toMatchObject({
      stopped: 'done',
      created: { pulls: 0, reviews: 0, deployments: 0, incidents: 0 },
    });
    expect(snapshot()).toEqual(after);
    // A webhook about MR 17's approval by reviewer-2, already known from the sync: the same row.
    const approved = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'gitlab', 'merge_request.approved.json'), 'utf8'));
    approved.user.username = 'reviewer-2';
    t.app.post(`source=gitlab&token=${t.prop('WEBHOOK_TOKEN_GITLAB')}`, JSON.stringify(approved), 'application/json', AT);
    t.app.run('processGitLabEvents', { at: new Date(AT.getTime() + HOUR + 60_000) });
    expect(records(t, 'Pull Requests')).toHaveLength(30);
    expect(records(t, 'Reviews')).toHaveLength(90);
  });

  test('pages: 150 merge requests take two GraphQL pages, 150 pipelines two REST pages (X-Next-Page)', async () => {
    const t = await freshApp({
      mergeRequests: 150,
      approvalsPerMr: 0,
      commentsPerMr: 0,
      pipelines: 150,
      deployments: 0,
      incidents: 0,
      labelledIncidents: 0,
    });
    const before = (await fake.received()).requests.length;
    expect(sync(t).value).toMatchObject({ stopped: 'done', requests: 7, created: { pulls: 150 } });
    const sent = await requestsSince(before);
    expect(sent.filter((r) => r.path.endsWith('/pipelines')).map((r) => r.query['page'] ?? '1')).toEqual(['1', '2']);
    const { queries } = await fake.received();
    const mrQueries = queries.filter((q) => /mergeRequests/.test(q.query)).slice(-2);
    expect(mrQueries[0]?.variables['after']).toBeNull();
    expect(typeof mrQueries[1]?.variables['after']).toBe('string');
  });

  test('429 with Retry-After: the sync stops, keeps what it read, and resumes after the wait', async () => {
    const t = await freshApp({}, { throttle: { after: 1, retryAfter: 120 } });
    const first = sync(t);
    expect(first.value).toMatchObject({ stopped: 'rate-limit', requests: 2, created: { pulls: 30 } });
    expect(Date.parse(String(first.value['resumeAt']))).toBeGreaterThanOrEqual(AT.getTime() + 120_000);
    const early = sync(t, new Date(AT.getTime() + 60_000));
    expect(early.value).toMatchObject({ stopped: 'rate-limit', requests: 0 });
    const later = sync(t, new Date(AT.getTime() + 10 * 60_000));
    expect(later.value).toMatchObject({ stopped: 'done', requests: 4, created: { incidents: 2 } });
    expect(records(t, 'Pull Requests')).toHaveLength(30);
  });

  test('RateLimit-Remaining near zero: stops before GitLab has to refuse', async () => {
    const t = await freshApp({}, { rateLimit: { limit: 2000, remaining: 22, resetAt: Math.floor((AT.getTime() + HOUR) / 1000) } });
    const { value } = sync(t);
    expect(value).toMatchObject({ stopped: 'rate-limit', requests: 3, resumeAt: new Date(AT.getTime() + HOUR).toISOString() });
  });

  test('a wrong token: a clear error in Errors, no rows, the token never written', async () => {
    const t = await freshApp({}, { token: 'glpat-another' });
    const { error } = sync(t);
    expect(error?.message).toContain('GitLab refused GITLAB_TOKEN (401');
    expect(t.sheet('Pull Requests')).toHaveLength(1);
    expect(JSON.stringify(t.sheet('Errors'))).not.toContain(TOKEN);
  });

  test('a project GitLab does not know: named in the error, the others synced', async () => {
    const t = await freshApp();
    setSetting(t, 'GITLAB_PROJECTS', 'acme/web-app, acme/gone', AT);
    const { error } = sync(t);
    expect(error?.message).toContain('acme/gone: not found, or GITLAB_TOKEN cannot read it');
    expect(records(t, 'Pull Requests')).toHaveLength(30);
  });
});

describe('setup makes the project hooks', () => {
  test('created once, updated in place, never doubled; the gateway URL when GATEWAY_URL is set', async () => {
    const t = await freshApp();
    throughProxy(fake.url, () => t.app.run('setup', { at: AT }));
    let hooks = await fake.hooks('acme/web-app');
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      url: expect.stringMatching(/\?source=gitlab&token=/),
      merge_requests_events: true,
      note_events: true,
      deployment_events: true,
      pipeline_events: true,
      issues_events: true,
      push_events: true,
      tag_push_events: false,
    });
    // Run again with the gateway: the same hook, now pointing at it (with the gateway's secret).
    setSetting(t, 'GATEWAY_URL', 'https://shinchoku-gateway.example.workers.dev', AT);
    setProperty(t, 'GITLAB_WEBHOOK_TOKEN', 'gateway-secret-not-real');
    throughProxy(fake.url, () => t.app.run('setup', { at: AT }));
    hooks = await fake.hooks('acme/web-app');
    expect(hooks.map((h) => h['url'])).toEqual(['https://shinchoku-gateway.example.workers.dev/gitlab']);
  });

  test('a read_api token cannot make hooks: setup says so and still succeeds', async () => {
    const t = await freshApp({}, { scopes: ['read_api'] });
    const run = throughProxy(fake.url, () => t.app.run('setup', { at: AT }));
    expect(run.error).toBeUndefined();
    expect(JSON.stringify(run.value)).toContain('"problems":["acme/web-app: ');
    expect(t.logs.join('\n')).toContain('トークンに Webhook を作成する権限がありません');
  });
});

import { generateHistory, type FakeRepoSpec } from '../../local/fake/githubModel';
import { spreadsheetCalls, type TestApp } from '../helpers/app';
import { cloneApp, githubApp, setProperty, setSetting, startFakeGitHub, throughProxy, type FakeGitHubServer } from '../helpers/fakeGitHub';

const AT = new Date('2026-01-05T12:00:00+09:00');
const HOUR = 3600_000;
type App = TestApp & { token: string };

let fake: FakeGitHubServer;
let template: App;

beforeAll(async () => {
  fake = await startFakeGitHub();
  template = await githubApp(new Date(AT.getTime() - 24 * HOUR));
  setSetting(template, 'GITHUB_REPOSITORIES', 'acme/api', AT);
  setProperty(template, 'GITHUB_TOKEN', 'ghp_fake_token_for_tests');
});

afterAll(async () => {
  await fake.close();
});

async function freshApp(spec: Partial<FakeRepoSpec> = {}, extra: Parameters<FakeGitHubServer['configure']>[0] = {}): Promise<App> {
  await fake.configure({
    repos: [{ repository: 'acme/api', now: AT.toISOString(), ...spec }],
    remaining: 5000,
    resetAt: new Date(AT.getTime() + HOUR).toISOString(),
    secondaryAfter: null,
    ...extra,
  });
  await fake.server.clear();
  return cloneApp(template);
}

function sync(t: App, at: Date = AT, fn = 'syncGitHub') {
  const result = throughProxy(fake.url, () => t.app.run(fn, { at }));
  return { value: result.value as Record<string, unknown>, error: result.error, stats: result.stats };
}

function rows(t: App, sheet: string): unknown[][] {
  return t.sheet(sheet).slice(1);
}

const tables = (t: App) => Object.fromEntries(['Pull Requests', 'Reviews', 'Deployments', 'Commits', 'Incidents'].map((s) => [s, rows(t, s)]));

describe('GitHub sync through build/Code.js against a fake GitHub on loopback', () => {
  test("one repository with 500 PRs and 1,500 reviews: 5 GraphQL requests, each valid for GitHub, and the rows are GitHub's", async () => {
    const spec = { pulls: 500, reviewsPerPull: 3, deployments: 20, commits: 60, incidents: 4, otherIssues: 3 };
    const t = await freshApp(spec);
    const { value, error, stats } = sync(t);
    expect(error).toBeUndefined();
    expect(value).toMatchObject({ stopped: 'done', requests: 5, created: { pulls: 500, reviews: 1500, deployments: 20, commits: 60, incidents: 4 } });
    expect(await fake.graphqlRequests()).toBe(5);
    expect(stats.calls['UrlFetchApp']).toEqual({ fetch: 5 });
    expect(rows(t, 'Errors')).toEqual([]);

    const history = generateHistory({ repository: 'acme/api', now: AT.toISOString(), ...spec });
    const pr = history.pulls[1] as (typeof history.pulls)[number];
    const row = rows(t, 'Pull Requests').find((r) => r[1] === pr.number) as unknown[];
    const at = (iso: string | null) => (iso ? Date.parse(iso) : '');
    const instant = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) : v);
    expect(row.map(instant)).toEqual([
      'acme/api',
      pr.number,
      pr.title,
      pr.author,
      'merged',
      false,
      at(pr.createdAt),
      at(pr.createdAt),
      at(pr.reviews[0]?.submittedAt ?? null),
      at(pr.reviews[2]?.submittedAt ?? null),
      at(pr.mergedAt),
      at(pr.closedAt),
      pr.additions,
      pr.deletions,
      pr.changedFiles,
      3,
      at(pr.updatedAt),
      pr.url,
      `feature/pr-${pr.number}`,
      '',
      '',
      'github',
    ]);
    // Incidents are the labelled issues only, with fourkeys' root cause where the issue names one.
    expect(
      rows(t, 'Incidents')
        .map((r) => r[2])
        .sort(),
    ).toEqual(['Production incident 1', 'Production incident 2', 'Production incident 3', 'Production incident 4']);
    expect(rows(t, 'Incidents').filter((r) => r[6] !== '').length).toBe(2);
    // Metrics come with the sync: a row per recent day and ISO week.
    const metrics = rows(t, 'GitHub Metrics');
    expect(metrics.some((r) => r[0] === '2026-W02')).toBe(true);
    // The current DORA levels: the last four weeks, by the DORA 2024 clusters.
    const [header = []] = t.sheet('GitHub Metrics');
    const current = metrics.find((r) => r[0] === 'Last 28 Days') ?? [];
    const levels = ['Deploy Frequency Level', 'Lead Time Level', 'Change Failure Level', 'Restore Level'].map((h) => current[header.indexOf(h)]);
    for (const level of levels) expect(['elite', 'high', 'medium', 'low', '']).toContain(level);
    expect(levels.filter((l) => l !== '').length).toBeGreaterThan(0);
    // The Dashboard shows them, in the sheet's language.
    const names: Record<string, string> = { elite: 'エリート', high: '高', medium: '中', low: '低', '': '' };
    const dash = t.sheet('Dashboard');
    const line = (label: string) => dash.find((r) => r[0] === label) ?? [];
    expect(line('デプロイ頻度（回）')[2]).toBe(names[String(levels[0])]);
    expect(line('変更のリードタイム（時間）')[2]).toBe(names[String(levels[1])]);
    expect(metrics.reduce((sum, r) => sum + (/W/.test(String(r[0])) ? 0 : Number(r[3])), 0)).toBeGreaterThan(0);
  });

  test('the next run asks once and changes nothing; new activity arrives incrementally', async () => {
    const t = await freshApp({ pulls: 250, reviewsPerPull: 2, pullEveryMinutes: 60, deployments: 5, commits: 10, incidents: 2 });
    sync(t);
    const first = tables(t);
    await fake.server.clear();
    const again = sync(t, new Date(AT.getTime() + HOUR));
    expect(again.value).toMatchObject({
      stopped: 'done',
      requests: 1,
      created: { pulls: 0, reviews: 0 },
      updated: { pulls: 0, reviews: 0, deployments: 0, commits: 0, incidents: 0 },
    });
    expect(tables(t)).toEqual(first);

    // Two hours later two more PRs exist; the older ones are exactly as they were.
    const later = new Date(AT.getTime() + 2 * HOUR);
    await fake.configure({
      repos: [
        {
          repository: 'acme/api',
          now: later.toISOString(),
          pulls: 252,
          reviewsPerPull: 2,
          pullEveryMinutes: 60,
          deployments: 5,
          commits: 10,
          incidents: 2,
          days: 25,
        },
      ],
    });
    const third = sync(t, later);
    expect(third.value).toMatchObject({ stopped: 'done', requests: 1, created: { pulls: 2, reviews: 4 } });
    expect(rows(t, 'Pull Requests').length).toBe(252);
  });

  test('webhook, then sync, of the same history adds nothing and changes nothing GitHub already said', async () => {
    const t = await freshApp({ pulls: 30, reviewsPerPull: 2, deployments: 6, commits: 12, incidents: 3, otherIssues: 2 });
    const deliveries = await fake.webhooks('acme/api');
    expect(new Set(deliveries.map((d) => d.event))).toEqual(new Set(['pull_request', 'pull_request_review', 'deployment_status', 'push', 'issues']));
    for (const d of deliveries) {
      const { response } = t.app.post(`source=github&token=${t.token}`, JSON.stringify(d.payload), 'application/json', AT);
      expect(JSON.parse(response.body)).toMatchObject({ ok: true, event: d.event, recorded: true });
    }
    expect(t.app.run('processGitHubEvents', { at: AT }).error).toBeUndefined();
    const fromWebhooks = tables(t);
    expect(fromWebhooks['Pull Requests']?.length).toBe(30);

    const { value } = sync(t, new Date(AT.getTime() + HOUR));
    expect(value).toMatchObject({
      created: { pulls: 0, reviews: 0, deployments: 0, commits: 0, incidents: 0 },
      updated: { pulls: 0, reviews: 0, deployments: 0, incidents: 0 },
    });
    const fromSync = tables(t);
    for (const sheet of ['Pull Requests', 'Reviews', 'Deployments', 'Incidents'])
      expect({ sheet, rows: fromSync[sheet] }).toEqual({ sheet, rows: fromWebhooks[sheet] });
    // Pushes carry no line counts: the sync adds them to the same rows, and nothing else changes.
    const withoutCounts = (list: unknown[][] | undefined) => (list ?? []).map((r) => [...r.slice(0, 5), ...r.slice(7)]);
    expect(withoutCounts(fromSync['Commits'])).toEqual(withoutCounts(fromWebhooks['Commits']));
    expect(fromWebhooks['Commits']?.every((r) => r[5] === '')).toBe(true);
    expect(fromSync['Commits']?.every((r) => typeof r[5] === 'number')).toBe(true);
  });

  test('the rate limit: stops cleanly with what it has, waits for the reset, resumes at its cursor', async () => {
    const t = await freshApp({ pulls: 500, reviewsPerPull: 1 }, { remaining: 50 });
    const first = sync(t);
    expect(first.error).toBeUndefined();
    expect(first.value).toMatchObject({
      stopped: 'rate-limit',
      requests: 1,
      resumeAt: new Date(AT.getTime() + HOUR).toISOString(),
      created: { pulls: 100 },
    });

    await fake.server.clear();
    const early = sync(t, new Date(AT.getTime() + 30 * 60_000));
    expect(early.value).toMatchObject({ stopped: 'rate-limit', requests: 0 });
    expect(await fake.graphqlRequests()).toBe(0);

    await fake.configure({ remaining: 5000, resetAt: new Date(AT.getTime() + 2 * HOUR).toISOString() });
    const after = sync(t, new Date(AT.getTime() + HOUR + 60_000));
    expect(after.value).toMatchObject({ stopped: 'done', requests: 4, created: { pulls: 400 } });
    expect(new Set(rows(t, 'Pull Requests').map((r) => r[1])).size).toBe(500);
  });

  test('GitHub says RATE_LIMITED or answers 403 with Retry-After: nothing lost, resumed later', async () => {
    const t = await freshApp({ pulls: 300, reviewsPerPull: 1 }, { secondaryAfter: 2, retryAfterSeconds: 120 });
    const first = sync(t);
    expect(first.value).toMatchObject({ stopped: 'rate-limit', requests: 3, resumeAt: expect.any(String), created: { pulls: 200 } });
    const resumeAt = Date.parse(String(first.value['resumeAt']));
    expect(resumeAt).toBeGreaterThan(AT.getTime() + 100_000);
    expect(resumeAt).toBeLessThan(AT.getTime() + 200_000);

    await fake.configure({ secondaryAfter: null, remaining: 0 });
    const limited = sync(t, new Date(AT.getTime() + 5 * 60_000));
    expect(limited.value).toMatchObject({ stopped: 'rate-limit', requests: 1, created: { pulls: 0 } });

    await fake.configure({ remaining: 5000 });
    const done = sync(t, new Date(AT.getTime() + 2 * HOUR));
    expect(done.value).toMatchObject({ stopped: 'done', created: { pulls: 100 } });
    expect(rows(t, 'Pull Requests').length).toBe(300);
    expect(rows(t, 'Errors')).toEqual([]);
  });

  test('time-boxed: stops at GITHUB_SYNC_MAX_SECONDS with its pages written, and the next run goes on', async () => {
    const t = await freshApp({ pulls: 5000, reviewsPerPull: 1 });
    setSetting(t, 'GITHUB_SYNC_MAX_SECONDS', '10', AT);
    const first = sync(t);
    expect(first.error).toBeUndefined();
    const requests = Number(first.value['requests']);
    expect(first.value).toMatchObject({ stopped: 'time' });
    expect(requests).toBeGreaterThan(5);
    expect(requests).toBeLessThan(50);
    expect(rows(t, 'Pull Requests').length).toBe(requests * 100);
    // The execution stayed well inside Apps Script's 6 minutes, writes included.
    expect(first.stats.modeledMs).toBeLessThan(20_000);

    // Each next run picks up at the cursor: no page twice, none skipped, until the pass is done.
    let total = requests;
    for (let run = 1; run < 10 && total < 50; run++) {
      const next = sync(t, new Date(AT.getTime() + run * HOUR));
      total += Number(next.value['requests']);
      expect(next.value).toMatchObject({ stopped: total < 50 ? 'time' : 'done' });
      expect(new Set(rows(t, 'Pull Requests').map((r) => r[1])).size).toBe(total * 100);
    }
    expect(rows(t, 'Pull Requests').length).toBe(5000);
  });

  test('GitHub Enterprise Server: GITHUB_API_URL …/api/v3 sends GraphQL to …/api/graphql', async () => {
    const t = await freshApp({ pulls: 3 });
    setProperty(t, 'GITHUB_API_URL', 'https://github.example.com/api/v3');
    expect(sync(t).value).toMatchObject({ stopped: 'done', created: { pulls: 3 } });
    const targets = (await fake.server.requests()).map((r) => r.target);
    expect(targets).toEqual(['https://github.example.com/api/graphql']);
  });

  test('a repository GitHub does not know goes to Errors; the others are synced', async () => {
    const t = await freshApp({ pulls: 5 });
    setSetting(t, 'GITHUB_REPOSITORIES', 'acme/nope, acme/api', AT);
    const { error } = sync(t);
    expect(error?.message).toContain("acme/nope: GitHub GraphQL error: Could not resolve to a Repository with the name 'acme/nope'.");
    expect(rows(t, 'Pull Requests').length).toBe(5);
    expect(rows(t, 'Errors').map((r) => r[1])).toEqual(['syncGitHub']);
  });

  test('without GITHUB_TOKEN, or with a token GitHub refuses: a clear error, nothing fetched', async () => {
    const t = await freshApp({ pulls: 5 }, { token: 'the-right-one' });
    const refused = sync(t);
    expect(refused.error?.message).toContain('GitHub refused GITHUB_TOKEN (401');
    setProperty(t, 'GITHUB_TOKEN', '');
    const missing = sync(t);
    expect(missing.error?.message).toContain('GITHUB_TOKEN is not set');
    expect(rows(t, 'Pull Requests')).toEqual([]);
    expect(JSON.stringify(rows(t, 'Errors'))).not.toContain('ghp_fake_token_for_tests');
    await fake.configure({ token: 'ghp_fake_token_for_tests' });
  });

  test('the menu item runs the same sync and says how it went', async () => {
    const t = await freshApp({ pulls: 2 });
    const { value } = sync(t, AT, 'syncGitHubNow');
    expect(value).toMatchObject({ stopped: 'done', created: { pulls: 2 }, message: 'GitHub の同期が完了しました' });
  });

  test('the hourly trigger syncs; idle minutes cost no Spreadsheet call for GitHub', async () => {
    const t = await freshApp({ pulls: 2 });
    throughProxy(fake.url, () => t.app.run('installTriggers', { at: AT }));
    const firings = throughProxy(fake.url, () => t.app.tick(AT, new Date(AT.getTime() + 65 * 60_000)));
    expect(firings.every((f) => f.result.error === undefined)).toBe(true);
    expect(rows(t, 'Pull Requests').length).toBe(2);
    expect(await fake.graphqlRequests()).toBeGreaterThanOrEqual(1);
    expect(await fake.graphqlRequests()).toBeLessThanOrEqual(2);
    const idle = firings.map((f) => spreadsheetCalls(f.result.stats));
    expect(Math.min(...idle)).toBeLessThanOrEqual(1);
  });
});

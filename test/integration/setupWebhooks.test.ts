import type { TestApp } from '../helpers/app';
import { cloneApp, githubApp, setProperty, setSetting, startFakeGitHub, throughProxy, type FakeGitHubServer } from '../helpers/fakeGitHub';

const AT = new Date('2026-01-05T12:00:00+09:00');
const EVENTS = ['push', 'pull_request', 'pull_request_review', 'issues', 'deployment_status', 'workflow_run'];
type App = TestApp & { token: string };

let fake: FakeGitHubServer;
let template: App;

beforeAll(async () => {
  fake = await startFakeGitHub();
  template = await githubApp(AT);
  setSetting(template, 'GITHUB_REPOSITORIES', 'acme/api, acme/web', AT);
  setProperty(template, 'GITHUB_TOKEN', 'ghp_admin');
}, 120_000);

afterAll(async () => {
  await fake.close();
});

const run = (t: App) => throughProxy(fake.url, () => t.app.run('setupWebhooks', { at: AT }));

describe('setupWebhooks through build/Code.js against the fake GitHub REST API', () => {
  test('creates the hook on every repository, then updates it: never a second one', async () => {
    await fake.configureRest({ tokens: {}, repositories: [] });
    const t = await cloneApp(template);
    const first = run(t);
    expect(first.error).toBeUndefined();
    expect(first.value).toMatchObject({
      repositories: [
        { repository: 'acme/api', action: 'created' },
        { repository: 'acme/web', action: 'created' },
      ],
    });
    const hooks = await fake.hooks('acme/api');
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ active: true, config: { content_type: 'json' } });
    expect([...(hooks[0]?.['events'] ?? [])].sort()).toEqual([...EVENTS].sort());
    expect(hooks[0]?.['config'].url).toBe(`https://script.google.com/macros/s/LOCAL_DEPLOYMENT_ID/exec?source=github&token=${t.token}`);

    // After the tokens are rotated the URL differs; the hook is still ours (same web app, source=github) and is updated.
    setProperty(t, 'WEBHOOK_TOKEN_GITHUB', 'rotated-token-value');
    const again = run(t);
    expect(again.value).toMatchObject({ repositories: [{ action: 'updated' }, { action: 'updated' }] });
    const after = await fake.hooks('acme/api');
    expect(after).toHaveLength(1);
    expect(after[0]?.['config'].url).toContain('token=rotated-token-value');
    expect(JSON.stringify(t.sheet('Errors'))).not.toContain('rotated-token-value');
  }, 60_000);

  test('with GATEWAY_URL: the hook points at <GATEWAY_URL>/github with the webhook secret, replacing the web app hook', async () => {
    await fake.configureRest({ tokens: {}, repositories: [] });
    const t = await cloneApp(template);
    run(t);
    setSetting(t, 'GATEWAY_URL', 'https://gateway.example.workers.dev', AT);
    expect(String(run(t).error?.message)).toContain('GITHUB_WEBHOOK_SECRET');
    setProperty(t, 'GITHUB_WEBHOOK_SECRET', 's3cret-for-hmac');
    const result = run(t);
    expect(result.error).toBeUndefined();
    const hooks = await fake.hooks('acme/web');
    expect(hooks).toHaveLength(1);
    expect(hooks[0]?.['config']).toMatchObject({
      url: 'https://gateway.example.workers.dev/github',
      content_type: 'json',
      secret: 's3cret-for-hmac',
    });
    expect(JSON.stringify([t.sheet('Errors'), t.sheet('Settings'), t.logs])).not.toContain('s3cret-for-hmac');
  }, 60_000);

  test('setup makes the hooks too; without a token it says so and setup still succeeds', async () => {
    await fake.configureRest({ tokens: {}, repositories: ['setup-org/api'] });
    const t = await cloneApp(template);
    setSetting(t, 'GITHUB_REPOSITORIES', 'setup-org/api', AT);
    const first = throughProxy(fake.url, () => t.app.run('setup', { at: AT }));
    expect(first.error).toBeUndefined();
    expect(first.value).toMatchObject({ githubHooks: { repositories: [{ repository: 'setup-org/api', action: 'created' }] } });
    expect(await fake.hooks('setup-org/api')).toHaveLength(1);
    const again = throughProxy(fake.url, () => t.app.run('setup', { at: AT }));
    expect(again.value).toMatchObject({ githubHooks: { repositories: [{ action: 'updated' }] } });
    expect(await fake.hooks('setup-org/api')).toHaveLength(1);

    setProperty(t, 'GITHUB_TOKEN', '');
    const without = throughProxy(fake.url, () => t.app.run('setup', { at: AT }));
    expect(without.error).toBeUndefined();
    expect(without.value).toMatchObject({ githubHooks: null });
    expect(t.logs.join('\n')).toContain('GITHUB_TOKEN');
  }, 60_000);

  test('a token without the permission: a message naming it, and nothing created', async () => {
    await fake.configureRest({
      tokens: {
        ghp_readonly: { scopes: ['read:repo_hook'] },
        github_pat_fine: { permissions: { webhooks: 'read' } },
        github_pat_none: { permissions: {} },
      },
      repositories: [],
    });
    for (const token of ['ghp_readonly', 'github_pat_none', 'github_pat_fine']) {
      const t = await cloneApp(template);
      await fake.configureRest({ repositories: [`fresh-${token.replace(/_/g, '-')}/api`, `fresh-${token.replace(/_/g, '-')}/web`] });
      setSetting(t, 'GITHUB_REPOSITORIES', `fresh-${token.replace(/_/g, '-')}/api, fresh-${token.replace(/_/g, '-')}/web`, AT);
      setProperty(t, 'GITHUB_TOKEN', token);
      const result = run(t);
      expect(String(result.error?.message)).toMatch(/admin:repo_hook.*Webhooks: Read and write|Webhooks: Read and write/);
      expect(await fake.hooks(`fresh-${token.replace(/_/g, '-')}/api`)).toEqual([]);
      expect(await fake.hooks(`fresh-${token.replace(/_/g, '-')}/web`)).toEqual([]);
      expect(JSON.stringify(t.sheet('Errors'))).not.toContain(token);
    }
  }, 60_000);
});

describe('the large-push alert from the webhook alone', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const published = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, any>> }>;
  const push = published.find((g) => g.name === 'push')?.examples.find((e) => e['commits'].length > 0) as Record<string, any>;

  function pushOf(after: string, commits: number, repository = 'someone-else/tool'): Record<string, unknown> {
    const at = '2026-01-05T02:00:00Z';
    const list = Array.from({ length: commits }, (_, n) => ({
      ...push['commits'][0],
      id: `${after.slice(0, 38)}${String(n).padStart(2, '0')}`,
      timestamp: at,
    }));
    return {
      ...push,
      before: 'a'.repeat(40),
      after,
      commits: list,
      head_commit: { ...push['head_commit'], id: after, timestamp: at },
      repository: { ...push['repository'], full_name: repository },
    };
  }

  test('a push over LARGE_CHANGE_LINES, of a repository not in Settings, raises the alert once; a small one does not', async () => {
    const big = 'b'.repeat(40);
    const small = 'c'.repeat(40);
    await fake.configureRest({
      tokens: {},
      repositories: [],
      commitLines: { [big]: { additions: 1500, deletions: 40 }, [small]: { additions: 10, deletions: 2 } },
    });
    const t = await cloneApp(template);
    setProperty(t, 'SLACK_BOT_TOKEN', 'xoxb-test-not-real');
    for (const body of [pushOf(big, 3), pushOf(small, 2), pushOf(big, 3)]) {
      const { response } = t.app.post(`source=github&token=${t.token}`, JSON.stringify(body), 'application/json', AT);
      expect(JSON.parse(response.body)).toMatchObject({ ok: true });
    }
    const applied = throughProxy(fake.url, () => t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) }));
    expect(applied.error).toBeUndefined();
    const [header = [], ...rows] = t.sheet('Outbox');
    const keys = rows.map((r) => r[header.indexOf('Key')]);
    expect(keys).toEqual([`github:push-large:someone-else/tool:${big}`]);
    expect(String(rows[0]?.[header.indexOf('Summary')])).toContain('大きなプッシュ');
  }, 60_000);
});

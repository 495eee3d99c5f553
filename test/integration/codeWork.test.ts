import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloneApp, githubApp, setProperty, setSetting } from '../helpers/fakeGitHub';
import { appendRows } from '../helpers/sheetRows';
import type { TestApp } from '../helpers/app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const published = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, any>> }>;
const example = (event: string, action: string) =>
  published.find((g) => g.name === event)?.examples.find((e) => e['action'] === action) as Record<string, any>;

const AT = new Date('2026-01-05T12:00:00+09:00');
type App = TestApp & { token: string };

let template: App;
beforeAll(async () => {
  template = await githubApp(AT);
  appendRows(template.state(), 'Tasks', [
    { ID: 'T-4', Project: 'Alpha', Title: 'GitHub 連携', Status: 'todo', Weight: 2 },
    { ID: 'T-40', Project: 'Alpha', Title: 'Something else', Status: 'todo', Weight: 1 },
  ]);
  appendRows(template.state(), 'Members', [{ Name: '田中 太郎', 'GitHub Login': 'Codertocat', Active: true }]);
}, 120_000);

function post(t: App, payload: Record<string, unknown>, at = AT): Record<string, unknown> {
  const { response } = t.app.post(`source=github&token=${t.token}`, JSON.stringify(payload), 'application/json', at);
  return JSON.parse(response.body) as Record<string, unknown>;
}

function rows(t: App, sheet: string): Array<Record<string, unknown>> {
  const [header = [], ...body] = t.sheet(sheet);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

/** The published `opened` example, retitled as the new user would have it. */
function pull(action: 'opened' | 'closed', merged: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base = example('pull_request', action === 'opened' ? 'opened' : 'closed');
  const at = action === 'opened' ? '2026-01-05T01:00:00Z' : '2026-01-05T02:00:00Z';
  return {
    ...base,
    action,
    pull_request: {
      ...base['pull_request'],
      title: 'T-4 GitHub 連携の実装',
      head: { ...base['pull_request'].head, ref: 'feature/T-4-github' },
      body: 'Implements the webhook.',
      state: action === 'opened' ? 'open' : 'closed',
      created_at: '2026-01-05T01:00:00Z',
      updated_at: at,
      closed_at: action === 'opened' ? null : at,
      merged_at: merged ? at : null,
      merged,
      additions: 120,
      deletions: 30,
      ...extra,
    },
  };
}

describe('pull requests move tasks', () => {
  test('opened → in progress with the PR shown; merged → done with Done At; T-40 untouched', async () => {
    const t = await cloneApp(template);
    expect(post(t, pull('opened', false))).toMatchObject({ ok: true, recorded: true });
    expect(t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) }).error).toBeUndefined();
    let tasks = rows(t, 'Tasks');
    expect(tasks.map((r) => [r['ID'], r['Status'], r['Pull Requests']])).toEqual([
      ['T-4', 'in progress', 'Codertocat/Hello-World#2'],
      ['T-40', 'todo', ''],
    ]);
    expect(rows(t, 'Pull Requests')[0]).toMatchObject({ Branch: 'feature/T-4-github', Tasks: 'T-4' });

    post(t, pull('closed', true), new Date(AT.getTime() + 3_600_000));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 3_660_000) });
    tasks = rows(t, 'Tasks');
    expect(tasks[0]).toMatchObject({ ID: 'T-4', Status: 'done' });
    expect(Date.parse(String(tasks[0]?.['Done At']))).toBe(Date.parse('2026-01-05T02:00:00Z'));
    expect(tasks[1]).toMatchObject({ ID: 'T-40', Status: 'todo' });
  }, 60_000);

  test('opened and merged applied in the same minute: done, and the opened notice is still sent', async () => {
    const t = await cloneApp(template);
    setProperty(t, 'SLACK_BOT_TOKEN', 'xoxb-test-not-real');
    post(t, pull('opened', false));
    post(t, pull('closed', true));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    expect(rows(t, 'Tasks')[0]).toMatchObject({ Status: 'done' });
    const keys = rows(t, 'Outbox').map((r) => r['Key']);
    expect(keys).toEqual(expect.arrayContaining(['github:pr-ready:Codertocat/Hello-World#2', 'github:pr-merged:Codertocat/Hello-World#2']));
  }, 60_000);

  test('closed without merge → back to in progress; a later edit by a person wins', async () => {
    const t = await cloneApp(template);
    post(t, pull('opened', false));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    post(t, pull('closed', false), new Date(AT.getTime() + 120_000));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 180_000) });
    expect(rows(t, 'Tasks')[0]).toMatchObject({ Status: 'in progress' });
    // A person sets it to blocked; a later event about the same closed PR (an edit) does not move it.
    const row = t.sheet('Tasks').findIndex((r) => r[0] === 'T-4') + 1;
    const statusCol = String.fromCharCode(65 + (t.sheet('Tasks')[0] ?? []).indexOf('Status'));
    t.app.edit(`Tasks!${statusCol}${row}`, 'blocked', new Date(AT.getTime() + 240_000));
    post(t, { ...pull('closed', false, { updated_at: '2026-01-05T03:30:00Z' }), action: 'edited' }, new Date(AT.getTime() + 300_000));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 360_000) });
    expect(rows(t, 'Tasks')[0]).toMatchObject({ Status: 'blocked' });
  }, 60_000);

  test('TASK_DONE_ON_MERGE FALSE leaves completion to people', async () => {
    const t = await cloneApp(template);
    setSetting(t, 'TASK_DONE_ON_MERGE', 'FALSE', AT);
    post(t, pull('opened', false));
    post(t, pull('closed', true));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    expect(rows(t, 'Tasks')[0]).toMatchObject({ Status: 'in progress', 'Done At': '' });
  }, 60_000);
});

describe('Developer Metrics', () => {
  test('a member by GitHub login, an unmatched author listed under @login', async () => {
    const t = await cloneApp(template);
    post(t, pull('opened', false));
    post(t, pull('closed', true));
    const review = example('pull_request_review', 'submitted');
    post(t, { ...review, review: { ...review['review'], submitted_at: '2026-01-05T01:30:00Z', user: { ...review['review'].user, login: 'hubot' } } });
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    const metrics = rows(t, 'Developer Metrics').map((r) => [
      r['Member'],
      r['PRs Opened'],
      r['PRs Merged'],
      r['Reviews'],
      r['Lines Changed'],
      r['Median Review Hours'],
    ]);
    expect(metrics).toEqual(
      expect.arrayContaining([
        ['田中 太郎', 1, 1, 0, 150, ''],
        ['@hubot', 0, 0, 1, 0, 0.5],
      ]),
    );
  }, 60_000);

  test('DEVELOPER_METRICS FALSE measures nobody', async () => {
    const t = await cloneApp(template);
    setSetting(t, 'DEVELOPER_METRICS', 'FALSE', AT);
    post(t, pull('opened', false));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    expect(rows(t, 'Developer Metrics')).toEqual([]);
  }, 60_000);
});

describe("the seed's GitHub Actions body", () => {
  test('{event, repository, sha, ref} is recorded as the run it says; a body that is no event is refused', async () => {
    const t = await cloneApp(template);
    const sha = 'c'.repeat(40);
    expect(post(t, { event: 'push', repository: 'acme/api', sha, ref: 'refs/heads/main' })).toEqual({
      ok: true,
      event: 'push',
      action: 'actions',
      recorded: true,
    });
    expect(rows(t, 'GitHub Events').map((r) => [r['Event'], r['Action'], r['Repository'], r['Number or SHA'], r['Title']])).toEqual([
      ['push', 'actions', 'acme/api', sha, 'main'],
    ]);
    const refused = post(t, { repository: 'acme/api', sha });
    expect(refused['ok']).toBe(false);
    expect(String(refused['error'])).toContain('(missing: "event", "ref")');
    expect(rows(t, 'GitHub Events')).toHaveLength(1);
  }, 60_000);
});

describe('review reminders', () => {
  test('a PR waiting for a first review past REVIEW_REMINDER_HOURS is listed to its requested reviewer, once a day', async () => {
    const t = await cloneApp(template);
    setProperty(t, 'SLACK_BOT_TOKEN', 'xoxb-test-not-real');
    appendRows(t.state(), 'Members', [{ Name: 'Hu Bot', 'GitHub Login': 'hubot', 'Slack User ID': 'U0HUBOT1', Active: true }]);
    post(t, pull('opened', false, { requested_reviewers: [{ login: 'hubot' }, { login: 'octo-reviewer' }], requested_teams: [{ slug: 'core' }] }));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    expect(rows(t, 'Pull Requests')[0]?.['Requested Reviewers']).toBe('hubot\nocto-reviewer\nteam:core');
    // The same day: not yet waiting long enough.
    expect(t.app.run('sendReviewReminders', { at: new Date('2026-01-05T15:00:00+09:00') }).value).toMatchObject({ reviewers: 0 });
    const wednesday = new Date('2026-01-07T10:00:00+09:00');
    expect(t.app.run('sendReviewReminders', { at: wednesday }).value).toMatchObject({ reviewers: 2, pulls: 1 });
    t.app.run('sendReviewReminders', { at: new Date(wednesday.getTime() + 60_000) });
    const outbox = rows(t, 'Outbox').filter((r) => String(r['Key']).startsWith('review-reminder:'));
    expect(outbox.map((r) => [r['Key'], r['Target']])).toEqual([
      ['review-reminder:2026-01-07:hubot', 'U0HUBOT1'],
      ['review-reminder:2026-01-07:octo-reviewer', '#code-reviews'],
    ]);
  }, 60_000);
});

describe('the daily summary names the PRs that moved tasks', () => {
  test('merged today: done ← the PR, in the thread', async () => {
    const t = await cloneApp(template);
    setProperty(t, 'SLACK_BOT_TOKEN', 'xoxb-test-not-real');
    post(t, pull('opened', false));
    post(t, pull('closed', true));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    expect(t.app.run('sendDailySummary', { at: new Date('2026-01-05T18:30:00+09:00') }).error).toBeUndefined();
    const details = JSON.stringify(rows(t, 'Outbox').find((r) => r['Key'] === 'daily-summary:2026-01-05:details'));
    expect(details).toContain('PR が動かしたタスク* 1 件');
    expect(details).toContain('✅ T-4 ← ');
    expect(details).toContain('Codertocat/Hello-World#2');
  }, 60_000);
});

describe('the project update names the PRs that moved tasks', () => {
  test('a task merged today is listed with its PR', async () => {
    const t = await cloneApp(template);
    setProperty(t, 'SLACK_BOT_TOKEN', 'xoxb-test-not-real');
    appendRows(t.state(), 'Projects', [{ Name: 'Alpha', Active: true }]);
    post(t, pull('opened', false));
    post(t, pull('closed', true));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    expect(t.app.run('sendProjectUpdates', { at: new Date('2026-01-05T17:30:00+09:00') }).error).toBeUndefined();
    const update = rows(t, 'Outbox').find((r) => r['Key'] === 'project-update:Alpha:2026-01-05');
    expect(JSON.stringify(update)).toContain('✅ T-4 GitHub 連携 ← Codertocat/Hello-World#2');
  }, 60_000);
});

describe('GitLab: merge requests move tasks, pushes and merge requests count by GitLab Username', () => {
  // GitLab's "Webhook events" payloads (test/fixtures/gitlab/), renamed as a team would name the work.
  const FIXTURES = path.join(__dirname, '..', 'fixtures', 'gitlab');
  const fixture = (name: string): Record<string, any> => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
  const mr = (name: string) => {
    const payload = fixture(name);
    payload['object_attributes'] = { ...payload['object_attributes'], title: 'Login form', source_branch: 'feature/T-4-login' };
    return payload;
  };

  async function gitlabApp(): Promise<App> {
    const t = await cloneApp(template);
    setSetting(t, 'GITLAB_PROJECTS', 'acme/web-app', AT);
    appendRows(t.state(), 'Members', [
      { Name: '佐藤 花', 'GitLab Username': 'hana.sato', Active: true },
      { Name: '伊藤 健', 'GitLab Username': 'ken.ito', 'Slack User ID': 'U0KENITO1', Active: true },
    ]);
    return { ...t, token: t.prop('WEBHOOK_TOKEN_GITLAB') as string };
  }

  function postGitLab(t: App, payload: Record<string, unknown>, at = AT): Record<string, unknown> {
    const { response } = t.app.post(`source=gitlab&token=${t.token}`, JSON.stringify(payload), 'application/json', at);
    return JSON.parse(response.body) as Record<string, unknown>;
  }

  test('a merge request naming T-4 in its branch: opened → in progress, merged → done, counted for its author', async () => {
    const t = await gitlabApp();
    expect(postGitLab(t, mr('merge_request.open'))).toMatchObject({ ok: true, recorded: true });
    expect(t.app.run('processGitLabEvents', { at: new Date(AT.getTime() + 60_000) }).error).toBeUndefined();
    expect(rows(t, 'Tasks').map((r) => [r['ID'], r['Status'], r['Pull Requests']])).toEqual([
      ['T-4', 'in progress', 'acme/web-app!17'],
      ['T-40', 'todo', ''],
    ]);
    expect(rows(t, 'Pull Requests')[0]).toMatchObject({ Forge: 'gitlab', Branch: 'feature/T-4-login', Tasks: 'T-4' });

    postGitLab(t, mr('merge_request.merge'), new Date(AT.getTime() + 120_000));
    t.app.run('processGitLabEvents', { at: new Date(AT.getTime() + 180_000) });
    const [task] = rows(t, 'Tasks');
    expect(task).toMatchObject({ ID: 'T-4', Status: 'done' });
    expect(Date.parse(String(task?.['Done At']))).toBe(Date.parse('2026-01-05T02:10:00Z'));
    const hana = rows(t, 'Developer Metrics').find((r) => r['Member'] === '佐藤 花');
    expect(hana).toMatchObject({ 'PRs Opened': 1, 'PRs Merged': 1 });
  }, 60_000);

  test('a merge request waiting for a first review is listed to its GitLab reviewer by their Slack user', async () => {
    const t = await gitlabApp();
    setProperty(t, 'SLACK_BOT_TOKEN', 'xoxb-test-not-real');
    postGitLab(t, mr('merge_request.open'));
    t.app.run('processGitLabEvents', { at: new Date(AT.getTime() + 60_000) });
    expect(rows(t, 'Pull Requests')[0]?.['Requested Reviewers']).toBe('ken.ito');
    expect(t.app.run('sendReviewReminders', { at: new Date('2026-01-07T10:00:00+09:00') }).value).toMatchObject({ reviewers: 1, pulls: 1 });
    const outbox = rows(t, 'Outbox').filter((r) => String(r['Key']).startsWith('review-reminder:'));
    expect(outbox.map((r) => [r['Key'], r['Target']])).toEqual([['review-reminder:2026-01-07:gitlab:ken.ito', 'U0KENITO1']]);
    expect(JSON.stringify(outbox)).toContain('acme/web-app!17');
  }, 60_000);

  test("a push to the default branch counts the pusher's commits for their member; another author is listed", async () => {
    const t = await gitlabApp();
    const push = fixture('push.default_branch');
    // Ken pushes his own commit and one of Hana's (a payload names commit authors by name only).
    push['commits'][1].author = { name: 'Ken Ito', email: '[REDACTED]' };
    expect(postGitLab(t, push)).toMatchObject({ ok: true, recorded: true });
    t.app.run('processGitLabEvents', { at: new Date(AT.getTime() + 60_000) });
    const metrics = rows(t, 'Developer Metrics').map((r) => [r['Member'], r['Commits'], Date.parse(String(r['Last Commit At']))]);
    expect(metrics).toEqual(
      expect.arrayContaining([
        ['伊藤 健', 1, Date.parse('2026-01-05T02:10:00Z')],
        ['@hana sato (GitLab)', 1, Date.parse('2026-01-05T00:55:00Z')],
      ]),
    );
  }, 60_000);
});

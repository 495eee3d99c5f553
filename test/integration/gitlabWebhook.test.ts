import * as fs from 'node:fs';
import * as path from 'node:path';
import { spreadsheetCalls, type TestApp } from '../helpers/app';
import { cloneApp, githubApp, setProperty, setSetting } from '../helpers/fakeGitHub';
import { appendRows } from '../helpers/sheetRows';

/**
 * GitLab webhooks through build/Code.js, with payloads written after GitLab's "Webhook events" reference
 * (test/fixtures/gitlab/: one per event and action handled, and a self-managed instance's).
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'gitlab');
const fixture = (name: string): Record<string, any> => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
const AT = new Date('2026-01-05T12:00:00+09:00');
const LATER = new Date(AT.getTime() + 60_000);

type App = TestApp & { token: string };

function post(t: App, body: string, query = `source=gitlab&token=${t.token}`) {
  const { response, result } = t.app.post(query, body, 'application/json', AT);
  expect(response.mimeType).toBe('application/json');
  return { answer: JSON.parse(response.body) as Record<string, unknown>, stats: result.stats };
}

/** A sheet's rows as objects by header; times as instants. */
function records(t: TestApp, sheet: string): Array<Record<string, unknown>> {
  const [header = [], ...rows] = t.sheet(sheet);
  return rows.map((r) =>
    Object.fromEntries(
      header.map((h, i) => {
        const v = r[i];
        return [String(h), typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) ? new Date(v).toISOString() : v];
      }),
    ),
  );
}

function apply(t: App): void {
  const run = t.app.run('processGitLabEvents', { at: LATER });
  expect(run.error).toBeUndefined();
}

const SHEETS = ['GitLab Events', 'Pull Requests', 'Reviews', 'Deployments', 'Commits', 'Incidents'];
const snapshot = (t: TestApp) => Object.fromEntries(SHEETS.map((s) => [s, t.sheet(s)]));

let template: App;

beforeAll(async () => {
  const t = await githubApp(AT);
  template = { ...t, token: t.prop('WEBHOOK_TOKEN_GITLAB') as string };
  expect(template.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  setSetting(template, 'GITLAB_PROJECTS', 'acme/web-app\ndev/platform/api', AT);
  setSetting(template, 'GITHUB_DEPLOY_WORKFLOWS', 'deploy', AT);
});

describe('GitLab webhook through build/Code.js', () => {
  const recorded = fs
    .readdirSync(FIXTURES)
    .map((f) => f.replace(/\.json$/, ''))
    .filter((n) => n !== 'note.issue');

  test.each(recorded)('%s: recorded in GitLab Events in at most 3 Spreadsheet calls, applied with Forge gitlab', async (name) => {
    const t = await cloneApp(template);
    const payload = fixture(name);
    const { answer, stats } = post(t, JSON.stringify(payload));
    expect(answer).toMatchObject({ ok: true, event: payload['object_kind'], recorded: true });
    expect(spreadsheetCalls(stats)).toBeLessThanOrEqual(3);
    const [event, ...more] = records(t, 'GitLab Events');
    expect(more).toEqual([]);
    expect(event).toMatchObject({ Event: payload['object_kind'], Project: payload['project'].path_with_namespace });
    apply(t);
    expect(records(t, 'GitLab Events')[0]).toMatchObject({ Data: '', 'Applied At': expect.any(String) });
    const derived = ['Pull Requests', 'Reviews', 'Deployments', 'Commits', 'Incidents'].flatMap((s) => records(t, s));
    for (const row of derived) expect(row['Forge']).toBe('gitlab');
  });

  test('a merge request: opened, reviewers added, commented, approved, unapproved, merged — one row each, review figures from them', async () => {
    const t = await cloneApp(template);
    for (const name of [
      'merge_request.open',
      'merge_request.update.reviewers',
      'note.merge_request',
      'merge_request.approved',
      'merge_request.merge',
    ]) {
      expect(post(t, JSON.stringify(fixture(name))).answer).toMatchObject({ ok: true, recorded: true });
    }
    apply(t);
    const [pull, ...others] = records(t, 'Pull Requests');
    expect(others).toEqual([]);
    expect(pull).toMatchObject({
      Repository: 'acme/web-app',
      Number: 17,
      Title: 'Add the login form',
      Author: 'hana.sato',
      State: 'merged',
      Draft: false,
      Created: '2026-01-05T01:00:00.000Z',
      'Ready For Review': '2026-01-05T01:00:00.000Z',
      'First Review': '2026-01-05T01:30:00.000Z',
      Approved: '2026-01-05T01:40:00.000Z',
      Merged: '2026-01-05T02:10:00.000Z',
      Reviews: 2,
      URL: 'https://gitlab.com/acme/web-app/-/merge_requests/17',
      Forge: 'gitlab',
    });
    expect(records(t, 'Reviews').map((r) => [r['Review ID'], r['Reviewer'], r['State']])).toEqual([
      ['note-77001', 'ken.ito', 'COMMENTED'],
      ['approval-17-ken.ito', 'ken.ito', 'APPROVED'],
    ]);
    // Withdrawn: the same row, dismissed; the PR has no approval any more.
    post(t, JSON.stringify(fixture('merge_request.unapproved')));
    t.app.run('processGitLabEvents', { at: new Date(LATER.getTime() + 60_000) });
    expect(records(t, 'Reviews').map((r) => r['State'])).toEqual(['COMMENTED', 'DISMISSED']);
    expect(records(t, 'Pull Requests')[0]).toMatchObject({ Approved: '' });
  });

  test('notices as for GitHub: ready for review, review requested to the reviewer’s Slack user, merged', async () => {
    const t = await cloneApp(template);
    setProperty(t, 'SLACK_BOT_TOKEN', 'xoxb-test-not-real');
    appendRows(t.state(), 'Members', [{ Name: 'Yui Mori', 'Slack User ID': 'U0YUI', 'GitLab Username': 'yui.mori', Active: true }]);
    post(t, JSON.stringify(fixture('merge_request.open')));
    apply(t);
    for (const name of ['merge_request.update.reviewers', 'merge_request.merge']) post(t, JSON.stringify(fixture(name)));
    t.app.run('processGitLabEvents', { at: new Date(LATER.getTime() + 60_000) });
    const outbox = records(t, 'Outbox').filter((r) => r['Destination'] === 'slack');
    expect(outbox.map((r) => String(r['Key']).replace(/:20\d\d-.*$/, ''))).toEqual([
      'github:pr-ready:gitlab:acme/web-app#17',
      'gitlab:review-request:acme/web-app#17:ken.ito',
      'github:pr-merged:gitlab:acme/web-app#17',
      'gitlab:review-request:acme/web-app#17:yui.mori',
    ]);
    const summaries = outbox.map((r) => String(r['Summary'])).join('\n');
    expect(summaries).toContain('acme/web-app!17');
    expect(summaries).toContain('<@U0YUI>');
  });

  test('the same delivery twice (GitLab retries, a resend) writes nothing the second time', async () => {
    const t = await cloneApp(template);
    post(t, JSON.stringify(fixture('merge_request.approved')));
    apply(t);
    const before = snapshot(t);
    expect(post(t, JSON.stringify(fixture('merge_request.approved'))).answer).toMatchObject({ ok: true, recorded: false, duplicate: true });
    apply(t);
    expect(snapshot(t)).toEqual(before);
  });

  test('a self-managed instance: another host, a subgroup, times written +0900', async () => {
    const t = await cloneApp(template);
    post(t, JSON.stringify(fixture('self_managed.merge_request.open')));
    post(t, JSON.stringify(fixture('self_managed.deployment.success')));
    apply(t);
    expect(records(t, 'Pull Requests')[0]).toMatchObject({
      Repository: 'dev/platform/api',
      Number: 4,
      Created: '2026-01-05T00:00:00.000Z',
      URL: 'https://gitlab.example.co.jp/dev/platform/api/-/merge_requests/4',
    });
    expect(records(t, 'Deployments')[0]).toMatchObject({
      Repository: 'dev/platform/api',
      'Deployment ID': '55',
      SHA: '0123456789abcdef0123456789abcdef01234567',
      State: 'success',
      Finished: '2026-01-05T02:00:00.000Z',
      Forge: 'gitlab',
    });
  });

  test('deployments, pipelines named in GITHUB_DEPLOY_WORKFLOWS, default-branch pushes and incidents fill the shared tables', async () => {
    const t = await cloneApp(template);
    for (const name of [
      'deployment.running',
      'deployment.success',
      'deployment.failed',
      'pipeline.success',
      'push.default_branch',
      'push.other_branch',
      'issue.incident.open',
      'issue.incident.close',
      'issue.labelled.open',
      'issue.plain.open',
    ])
      post(t, JSON.stringify(fixture(name)));
    apply(t);
    expect(records(t, 'Deployments').map((r) => [r['Deployment ID'], r['Environment'], r['State'], r['Source'], r['Workflow']])).toEqual([
      ['7001', 'production', 'success', 'deployment', ''],
      ['7002', 'production', 'failure', 'deployment', ''],
      ['run-901', '', 'success', 'workflow', 'deploy'],
    ]);
    expect(records(t, 'Commits').map((r) => [r['SHA'], r['Author'], r['Push']])).toEqual([
      ['c0ffee1234567890c0ffee1234567890c0ffee12', 'Hana Sato', 'abcdef0123456789abcdef0123456789abcdef01'],
      ['abcdef0123456789abcdef0123456789abcdef01', 'Hana Sato', 'abcdef0123456789abcdef0123456789abcdef01'],
    ]);
    expect(records(t, 'Incidents').map((r) => [r['Number'], r['Title'], r['Closed'], r['Root Cause']])).toEqual([
      [31, 'Production login outage', '2026-01-05T03:30:00.000Z', 'abcdef01'],
      [32, 'Checkout returns 500', '', ''],
    ]);
  });

  test('a GitHub row written before GitLab came (no Forge) reads as github and is not doubled', async () => {
    const t = await cloneApp(template);
    appendRows(t.state(), 'Pull Requests', [{ Repository: 'acme/web-app', Number: 17, Title: 'GitHub PR of the same path', State: 'open' }]);
    post(t, JSON.stringify(fixture('merge_request.open')));
    apply(t);
    expect(records(t, 'Pull Requests').map((r) => [r['Title'], r['Forge']])).toEqual([
      ['GitHub PR of the same path', ''],
      ['Add the login form', 'gitlab'],
    ]);
  });
});

describe('GitLab webhook: bad input', () => {
  test('a wrong or missing token, or the GitHub token: refused, nothing written', async () => {
    const t = await cloneApp(template);
    const body = JSON.stringify(fixture('merge_request.open'));
    for (const query of ['source=gitlab', 'source=gitlab&token=nope', `source=gitlab&token=${t.prop('WEBHOOK_TOKEN_GITHUB')}`]) {
      expect(post(t, body, query).answer).toEqual({ ok: false, error: 'missing or wrong token' });
    }
    expect(t.sheet('GitLab Events').length).toBe(1);
  });

  test('not a GitLab event, or malformed: a clear error naming what is wrong, nothing written', async () => {
    const t = await cloneApp(template);
    const mr = fixture('merge_request.open');
    const cases: Array<[string, string]> = [
      ['', 'the request body is empty'],
      ['{"object_kind": merge}', 'is not valid JSON'],
      [JSON.stringify({ action: 'opened', pull_request: { number: 1 } }), 'not a GitLab webhook event: it has no "object_kind"'],
      [
        JSON.stringify({ ...mr, object_attributes: { ...mr['object_attributes'], iid: 'seventeen' } }),
        '"object_attributes.iid" of the merge_request payload must be a number',
      ],
      [
        JSON.stringify({ ...mr, object_attributes: { ...mr['object_attributes'], updated_at: 'yesterday' } }),
        '"object_attributes.updated_at" of the merge_request payload must be a time',
      ],
      [JSON.stringify({ ...mr, project: {} }), 'the merge_request payload has no "project.path_with_namespace"'],
    ];
    for (const [body, error] of cases) {
      const { answer } = post(t, body);
      expect(answer['ok']).toBe(false);
      expect(String(answer['error'])).toContain(error);
    }
    expect(snapshot(t)).toEqual(snapshot(template));
  });

  test('an event not handled, a note on an issue: said back as ignored, nothing written', async () => {
    const t = await cloneApp(template);
    expect(post(t, JSON.stringify({ ...fixture('push.default_branch'), object_kind: 'tag_push' })).answer).toEqual({ ok: true, ignored: 'tag_push' });
    expect(post(t, JSON.stringify({ object_kind: 'build', build_id: 1 })).answer).toEqual({ ok: true, ignored: 'build' });
    expect(post(t, JSON.stringify(fixture('note.issue'))).answer).toEqual({ ok: true, ignored: 'note', reason: 'note on Issue' });
    expect(snapshot(t)).toEqual(snapshot(template));
  });

  test('a project not in GITLAB_PROJECTS (a group hook sends them all): recorded as ignored, no row elsewhere', async () => {
    const t = await cloneApp(template);
    const other = fixture('merge_request.open');
    other['project'] = { ...other['project'], path_with_namespace: 'someone/else' };
    const { answer, stats } = post(t, JSON.stringify(other));
    expect(answer).toMatchObject({ ok: true, project: 'someone/else', recorded: true });
    expect(spreadsheetCalls(stats)).toBeLessThanOrEqual(3);
    apply(t);
    expect(records(t, 'GitLab Events')[0]).toMatchObject({ Project: 'someone/else', Data: 'ignored: the project is not in GITLAB_PROJECTS' });
    expect(t.sheet('Pull Requests').length).toBe(1);
  });

  test('a title that looks like a formula stays text', async () => {
    const t = await cloneApp(template);
    const payload = fixture('merge_request.formula_title');
    post(t, JSON.stringify(payload));
    apply(t);
    expect(records(t, 'GitLab Events')[0]?.['Title']).toBe(payload['object_attributes'].title);
    expect(records(t, 'Pull Requests')[0]?.['Title']).toBe(payload['object_attributes'].title);
  });
});

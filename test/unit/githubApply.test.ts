import { applyFacts, type GitHubTables } from '../../src/app/github/apply';
import { ingestGitHubWebhook } from '../../src/app/github/ingestWebhook';
import type { ChatMessage, Outbox } from '../../src/domain/chat/outbox';
import type { Facts } from '../../src/domain/github/facts';
import { emptyState, mergeAll } from '../../src/domain/github/merge';
import type { NoticeOptions } from '../../src/domain/github/notices';
import { COMMITS, DEPLOYMENTS, GITHUB_EVENTS, INCIDENTS, PULL_REQUESTS, REVIEWS } from '../../src/sheets/githubTables';
import { Table } from '../../src/sheets/table';
import { MemoryWorkbook } from '../helpers/memoryWorkbook';

const NOW = new Date('2026-01-05T03:00:00Z');
const options = { dateKey: (d: Date) => d.toISOString().slice(0, 10) };

function tablesOf(workbook: MemoryWorkbook): GitHubTables {
  return {
    events: new Table(GITHUB_EVENTS, workbook, options),
    pulls: new Table(PULL_REQUESTS, workbook, options),
    reviews: new Table(REVIEWS, workbook, options),
    deployments: new Table(DEPLOYMENTS, workbook, options),
    commits: new Table(COMMITS, workbook, options),
    incidents: new Table(INCIDENTS, workbook, options),
  };
}

/** An outbox that keeps what it is given, and sends each dedupe key once, as the real one promises. */
class MemoryOutbox implements Outbox {
  readonly sent = new Map<string, ChatMessage>();
  enqueue(messages: ReadonlyArray<ChatMessage>): void {
    for (const m of messages) if (!this.sent.has(m.dedupeKey)) this.sent.set(m.dedupeKey, m);
  }
}

const notices: NoticeOptions = {
  now: NOW,
  language: 'ja',
  codeReviewChannel: '#code-reviews',
  progressChannel: '#progress',
  largeChangeLines: 1000,
  slackUserOf: new Map([['sato-hanako', 'U0DEMO0002']]),
};
const merge = { incidentLabel: 'incident', deployWorkflows: ['Deploy'] };

/** Webhook deliveries in, applied by the next run: what the tables and the outbox hold after. */
function deliver(
  payloads: Array<Record<string, unknown>>,
  workbook = new MemoryWorkbook(),
  outbox = new MemoryOutbox(),
  language: 'ja' | 'en' = 'ja',
) {
  const tables = tablesOf(workbook);
  let pending = false;
  for (const payload of payloads) {
    ingestGitHubWebhook(
      {
        properties: { WEBHOOK_TOKEN_GITHUB: 't' },
        now: NOW,
        events: new Table(GITHUB_EVENTS, workbook, options),
        locked: (w) => w(),
        markPending: () => (pending = true),
      },
      { token: 't', body: JSON.stringify(payload), contentType: 'application/json', formPayload: undefined, eventParam: undefined },
    );
  }
  const result = applyFacts(tables, [], { now: NOW, merge, notices: { ...notices, language }, eventsPending: pending });
  outbox.enqueue(result.notices);
  return { workbook, outbox, result };
}

const repo = { full_name: 'acme/api', default_branch: 'main' };
function pr(action: string, fields: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    action,
    number: 7,
    repository: repo,
    sender: { login: 'tanaka-taro' },
    pull_request: {
      number: 7,
      node_id: 'PR_7',
      title: 'Add <!channel> *bold* [link](http://evil.example) @everyone',
      user: { login: 'tanaka-taro' },
      state: 'open',
      draft: false,
      created_at: '2026-01-05T01:00:00Z',
      updated_at: '2026-01-05T01:00:00Z',
      merged_at: null,
      closed_at: null,
      additions: 120,
      deletions: 30,
      changed_files: 4,
      html_url: 'https://github.com/acme/api/pull/7',
      ...fields,
    },
    ...extra,
  };
}

describe('notifications through the outbox', () => {
  test('PR opened → #code-reviews with a linked title, the author and its line counts; titles cannot form markup', () => {
    const { outbox } = deliver([pr('opened')]);
    const message = outbox.sent.get('github:pr-ready:acme/api#7');
    expect(message?.slack?.channel).toBe('#code-reviews');
    expect(message?.slack?.text).toBe(
      '🔄 新しいPR作成: <https://github.com/acme/api/pull/7|acme/api#7 Add &lt;!channel&gt; *bold* [link](http://evil.example) @\u2060everyone>\n作成者: tanaka-taro | 変更行数: +120/-30',
    );
    const embed = (message?.discord?.embeds?.[0] ?? {}) as Record<string, string>;
    expect(embed['url']).toBe('https://github.com/acme/api/pull/7');
    expect(embed['description']).toContain('Add \\<!channel\\> \\*bold\\* \\[link\\]\\(http\\://evil.example\\) @\u2060everyone');
    expect(embed['description']).not.toMatch(/\[link\]\(http/);
    expect(outbox.sent.size).toBe(1);
  });

  test('English with LANGUAGE=en; a draft is announced only once it is ready', () => {
    const draft = deliver([pr('opened', { draft: true })], undefined, undefined, 'en');
    expect(draft.outbox.sent.size).toBe(0);
    const ready = deliver(
      [pr('opened', { draft: true }), pr('ready_for_review', { updated_at: '2026-01-05T02:00:00Z' })],
      undefined,
      undefined,
      'en',
    );
    expect(ready.outbox.sent.get('github:pr-ready:acme/api#7')?.slack?.text).toMatch(
      /^🔄 New pull request: <https[^\n]*\nAuthor: tanaka-taro \| Lines changed: \+120\/-30$/,
    );
  });

  test('PR merged → the progress channel, once however often it is seen', () => {
    const merged = pr('closed', {
      state: 'closed',
      merged_at: '2026-01-05T02:30:00Z',
      closed_at: '2026-01-05T02:30:00Z',
      updated_at: '2026-01-05T02:30:00Z',
    });
    const workbook = new MemoryWorkbook();
    const outbox = new MemoryOutbox();
    deliver([pr('opened')], workbook, outbox);
    deliver([merged], workbook, outbox);
    deliver([merged], workbook, outbox);
    expect(outbox.sent.get('github:pr-merged:acme/api#7')?.slack).toMatchObject({
      channel: '#progress',
      text: expect.stringContaining('🎉 マージされました'),
    });
    expect([...outbox.sent.keys()].sort()).toEqual(['github:pr-merged:acme/api#7', 'github:pr-ready:acme/api#7']);
  });

  test('review requested → the reviewer mentioned through Members, or named when not a member', () => {
    const { outbox } = deliver([
      pr('review_requested', {}, { requested_reviewer: { login: 'sato-hanako' } }),
      pr('review_requested', {}, { requested_reviewer: { login: 'outsider' } }),
      pr('review_requested', {}, { requested_team: { name: 'backend', slug: 'backend' } }),
    ]);
    const texts = [...outbox.sent.values()].filter((m) => m.dedupeKey.startsWith('github:review-request:')).map((m) => m.slack?.text ?? '');
    expect(texts).toHaveLength(3);
    expect(texts[0]).toMatch(/^👀 <@U0DEMO0002> さん、レビュー依頼です: <https:\/\/github.com\/acme\/api\/pull\/7\|/);
    expect(texts[1]).toMatch(/^👀 outsider さん/);
    expect(texts[2]).toMatch(/^👀 backend さん/);
  });

  test('a PR over LARGE_CHANGE_LINES raises one alert; a push does once the sync brings its line counts', () => {
    const { outbox } = deliver([pr('opened', { additions: 900, deletions: 200 })]);
    expect(outbox.sent.get('github:pr-large:acme/api#7')?.slack?.text).toBe(
      '⚠️ 大きな変更: <https://github.com/acme/api/pull/7|acme/api#7 Add &lt;!channel&gt; *bold* [link](http://evil.example) @\u2060everyone> は +900 / −200 行です（しきい値 1,000 行）。分割を検討してください。',
    );

    const workbook = new MemoryWorkbook();
    const pushOutbox = new MemoryOutbox();
    const sha = (n: number) => String(n).repeat(40);
    const push = {
      ref: 'refs/heads/main',
      before: sha(0),
      after: sha(2),
      repository: repo,
      pusher: { name: 'tanaka-taro' },
      commits: [1, 2].map((n) => ({
        id: sha(n),
        message: `c${n}`,
        timestamp: '2026-01-05T02:00:00Z',
        url: `https://github.com/acme/api/commit/${sha(n)}`,
        author: { name: 'T', username: 'tanaka-taro' },
      })),
    };
    deliver([push], workbook, pushOutbox);
    expect(pushOutbox.sent.size).toBe(0);
    // The sync's facts: the same commits with their line counts.
    const counts: Facts = { commits: [1, 2].map((n) => ({ repository: 'acme/api', sha: sha(n), additions: 700, deletions: 10 })) };
    pushOutbox.enqueue(applyFacts(tablesOf(workbook), [counts], { now: NOW, merge, notices, eventsPending: false }).notices);
    expect(pushOutbox.sent.get(`github:push-large:acme/api:${sha(2)}`)?.slack?.text).toBe(
      `⚠️ 大きなプッシュ: <https://github.com/acme/api/commit/${sha(2)}|acme/api@2222222> に 2 件のコミット、+1,400 / −20 行（しきい値 1,000 行）`,
    );
  });

  test('history is not announced: changes older than a day stay quiet (a first sync, a replayed backlog)', () => {
    const old = {
      created_at: '2025-12-01T00:00:00Z',
      updated_at: '2025-12-02T00:00:00Z',
      state: 'closed',
      merged_at: '2025-12-02T00:00:00Z',
      additions: 5000,
    };
    expect(deliver([pr('closed', old)]).outbox.sent.size).toBe(0);
  });
});

describe('merging is independent of order and repetition', () => {
  const facts: Facts[] = [
    {
      pulls: [
        {
          repository: 'a/b',
          number: 1,
          updatedAt: '2026-01-01T00:00:00Z',
          title: 'old title',
          state: 'open',
          draft: true,
          created: '2026-01-01T00:00:00Z',
          readyForReview: null,
          merged: null,
          closed: null,
        },
      ],
    },
    {
      pulls: [
        {
          repository: 'a/b',
          number: 1,
          updatedAt: '2026-01-02T00:00:00Z',
          title: 'new title',
          state: 'merged',
          draft: false,
          merged: '2026-01-02T00:00:00Z',
          closed: '2026-01-02T00:00:00Z',
          additions: 3,
          deletions: 1,
        },
      ],
    },
    { pulls: [{ repository: 'a/b', number: 1, updatedAt: '2026-01-01T06:00:00Z', readyForReview: '2026-01-01T06:00:00Z', draft: false }] },
    { reviews: [{ repository: 'a/b', number: 1, reviewId: '11', reviewer: 'x', state: 'COMMENTED', submittedAt: '2026-01-01T08:00:00Z' }] },
    { reviews: [{ repository: 'a/b', number: 1, reviewId: '12', reviewer: 'y', state: 'APPROVED', submittedAt: '2026-01-01T09:00:00Z' }] },
    {
      deployments: [
        {
          repository: 'a/b',
          deploymentId: '5',
          environment: 'production',
          sha: 's',
          created: '2026-01-02T00:00:00Z',
          statuses: [{ state: 'success', at: '2026-01-02T00:05:00Z' }],
        },
      ],
    },
    { deployments: [{ repository: 'a/b', deploymentId: '5', statuses: [{ state: 'in_progress', at: '2026-01-02T00:01:00Z' }] }] },
    { deployments: [{ repository: 'a/b', deploymentId: '5', statuses: [{ state: 'inactive', at: '2026-01-03T00:00:00Z' }] }] },
  ];

  function permutations<T>(list: T[]): T[][] {
    if (list.length <= 1) return [list];
    return list.flatMap((item, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [item, ...rest]));
  }

  test('every order of the facts, each given twice, ends in the same rows', () => {
    const outcomes = new Set<string>();
    const all = permutations(facts);
    for (const order of all.filter((_, i) => i % 97 === 0)) {
      const state = emptyState();
      mergeAll(state, [...order, ...order], merge);
      outcomes.add(JSON.stringify([[...state.pulls.values()], [...state.deployments.values()]]));
    }
    expect(outcomes.size).toBe(1);
    const state = emptyState();
    mergeAll(state, facts, merge);
    expect(state.pulls.get('a/b#1')).toMatchObject({
      title: 'new title',
      state: 'merged',
      draft: false,
      readyForReview: new Date('2026-01-01T06:00:00Z'),
      firstReview: new Date('2026-01-01T08:00:00Z'),
      approved: new Date('2026-01-01T09:00:00Z'),
      reviews: 2,
      additions: 3,
    });
    // `inactive` marks a deployment a newer one replaced: it does not undo its success.
    expect(state.deployments.get('a/b\u00015')).toMatchObject({ state: 'success', finished: new Date('2026-01-02T00:05:00Z') });
  });

  test("the author's own review is no first review", () => {
    const state = emptyState();
    mergeAll(
      state,
      [
        { pulls: [{ repository: 'a/b', number: 2, updatedAt: '2026-01-01T00:00:00Z', author: 'me', created: '2026-01-01T00:00:00Z' }] },
        { reviews: [{ repository: 'a/b', number: 2, reviewId: '1', reviewer: 'me', state: 'COMMENTED', submittedAt: '2026-01-01T01:00:00Z' }] },
      ],
      merge,
    );
    expect(state.pulls.get('a/b#2')).toMatchObject({ reviews: 1, firstReview: null, approved: null });
  });

  test('a deploy workflow run is a deployment; other workflows are not', () => {
    const state = emptyState();
    const run = {
      repository: 'a/b',
      runId: '9',
      status: 'completed',
      conclusion: 'timed_out',
      sha: 's',
      started: '2026-01-01T00:00:00Z',
      updated: '2026-01-01T00:10:00Z',
      url: 'https://github.com/a/b/actions/runs/9',
    };
    mergeAll(
      state,
      [
        {
          runs: [
            { ...run, name: 'deploy' },
            { ...run, runId: '10', name: 'CI' },
          ],
        },
      ],
      merge,
    );
    expect([...state.deployments.values()]).toEqual([
      expect.objectContaining({
        deploymentId: 'run-9',
        source: 'workflow',
        workflow: 'deploy',
        state: 'failure',
        finished: new Date('2026-01-01T00:10:00Z'),
      }),
    ]);
  });
});

import type { KpiRow, KpiTargets } from '../../src/domain/chat/kpi';
import { dailySummary, type DailySummaryData } from '../../src/domain/reports/dailySummary';

const row = (date: string, values: Partial<Omit<KpiRow, 'date'>> = {}): KpiRow => ({
  date,
  overallProgress: null,
  taskCompletionRate: null,
  qualityScore: null,
  teamSatisfaction: null,
  blockersCount: null,
  codeReviewTime: null,
  deploySuccessRate: null,
  ...values,
});

function data(overrides: Partial<DailySummaryData> = {}): DailySummaryData {
  return {
    date: '2026-01-07',
    weekday: 3,
    kpi: row('2026-01-07', { overallProgress: 0.72, qualityScore: 3.2 }),
    previousKpi: row('2026-01-06', { overallProgress: 0.7, qualityScore: 3.4 }),
    targets: new Map([['Quality Score', { target: 3.5, higherIsBetter: true }]]) as KpiTargets,
    members: [
      { name: 'A', reported: true },
      { name: 'B', reported: false },
    ],
    openBlockers: 0,
    newBlockers: [],
    ageingBlockers: [],
    blockerAgeDays: 3,
    merged: [],
    deploys: [],
    alerts: null,
    now: '2026-01-07T09:30:00.000Z',
    ...overrides,
  };
}

const texts = (blocks: unknown[]) => (blocks as Array<{ text?: { text: string } }>).map((b) => b.text?.text ?? '');

describe('the daily summary builder', () => {
  test('no KPI recorded yet, nobody in Members: it says so instead of showing blanks', () => {
    const s = dailySummary(data({ kpi: null, previousKpi: null, members: [] }), 'ja');
    expect(texts(s.slack.blocks)[1]).toMatch(/^\*KPI\* 記録なし　\*日報\* 0\/0 人/);
    expect(texts(s.thread.blocks)[0]).toBe('*KPI* まだ記録がありません\nなし');
    expect(texts(s.thread.blocks)[1]).toBe('*日報* 0/0 人が提出\nMembers シートに有効なメンバーがいません');
    expect(s.counts).toEqual({ kpiMet: 0, kpiWithTarget: 0, reported: 0, members: 0, alerts: 0 });
  });

  test("a KPI row from an earlier day is labelled as the latest, not as today's", () => {
    const s = dailySummary(data({ kpi: row('2026-01-06', { overallProgress: 0.7 }), previousKpi: null }), 'en');
    expect(texts(s.thread.blocks)[0]).toBe('*Latest KPIs (2026-01-06)* change on the previous day — none for today yet\n▫️ *Overall progress* 70.0%');
  });

  test('alerts recorded by the sheet are shown as they are, instead of derived ones', () => {
    const s = dailySummary(data({ alerts: ['Quality below 3.5 for 3 days <!here>'] }), 'ja');
    expect(texts(s.thread.blocks)[5]).toBe('*アラート* 1 件\n• ⚠️ Quality below 3.5 for 3 days &lt;!here&gt;');
    expect(s.counts.alerts).toBe(1);
  });

  test('without recorded alerts, the KPIs off target are the alerts', () => {
    const s = dailySummary(data(), 'ja');
    expect(texts(s.thread.blocks)[5]).toBe('*アラート* 1 件\n• ⚠️ 品質スコア 3.2 / 5（目標 3.5 / 5）');
  });

  test('a lower-is-better KPI going down is good', () => {
    const s = dailySummary(
      data({
        kpi: row('2026-01-07', { codeReviewTime: 5 }),
        previousKpi: row('2026-01-06', { codeReviewTime: 8 }),
        targets: new Map([['Code Review Time', { target: 6, higherIsBetter: false }]]),
      }),
      'en',
    );
    expect(texts(s.thread.blocks)[0]).toBe(
      '*KPIs (2026-01-07)* change on the previous day\n✅ *Review time* 5.0 h (target 6.0 h)　↘︎ −3.0 h (better)',
    );
  });

  test('links only for http(s) URLs; labels and titles escaped for Slack and for Discord', () => {
    const merged = [
      { repository: 'a/b', number: 1, title: 'x > y & <z>', author: '@here', url: 'https://github.com/a/b/pull/1' },
      { repository: 'a/b', number: 2, title: '[click](https://evil.example)', author: '', url: 'javascript:alert(1)' },
    ];
    const s = dailySummary(data({ merged }), 'en');
    expect(texts(s.thread.blocks)[3]).toBe(
      '*Merged pull requests* 2\n• <https://github.com/a/b/pull/1|a/b#1> x &gt; y &amp; &lt;z&gt; — @\u2060here\n• a/b#2 [click](https://evil.example)',
    );
    const field = s.discord.embeds[0]?.fields?.[3]?.value;
    expect(field).toBe('• [a/b#1](https://github.com/a/b/pull/1) x > y & <z> — @\u2060here\n• a/b#2 \\[click\\]\\(https://evil.example\\)');
  });

  test("everything fits Slack's and Discord's limits however long the day", () => {
    const long = 'あ'.repeat(3000);
    const s = dailySummary(
      data({
        members: Array.from({ length: 300 }, (_, i) => ({ name: `${long}${i}`, reported: false })),
        newBlockers: Array.from({ length: 200 }, () => ({ description: long, member: long, ageDays: 0 })),
        ageingBlockers: Array.from({ length: 200 }, () => ({ description: long, member: long, ageDays: 9 })),
        merged: Array.from({ length: 500 }, (_, i) => ({ repository: 'r/r', number: i, title: long, author: long, url: null })),
        deploys: Array.from({ length: 500 }, () => ({ environment: long, sha: 'x'.repeat(40), state: 'failure', failed: true })),
        openBlockers: 400,
      }),
      'ja',
    );
    for (const b of [...s.slack.blocks, ...s.thread.blocks] as Array<{ type: string; text?: { text: string } }>) {
      expect((b.text?.text ?? '').length).toBeLessThanOrEqual(b.type === 'header' ? 150 : 3000);
    }
    expect(s.thread.blocks.length).toBeLessThanOrEqual(50);
    expect(texts(s.thread.blocks)[3]).toMatch(/…他 \d+ 件$/);
    const embed = s.discord.embeds[0];
    let total = (embed?.title?.length ?? 0) + (embed?.description?.length ?? 0) + (embed?.footer?.text.length ?? 0);
    for (const f of embed?.fields ?? []) {
      expect(f.value.length).toBeLessThanOrEqual(1024);
      expect(f.name.length).toBeLessThanOrEqual(256);
      total += f.name.length + f.value.length;
    }
    expect(total).toBeLessThanOrEqual(6000);
  });
});

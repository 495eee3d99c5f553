import { rollupWeeks, type KpiDay } from '../../src/domain/kpi/weekly';
import type { KpiValues } from '../../src/domain/kpi/fields';

const v = (p: number | null, q: number | null, b: number | null = null, s: number | null = null): KpiValues => ({
  overallProgress: p,
  taskCompletionRate: null,
  qualityScore: q,
  teamSatisfaction: s,
  blockersCount: b,
  codeReviewTime: null,
  deploySuccessRate: null,
});

describe('weekly rollup', () => {
  const days: KpiDay[] = [
    { day: '2026-01-05', values: v(0.4, 4, 2, 4) },
    { day: '2026-01-07', values: v(0.5, 3.5, 4, 3) },
    { day: '2026-01-12', values: v(0.6, 4.25, 1, 5) },
    { day: '2026-01-13', values: v(0.62, null, 1) },
  ];

  test("one row per ISO week with averages, the change on the week and a trend in the team's language", () => {
    const rows = rollupWeeks({ days, blockers: [], github: new Map(), today: '2026-01-14' }, 'ja');
    expect(rows.map((r) => [r.week, r.from, r.to, r.avgProgress, r.avgQuality, r.totalBlockers, r.progressChange, r.avgSatisfaction])).toEqual([
      ['2026-W02', '2026-01-05', '2026-01-11', 0.45, 3.75, 4, null, 3.5],
      ['2026-W03', '2026-01-12', '2026-01-18', 0.61, 4.25, 1, 0.16, 5],
    ]);
    expect(rows[0]?.trend).toBe('進捗 45.0%・品質 3.8（—）・ブロッカー 4 件');
    expect(rows[1]?.trend).toBe('📈 進捗 61.0%（前週比 +16.0pt）・品質 4.3（+0.5）・ブロッカー 1 件');
    expect(rollupWeeks({ days, blockers: [], github: new Map(), today: '2026-01-14' }, 'en')[1]?.trend).toBe(
      '📈 progress 61.0% (+16.0 pt on the week) · quality 4.3 (+0.5) · 1 blockers',
    );
  });

  test('Total Blockers counts blockers open at some moment of the week, from Blockers when it has rows', () => {
    const blockers = [
      { openedDay: '2026-01-02', resolvedDay: '2026-01-06', status: 'resolved' },
      { openedDay: '2026-01-02', resolvedDay: '2026-01-03', status: 'resolved' },
      { openedDay: '2026-01-10', resolvedDay: null, status: 'open' },
      { openedDay: '2026-01-12', resolvedDay: null, status: 'open' },
      { openedDay: '2026-01-06', resolvedDay: null, status: 'resolved' },
    ];
    const rows = rollupWeeks({ days, blockers, github: new Map(), today: '2026-01-14' }, 'ja');
    expect(rows.map((r) => r.totalBlockers)).toEqual([3, 2]);
  });

  test("GitHub and DORA figures come from GitHub Metrics' week rows; weeks without KPIs or activity add nothing", () => {
    const github = new Map([
      [
        '2026-W03',
        {
          prsMerged: 4,
          codeReviewTime: 6.5,
          deployments: 3,
          deploySuccessRate: 0.75,
          leadTime: 20,
          changeFailureRate: 0.33,
          timeToRestore: 2,
          commits: 12,
          linesChanged: 800,
        },
      ],
      [
        '2026-W01',
        {
          prsMerged: 0,
          codeReviewTime: null,
          deployments: 0,
          deploySuccessRate: null,
          leadTime: null,
          changeFailureRate: null,
          timeToRestore: null,
          commits: 0,
          linesChanged: 0,
        },
      ],
      [
        '2026-W04',
        {
          prsMerged: 1,
          codeReviewTime: null,
          deployments: 0,
          deploySuccessRate: null,
          leadTime: null,
          changeFailureRate: null,
          timeToRestore: null,
          commits: 1,
          linesChanged: 5,
        },
      ],
    ]);
    const rows = rollupWeeks({ days, blockers: [], github, today: '2026-01-14' }, 'ja');
    expect(rows.map((r) => r.week)).toEqual(['2026-W02', '2026-W03']);
    expect(rows[1]).toMatchObject({ prsMerged: 4, codeReviewTime: 6.5, deployments: 3, leadTime: 20, changeFailureRate: 0.33, timeToRestore: 2 });
    expect(rows[0]).toMatchObject({ prsMerged: null, deployments: null });
  });
});

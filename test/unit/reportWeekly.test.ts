import type { KpiRow, KpiTargets } from '../../src/domain/chat/kpi';
import { barChartHtml } from '../../src/domain/reports/emailChart';
import { isoWeek, lastCompleteWeek } from '../../src/domain/reports/week';
import { weeklyReport, type WeeklyReportData } from '../../src/domain/reports/weeklyReport';
import { checkGmail } from '../helpers/emailSafety';

const DAYS = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11'];

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

function data(overrides: Partial<WeeklyReportData> = {}): WeeklyReportData {
  return {
    week: { year: 2026, number: 2, days: DAYS },
    kpiRows: [row('2026-01-05', { overallProgress: 0.5 }), row('2026-01-09', { overallProgress: 0.6 })],
    beforeWeek: row('2026-01-02', { overallProgress: 0.45 }),
    targets: new Map([['Overall Progress', { target: 0.55, higherIsBetter: true }]]) as KpiTargets,
    weekly: null,
    merged: [],
    completedTasks: [],
    resolvedBlockers: [],
    oldBlockers: [],
    blockerAgeDays: 3,
    alerts: null,
    sheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
    generatedAt: '2026-01-12 09:00',
    ...overrides,
  };
}

describe('weeks', () => {
  test('ISO weeks, across year ends', () => {
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1 });
    expect(isoWeek('2025-12-29')).toEqual({ year: 2026, week: 1 });
    expect(isoWeek('2026-01-05')).toEqual({ year: 2026, week: 2 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
  });

  test('the report is about the last complete Monday-to-Sunday week', () => {
    expect(lastCompleteWeek('2026-01-12')).toEqual({ year: 2026, number: 2, days: DAYS, key: '2026-W02' });
    expect(lastCompleteWeek('2026-01-14').key).toBe('2026-W02');
    expect(lastCompleteWeek('2026-01-11').key).toBe('2026-W01');
    expect(lastCompleteWeek('2026-01-05').days[0]).toBe('2025-12-29');
  });
});

describe('the weekly report builder', () => {
  test('subject in each language', () => {
    expect(weeklyReport(data(), 'ja').subject).toBe('shinchoku 週次レポート - Week 2');
    expect(weeklyReport(data(), 'en').subject).toBe('shinchoku weekly report - Week 2');
  });

  test("the KPI card: the week's latest value, the target, the change since before the week, seven bars", () => {
    const { text, html } = weeklyReport(data(), 'ja');
    expect(text).toContain('- 全体進捗: 60.0% ✔（目標 55.0%、先週比 ↗︎ +15.0pt、改善）\n    月 50.0% | 火 — | 水 — | 木 — | 金 60.0% | 土 — | 日 —');
    // Monday under target (orange), Friday on target (green), the missing days a grey line.
    expect(html).toContain('<div style="height:18px;background-color:#f29900;');
    expect(html).toContain('<div style="height:22px;background-color:#34a853;');
    expect(html).toContain('<div style="height:2px;background-color:#dadce0;');
  });

  test("without a row before the week, the change is measured from the week's first value", () => {
    expect(weeklyReport(data({ beforeWeek: null }), 'en').text).toContain(
      '- Overall progress: 60.0% ✔ (target 55.0%, ↗︎ +10.0pt on the week, better)',
    );
    expect(weeklyReport(data({ beforeWeek: null, kpiRows: [row('2026-01-09', { overallProgress: 0.6 })] }), 'en').text).toContain(
      '(target 55.0%, no change data)',
    );
  });

  test('a quiet week: nothing to flag, and KPIs without data say so', () => {
    const { text, html } = weeklyReport(data({ kpiRows: [], beforeWeek: null, targets: new Map() }), 'ja');
    expect(text).toContain('■ 注意事項\n  特になし 🎉');
    expect(html).toContain('今週の記録なし');
    expect(checkGmail(html)).toEqual([]);
  });

  test('alerts recorded by the sheet replace the derived days under target', () => {
    expect(weeklyReport(data({ alerts: ['品質アラート'] }), 'ja').text).toContain('今週のアラート（1 件）\n  - 品質アラート');
    expect(weeklyReport(data(), 'ja').text).toContain('今週のアラート（1 件）\n  - 全体進捗: 1 日が目標未達（1/5）');
  });

  test('every value is escaped; hostile text and URLs never become markup or links; still nothing Gmail lacks', () => {
    const evil = '<img src=x onerror=alert(1)> "quoted" & \'single\'';
    const { html } = weeklyReport(
      data({
        merged: [{ repository: evil, number: 1, title: evil, author: evil, url: 'javascript:alert(1)' }],
        completedTasks: [{ id: 'T', title: evil, owner: evil, project: evil }],
        resolvedBlockers: [{ description: evil, member: evil }],
        oldBlockers: [{ description: evil, member: evil, ageDays: 4 }],
        alerts: [evil],
        weekly: { avgProgress: 0.5, avgQuality: 3, totalBlockers: 2, trend: evil },
        sheetUrl: 'https://docs.google.com/x" onclick="alert(1)',
      }),
      'en',
    );
    expect(html).not.toMatch(/<img|" onclick|javascript:/);
    expect(html).not.toContain('docs.google.com/x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; &#39;single&#39;');
    expect(checkGmail(html)).toEqual([]);
  });

  test('long lists stop at 15 items with "…and N more"', () => {
    const merged = Array.from({ length: 40 }, (_, i) => ({ repository: 'a/b', number: i, title: `PR ${i}`, author: 'x', url: null }));
    const { text, html } = weeklyReport(data({ merged }), 'en');
    expect(text).toContain('  - a/b#14 PR 14 — x\n  - …and 25 more');
    expect(html).toContain('…and 25 more');
  });

  test('the bar chart: one cell per day, heights to scale, a grey line for a day without data', () => {
    const html = barChartHtml(
      [
        { label: 'Mon', value: 1, color: '#111111', title: '' },
        { label: 'Tue', value: 0.5, color: '#222222', title: '' },
        { label: 'Wed', value: null, color: '#333333', title: '' },
        { label: 'Thu', value: 0, color: '#444444', title: '' },
      ],
      1,
      { height: 40, labelColor: '#999999', emptyColor: '#dddddd' },
    );
    expect([...html.matchAll(/height:(\d+)px;background-color:(#\w+)/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      '40 #111111',
      '20 #222222',
      '2 #dddddd',
      '3 #444444',
    ]);
    expect(checkGmail(html)).toEqual([]);
  });
});

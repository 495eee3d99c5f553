import { KPI_FIELDS, type KpiRow, type KpiTargets } from '../../src/domain/chat/kpi';
import { dailySummary, type DailySummaryData } from '../../src/domain/reports/dailySummary';
import { changeText, kpiChange, kpiStatuses } from '../../src/domain/reports/kpis';
import { weeklyReport, type WeeklyReportData } from '../../src/domain/reports/weeklyReport';
import { checkGmail } from '../helpers/emailSafety';

/** Every KPI at `value`, the row before at `before`. */
function rows(before: number, value: number): [KpiRow, KpiRow] {
  const at = (date: string, v: number) => ({ date, ...Object.fromEntries(KPI_FIELDS.map((f) => [f.key, v])) }) as KpiRow;
  return [at('2026-01-06', before), at('2026-01-07', value)];
}

const NO_TARGETS: KpiTargets = new Map();

describe('a KPI change: the arrow follows the number, the verdict follows what "better" means for the KPI', () => {
  // The KPI declaration says which way is better when `Targets` does not.
  const lowerIsBetter = ['blockersCount', 'codeReviewTime'];

  test.each(KPI_FIELDS.map((f) => [f.key, f] as const))('%s: a rise is ↗︎, a fall ↘︎, each better or worse as declared', (key, field) => {
    const higher = !lowerIsBetter.includes(key);
    expect(field.higherIsBetter).toBe(higher);
    const [before, after] = rows(2, 3);
    const rise = kpiStatuses(after, before, NO_TARGETS, 'en').find((s) => s.field.key === key);
    const fall = kpiStatuses(before, after, NO_TARGETS, 'en').find((s) => s.field.key === key);
    expect(rise && kpiChange(rise, 'en')).toMatchObject({ arrow: '↗︎', better: higher });
    expect(fall && kpiChange(fall, 'en')).toMatchObject({ arrow: '↘︎', better: !higher });
  });

  test("the Targets sheet's Direction decides: a KPI declared lower-is-better there turns the verdict, not the arrow", () => {
    const [before, after] = rows(0.5, 0.6);
    const targets: KpiTargets = new Map([['Overall Progress', { target: 0.9, higherIsBetter: false }]]);
    const status = kpiStatuses(after, before, targets, 'en').find((s) => s.field.key === 'overallProgress');
    expect(status && kpiChange(status, 'en')).toEqual({ arrow: '↗︎', text: '+10.0pt', better: false });
  });

  test('a change too small to show is flat: →, no verdict', () => {
    const [before, after] = rows(0.5, 0.50001);
    const statuses = kpiStatuses(after, before, NO_TARGETS, 'ja');
    expect(statuses.map((s) => kpiChange(s, 'ja'))).toEqual(statuses.map(() => expect.objectContaining({ arrow: '→', better: null })));
    const progress = statuses[0];
    expect(progress && changeText(kpiChange(progress, 'ja')!, 'ja')).toBe('→ ±0.0pt');
  });

  test('in words, in each language', () => {
    const [before, after] = rows(1, 3);
    const blockers = kpiStatuses(after, before, NO_TARGETS, 'ja').find((s) => s.field.key === 'blockersCount');
    expect(blockers && changeText(kpiChange(blockers, 'ja')!, 'ja')).toBe('↗︎ +2（悪化）');
    const review = kpiStatuses(before, after, NO_TARGETS, 'en').find((s) => s.field.key === 'codeReviewTime');
    expect(review && changeText(kpiChange(review, 'en')!, 'en')).toBe('↘︎ −2.0 h (better)');
  });
});

describe('a rise in blockers that is still on target', () => {
  const targets: KpiTargets = new Map([['Blockers Count', { target: 3, higherIsBetter: false }]]);
  const kpi = (date: string, blockersCount: number): KpiRow => ({
    date,
    overallProgress: null,
    taskCompletionRate: null,
    qualityScore: null,
    teamSatisfaction: null,
    blockersCount,
    codeReviewTime: null,
    deploySuccessRate: null,
  });

  test('the daily summary: ✅ beside ↗︎ +2 and "worse", in Slack and in Discord', () => {
    const data: DailySummaryData = {
      date: '2026-01-07',
      weekday: 3,
      kpi: kpi('2026-01-07', 2),
      previousKpi: kpi('2026-01-06', 0),
      targets,
      members: [],
      openBlockers: 2,
      newBlockers: [],
      ageingBlockers: [],
      blockerAgeDays: 3,
      merged: [],
      deploys: [],
      alerts: [],
      now: '2026-01-07T09:30:00Z',
    };
    const s = dailySummary(data, 'ja');
    const slack = (s.thread.blocks[0] as { text: { text: string } }).text.text;
    expect(slack).toBe('*KPI（2026-01-07）* 前日比\n✅ *ブロッカー数* 2（目標 3）　↗︎ +2（悪化）');
    expect(s.discord.embeds[0]?.fields?.[0]?.value).toContain('✅ **ブロッカー数** 2（目標 3）　↗︎ +2（悪化）');
  });

  test('the weekly email: ↗︎ in red with "worse" beside the ✔, in HTML and plain text, still Gmail-safe', () => {
    const days = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-10', '2026-01-11'];
    const data: WeeklyReportData = {
      week: { year: 2026, number: 2, days },
      kpiRows: [kpi('2026-01-09', 2)],
      beforeWeek: kpi('2026-01-02', 1),
      targets,
      weekly: null,
      merged: [],
      completedTasks: [],
      resolvedBlockers: [],
      oldBlockers: [],
      blockerAgeDays: 3,
      alerts: [],
      sheetUrl: null,
      generatedAt: '2026-01-12 09:00',
    };
    const { html, text } = weeklyReport(data, 'en');
    expect(text).toContain('- Blockers: 2 ✔ (target 3, ↗︎ +1 on the week, worse)');
    expect(html).toContain('<span style="color:#d93025">↗︎ +1 on the week (worse)</span>');
    expect(weeklyReport({ ...data, kpiRows: [kpi('2026-01-09', 0)] }, 'ja').html).toContain('<span style="color:#1e8e3e">先週比 ↘︎ −1（改善）</span>');
    expect(checkGmail(html)).toEqual([]);
  });
});

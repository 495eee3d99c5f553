import type { Language } from '../messages';
import { RESOLVED_STATUS, type BlockerFact } from './daily';
import { addDays, isoWeekOf, type IsoWeek } from './days';
import { round, type KpiValues } from './fields';
import { kpiText } from './messages';

/**
 * One `Weekly` row per ISO week (Monday–Sunday): the seed's weekly report fields (period, average progress,
 * average quality, total blockers, trend) from `KPI Tracking` and `Blockers`, plus the week's GitHub and DORA
 * figures as the GitHub area computed them in `GitHub Metrics`.
 */

export interface KpiDay {
  day: string;
  values: KpiValues;
}

/** A week's row of `GitHub Metrics` (period `2026-W02`). */
export interface GitHubWeekFact {
  prsMerged: number | null;
  codeReviewTime: number | null;
  deployments: number | null;
  deploySuccessRate: number | null;
  leadTime: number | null;
  changeFailureRate: number | null;
  timeToRestore: number | null;
  commits: number | null;
  linesChanged: number | null;
}

export interface WeeklyRow extends GitHubWeekFact {
  week: string;
  from: string;
  to: string;
  avgProgress: number | null;
  avgCompletion: number | null;
  avgQuality: number | null;
  avgSatisfaction: number | null;
  totalBlockers: number | null;
  /** Average progress minus the previous week's, as a fraction (0.05 = 5 points). */
  progressChange: number | null;
  trend: string;
}

/** A week's progress moving less than half a point either way is flat. */
export const FLAT_CHANGE = 0.005;

const NO_GITHUB: GitHubWeekFact = {
  prsMerged: null,
  codeReviewTime: null,
  deployments: null,
  deploySuccessRate: null,
  leadTime: null,
  changeFailureRate: null,
  timeToRestore: null,
  commits: null,
  linesChanged: null,
};

function mean(values: ReadonlyArray<number | null>, digits: number): number | null {
  const nums = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return nums.length === 0 ? null : round(nums.reduce((a, b) => a + b, 0) / nums.length, digits);
}

/**
 * Blockers open at some moment of the week (opened by its Sunday, not resolved before its Monday). When `Blockers`
 * holds nothing at all (a team that sends its KPIs by webhook), the week's highest daily Blockers Count.
 */
export function weekBlockers(week: IsoWeek, blockers: readonly BlockerFact[], days: readonly KpiDay[]): number | null {
  if (blockers.length === 0) {
    const counts = days.map((d) => d.values.blockersCount).filter((v): v is number => v !== null);
    return counts.length === 0 ? null : Math.max(...counts);
  }
  return blockers.filter((b) => {
    if (b.openedDay !== null && b.openedDay > week.to) return false;
    if (b.resolvedDay !== null) return b.resolvedDay >= week.from;
    return !RESOLVED_STATUS.test(b.status.trim()) || (b.openedDay !== null && b.openedDay >= week.from);
  }).length;
}

export function trendText(
  row: Pick<WeeklyRow, 'avgProgress' | 'avgQuality' | 'totalBlockers' | 'progressChange'>,
  previousQuality: number | null,
  language: Language,
): string {
  const parts: string[] = [];
  if (row.avgProgress !== null) {
    const value = `${(row.avgProgress * 100).toFixed(1)}%`;
    if (row.progressChange === null) parts.push(kpiText('trendProgressFirst', language, { value }));
    else parts.push(kpiText('trendProgress', language, { value, change: signed(row.progressChange * 100, 1, language === 'ja' ? 'pt' : ' pt') }));
  }
  if (row.avgQuality !== null) {
    parts.push(
      previousQuality === null
        ? kpiText('trendQuality', language, { value: row.avgQuality.toFixed(1), change: '—' })
        : kpiText('trendQuality', language, { value: row.avgQuality.toFixed(1), change: signed(row.avgQuality - previousQuality, 1, '') }),
    );
  }
  if (row.totalBlockers !== null) parts.push(kpiText('trendBlockers', language, { value: row.totalBlockers }));
  if (parts.length === 0) return kpiText('trendNoData', language);
  const arrow = row.progressChange === null ? '' : row.progressChange >= FLAT_CHANGE ? '📈 ' : row.progressChange <= -FLAT_CHANGE ? '📉 ' : '➡️ ';
  return arrow + parts.join(language === 'ja' ? '・' : ' · ');
}

function signed(value: number, digits: number, unit: string): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return `±0${unit}`;
  return `${value > 0 ? '+' : '−'}${text}${unit}`;
}

/** Every week that has KPI rows or GitHub figures, oldest first, up to the week of `today`. */
export function rollupWeeks(
  input: { days: readonly KpiDay[]; blockers: readonly BlockerFact[]; github: ReadonlyMap<string, GitHubWeekFact>; today: string },
  language: Language,
): WeeklyRow[] {
  const current = isoWeekOf(input.today).key;
  const weeks = new Map<string, { week: IsoWeek; days: KpiDay[] }>();
  const add = (week: IsoWeek) => {
    if (week.key > current) return undefined;
    let entry = weeks.get(week.key);
    if (!entry) weeks.set(week.key, (entry = { week, days: [] }));
    return entry;
  };
  for (const day of input.days) add(isoWeekOf(day.day))?.days.push(day);
  for (const [key, figures] of input.github) {
    const m = /^(\d{4})-W(\d{2})$/.exec(key);
    // The GitHub area writes a row for every recent week; a week with no activity adds no Weekly row.
    if (!m || !hasActivity(figures)) continue;
    // Monday of ISO week N: the Monday of the week holding January 4th, plus N-1 weeks.
    const jan4 = isoWeekOf(`${m[1]}-01-04`);
    add(isoWeekOf(addDays(jan4.from, (Number(m[2]) - 1) * 7)));
  }
  const rows: WeeklyRow[] = [];
  let previous: WeeklyRow | null = null;
  for (const { week, days } of [...weeks.values()].sort((a, b) => (a.week.key < b.week.key ? -1 : 1))) {
    const avgProgress = mean(
      days.map((d) => d.values.overallProgress),
      4,
    );
    const avgQuality = mean(
      days.map((d) => d.values.qualityScore),
      2,
    );
    const adjacent = previous !== null && previous.to === addDays(week.from, -1);
    const progressChange =
      adjacent && previous && previous.avgProgress !== null && avgProgress !== null ? round(avgProgress - previous.avgProgress, 4) : null;
    const row: WeeklyRow = {
      ...NO_GITHUB,
      ...(input.github.get(week.key) ?? {}),
      week: week.key,
      from: week.from,
      to: week.to,
      avgProgress,
      avgCompletion: mean(
        days.map((d) => d.values.taskCompletionRate),
        4,
      ),
      avgQuality,
      avgSatisfaction: mean(
        days.map((d) => d.values.teamSatisfaction),
        2,
      ),
      totalBlockers: weekBlockers(week, input.blockers, days),
      progressChange,
      trend: '',
    };
    row.trend = trendText(row, adjacent && previous ? previous.avgQuality : null, language);
    rows.push(row);
    previous = row;
  }
  return rows;
}

function hasActivity(week: GitHubWeekFact): boolean {
  return [week.prsMerged, week.deployments, week.commits, week.linesChanged].some((n) => n !== null && n > 0) || week.codeReviewTime !== null;
}

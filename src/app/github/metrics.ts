import { DORA_CURRENT_PERIOD as LAST_28_DAYS, DORA_WINDOW_DAYS, doraLevels } from '../../domain/code/doraLevels';
import { addDays, metricsForPeriods, recentPeriods } from '../../domain/github/metrics';
import type { Metrics } from '../../domain/github/metrics';
import type { Calendar } from '../../platform/timeZone';
import type { Table } from '../../sheets/table';
import type { GITHUB_METRICS } from '../../sheets/githubTables';
import type { HOLIDAYS } from '../../sheets/tables';
import { readHolidays, workingHoursOn } from '../workdays';
import type { ApplyResult } from './apply';

/** How far back each sync recomputes `GitHub Metrics`: five weeks of days, and the ISO weeks they touch. */
export const METRIC_DAYS = 35;

export interface MetricsDeps {
  calendar: Calendar;
  today: Date;
  metrics: Table<(typeof GITHUB_METRICS)['columns'][number]['key']>;
  productionEnvironments: readonly string[];
  /** Review and lead times count working hours: weekends and these holidays left out. */
  holidays: Table<(typeof HOLIDAYS)['columns'][number]['key']>;
}

/** Recomputes the recent days and weeks of `GitHub Metrics` from the tables as the sync just left them. */
export function writeMetrics(deps: MetricsDeps, applied: ApplyResult): void {
  const { calendar } = deps;
  // Instants of one quarter-hour share a calendar day in every time zone (offsets are whole quarters), so
  // formatting once per quarter-hour keeps Utilities.formatDate calls few on a large table.
  const days = new Map<number, string>();
  const dayOf = (instant: Date) => {
    const slot = Math.floor(instant.getTime() / 900_000);
    let day = days.get(slot);
    if (day === undefined) {
      day = calendar.dateKey(instant);
      days.set(slot, day);
    }
    return day;
  };
  const input = {
    pulls: [...applied.state.pulls.values()],
    reviews: [...applied.state.reviews.values()],
    deployments: [...applied.state.deployments.values()],
    commits: [...applied.state.commits.values()],
    incidents: [...applied.state.incidents.values()],
    dayOf,
    productionEnvironments: deps.productionEnvironments,
    workingHours: workingHoursOn(calendar, readHolidays(deps.holidays, calendar)),
  };
  const today = calendar.dateKey(deps.today);
  const levelsOf = (m: Metrics) => {
    const levels = doraLevels({
      deploysPerWeek: m.deployments / (DORA_WINDOW_DAYS / 7),
      leadTimeHours: m.leadTime,
      changeFailureRate: m.changeFailureRate,
      restoreHours: m.timeToRestore,
    });
    return {
      deployFrequencyLevel: levels.deploymentFrequency,
      leadTimeLevel: levels.leadTime,
      changeFailureLevel: levels.changeFailureRate,
      restoreLevel: levels.timeToRestore,
    };
  };
  const windowTo = (end: string) => ({ from: addDays(end, -(DORA_WINDOW_DAYS - 1)), to: end });
  const periods = recentPeriods(today, METRIC_DAYS);
  const weekly = periods.filter((p) => p.period.includes('W'));
  // The four weeks up to today, which the Dashboard and the weekly report read the current levels from.
  const window = windowTo(today);
  // Every range in one pass, so the sync's cost follows the rows in the ranges, not the years in the tables.
  const metrics = metricsForPeriods(input, [
    ...periods.map((p) => p.range),
    ...weekly.map((p) => windowTo(p.range.to < today ? p.range.to : today)),
    window,
  ]);
  const levelsAt = new Map(weekly.map((p, i) => [p.period, levelsOf(metrics[periods.length + i]!)]));
  const current = metrics[metrics.length - 1]!;
  const rows: Array<Record<string, unknown>> = periods.map((p, i) => ({
    period: p.period,
    start: calendar.midnight(p.start),
    ...metrics[i]!,
    ...(levelsAt.get(p.period) ?? {}),
  }));
  rows.push({ period: LAST_28_DAYS, start: calendar.midnight(window.from), ...current, ...levelsOf(current) });
  deps.metrics.upsert(rows as Array<Parameters<MetricsDeps['metrics']['upsert']>[0][number]>);
}

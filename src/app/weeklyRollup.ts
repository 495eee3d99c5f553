import { rollupWeeks, type GitHubWeekFact } from '../domain/kpi/weekly';
import type { Language } from '../domain/messages';
import type { Calendar } from '../platform/timeZone';
import type { Locked } from '../platform/lock';
import type { Table } from '../sheets/table';
import type { GITHUB_METRICS } from '../sheets/githubTables';
import type { BLOCKERS, KPI_TRACKING, WEEKLY } from '../sheets/tables';
import { blockerFact, githubWeekFact, kpiDay } from './kpiFacts';

type Keys<T extends { columns: ReadonlyArray<{ key: string }> }> = T['columns'][number]['key'];

export interface WeeklyRollupDeps {
  today: string;
  calendar: Calendar;
  language: Language;
  kpi: Table<Keys<typeof KPI_TRACKING>>;
  blockers: Table<Keys<typeof BLOCKERS>> | null;
  /**
   * Null when the GitHub area has written nothing yet. `keep` leaves the GitHub columns as they are and adds no week
   * for GitHub activity alone: the weekly report refreshes only what it shows, without reading `GitHub Metrics`.
   */
  githubMetrics: Table<Keys<typeof GITHUB_METRICS>> | null | 'keep';
  weekly: Table<Keys<typeof WEEKLY>>;
  locked: Locked;
}

/** `rollUpWeekly`: one `Weekly` row per ISO week, recomputed from the tables; rows that did not change stay as they are. */
export function rollUpWeeks(deps: WeeklyRollupDeps): { weeks: number; created: number; updated: number } {
  const key = deps.calendar.dateKey;
  const days = deps.kpi.read().rows.flatMap((r) => kpiDay(r.record, key) ?? []);
  const blockers = deps.blockers ? deps.blockers.read().rows.map((r) => blockerFact(r.record, key)) : [];
  const github = new Map<string, GitHubWeekFact>();
  const metrics = deps.githubMetrics === 'keep' ? null : deps.githubMetrics;
  for (const r of metrics?.read().rows ?? []) {
    const week = githubWeekFact(r.record);
    if (week) github.set(week[0], week[1]);
  }
  const rows = rollupWeeks({ days, blockers, github, today: deps.today }, deps.language);
  const records = rows.map((r) => ({
    week: r.week,
    start: deps.calendar.midnight(r.from),
    end: deps.calendar.midnight(r.to),
    avgProgress: r.avgProgress,
    avgQuality: r.avgQuality,
    totalBlockers: r.totalBlockers,
    trend: r.trend,
    progressChange: r.progressChange,
    avgCompletion: r.avgCompletion,
    avgSatisfaction: r.avgSatisfaction,
    // Upsert changes only the columns a record names.
    ...(deps.githubMetrics === 'keep'
      ? {}
      : {
          prsMerged: r.prsMerged,
          codeReviewTime: r.codeReviewTime,
          deployments: r.deployments,
          deploySuccessRate: r.deploySuccessRate,
          leadTime: r.leadTime,
          changeFailureRate: r.changeFailureRate,
          timeToRestore: r.timeToRestore,
          commits: r.commits,
          linesChanged: r.linesChanged,
        }),
  }));
  const result = records.length === 0 ? { created: 0, updated: 0 } : deps.locked(() => deps.weekly.upsert(records));
  return { weeks: rows.length, created: result.created, updated: result.updated };
}
